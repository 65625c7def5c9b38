"""The LLM pass of the CV parser: the fast model reads the document's text into CvData, every value
it proposes is checked against that text, and what survives is merged with the heuristic result.

The heuristic result is the floor: it is returned unchanged when the model is unavailable, and a
heuristic value is replaced only by an LLM value the text supports better. Support is a score in
0-100: 100 for a verbatim copy, lower for a near one, under SUPPORTED and the value is dropped.
"""

import copy
import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from statistics import fmean
from typing import Any, Literal

from rapidfuzz import fuzz, process

from vitae.cvparse.schema import CvData, ParseResult
from vitae.cvparse.vocabulary import LANGUAGE_DATA, language_of
from vitae.platform.ai import AiUnavailable, structured
from vitae.platform.observability import logger

MAX_PROMPT_CHARS = 24_000  # a long CV fits; a 100-page upload does not fill the model's context
SUPPORTED = 90.0  # the support a value needs to be kept
ALIGNED = 85.0  # the similarity at which an LLM list entry and a heuristic one are the same entry
LLM_TRUST = 0.9  # confidence in a fully supported LLM value: copied text can still sit in the wrong field
LONG_VALUE = 80  # characters; longer values (summary, highlights) are matched by tokens, not by position

Kind = Literal["text", "date", "email", "url", "phone", "code"]
KINDS: dict[str, Kind] = {"startDate": "date", "endDate": "date", "date": "date", "email": "email",
                          "url": "url", "phone": "phone", "countryCode": "code"}

# The fields that identify an entry of each list, and how two entries' fields are compared.
# The first field is the entry's anchor: an LLM entry whose anchor the text does not support is
# invented as a whole (an employer the document never mentions). Organisations and titles are often
# shortened ("Acme" for "Acme Corp"), so WRatio; a skill's name must match whole ("Java" is not
# "JavaScript"), so plain ratio.
ENTRY_LISTS: dict[str, tuple[tuple[str, ...], Callable[..., float]]] = {
    "work": (("name", "position"), fuzz.WRatio),
    "education": (("institution", "studyType", "area"), fuzz.WRatio),
    "skills": (("name",), fuzz.ratio),
    "certificates": (("name",), fuzz.ratio),
    "languages": (("language",), fuzz.ratio),
}

INSTRUCTIONS = """\
You extract a CV (resume) into JSON that follows the given schema; its field names are JSON Resume's.
Rules:
- Copy every value verbatim from the CV text. Do not translate, reword, summarise or guess; leave out \
anything the text does not state.
- work: one entry per position. `name` is the employer, `position` the job title, `highlights` the \
position's bullet points, each copied whole.
- education: `institution`; `studyType` is the degree (for example "MSc"), `area` the field of study.
- Dates: YYYY-MM when the text gives the month, else YYYY. Leave `endDate` out when the position or \
study is current ("Present", "today").
- skills, certificates, languages: one entry per item the text names.
- location.countryCode: ISO 3166-1 alpha-2, only when the text states the code.
Reply with the JSON only."""
LANGUAGE_NOTE = ("The CV is written in {language}: read its headings, month names and words for \"present\" as "
                 "{language} writes them, and keep every value in {language}, as written.")


def refine(result: ParseResult) -> ParseResult:
    """The heuristic `result` improved by the LLM where the document's text supports it; `result`
    itself when the model is unavailable. Never raises for AI problems."""
    try:
        proposed = structured(CvData, _messages(result.text), task="fast")
    except AiUnavailable as error:
        logger.warning("CV refinement skipped: the LLM is unavailable",
                       extra={"reason": str(error), "error": type(error).__name__})
        return result
    evidence = Evidence(result.text)
    offered = proposed.model_dump(exclude_none=True)
    kept, support = _vet(evidence, offered)
    data, confidence = _merge(evidence, result.data.model_dump(exclude_none=True),
                              copy.deepcopy(result.confidence), kept, support)
    logger.info("CV refined", extra={"proposedValues": _count(offered),
                                     "unsupportedValues": _count(offered) - _count(kept)})
    return replace(result, data=CvData.model_validate(data), confidence=confidence)


def _messages(text: str) -> list[dict]:
    """The system part, with the language the CV is written in (issue 16; found here, the one place
    it is used, not on every parse), and the text."""
    name = LANGUAGE_DATA["names"][language_of(text)]
    return [{"role": "system", "content": f"{INSTRUCTIONS}\n{LANGUAGE_NOTE.format(language=name)}"},
            {"role": "user", "content": f"CV text:\n\n{text[:MAX_PROMPT_CHARS]}"}]


class Evidence:
    """The document's text, prepared once for checking values against it."""

    def __init__(self, text: str):
        self.words = _words(text)
        self.padded = f" {self.words} "
        self.folded = text.casefold()
        self.codes = set(re.findall(r"\b[A-Z]{2}\b", text))
        self.years = {int(y) for y in YEAR.findall(text)}
        self.year_months = _year_months(text)
        self.phones = [re.sub(r"\D", "", p) for p in PHONE.findall(text)]

    def support(self, kind: Kind, value: str) -> float:
        if not value.strip():
            return 0.0
        match kind:
            case "date":
                return self._date(value)
            case "email":
                return _found(value.strip().casefold().removeprefix("mailto:") in self.folded)
            case "url":
                return _found(_bare_url(value) in self.folded)
            case "phone":
                key = _phone_key(value)
                return _found(key is not None and any(key in digits for digits in self.phones))
            case "code":
                return _found(value.strip().upper() in self.codes)
            case _:
                return self._text(_words(value))

    def _date(self, value: str) -> float:
        parsed = DATE.fullmatch(value.strip())
        if not parsed:
            return 0.0
        year = int(parsed[1])
        if parsed[2]:
            return _found((year, int(parsed[2])) in self.year_months)
        # A bare year is a little less than a year and month the text also supports, so that the
        # more precise of two supported dates wins the merge.
        return 95.0 if year in self.years else 0.0

    def _text(self, value: str) -> float:
        if not value:
            return 0.0
        if f" {value} " in self.padded:
            return 100.0
        if len(value) > LONG_VALUE:
            return self._tokens(value)
        if len(value) >= len(self.words):
            return fuzz.ratio(value, self.words)
        found = fuzz.partial_ratio_alignment(value, self.words)
        assert found is not None  # None only below a score_cutoff, and none is given
        # Widened to whole words: a value cut inside a word ("Senior Software Eng" of "... Engineer")
        # is not what the text says.
        start = self.words.rfind(" ", 0, found.dest_start + 1) + 1
        end = self.words.find(" ", found.dest_end - 1)
        return fuzz.ratio(value, self.words[start:end if end >= 0 else None])

    def _tokens(self, value: str) -> float:
        """The best token-set match in windows 1.5 times the value's length, overlapping so that
        any verbatim occurrence lies wholly inside one: tolerant of the word order that extracted
        PDF text can scramble (lines of two columns interleaved), unlike a positional match."""
        size, step = len(value) * 3 // 2, max(len(value) // 2, 1)
        windows = [self.words[i:i + size] for i in range(0, max(len(self.words) - len(value), 0) + 1, step)]
        return process.extractOne(value, windows, scorer=fuzz.token_set_ratio)[1]


YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-\d{2})?")  # as the prompt asks, or with a day
PHONE = re.compile(r"\+?\(?\d[\d \t().\-/]{5,}\d")  # not across lines: a number next to a date
NUMERIC_MONTHS = (
    # No spaces around the separator: "2014.09 - 2016" is a range, not September 2016.
    re.compile(r"\b(?P<month>0?[1-9]|1[0-2])[/.\-](?P<year>(?:19|20)\d{2})\b"),  # 03/2019, 3.2019
    re.compile(r"\b(?P<year>(?:19|20)\d{2})[/.\-](?P<month>0?[1-9]|1[0-2])\b"),  # 2019-03
    # 15/03/2019 or 03/15/2019: either number may be the month
    re.compile(r"\b(?P<month>\d{1,2})[/.\-](?P<day>\d{1,2})[/.\-](?P<year>(?:19|20)\d{2})\b"),
)
# Month names and abbreviations in English, German, French, Spanish and Portuguese, without accents.
MONTHS = {word: number for number, words in enumerate((
    "jan january januar janvier janv enero ene janeiro",
    "feb february februar fevrier fevr fev febrero fevereiro",
    "mar march marz maerz mrz mars marzo marco",
    "apr april avril avr abril abr",
    "may mai mayo maio",
    "jun june juni juin junio junho",
    "jul july juli juillet juil julio julho",
    "aug august aout agosto",
    "sep sept september septembre septiembre setiembre setembro",
    "oct october oktober okt octobre octubre outubro",
    "nov november novembre noviembre novembro",
    "dec december dezember dez decembre diciembre dic dezembro",
), start=1) for word in words.split()}


def _year_months(text: str) -> set[tuple[int, int]]:
    """Every (year, month) the text writes, in any common spelling."""
    found: set[tuple[int, int]] = set()
    for pattern in NUMERIC_MONTHS:
        for m in pattern.finditer(text):
            year = int(m["year"])
            found |= {(year, int(n)) for n in (m["month"], m.groupdict().get("day")) if n and 1 <= int(n) <= 12}
    for m in re.finditer(r"[^\W\d_]{3,}", text):
        month = MONTHS.get(_plain(m[0]))
        if month is None:
            continue
        # The next year within a few characters: "March 2019", "Mar. 2019", "Mar - Jun 2019".
        if year_after := YEAR.search(text, m.end(), m.end() + 16):
            found.add((int(year_after[0]), month))
    return found


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def _words(text: str) -> str:
    """Casefolded words separated by single spaces; + and # stay, for C++ and C#."""
    return re.sub(r"[^\w+#]+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


def _bare_url(url: str) -> str:
    return re.sub(r"^(https?://)?(www\.)?", "", url.strip().casefold()).rstrip("/")


def _phone_key(phone: str) -> str | None:
    """The last eight digits: the same number with or without country code, trunk 0 or spacing."""
    digits = re.sub(r"\D", "", phone)
    return digits[-8:] if len(digits) >= 7 else None


def _found(present: bool) -> float:
    return 100.0 if present else 0.0


def _canonical(kind: Kind, value: str) -> str:
    """An LLM value as CvData stores it: dates without a day (the text rarely gives one and the
    prompt asks for none), phones in E.164 when they carry a country code, country codes in capitals."""
    value = value.strip()
    if kind == "date":
        parsed = DATE.fullmatch(value)
        assert parsed is not None  # only supported values get here, and Evidence._date supports DATE alone
        return parsed[1] + (f"-{parsed[2]}" if parsed[2] else "")
    if kind == "phone":
        return _e164(value)
    if kind == "code":
        return value.upper()
    return value


def _e164(phone: str) -> str:
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return phone
    if not phonenumbers.is_valid_number(number):
        return phone
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _vet(evidence: Evidence, proposed: dict) -> tuple[dict, dict]:
    """`proposed` without the values the text does not support, and the support of those kept (the
    same shape, with a score per string)."""
    kept: dict[str, Any] = {}
    support: dict[str, Any] = {}
    for key, value in proposed.items():
        if key in ENTRY_LISTS:
            vetted = [(*_vet(evidence, entry), entry) for entry in value]
            admitted = [(entry, scores) for entry, scores, offered in vetted if _admissible(key, entry, offered)]
            kept[key], support[key] = [entry for entry, _ in admitted], [scores for _, scores in admitted]
        elif isinstance(value, dict):
            nested, nested_support = _vet(evidence, value)
            if nested:  # a location with nothing supported is no location
                kept[key], support[key] = nested, nested_support
        elif isinstance(value, list):
            scored = [(item, evidence.support("text", item)) for item in value]
            scored = [(item, score) for item, score in scored if score >= SUPPORTED]
            kept[key], support[key] = [item for item, _ in scored], [score for _, score in scored]
        else:
            kind = KINDS.get(key, "text")
            score = evidence.support(kind, value)
            if score >= SUPPORTED:
                kept[key], support[key] = _canonical(kind, value), score
    return kept, support


def _admissible(list_name: str, kept: dict, offered: dict) -> bool:
    fields, _ = ENTRY_LISTS[list_name]
    if fields[0] in offered and fields[0] not in kept:
        return False  # its anchor is invented, so is the entry
    return any(field in kept for field in fields)


def _merge(evidence: Evidence, heuristic: dict, confidence: dict, llm: dict, support: dict) -> tuple[dict, dict]:
    """Field by field: the better-supported value, with its confidence (raised where both agree)."""
    data: dict[str, Any] = {}
    merged_confidence: dict[str, Any] = {}
    for key in dict.fromkeys([*heuristic, *llm]):
        mine, theirs = heuristic.get(key), llm.get(key)
        example = mine if mine is not None else theirs
        if key in ENTRY_LISTS:
            data[key], merged_confidence[key] = _merge_entries(
                evidence, key, mine or [], confidence.get(key) or [], theirs or [], support.get(key) or [])
        elif isinstance(example, dict):
            data[key], merged_confidence[key] = _merge(
                evidence, mine or {}, confidence.get(key) or {}, theirs or {}, support.get(key) or {})
        elif isinstance(example, list):
            data[key], merged_confidence[key] = _merge_strings(
                evidence, mine or [], _number(confidence.get(key)), theirs or [], support.get(key) or [])
        else:
            data[key], merged_confidence[key] = _merge_value(
                evidence, KINDS.get(key, "text"), mine, _number(confidence.get(key)), theirs, support.get(key))
    return data, merged_confidence


def _merge_value(evidence: Evidence, kind: Kind, mine: str | None, confidence: float,
                 theirs: str | None, support: float | None) -> tuple[str | None, float]:
    if theirs is None or support is None:
        return mine, confidence
    their_confidence = _llm_confidence(support)
    if mine is None:
        return theirs, their_confidence
    better = support > evidence.support(kind, mine)
    value, value_confidence = (theirs, their_confidence) if better else (mine, confidence)
    if _agree(kind, mine, theirs):
        value_confidence = _either(confidence, their_confidence)
    return value, value_confidence


def _merge_strings(evidence: Evidence, mine: list[str], confidence: float, theirs: list[str],
                   support: list[float]) -> tuple[list[str], float | list]:
    """A list of strings (highlights): the heuristic items, each replaced by the LLM item that says
    the same when that one is better supported, then the LLM items that say something new. One
    confidence for the whole list: the mean of its items'; none for an empty list."""
    items, confidences = list(mine), [confidence] * len(mine)
    for item, score in zip(theirs, support, strict=True):
        same = process.extractOne(_words(item), [_words(existing) for existing in items], scorer=fuzz.token_set_ratio,
                                  score_cutoff=ALIGNED)
        if same is None:
            items.append(item)
            confidences.append(_llm_confidence(score))
            continue
        index = same[2]
        if score > evidence.support("text", items[index]):
            items[index] = item
        confidences[index] = _either(confidences[index], _llm_confidence(score))
    return items, (round(fmean(confidences), 3) if items else [])


def _merge_entries(evidence: Evidence, list_name: str, mine: list[dict], confidence: list[dict],
                   theirs: list[dict], support: list[dict]) -> tuple[list[dict], list[dict]]:
    """Heuristic entries in their order, each merged with the LLM entry it aligns with; then the
    LLM entries like none of those (not a second reading of an entry already there)."""
    pairs = _align(list_name, mine, theirs)
    data, merged_confidence = [], []
    for i, entry in enumerate(mine):
        entry_confidence = confidence[i] if i < len(confidence) else {}
        if (j := pairs.get(i)) is not None:
            entry, entry_confidence = _merge(evidence, entry, entry_confidence, theirs[j], support[j])
        data.append(entry)
        merged_confidence.append(entry_confidence)
    for j in sorted(set(range(len(theirs))) - set(pairs.values())):
        if any(_similarity(list_name, kept, theirs[j]) >= ALIGNED for kept in data):
            continue
        entry, entry_confidence = _merge(evidence, {}, {}, theirs[j], support[j])
        data.append(entry)
        merged_confidence.append(entry_confidence)
    return data, merged_confidence


def _align(list_name: str, mine: list[dict], theirs: list[dict]) -> dict[int, int]:
    """Heuristic index -> LLM index, one to one, the most similar pairs first."""
    candidates = sorted(((_similarity(list_name, a, b), i, j) for i, a in enumerate(mine)
                         for j, b in enumerate(theirs)), key=lambda c: -c[0])
    pairs: dict[int, int] = {}
    for score, i, j in candidates:
        if score < ALIGNED:
            break
        if i not in pairs and j not in pairs.values():
            pairs[i] = j
    return pairs


def _similarity(list_name: str, a: dict, b: dict) -> float:
    fields, scorer = ENTRY_LISTS[list_name]
    scores = [scorer(_words(a[f]), _words(b[f])) for f in fields if a.get(f) and b.get(f)]
    if scores and a.get("startDate") and b.get("startDate"):
        # Two positions at one employer differ by when they started.
        scores.append(_found(_agree("date", a["startDate"], b["startDate"])))
    return fmean(scores) if scores else 0.0


def _agree(kind: Kind, a: str, b: str) -> bool:
    match kind:
        case "date":
            return a.startswith(b) or b.startswith(a)  # "2019" and "2019-03"
        case "phone":
            return _phone_key(a) == _phone_key(b)
        case "url":
            return _bare_url(a) == _bare_url(b)
        case "email" | "code":
            return a.strip().casefold() == b.strip().casefold()
        case _:
            return fuzz.ratio(_words(a), _words(b)) >= SUPPORTED


def _llm_confidence(support: float) -> float:
    return round(LLM_TRUST * support / 100, 3)


def _either(a: float, b: float) -> float:
    """Two independent sources that agree: right unless both are wrong."""
    return round(1 - (1 - a) * (1 - b), 3)


def _number(value: Any) -> float:
    """A heuristic confidence; a value the parser left unscored is not trusted."""
    return float(value) if isinstance(value, int | float) else 0.0


def _count(tree: Any) -> int:
    if isinstance(tree, dict):
        return sum(_count(v) for v in tree.values())
    if isinstance(tree, list):
        return sum(_count(v) for v in tree)
    return 1
