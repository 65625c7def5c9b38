"""Dates and date ranges as CVs write them, turned into JSON Resume's ISO 8601 strings.

Hand-written because it is the parser's core and cheap: a general date library (dateparser) costs
hundreds of milliseconds of cold start and still does not know CV ranges ("Jan 2020 – Present",
"since 2021", "2019–21").
"""

import dataclasses
import re
from dataclasses import dataclass
from functools import cache

from vitae.cvparse.lines import GAP, per_document
from vitae.cvparse.typography import marks
from vitae.cvparse.vocabulary import alternation, every_language, fold, month_names

# Months, "present" words and the words that open or close a range, in every language of
# languages.json (issue 16): "janv.", "Mär.", "stycznia", "января", "aujourd’hui", "seit", "по", "tammikuuta",
# "pågående", "d.d.", "sedan".
_MONTHS: dict[str, int] = month_names()
_PRESENT_WORDS = tuple(sorted(every_language("present"), key=len, reverse=True))
_SINCE_WORDS = tuple(sorted(every_language("since"), key=len, reverse=True))
_UNTIL_WORDS = tuple(sorted(every_language("until") | {"till", "through", "thru"}, key=len, reverse=True))
# The words that open a range: "from 2019 to 2021", "du 03/2019 au 06/2021", "od stycznia 2019 do ...".
_FROM_WORDS = tuple(sorted(every_language("from") | every_language("since"), key=len, reverse=True))
# Seasons and quarters name a year's part: "Summer 2018", "Q3 2021" keep the year alone.
_SEASONS = ("spring", "summer", "fall", "autumn", "winter", "q[1-4]", "h[12]")

# Every word list below is written as a prefix tree (vocabulary.alternation): a date is looked for at each position of
# a line, where the longest-first list of 342 months would be tried a name at a time.
_MONTH = alternation(_MONTHS) + r"\.?"
_YEAR = r"(?:19[4-9]\d|20\d\d)"
_ISO = rf"{_YEAR}[-/.](?:0?[1-9]|1[0-2])(?:[-/.](?:0?[1-9]|[12]\d|3[01]))?"
_DMY = r"(?:0?[1-9]|[12]\d|3[01])[./](?:0?[1-9]|1[0-2])[./]" + _YEAR
_MDY = r"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/" + _YEAR
_MY = rf"(?:0?[1-9]|1[0-2])[-/.]{_YEAR}"
# "Jan 2020", "mar/2021" (Brazil), "Jan-2020" (India), "5 March, 2019", "marzo de 2020". The spaces around the
# separator are possessive: two runs of spaces that may share a run of 50,000 would try each way to share it.
_NAMED = rf"(?:(?:[0-3]?\d\.?\s+)?{_MONTH}\s*+[,/-]?\s*+(?:(?:de|del|di|van)\s+)?(?:[0-3]?\d,\s*)?" \
         rf"(?:{_YEAR}|'\d\d)(?!\d)" \
         rf"|(?:{'|'.join(_SEASONS)})\s+{_YEAR})"
# An academic year: "2019/2020" (its first year starts a range, its second ends one; alone, it is both).
_ACADEMIC = rf"{_YEAR}/{_YEAR}"
_DATE = rf"(?:{_NAMED}|{_ACADEMIC}|{_ISO}|{_DMY}|{_MDY}|{_MY}|{_YEAR})"
# A "present" word may follow an "until" word after the range's dash: "03/2020 – bis heute", "marzo 2021 – a la fecha",
# "2019 – do chwili obecnej", "з 2017 – до сих пір".
_PRESENT = r"(?:(?:up\s+)?(?:" + alternation(_UNTIL_WORDS) + r"\s+)?" + alternation(_PRESENT_WORDS) + ")"
# Dashes as typography.marks leaves them (‒ and − are en dashes by then): every pattern here reads marked text.
_UNTIL = alternation(_UNTIL_WORDS)
_SEPARATOR = r"\s*(?:[-–—~→>]+|(?<!\w)(?:" + _UNTIL + r")(?!\w))\s*"
_LEFT = r"(?<![\w/.\-])"
_RIGHT = r"(?![\w/\-]|\.\d)"

_DIGIT = re.compile(r"\d")
# A "from" word just before a range's start belongs to the range (looked for after a range is found).
_FROM_BEFORE = re.compile(r"(?<!\w)" + alternation(_FROM_WORDS) + r"\s+$", re.IGNORECASE)
# An end still to come: "Sep 2022 – Expected May 2026" (a degree under way).
_EXPECTED = r"(?:(?:expected|anticipated|est\.)\s+)?"
# The word "year" abbreviated after a year, as Russian ("2019 g.", "gg." in Cyrillic), Ukrainian ("r.", "rr." in
# Cyrillic) and Polish ("r.") write it: part of the date.
_YEAR_MARK = "(?:\\s?(?:\u0433\u0433|\u0440\u0440|\u0433|\u0440|r)\\.)?"
_RANGE = re.compile(rf"{_LEFT}(?P<start>{_DATE}){_YEAR_MARK}(?:{_SEPARATOR}{_EXPECTED}(?P<end>{_DATE}|{_PRESENT}|"
                    rf"\d\d(?!\d)){_YEAR_MARK}|\s*[-–—]\s*(?:$|(?=\t))){_RIGHT}", re.IGNORECASE)
_MONTH_PAIR = re.compile(rf"{_LEFT}(?P<m1>{_MONTH}){_SEPARATOR}(?P<m2>{_MONTH})\s*(?P<year>{_YEAR}){_RIGHT}",
                         re.IGNORECASE)
_SINCE = re.compile(rf"{_LEFT}{alternation(_SINCE_WORDS)}\s+(?P<start>{_DATE}){_YEAR_MARK}{_RIGHT}",
                    re.IGNORECASE)
# A "since" word after its date, as Finnish writes it: "2020 alkaen", "1.3.2020 lähtien" (languages.json's
# "since_after").
_SINCE_AFTER = re.compile(rf"{_LEFT}(?P<start>{_DATE})\s+" + alternation(every_language("since_after")) + r"(?!\w)",
                          re.IGNORECASE)


@cache
def _cut_range_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(cut range, cut "present", started range, "until" word last): a line that stops inside a range. Compiled at
    the first use (~4 ms of CPU): the parser's line joins need them, readers of dates alone (the matching domain's)
    never do."""
    # The first words of a "present" phrase of several ("по настоящее" of "по настоящее время"): a
    # line ending in them after a range's start stops mid-range.
    openings = alternation({" ".join(words[:cut]) for phrase in _PRESENT_WORDS if len(words := phrase.split()) > 1
                            for cut in range(1, len(words))})
    return (re.compile(rf"(?:\s[-–—]|\bto|\buntil|\bsince|\bfrom|{_LEFT}{_MONTH})\s*$", re.IGNORECASE),
            re.compile(rf"(?:{openings})\s*$", re.IGNORECASE),
            # "травня 2021 – до теперішнього": an "until" word may come before the opening, after the dash
            re.compile(rf"{_DATE}{_YEAR_MARK}{_SEPARATOR}(?:(?:{_UNTIL})\s+)?(?:{openings})\s*$", re.IGNORECASE),
            re.compile(rf"(?<!\w)(?:{_UNTIL})\s*$", re.IGNORECASE))


_CONTINUED_RANGE = re.compile(r"^\s*(?:[-–—]|to\b|until\b|till\b)", re.IGNORECASE)
# "12/19 – present", "04/16 – 11/19": month and two-digit year, trusted only as both ends of a
# range (alone, "12/19" is as likely a fraction or a day and month).
_SHORT_MY = r"(?:0?[1-9]|1[0-2])/\d\d"
_SHORT_RANGE = re.compile(rf"{_LEFT}(?P<start>{_SHORT_MY}){_SEPARATOR}(?P<end>{_SHORT_MY}|{_PRESENT}){_RIGHT}",
                          re.IGNORECASE)
_SINGLE = re.compile(rf"{_LEFT}(?P<start>{_DATE}){_YEAR_MARK}{_RIGHT}", re.IGNORECASE)

# Confidence of a value by how it was written: month-precise patterns are unambiguous.
MONTH_CONFIDENCE = 0.92
YEAR_CONFIDENCE = 0.85


@dataclass(frozen=True)
class DateSpan:
    """A period found in a line: ISO partial dates (YYYY, YYYY-MM or YYYY-MM-DD), where it was found
    and how sure the parser is (0 to 1)."""

    start: str
    end: str | None  # None with `current` set: the period is ongoing
    current: bool
    single: bool  # one date, not a range: the caller decides what it means
    span: tuple[int, int]  # where in the text it was found
    confidence: float


# The written forms to_iso reads, compiled once (re's own cache of patterns is shared with phonenumbers', which
# fills it).
_ISO_YEAR = re.compile(_YEAR)
_ISO_YEAR_MONTH = re.compile(rf"({_YEAR})[-/.](\d\d?)(?:[-/.](\d\d?))?")
_ISO_DAY_MONTH_YEAR = re.compile(rf"(\d\d?)[./](\d\d?)[./]({_YEAR})")
_ISO_MONTH_YEAR = re.compile(rf"(\d\d?)[-/.]({_YEAR})")
_ISO_SEASON = re.compile(rf"(?:{'|'.join(_SEASONS)})\s+({_YEAR})")
_ISO_NAMED = re.compile(rf"(?:([0-3]?\d)\.?\s+)?([^\W\d]+)\.?\s*[,/-]?\s*(?:(?:de|del|di|van)\s+)?(?:([0-3]?\d),\s*)?"
                        rf"({_YEAR}|'\d\d)")


_ISO_ACADEMIC = re.compile(rf"({_YEAR})/({_YEAR})")


def to_iso(text: str, end: bool = False) -> str | None:
    """One written date as YYYY, YYYY-MM or YYYY-MM-DD; None when it is not a date. An academic year ("2019/2020")
    is its first year, or its second as the `end` of a range; one whose years do not follow each other is none."""
    value = marks(text).strip().lower().rstrip(",")
    if _ISO_YEAR.fullmatch(value):
        return value
    if m := _ISO_ACADEMIC.fullmatch(value):
        return (m[2] if end else m[1]) if int(m[2]) == int(m[1]) + 1 else None
    if m := _ISO_YEAR_MONTH.fullmatch(value):
        return _join(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
    if m := _ISO_DAY_MONTH_YEAR.fullmatch(value):
        # Dots are the European day-first order, slashes the US month-first one unless impossible.
        first, second = int(m[1]), int(m[2])
        day_first = "." in value or first > 12
        day, month = (first, second) if day_first else (second, first)
        return _join(int(m[3]), month, day)
    if m := _ISO_MONTH_YEAR.fullmatch(value):
        return _join(int(m[2]), int(m[1]))
    if m := _ISO_SEASON.fullmatch(value):
        return m[1]
    if m := _ISO_NAMED.fullmatch(value):
        named = _month(m[2])
        year = int(m[4]) if m[4][0].isdigit() else _century(int(m[4][1:]))
        return _join(year, named) if named else None
    return None


def _month(name: str) -> int | None:
    name = name.casefold().rstrip(".")
    return _MONTHS.get(name) or _MONTHS.get(fold(name))


def _century(two_digits: int) -> int:
    return 2000 + two_digits if two_digits < 40 else 1900 + two_digits


def _join(year: int, month: int | None, day: int | None = None) -> str | None:
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _confidence(*values: str | None) -> float:
    present = [v for v in values if v]
    return MONTH_CONFIDENCE if present and all(len(v) >= 7 for v in present) else YEAR_CONFIDENCE


def _is_present(text: str) -> bool:
    return bool(re.fullmatch(_PRESENT, text.strip(), re.IGNORECASE))


def find_span(text: str) -> DateSpan | None:
    """The first date range in a line ("Jan 2020 – Present", "since 2021"), else its first date."""
    if not _DIGIT.search(text):  # every date this reads has a year: most lines have no digit at all
        return None
    # A line is asked about two or three times (reading the layout, sections, entries): the answers for the
    # document's lines are kept until the next document (lines.per_document), a line's worth at most each (DateSpan
    # is frozen).
    return _span_of_line(text) if len(text) <= _MAX_REMEMBERED else _span(text)


_MAX_REMEMBERED = 200  # characters


@per_document(maxsize=2048)
def _span_of_line(text: str) -> DateSpan | None:
    return _span(text)


def _span(text: str) -> DateSpan | None:
    text = marks(text)
    if m := _MONTH_PAIR.search(text):
        year = int(m["year"])
        start = _join(year, _month(m["m1"]))
        end = _join(year, _month(m["m2"]))
        if start and end:
            return DateSpan(start, end, False, False, m.span(), MONTH_CONFIDENCE)
    for m in _RANGE.finditer(text):
        if span := _range_from_match(m):
            # "du 03/2019 au ...", "od stycznia 2019 do ..."; a word in capitals is a name's: "Spotify AB 2019 – 2021"
            if (opener := _FROM_BEFORE.search(text, 0, m.start())) and not opener[0].strip().isupper():
                return dataclasses.replace(span, span=(opener.start(), span.span[1]))
            return span
    if (m := _SHORT_RANGE.search(text)) and (span := _short_range(m)):
        return span
    if (m := _SINCE.search(text)) and (start := to_iso(m["start"])):
        return DateSpan(start, None, True, False, m.span(), _confidence(start) - 0.05)
    if (m := _SINCE_AFTER.search(text)) and (start := to_iso(m["start"])):
        return DateSpan(start, None, True, False, m.span(), _confidence(start) - 0.05)
    for m in _SINGLE.finditer(text):
        start = to_iso(m["start"])
        # an academic year alone is both its years: "2019/2020" (only a written form with a slash can be one)
        if start and "/" in m["start"] and (end := to_iso(m["start"], end=True)) != start:
            return DateSpan(start, end, False, False, m.span(), YEAR_CONFIDENCE)
        if start:
            return DateSpan(start, None, False, True, m.span(), _confidence(start))
    return None


def _range_from_match(m: re.Match[str]) -> DateSpan | None:
    start = to_iso(m["start"])
    if start is None:
        return None
    end_text = m["end"]
    if end_text is None or _is_present(end_text):  # "2021 –" with nothing after it is ongoing too
        return DateSpan(start, None, True, False, m.span(), _confidence(start))
    if re.fullmatch(r"\d\d", end_text):  # "2019–21"
        if len(start) != 4:
            return None
        end_year = f"{start[:2]}{end_text}"
        return DateSpan(start, end_year, False, False, m.span(), YEAR_CONFIDENCE) if end_year >= start else None
    end = to_iso(end_text, end=True)
    if end is None or end[:4] < start[:4]:
        return None
    return DateSpan(start, end, False, False, m.span(), _confidence(start, end))


def _short_range(m: re.Match[str]) -> DateSpan | None:
    def iso(value: str) -> str | None:
        month, year = value.split("/")
        return _join(_century(int(year)), int(month))

    start = iso(m["start"])
    if _is_present(m["end"]):
        return DateSpan(start, None, True, False, m.span(), MONTH_CONFIDENCE - 0.1) if start else None
    end = iso(m["end"])
    if not (start and end) or end < start:
        return None
    return DateSpan(start, end, False, False, m.span(), MONTH_CONFIDENCE - 0.1)


def ends_mid_range(text: str) -> bool:
    """The line stops inside a date range ("Jan 2020 –", "September 2014 - February"): the rest
    is on the next line."""
    text = marks(text)
    cut_range, cut_present, started_range, until_last = _cut_range_patterns()
    if cut_range.search(text) or (cut_present.search(text) and started_range.search(text)):
        return True
    # an "until" word of any language after a whole date: "травня 2021 – до", "03/2019 bis"
    before = text[:until.start()].rstrip(" -–—") if (until := until_last.search(text)) else ""
    return bool(before) and (span := find_span(before)) is not None and span.span[1] == len(before)


# The second half of a range opening a line, in any language: "по февраль 2018", "bis 06/2020", "– heute".
_RANGE_END_FIRST = re.compile(r"^\s*(?:[-–—]|" + _UNTIL + r"(?!\w))", re.IGNORECASE)


def ends_range_below(text: str) -> bool:
    """The text opens with a range's second half in any language of languages.json ("по февраль 2018", "bis heute",
    "– 06/2020"): what a column of dates wrapped onto its next line."""
    return bool(_RANGE_END_FIRST.match(marks(text)))


def starts_mid_range(text: str) -> bool:
    """The line starts with the second half of a date range ("to 2015-06)")."""
    return bool(_CONTINUED_RANGE.match(marks(text)))


# A word saying what the dates are, beside them: "Expected May 2026", "May 2026 (expected)", "Class of 2017",
# "Graduated 2015".
_PENDING_BEFORE = re.compile(r"(?:^|(?<=\s))\(?(?:expected|anticipated|class of|graduated|graduation|completed)\)?$",
                             re.IGNORECASE)
# After the dates: "(expected)", or how long that was, as LinkedIn and job boards add it: "(3 years 10 months)",
# "· 4 yrs 2 mos", "(1 year)".
_PENDING_AFTER = re.compile(r"^\(?(?:expected|anticipated|\d{1,2}\+?\s*(?:years?|yrs?|months?|mos?)"
                            r"(?:\s*,?\s*\d{1,2}\s*(?:months?|mos?))?)\)?(?!\w)", re.IGNORECASE)


_FRAMING = frozenset("([,|•·–—-:")
_FRAMING_START = re.compile(r"^[\s)\],|•·–—\-:]+")  # anchored at the start: linear


def _without_framing_end(text: str) -> str:
    """The text less the spaces, brackets and separators that end it; a loop from the end, as the pattern
    `[\\s(…]+$` tried at every character of a run of them ("Engineer ------…x") took seconds on a long line."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in _FRAMING):
        end -= 1
    return text[:end]


def strip_span(text: str, span: DateSpan) -> str:
    """The line without its dates (and the brackets or separators that framed them, and a word saying what they
    are)."""
    before, after = text[:span.span[0]], text[span.span[1]:]
    before = _without_framing_end(_PENDING_BEFORE.sub("", before.rstrip()))
    after = _FRAMING_START.sub("", _PENDING_AFTER.sub("", _FRAMING_START.sub("", after)))
    return f"{before}{GAP}{after}".strip() if before and after else (before or after).strip()
