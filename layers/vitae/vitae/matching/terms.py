"""The terms part of the match: how well a resume covers the requirements' other words (those no skill
name took), BM25-weighted, stop words removed.

Own BM25 rather than `rank_bm25` or `bm25s`: those rank many documents of a corpus, while here there is
one query (the requirements) and one document (the resume), and a two-document corpus gives no usable
inverse document frequency. So each term's IDF is computed over the requirements' own sentences (a word
in every sentence is boilerplate, a word in one is specific), its query weight grows with how often the
requirements repeat it (BM25's k3 saturation), and the resume's term frequency saturates as BM25's k1 with
b length normalisation against a typical resume length. The weights depend on the requirements alone, so
every resume is scored against the same weights. Twenty lines, no numpy at import.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

K1 = 1.2  # resume term frequency saturation
B = 0.5  # resume length normalisation
K3 = 8.0  # requirements term frequency saturation
TYPICAL_RESUME_WORDS = 350  # content words (stop words out) of a typical 1-2 page resume
PREFERRED_FACTOR = 0.5  # a term of a preferred sentence counts half

STOP_WORDS = frozenset("""
a about above across after again against all almost along also although always am among an and another any
anyone anything are around as at be became because become becomes been before being below between both
but by can cannot could did do does doing done down during each either else enough etc even ever every
few for from further get gets getting give given go going got had has have having he her here hers him
his how however i if in including into is it its itself just least less let like made make makes making
many may me might more most much must my need needed needs neither never no nor not now of off often on
once one only onto or other others our ours out over own per perhaps please quite rather really same
see seem several shall she should since so some something such than that the their theirs them then
there these they this those though through throughout thus to together too toward towards under until
up upon us use used uses using very via was we well were what whatever when where whether which while
who whom whose why will with within without would yet you your yours yourself e g ie eg i.e e.g
ability able across advanced applicant applicants apply based best bring candidate candidates career
company strong strongly excellent good great high highly ideal ideally join looking new opportunity
opportunities plus position preferred prefer preference proven related relevant required require
requires requirement requirements responsibilities responsibility responsible role roles skill skills
solid successful team teams work works worked working year years yr yrs experience experienced
experiences knowledge understanding familiarity familiar exposure demonstrated demonstrate
including include includes etc nice have bonus must minimum least qualification qualifications
degree bachelor bachelors master masters diploma equivalent level levels day days week weeks month months
time full part help helps helping ensure ensuring provide providing provides support supporting
within across various variety multiple key core effectively effective environment environments
fast paced dynamic passion passionate motivated self detail oriented attention excellent professional
professionals job jobs duties duty task tasks us our we'll you'll you're we're it's i'm
ll re ve don t s d m
assist assisting build building builds built create creating creates develop developing maintain
maintaining manage managing manages perform performing coordinate coordinating conduct conducting handle
handling lead leading own owning deliver delivering drive driving improve improving review reviewing
run running collaborate collaborating communicate communicating prepare preparing ensure make
related similar equivalent field fields area areas plus bonus points nice wide range new
looking seeking hiring hire join joining grow growing growth opportunity world class leading
non bs ba ms ma msc bsc mba phd ph md jd bsn adn msn beng meng btech bba mfa bfa med ged hons
""".split())

@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English suffix strip so that "nurse", "nurses" and "nursing" meet on "nurs" (not Porter:
    cheap, and enough to match two texts against each other)."""
    if len(word) <= 4 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[:-len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def content_words(words: list[str]) -> list[str]:
    """Stemmed words without stop words, numbers and single letters."""
    return [stem(w) for w in words if len(w) > 1 and w not in STOP_WORDS and not w[0].isdigit()]


@dataclass(frozen=True)
class TermWeight:
    """A requirements term, its BM25 query weight (IDF over the requirements' sentences times the
    saturated count), and a sentence of the requirements that has it."""

    term: str
    weight: float
    sentence: int


def requirement_terms(sentences: list[list[str]], importances: list[float]) -> list[TermWeight]:
    """The weighted terms of the requirements: `sentences` are each sentence's content words,
    `importances` each sentence's factor (1 required, PREFERRED_FACTOR preferred, 0 asks nothing)."""
    counted = [(words, factor) for words, factor in zip(sentences, importances, strict=True) if factor > 0]
    total = len(counted)
    if total == 0:
        return []
    document_frequency: dict[str, int] = {}
    query_frequency: dict[str, float] = {}
    first_sentence: dict[str, int] = {}
    for index, (words, factor) in enumerate(zip(sentences, importances, strict=True)):
        if factor <= 0:
            continue
        for word in words:
            query_frequency[word] = query_frequency.get(word, 0.0) + factor
            first_sentence.setdefault(word, index)
        for word in set(words):
            document_frequency[word] = document_frequency.get(word, 0) + 1
    weights = []
    for term in sorted(query_frequency):
        df = document_frequency[term]
        idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
        qtf = query_frequency[term]
        weights.append(TermWeight(term, idf * (K3 + 1) * qtf / (K3 + qtf), first_sentence[term]))
    return weights


def resume_saturation(term_frequency: int, resume_length: int) -> float:
    """BM25's saturated term frequency, scaled to 0..1 (1 is a term repeated without end)."""
    if term_frequency <= 0:
        return 0.0
    norm = 1 - B + B * resume_length / TYPICAL_RESUME_WORDS
    return term_frequency / (term_frequency + K1 * norm)
