"""Reading a requirements text and a resume text for the match score: sentences, whether each asks
(required or preferred), the skills each names, years of experience and education levels.

Pure functions over strings; nothing here reads a clock, a file or the network. The skills come from the
one shared vocabulary (`vitae.taxonomy.skills`), matched on word n-grams of normalised keys as the CV
parser does, with where each mention was found.

The CV parser's heading patterns (`vitae.cvparse.sections`, with its vocabulary), date patterns
(`vitae.cvparse.dates`) and company words are imported where a text needs them (a resume's sections,
its date ranges, a job ad's masthead): ~40 ms of CPU at first import, mostly compiling their patterns,
that a reading of skills alone (`read(..., sections=False)`: a job's skill keys) never needs.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from typing import Any, Literal, cast

from vitae.cvparse.section_kinds import EDUCATION, OTHER, SKILLS, SUMMARY
from vitae.taxonomy.skills import (
    ALIAS_CONTEXT,
    ALIAS_VETOES,
    ROLE_FORMS,
    SKILL_ALIASES,
    SOFTWARE_WORDS,
    american,
    known_skills,
    needs_capital,
    normal_token,
    ordinary_use,
    token_matches,
)

Importance = Literal["required", "preferred"]


class _LazyPattern:
    """A regular expression compiled at its first use; then each attribute asked for (`search`,
    `finditer`...) is the compiled pattern's own, kept on this object, so later calls cost nothing
    more than a compiled pattern's. (`_lazy` is how it is made.)"""

    def __init__(self, source: str, flags: int) -> None:
        self._source, self._flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        value = getattr(self._compiled, name)
        setattr(self, name, value)
        return value


def _lazy(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source, flags)`, compiled at first use. The patterns of what a text asks beyond its
    skills (a requirement's wording, a job ad's headings and boilerplate, years, education) are ~6.5 ms
    of CPU to compile, which a reading of skills alone (a job's skill keys) never needs."""
    return cast(re.Pattern[str], _LazyPattern(source, flags))


_MAX_NGRAM = 4
_BULLET = re.compile(r"^\s*(?:[-–—•·*▪■◦●➢✓✔>]+|\(?\d{1,2}[.)])\s*")
# A sentence ends at . ! ? or ; followed by a space and a capital, a digit or a bracket ("Node.js" and
# "e.g. the" stay whole), and at an inline bullet.
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9(\"“])|\s+[•·▪■●]\s+|\t+")
_CLAUSE_SPLIT = _lazy(r"[,;:]|\s+[-–—]\s+|\(|\)")

# Wording that makes a clause or heading preferred, or required, or a part of the text that asks nothing.
_PREFERRED = _lazy(
    r"nice[- ]to[- ]haves?|\bpreferred\b|\bpreferably\b|\bpreference\b|\bbonus\b|\ba (?:big |huge |strong )?plus\b|"
    r"\bis a plus\b|\bpluses\b|\bideally\b|\bideal\b|\bdesirable\b|\bdesired\b|\badvantage(?:ous)?\b|"
    r"good[- ]to[- ]have|\boptional\b|\bwould be (?:great|nice|helpful|beneficial)\b|\bnot required\b|"
    r"\bextra points\b|\bbeneficial\b|\bhelpful\b|\bappreciated\b|\bstand out\b|\bextra credit\b|"
    r"\bnot (?:a )?(?:must|requirement)\b", re.IGNORECASE)
_REQUIRED = _lazy(r"\bmust\b|\brequired\b|\brequirements?\b|\bessential\b|\bmandatory\b|\bminimum\b|"
                  r"\bneed to have\b|\byou have\b|\bqualifications\b|\bat least\b", re.IGNORECASE)
_IGNORED_HEADING = _lazy(
    r"about (?:us|the company|our company|the team|the organi[sz]ation)|who we are|benefits|perks|"
    r"what we offer|we offer|why (?:join|work)|compensation|salary|pay range|equal (?:opportunity|employment)|"
    r"\beeo\b|how to apply|our values|our mission|our story|location|working hours|schedule|the company",
    re.IGNORECASE)
# A heading without a colon must read as one whole ("Requirements", "What you'll bring", "Nice to have").
_HEADING_LINE = _lazy(
    r"(?:(?:key|main|core|your|the|our|basic|minimum|preferred|desired|additional|required|essential|"
    r"technical|professional|job|role|position)\s+)*"
    r"(?:requirements?|qualifications?|responsibilities|duties|skills(?:\s+(?:and|&)\s+experience)?|experience|"
    r"nice[- ]to[- ]haves?|must[- ]haves?|bonus(?: points)?|benefits|perks|about (?:us|you|the role|the job|"
    r"the company|the team|the position)|who you are|who we are|what you(?:'ll|’ll| will) (?:do|bring|need)|"
    r"what we(?:'re|’re| are) looking for|what we offer|you have|you are|the role|your role|your profile|"
    r"profile|education|compensation|salary|location|how to apply|why join us|overview|summary|description|"
    r"tech stack|our stack|tools|(?:preferred|desired|additional|bonus|nice[- ]to[- ]have) "
    r"(?:qualifications|skills|experience)|(?:preferred|desired|additional|bonus|nice[- ]to[- ]have))[!?.]*",
    re.IGNORECASE)
_HEADING_HINT = _lazy(
    r"requirement|qualification|responsibilit|duties|skills|experience|profile|about|benefits|perks|offer|"
    r"bonus|plus|nice|preferred|desired|ideal|stand out|looking for|you(?:'ll|’ll| will)? (?:bring|need|have|do)|"
    r"who you are|role|expect|must|essential|education|background|competenc", re.IGNORECASE)
_MAX_HEADING_WORDS = 7


@dataclass(frozen=True)
class Sentence:
    """One sentence (or list item) of a text: its words as written, the importance it asks with (for a
    requirements text; None where the text asks nothing, as in "About us"), its resume section."""

    text: str
    importance: Importance | None
    section: str | None = None


@dataclass(frozen=True)
class Mention:
    """A skill (by key) named in a sentence, with the importance of its clause; `group` numbers the
    alternatives it is one of ("Snowflake, BigQuery or Redshift"), None when it stands alone."""

    key: str
    sentence: int
    importance: Importance | None
    group: int | None = None


@dataclass
class Reading:
    """A text read once: its sentences, the skills each names (in order), and the positions (sentence,
    token) of the words those skill names take, which the terms part leaves to the skills part."""

    sentences: list[Sentence]
    mentions: list[Mention]
    words: list[list[str]]  # normalised words per sentence
    skill_words: set[tuple[int, int]] = field(default_factory=set)
    groups: int = 0  # alternatives groups numbered so far


def _heading(line: str) -> tuple[str, str] | None:
    """(heading, inline content) when a line is a heading: short, ends with a colon or reads as one."""
    label, colon, rest = line.partition(":")
    words = label.split()
    if not words or len(words) > _MAX_HEADING_WORDS or label.rstrip().endswith((".", ",")):
        return None
    if colon:  # "Nice to have: Kafka", not "Spark and a cloud data warehouse: Snowflake or BigQuery"
        if "(" in label or (len(words) > 4 and not _HEADING_HINT.search(label)):
            return None
        return label.strip(), rest.strip()
    if _HEADING_LINE.fullmatch(label.strip()):
        return label.strip(), ""
    # "What Would Make You Stand Out", "DESIRED SKILLS AND EXPERIENCE": set apart by its capitals.
    if len(words) <= 6 and (label.istitle() or label.isupper()) and not re.search(r"[.,;!]", label) and \
            _HEADING_HINT.search(label):
        return label.strip(), ""
    return None


def _heading_importance(heading: str) -> Importance | None:
    if _PREFERRED.search(heading):
        return "preferred"
    if _IGNORED_HEADING.search(heading) and not _REQUIRED.search(heading):
        return None
    return "required"


_HEADER_LINE = _lazy(r"\b[A-Z][a-z]+,\s*[A-Z]{2}\b|\b(?:remote|hybrid|on-?site|full-time|part-time)\b|"
                     r"\s[—|·]\s|\(\d+ (?:rooms|beds|employees)\)", re.IGNORECASE)


# A sentence of a job ad's opening that describes the employer, not the job.
_ABOUT_US = _lazy(
    r"\b(?:is|are) (?:a|an|the) (?:leading|global|growing|fast-growing|\d[\d,]*-\w+|[\w-]+ (?:company|firm|"
    r"provider|startup|agency|group|organi[sz]ation|employer|platform|leader))\b|\bwe are (?:a|an|the)\b|"
    r"\b(?:founded|headquartered|established) in\b|\bour mission\b|\bemploys [\d,]+|\bserving\b.*\bclients\b|"
    r"^(?:we|our company|our team)\b.*\b(?:sells?|builds?|makes|designs|processes|provides|helps)\b",
    re.IGNORECASE)


# Sentences of a job ad's legal and benefits boilerplate, wherever they are.
_BOILERPLATE = _lazy(
    r"equal (?:opportunity|employment)|without regard to|reasonable accommodations?|\be-verify\b|drug[- ]free|"
    r"\bat-will\b|\b401\(?k\)?|paid time off|\bpto\b|health insurance|salary range|pay range|compensation range|"
    r"base salary|\$\s?\d[\d,.]*\s?(?:k|-|–|to|per|/|an hour|a year)|protected (?:veteran|characteristic)|"
    r"applicants? (?:will|must) be considered|we are proud to be|privacy (?:notice|policy)",
    re.IGNORECASE)


def _is_header_line(line: str) -> bool:
    """A line of a job ad's masthead (company, location, work mode), not a requirement."""
    from vitae.cvparse.vocabulary import COMPANY_WORDS

    words = re.findall(r"[\w.&'-]+", line.lower())
    return (len(words) <= 12 and not line.rstrip().endswith(".") and
            (bool(_HEADER_LINE.search(line)) or any(word.strip(".") in COMPANY_WORDS for word in words)))


def sentences_of(text: str, requirements: bool, sections: bool = True) -> list[Sentence]:
    """The sentences of a text, list items and headings' inline content included; headings themselves
    set the importance (requirements) or the section (resume) of what follows. In a requirements text
    with headings, the masthead lines under the title (company, location) ask nothing, nor do the opening's
    sentences about the employer ("Acme is a leading provider of..."). `sections=False`: a resume's
    sentences are not sorted into sections (each `section` None; the sentences are the same)."""
    if sections and not requirements:
        from vitae.cvparse.sections import heading_kind
    lines = [_BULLET.sub("", raw).strip() for raw in text.splitlines()]
    lines = [line for line in lines if line]
    headings = [_heading(line) if requirements else None for line in lines]
    has_headings = any(headings)
    result: list[Sentence] = []
    importance: Importance | None = "required"
    section: str | None = None
    before_first_heading = True
    for number, line in enumerate(lines):
        line_importance = importance
        if head := headings[number]:
            importance = line_importance = _heading_importance(head[0])
            before_first_heading = False
            line = head[1]
            if not line:
                continue
        elif sections and not requirements and len(line) <= 60 and (
                kind := heading_kind(line.rstrip(":"), _looks_like_heading(line))):
            section = kind  # and the heading's words still count: "Nursing Experience" shows nursing
        elif has_headings and before_first_heading and number > 0 and _is_header_line(line):
            line_importance = None
        for part in _SENTENCE_END.split(line):
            part = _BULLET.sub("", part).strip()
            if part:
                asks_nothing = requirements and (bool(_BOILERPLATE.search(part)) or (
                    before_first_heading and bool(_ABOUT_US.search(part))))
                result.append(Sentence(part, None if asks_nothing or not requirements else line_importance, section))
    return result


def _looks_like_heading(line: str) -> bool:
    """Set apart as a heading is in plain text: capitals, or a few words without punctuation."""
    return line.isupper() or (len(line.split()) <= 4 and not re.search(r"[,.;:|@\d]", line.rstrip(":")))


def _clause_importances(sentence: str, default: Importance | None) -> list[tuple[int, Importance | None]]:
    """(clause end offset, importance) for each clause: its own wording ("Python required, Rust a plus"),
    else the wording of the nearest following clause of the same list ("Python, Go and Rust are a plus";
    a semicolon or a colon ends a list, and a bracket's wording stays in it: "food handler certificate
    (ServSafe a plus)"), else the default."""
    if default is None:
        return [(len(sentence), None)]
    clauses: list[tuple[int, Importance | None, bool, bool]] = []  # end, own wording, bracketed, list ends
    start = 0
    for m in [*_CLAUSE_SPLIT.finditer(sentence), None]:
        end = m.start() if m else len(sentence)
        clause = sentence[start:end]
        own: Importance | None = "preferred" if _PREFERRED.search(clause) else (
            "required" if _REQUIRED.search(clause) else None)
        clauses.append((end, own, clause.startswith("("), m is None or m[0] in ";:"))
        start = end
    # A label ("Bonus: Kafka, Redis") governs what follows it in the sentence.
    labels: list[Importance | None] = []
    label: Importance | None = None
    for end, own, _, _ in clauses:
        labels.append(label)
        if own and end < len(sentence) and sentence[end] == ":":
            label = own
    result: list[tuple[int, Importance | None]] = []
    following: Importance | None = None
    for (end, own, bracketed, list_ends), label in zip(reversed(clauses), reversed(labels), strict=True):
        if list_ends:
            following = None
        result.append((end, own or label or following or default))
        if not bracketed:
            following = own or following
    return list(reversed(result))


@dataclass(frozen=True)
class _Index:
    """The vocabulary as one lookup: every written form (skill key, alias, singular or plural, spaced or
    run together) -> skill key; the first words of the multi-word forms; the forms that count only as
    proper names. Built at first use, not at import."""

    forms: dict[str, str]
    first_words: frozenset[str]
    capital_only: frozenset[str]


@cache
def _index() -> _Index:
    known = known_skills()
    forms: dict[str, str] = {key: key for key in known}
    forms.update((alias, key) for alias, key in SKILL_ALIASES.items() if key in known)
    for form, key in list(forms.items()):
        if len(form) > 5 and not needs_capital(key):
            other = form[:-1] if form.endswith("s") and not form.endswith("ss") else form + "s"
            forms.setdefault(other, key)  # "wireframes", "deposition"
        if " " in form:
            forms.setdefault(form.replace(" ", ""), key)  # "Type Script", "Node JS"
        forms.setdefault(" ".join(american(word) for word in form.split(" ")), key)  # "colour theory"
    first_words = frozenset(form.split(" ")[0] for form in forms if " " in form)
    capital_only = frozenset(key for key in known if needs_capital(key))
    return _Index(forms, first_words, capital_only)


def _proper(text: str, start: int, end: int, first: bool) -> bool:
    """A capital, not the sentence's first word and not part of a compound ("Go-getter", "R&D"). A
    word of three or more letters written in capitals is an acronym wherever it stands ("PALS
    certification preferred"), unless its whole sentence is in capitals ("SECURITY OFFICER WANTED")."""
    word = text[start:end]
    if word.islower():
        return False
    compound = bool(re.match(r"[-&][^\W\d_]", text[end:end + 2]))
    # A sentence's first word counts only as a list item: "Go, Rust or C++", "Go/Python".
    listed = bool(re.match(r"\s*(?:[,/)]|$|\s(?:or|and)\s)", text[end:end + 6]))
    acronym = len(word) >= 3 and word.isupper() and not text.isupper()
    return (listed or acronym or not first) and not compound


def _skill_at(keys: list[str], start: int, end: int, index: _Index) -> tuple[str, int, str] | None:
    """(skill key, words taken, form written) of the longest skill name starting at word `start` and
    ending before word `end` (a comma, a colon or a sentence's end between words ends a name)."""
    forms = index.forms
    if keys[start] not in index.first_words:
        key = forms.get(keys[start])
        return (key, 1, keys[start]) if key is not None else None
    for n in range(min(_MAX_NGRAM, end - start), 0, -1):
        words = keys[start:start + n]
        spaced = " ".join(words)
        key = forms.get(spaced)
        if key is not None:
            return key, n, spaced
        if n > 1 and (key := forms.get("".join(words))) is not None:
            return key, n, spaced
    return None


@lru_cache(maxsize=65536)
def _normal(token: str) -> str:
    """A word as the matcher compares it: normalised (`normal_token`) and in American spelling."""
    return american(normal_token(token))
_PHRASE_BREAK = re.compile(r"[,;:()!?\[\]]|\.\s")


def _phrase_ends(text: str, matches: list[re.Match[str]]) -> list[int]:
    """For each word, the index of the first word a skill name starting there cannot reach: names do
    not run across commas, colons, brackets or sentence ends ("performance, testing" is no
    "performance testing")."""
    ends = [len(matches)] * len(matches)
    for i in range(len(matches) - 2, -1, -1):
        gap = text[matches[i].end():matches[i + 1].start()]
        ends[i] = i + 1 if _PHRASE_BREAK.search(gap) else ends[i + 1]
    return ends


def read(text: str, requirements: bool, sections: bool = True) -> Reading:
    """Read a text: sentences, skill mentions (with the importance of the clause each is in) and the
    normalised words of each sentence. `sections=False` (a resume's skills alone): its sentences are
    not sorted into sections (`sentences_of`); the mentions and words are the same.

    A software skill named by an ordinary word (`vitae.taxonomy.skills.SOFTWARE_WORDS`: Chef, Spring,
    Swift...) does not count beside a word that makes it the ordinary noun (`ordinary_use`: "Head Chef",
    "Spring term"): a line cook's ad reporting to the Head Chef asks nothing of the configuration tool."""
    index = _index()
    sentences = sentences_of(text, requirements, sections)
    reading = Reading(sentences, [], [])
    for number, sentence in enumerate(sentences):
        matches = token_matches(sentence.text)
        keys = [_normal(m[0]) for m in matches]
        reading.words.append(keys)
        ends = _phrase_ends(sentence.text, matches)
        clauses: list[tuple[int, Importance | None]] | None = None
        spans: list[tuple[int, int]] = []
        position = 0
        while position < len(keys):
            found = _skill_at(keys, position, ends[position], index)
            if found is None:
                position += 1
                continue
            key, taken, form = found
            vetoes = ALIAS_VETOES.get(form)
            context = ALIAS_CONTEXT.get(form)
            ambiguous = taken == 1 and key == form and key in index.capital_only
            colleague = requirements and number > 0 and (form in ROLE_FORMS or form.rstrip("s") in ROLE_FORMS)
            # the ordinary word itself ("Chef"), not a name only the tool has ("Golang", "Apache Spark")
            ordinary = form == key and key in SOFTWARE_WORDS and ordinary_use(
                key, keys[position - 1] if position else None,
                keys[position + taken] if position + taken < len(keys) else None)
            if colleague or ordinary or (vetoes and vetoes.intersection(keys)) or \
                    (context and context.isdisjoint(keys)) or (ambiguous and not _proper(
                    sentence.text, matches[position].start(), matches[position].end(), position == 0)):
                position += 1
                continue
            importance = sentence.importance
            if requirements and importance is not None:
                clauses = clauses or _clause_importances(sentence.text, importance)
                offset = matches[position].start()
                importance = next((imp for end, imp in clauses if offset < end), clauses[-1][1])
            reading.mentions.append(Mention(key, number, importance))
            spans.append((matches[position].start(), matches[position + taken - 1].end()))
            reading.skill_words.update((number, i) for i in range(position, position + taken))
            position += taken
        if requirements and len(spans) > 1:
            _group_alternatives(sentence.text, reading.mentions[-len(spans):], spans, reading)
    return reading


# Between two alternatives: separators only, one of them "or" ("Python or Go", "SolidWorks (or Creo/NX)").
_BETWEEN = _lazy(r"(?:\s|,|/|\(|\)|\bor\b|\band/or\b|\beither\b)*", re.IGNORECASE)
_OR = _lazy(r"\bor\b|\band/or\b", re.IGNORECASE)


def _group_alternatives(text: str, mentions: list[Mention], spans: list[tuple[int, int]],
                        reading: Reading) -> None:
    """Number the runs of a sentence's skills that are alternatives of each other: only separators between
    them, one of which is "or" (a run joined by "and" asks for each)."""
    run = [0]
    for i in range(1, len(mentions) + 1):
        gap = text[spans[i - 1][1]:spans[i][0]] if i < len(mentions) else None
        if gap is not None and _BETWEEN.fullmatch(gap) and mentions[i].importance == mentions[i - 1].importance:
            run.append(i)
            continue
        gaps = [text[spans[j - 1][1]:spans[j][0]] for j in run[1:]]
        if len(run) > 1 and any(_OR.search(g) for g in gaps):
            reading.groups += 1
            for j in run:
                index = len(reading.mentions) - len(mentions) + j
                reading.mentions[index] = Mention(mentions[j].key, mentions[j].sentence, mentions[j].importance,
                                                  reading.groups)
        run = [i]


# Years of experience ------------------------------------------------------------------------------

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
_NUMBER = r"(\d{1,2}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + r")"
_YEARS = _lazy(
    rf"{_NUMBER}\s*(?:\+|\s*(?:-|–|to)\s*\d{{1,2}}\s*\+?)?\s*(?:\(\d{{1,2}}\)\s*)?\+?\s*(?:or more\s+|plus\s+)?"
    r"(?:years?|yrs?)\b(?!\s+old)(?P<after>[^.;]{0,60})", re.IGNORECASE)
_EXPERIENCE_WORD = _lazy(r"experience|exp\b|working|work(?:ed)? (?:as|in)|background|track record|"
                         r"^\W*(?:of|in|as|at|with|doing|leading|managing|selling|teaching|building)\b|"
                         r"^\W*[’']?\s*(?:of\s+)?[\w-]+ing\b", re.IGNORECASE)
_NOT_EXPERIENCE = _lazy(r"^\W*(?:of age|old)\b|\bage[sd]?\s*$|\bcontract\b|\bwarranty\b|\bguarantee",
                        re.IGNORECASE)


def _number(text: str) -> float:
    return float(_NUMBER_WORDS.get(text.lower(), 0) or text)


def years_asked(reading: Reading) -> tuple[float, Importance, str] | None:
    """The years of experience the requirements ask for: (years, importance, sentence). The largest
    required figure ("5+ years", "at least 3 years of experience", "3-5 years": 3), else the largest
    preferred one."""
    best: dict[str, tuple[float, str]] = {}
    for sentence in reading.sentences:
        if sentence.importance is None:
            continue
        for m in _YEARS.finditer(sentence.text):
            before = sentence.text[max(0, m.start() - 40):m.start()]
            if _NOT_EXPERIENCE.search(m["after"]) or _NOT_EXPERIENCE.search(before) or not (
                    _EXPERIENCE_WORD.search(m["after"]) or _EXPERIENCE_WORD.search(before)):
                continue
            years = _number(m[1])
            importance = sentence.importance
            if _PREFERRED.search(sentence.text[m.start():m.end()]) or (
                    importance == "required" and _PREFERRED.search(sentence.text) and
                    not _REQUIRED.search(sentence.text)):
                importance = "preferred"
            if 0 < years <= 40 and years > best.get(importance, (0.0, ""))[0]:
                best[importance] = (years, sentence.text)
    for importance in ("required", "preferred"):
        if importance in best:
            years, text = best[importance]
            return years, importance, text
    return None


_EXPLICIT_YEARS = _lazy(
    rf"(?:over|more than|nearly|almost|about|around)?\s*{_NUMBER}\s*\+?\s*(?:years?|yrs?)\b(?!\s+old)"
    r"(?:'|’)?\s*(?:of\s+)?(?:[\w-]+\s+){0,4}?(?:experience|expertise|career)", re.IGNORECASE)
# Words of a sentence that may name a degree (normalised: "Ph.D." is "phd"), a cheap test outside an
# education section before the level patterns run.
_DEGREE_WORDS = frozenset("""
bachelor bachelors master masters degree degrees diploma doctor doctorate doctoral phd dphil graduate graduated
associate high secondary ged mba bsc msc bsn adn msn certificate certified pgce hnd hnc llb llm pharmd bs ba
ms ma be me md jd edd med bed dnp dvm psyd beng meng btech mtech bba bcom bfa mfa mph msw mres mphil bse mse
aas vocational postsecondary undergraduate postgraduate levels level
""".split())
_A_YEAR = _lazy(r"(?:19|20)\d\d|\d/\d\d")
_SKIPPED_SECTIONS = frozenset({EDUCATION, OTHER, SKILLS, "certificates", "languages", "contact"})


def _month(iso: str, end: bool) -> int:
    year = int(iso[:4])
    month = int(iso[5:7]) if len(iso) >= 7 else 1
    return year * 12 + month - 1 + (1 if end and len(iso) >= 7 else 0)


def years_shown(reading: Reading, as_of: date) -> tuple[float, str] | None:
    """The years of experience a resume shows: (years, sentence). The larger of an explicit figure ("7
    years of experience") and the union of its work date ranges ("2018 - 2023", "Jan 2019 – Present",
    overlaps counted once; education, projects and volunteering left out). "Present" is `as_of`."""
    from vitae.cvparse.dates import find_span

    explicit: tuple[float, str] | None = None
    for sentence in reading.sentences:
        if "year" not in sentence.text and "yr" not in sentence.text.lower():
            continue
        for m in _EXPLICIT_YEARS.finditer(sentence.text):
            years = _number(m[1])
            if 0 < years <= 50 and (explicit is None or years > explicit[0]):
                explicit = (years, sentence.text)
    periods: list[tuple[int, int]] = []
    first_sentence = ""
    now = as_of.year * 12 + as_of.month - 1
    for sentence, words in zip(reading.sentences, reading.words, strict=True):
        if sentence.section in _SKIPPED_SECTIONS:
            continue
        if sentence.section in (None, SUMMARY) and not _DEGREE_WORDS.isdisjoint(words) and _levels_in(sentence.text):
            continue  # a degree's dates, outside an education section
        if not _A_YEAR.search(sentence.text):
            continue
        span = find_span(sentence.text)
        if span is None or span.single:
            continue
        start = _month(span.start, end=False)
        finish = now if span.current else _month(span.end or span.start, end=True)
        if span.end and len(span.end) == 4 and len(span.start) == 4 and finish == start:
            finish += 6  # "2019 - 2019": some months
        if start <= finish <= now + 1:
            periods.append((start, finish))
            first_sentence = first_sentence or sentence.text
    months = 0
    covered_until = -1
    for start, finish in sorted(periods):
        start = max(start, covered_until)
        if finish > start:
            months += finish - start
            covered_until = finish
    ranged = round(months / 12, 1)
    if explicit and explicit[0] >= ranged:
        return explicit
    if ranged > 0:
        return ranged, first_sentence
    return explicit


# Education ----------------------------------------------------------------------------------------

LEVELS = ("none", "high school", "associate", "bachelor", "master", "doctorate")

# (level, pattern): words case-insensitive; (?-i:...) for abbreviations that must keep their capitals.
_DEGREES: tuple[tuple[int, str], ...] = (
    (5, r"\bph\.?\s?d\b|\bd\.?phil\b|\bdoctorate\b|\bdoctoral\b|\bdoctor of\b|(?-i:\bEdD\b|\bMD\b|\bM\.D\.|"
        r"\bPharmD\b|\bDNP\b|\bDVM\b|\bJD\b|\bJ\.D\.|\bPsyD\b)|\bjuris doctor\b"),
    (4, r"\bmaster'?s?\b|\bm\.?sc\b|\bmba\b|\bmeng\b|\bmphil\b|\bmres\b|\bmsn\b|\bmpa\b|\bmph\b|\bmfa\b|"
        r"\bmsw\b|(?-i:\bMS\b|\bM\.S\.|\bMA\b|\bM\.A\.|\bMEd\b|\bM\.Ed\b|\bLL\.M\b)|\bpostgraduate degree\b"),
    (3, r"\bbachelor'?s?\b|\bb\.?sc\b|\bbeng\b|\bbtech\b|\bbba\b|\bbsn\b|\bbcom\b|\bbfa\b|\bllb\b|"
        r"\bbachelors\b|(?-i:\bBS\b|\bB\.S\.|\bBA\b|\bB\.A\.|\bBEd\b|\bB\.Ed\b|\bBE\b|\bB\.E\.)|"
        r"\bundergraduate degree\b|\b(?:4|four)[- ]year degree\b|\buniversity degree\b|\bpgce\b"),
    (2, r"\bassociate'?s? (?:degree|of)\b|\bassociate degree\b|(?-i:\bADN\b|\bAAS\b|\bA\.A\.S\b|\bAS\b(?= degree)|"
        r"\bHND\b|\bHNC\b)|\bdiploma in\b|\btechnical diploma\b|\bvocational\b|\b(?:2|two)[- ]year degree\b|"
        r"\bcertificate program\b|\bpost-?secondary\b|\bcertified medical assistant\b|\bmedical assist(?:ant|ing) "
        r"(?:program|diploma|certificate)"),
    # "High School Mathematics Teacher" names a school, not a diploma
    (1, r"\b(?:high|secondary) school (?:diploma|graduate|education|degree|certificate|leaving)|(?-i:\bGED\b)|"
        r"\ba[- ]levels?\b|\bgcse|\bhsc\b|\bhigh school or equivalent"),
)
_DEGREE_PATTERNS = [(level, _lazy(pattern, re.IGNORECASE)) for level, pattern in _DEGREES]
# A degree named without its level ("a degree in Finance", "relevant degree"): a bachelor's, when the
# sentence names no level.
_ANY_DEGREE = _lazy(r"\bdegree in\b|\bdegree (?:is )?required\b|\brelevant degree\b|\bcollege degree\b|"
                    r"\bgraduate of\b|\bgraduated\b|\bdegree from\b", re.IGNORECASE)
_NOT_A_DEGREE = _lazy(r"^\s*(?:office|excel|word|project|teams|sql|dynamics|access|outlook|powerpoint|"
                      r"visio|azure)\b", re.IGNORECASE)
_EDUCATION_ASK = _lazy(r"degree|diploma|graduat|education|qualification|bachelor|master|ph\.?d|"
                       r"high school|GED|certificat|licen[cs]e|\bBSN\b|\bADN\b|\bMBA\b|\bB\.?S\b|\bB\.?A\b",
                       re.IGNORECASE)
_EQUIVALENT = _lazy(r"equivalent|or (?:relevant |related |comparable )?experience|in lieu", re.IGNORECASE)


_ANY_LEVEL = _lazy("|".join(f"(?:{pattern})" for _, pattern in _DEGREES), re.IGNORECASE)


def _levels_in(sentence: str) -> list[int]:
    """The education levels (indexes in LEVELS) a sentence names."""
    if not _ANY_LEVEL.search(sentence) and not _ANY_DEGREE.search(sentence):
        return []
    levels = []
    for level, pattern in _DEGREE_PATTERNS:
        for m in pattern.finditer(sentence):
            token = m[0]
            if len(token.replace(".", "")) == 2 and token.isupper():
                before = sentence[max(0, m.start() - 2):m.start()]
                if _NOT_A_DEGREE.match(sentence[m.end():]) or before.endswith(", "):
                    continue  # "MS Office", "Boston, MA"
            levels.append(level)
            break
    if not levels and _ANY_DEGREE.search(sentence):
        levels.append(3)
    return levels


def education_asked(reading: Reading) -> tuple[int, Importance, str, bool] | None:
    """The education level the requirements ask for: (level index in LEVELS, importance, sentence,
    whether equivalent experience is accepted). The lowest level a required sentence accepts
    ("Bachelor's or Master's": bachelor), else the lowest preferred one."""
    best: dict[str, tuple[int, str, bool]] = {}
    for sentence in reading.sentences:
        if sentence.importance is None or not _EDUCATION_ASK.search(sentence.text):
            continue
        levels = _levels_in(sentence.text)
        if not levels:
            continue
        clauses = _clause_importances(sentence.text, sentence.importance)
        level = min(levels)
        importance = sentence.importance
        # "Bachelor's required, Master's preferred": the required clause decides.
        own = [imp for _, imp in clauses]
        if "required" in own and "preferred" in own:
            importance = "required"
            level = min(levels)
        elif "preferred" in own and "required" not in own:
            importance = "preferred"
        equivalent = bool(_EQUIVALENT.search(sentence.text))
        if importance not in best or level < best[importance][0]:
            best[importance] = (level, sentence.text, equivalent)
    for importance in ("required", "preferred"):
        if importance in best:
            level, text, equivalent = best[importance]
            return level, importance, text, equivalent
    return None


def education_shown(reading: Reading) -> tuple[int, str] | None:
    """The highest education level a resume shows: (level index in LEVELS, sentence)."""
    best: tuple[int, str] | None = None
    for sentence, words in zip(reading.sentences, reading.words, strict=True):
        if sentence.section != EDUCATION and _DEGREE_WORDS.isdisjoint(words):
            continue
        for level in _levels_in(sentence.text):
            if best is None or level > best[0]:
                best = (level, sentence.text)
    return best
