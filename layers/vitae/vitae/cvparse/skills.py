"""Skills: the items of a skills section, and whether a text shows a given skill.

Matching works on normalised keys over the text's word n-grams, so "Go" never matches inside
"Google", "C" is only ever the token "C", and "Node.js", "NodeJS" and "node" meet on one key;
rapidfuzz catches near spellings of longer names ("Kubernates")."""

import re
from dataclasses import dataclass

from vitae.cvparse.lines import GAP, MAX_ITEM_CHARS, Line, split_unbracketed
from vitae.cvparse.vocabulary import every_language
from vitae.taxonomy.skills import AMBIGUOUS_SKILLS, canonical, known_skills, normal_token, skill_key

_TOKEN = re.compile(r"\.?[^\W_][\w+#.]*[+#]*")
# Item separators, split at outside brackets only (split_unbracketed).
_ITEM_SPLIT = re.compile(r"\s*(?:,|;|\||•|·|●|▪|■|◦|\t|\s[-–—]\s)\s*")
# "and" ends a list ("Python, Go and Rust") but makes no list alone: "Stata and Excel" is one item.
_AND_SPLIT = re.compile(r"\s+and\s+(?=[A-Z])")
_SLASHES = re.compile(r"\s+/\s+")
# "Python (expert)", "Go – intermediate", "SQL: 5 years", "LGPI : avancé", "EPLAN – sehr gut", "BPMN (5/5)", "MATLAB
# <tab> Intermediate" (a table's level column): how well, not what (languages.json's "skill_levels", years, a score
# out of a scale), up to the item's end.
_LEVEL = re.compile(r"(?:\s*[:(\[]\s*|\s+[-–—]\s+|\t)(?:"
                    + "|".join(map(re.escape, sorted(every_language("skill_levels"), key=len, reverse=True)))
                    + r"|\d+\+?\s*(?:years?|yrs?)|\d+(?:[.,]\d+)?\s*/\s*\d+)"
                    r"(?:\s+(?:experience|level|knowledge))?\s*[)\]]?(?=\s*(?:[,;|•·▪■●◦\t]|$))", re.IGNORECASE)
_MAX_SKILL_WORDS = 5
_MAX_NGRAM = 4
_FUZZY_MIN_LENGTH = 7
_FUZZY_CUTOFF = 90


def parse_skills(lines: list[Line]) -> list[tuple[str, float]]:
    """One (skill, confidence) per skill named in the section, without category labels."""
    known = known_skills()
    found: dict[str, tuple[str, float]] = {}
    for line in lines:
        for item in _items(line):
            key = skill_key(item)
            if key and key not in found:
                found[key] = (item, 0.88 if key in known else 0.72)
    return list(found.values())


def _items(line: Line) -> list[str]:
    text = _LEVEL.sub("", line.content)
    # "Languages: Python, Go", "Languages:Python"; a colon inside a name is no label's: "1C:ERP"
    label, colon, rest = text.partition(":")
    if (colon and rest.strip() and len(label.split()) <= 4 and not re.search(r"\d", label)
            and re.search(r"[^\W\d_]", label)):  # "Languages: Python, Go"
        text = rest
    elif GAP in text:
        first, _, rest = text.partition(GAP)
        # A table row: category, then skills; not a grid of bulleted skills, whose first cell is one.
        if "," not in first and re.search(r"[,;|•·]", rest) and not line.bullet:
            text = rest
    # Slashes between spaces part a list only where nothing else does: "Python / scikit-learn / SQL",
    # but "Excel / VBA, Python" holds one item "Excel / VBA".
    items: list[str] = []
    raws = split_unbracketed(_ITEM_SPLIT, text)
    if (text.rstrip().endswith(".") and len(raws) <= 2 and len(raws[0].split()) > _MAX_SKILL_WORDS
            and raws[0].strip()[:1].islower()):
        # a sentence after its label, a strength told, not listed: "Reporting: automated the KPI pack in Excel and
        # Power BI, saving a day a week." (a list goes on over more commas: "Tools: advanced excel including pivot
        # tables, power bi, sql.")
        return []
    if len(raws) > 1:
        raws = [item for raw in raws for item in split_unbracketed(_AND_SPLIT, raw)]
    for raw in raws if len(raws) > 1 or text.count(" / ") < 2 else split_unbracketed(_SLASHES, text):
        if len(raw) > MAX_ITEM_CHARS:
            continue
        item = re.sub(r"^(?:and|&|[-–—•▪·*])\s+|\s+etc$", "", raw.strip(" .:*"), flags=re.IGNORECASE)
        # A skill keeps its brackets and the commas inside them: "Python (Django, Flask)", "Valuation (DCF,
        # comparables)" are one item each (tests/fixtures/cv/README.md; every set's writer read it so).
        if items and re.fullmatch(r"\d+(?:\s+\w{1,3}\s+\d+)?", item):
            items[-1] = f"{items[-1]}, {item}"  # numbers go on with the item before: "CACES 1, 3 et 5"
        elif item:
            items.append(item)
    # words outside brackets count: "Conduit bending (EMT, IMC, rigid)" is a two-word skill
    return [item for item in items if item.split() and len(re.sub(r"\([^)]*\)", "", item).split()) <= _MAX_SKILL_WORDS
            and not item.endswith(".") and re.search(r"[^\W\d_]", item)]


@dataclass(frozen=True)
class _Token:
    key: str
    # Written with a capital, not at a sentence's start and not as part of a compound ("Go-getter",
    # "R&D"): the only way an ambiguous skill name ("Go", "Swift") counts.
    proper: bool


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        initial = start == 0 or bool(re.search(r"[.!?]\s+$", text[max(0, start - 3):start]))
        compound = bool(re.match(r"[-&][^\W\d_]", text[end:end + 2]))
        proper = any(ch.isupper() for ch in match[0]) and not initial and not compound
        tokens.append(_Token(normal_token(match[0]), proper))
    return tokens


def _ngram_keys(tokens: list[_Token], start: int) -> list[tuple[str, int, bool]]:
    """(canonical key, length, proper) of the n-grams starting at `start`, longest first; each
    also run together ("Type Script" is "typescript")."""
    grams = []
    for n in range(min(_MAX_NGRAM, len(tokens) - start), 0, -1):
        words = tokens[start:start + n]
        # An alias ("Golang") is never the ordinary word the capital rule guards against.
        proper = n > 1 or words[0].proper
        for raw in dict.fromkeys((" ".join(t.key for t in words), "".join(t.key for t in words))):
            key = canonical(raw)
            grams.append((key, n, proper or key != raw))
    return grams


@dataclass
class _Index:
    """Every word n-gram of a text by key, and whether one was written as a proper name."""
    proper: dict[str, bool]

    def has(self, key: str) -> bool:
        return self.proper.get(key, False) if key in AMBIGUOUS_SKILLS else key in self.proper


def _index(text: str) -> _Index:
    tokens = _tokens(text)
    proper: dict[str, bool] = {}
    for start in range(len(tokens)):
        for key, _, is_proper in _ngram_keys(tokens, start):
            proper[key] = proper.get(key, False) or is_proper
    return _Index(proper)


def _shows(index: _Index, skill: str) -> bool:
    key = skill_key(skill)
    if not key:
        return False
    if index.has(key) or index.has(key.replace(" ", "")):
        return True
    if len(key) < _FUZZY_MIN_LENGTH:
        return False
    from rapidfuzz import fuzz, process

    return process.extractOne(key, index.proper.keys(), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF) is not None


def skills_in(text: str) -> list[str]:
    """The known skills a text mentions, in order of first mention, each once. The longest name
    wins where names overlap: "Apache Kafka" is Kafka, not also the Apache web server."""
    known = known_skills()
    tokens = _tokens(text)
    found: dict[str, str] = {}
    start = 0
    while start < len(tokens):
        for key, length, proper in _ngram_keys(tokens, start):
            if key in known and (proper or key not in AMBIGUOUS_SKILLS):
                found.setdefault(key, known[key])
                start += length
                break
        else:
            start += 1
    return list(found.values())


def key_skill_coverage(text: str, key_skills: list[str], job_description: str | None = None) -> dict[str, list[str]]:
    """Which key skills the CV text shows. Without key skills, they are the known skills the job
    description mentions."""
    if not key_skills and job_description:
        key_skills = skills_in(job_description)
    index = _index(text)
    present = [skill for skill in key_skills if _shows(index, skill)]
    return {"present": present, "missing": [skill for skill in key_skills if skill not in present]}
