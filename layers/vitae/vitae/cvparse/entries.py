"""Work, education, certificate and language entries from the lines of their sections.

Every entry is a dict of field -> (value, confidence); the parser splits values from confidences.
Entries are found by filling slots: header lines fill an entry's slots (dates, position, company,
degree, institution) until a slot would be filled twice or bullets have started, which is when the
next entry begins. That one rule covers one-line headers, two-line headers in either order, and
dates on their own line before or after the header."""

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from vitae.cvparse.contact import is_region, names_a_place, without_city_word
from vitae.cvparse.dates import DateSpan, ends_mid_range, ends_range_below, find_span, strip_span
from vitae.cvparse.lines import GAP, MAX_ITEM_CHARS, Line, per_document, split_unbracketed
from vitae.cvparse.vocabulary import (
    CAMPUS_SYSTEMS,
    CERTIFICATE_ISSUERS,
    COMPANY_WORDS,
    COUNTRIES,
    DEGREE_ABBREVIATIONS,
    DEGREE_NAMES,
    FLUENCY_WORDS,
    INSTITUTION_WORDS,
    JOINING_END,
    LANGUAGES,
    LEGAL_FORMS,
    REGION_CODES,
    REGION_NAMES,
    alternation,
    city_country,
    every_language,
    fold,
    is_job_title_word,
)

log = logging.getLogger(__name__)

Entry = dict[str, tuple[Any, float]]

# Separators between the parts of a header line; " at " and "@" are handled apart (they also say
# which side is the position).
# A bracket closing the line holds a part of its own: "Acme Health (Leeds)".
# An unspaced dash parts too, but for an en dash between letters, which joins a name: "University of Wisconsin–Madison".
_UNSPACED_DASH = r"—|(?<![^\W_])–|–(?![^\W_])"  # not between letters ("Hermann–Texas") nor digits ("Grades 6–8")
_PART_SPLIT = re.compile(r"\s*(?:\t|\s\|\s|\|| [–—-]+ |" + _UNSPACED_DASH + r"|,\s|·|•|\s{3,}|\s(?=\([^()]+\)\s*$))\s*")
_PIPE = re.compile(r"\s*\|\s*|\t")
_STRONG_SPLIT = re.compile(r"\s*(?:\t|\s\|\s|\|| [–—-]+ |" + _UNSPACED_DASH + r")\s*")
# "Position — Employer, with, commas": one strong dash splits a header line in two halves.
_HALVES = re.compile(r"^(?P<first>[^–—|\t]+?)\s+(?P<dash>[–—|])\s+(?P<second>[^–—|\t]+)$")
# "İzmir", "Łódź", "Санкт-Петербург", "de"
_PLACE_WORD = re.compile(r"^(?:(?=[^\W\d_])(?![a-zß-ÿ])[^\W\d_][^\W\d_]*(?:-[^\W\d_]+)*\.?|[a-z]{1,3})$")
# "Position at Employer" in languages.json's languages: "bei", "chez", "bij", "presso".
_AT = re.compile(r"^(?P<position>.+?)\s+(?:" + "|".join(map(re.escape, sorted(every_language("at_words"))))
                 + r")\s+(?P<company>.+)$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_][\w.&'/-]*")
_LOCATION_HINT = re.compile(r"^(?:remote|hybrid|on-?site)$", re.IGNORECASE)
_MAX_HEADER_WORDS = 14
_MIN_SENTENCE_WORDS = 7
# A label over what was done in a position, not a detail of it: "Key achievement: ...", "Responsibilities: ...".
_DONE_LABEL = re.compile(r"(?:(?:key|main|selected|notable|major)\s+)?(?:achievements?|accomplishments?|results?|"
                         r"impact|outcomes?|responsibilit(?:y|ies)|duties|highlights?|contributions?)\s*:",
                         re.IGNORECASE)
# A label that says the dates after it are the post's: "Duration:", "Period:", "Dates:", "Tenure:".
_DATES_LABEL = re.compile(r"(?:duration|period|dates?|tenure|time\s+period|employment\s+dates?|working\s+period)\s*:?",
                          re.IGNORECASE)
_DETAIL = re.compile(r"^[^\W\d_][\w &/-]{1,30}:\s+\S")  # in a position: "Technologies: Python, Go"
# A university named for its state whose campuses are named after a comma: "University of California, Berkeley".
_STATE_UNIVERSITY = re.compile(r"(?:The\s+)?University\s+of\s+(.+)")
# A college named only for what it teaches, known by its town: "College of Engineering, Guindy", "Government
# College of Nursing, Thiruvananthapuram".
_GENERIC_COLLEGE = re.compile(r"(?:Government\s+)?College\s+of\s+[A-Z][a-z]+(?:\s+(?:and|&)\s+[A-Z][a-z]+)?")
# A word naming an office of an organisation: its department, division, ministry.
_ORGANISATION_UNIT = re.compile(r"\b(?:department|division|office|ministry|directorate|agency|bureau|branch)\b",
                                re.IGNORECASE)
# A unit of an organisation, named as one: "School of Psychology", "Department of Medicine".
_UNIT_OF = re.compile(r"(?:school|department|faculty|division|institute|centre|center|office)\s+of\s", re.IGNORECASE)
_SPECIALTY = re.compile(r"\b(?:department|team|division|unit|wards?|outpatients?|inpatients?|clinics?|theatres?|"
                        r"practice|platform|network|research|"
                        r"operations|engineering|sales|marketing|finance|care|medicine|surgery|services|"
                        r"support|development|design|product|data|security|infrastructure|compliance|risk|"
                        r"audit|tax|legal|procurement|logistics|\w+(?:ology|iatrics|ics|ical|ision|ment|ance|ence)|"
                        # a law firm's practice groups: "Associate, Corporate & Securities"
                        r"corporate|securities|litigation|banking|restructuring|insolvency|disputes?|antitrust|"
                        r"real estate|capital markets|private equity|advisory|consulting|strategy|transformation|"
                        r"regulatory|communications|relations|partnerships|acquisitions?|"
                        # the terms of the post: "Assistant System Engineer – Trainee", "Pharmacist, Locum"
                        r"trainee|intern|apprentice|locum|part[- ]time|full[- ]time|temporary|casual|seasonal|"
                        r"fixed[- ]term|"
                        # the classes a teacher taught: "Science Teacher, Grades 6–8", "Teacher, Key Stage 2"
                        r"grades?\s+\d|key\s+stages?|"
                        # units in the other languages: "Pielęgniarka, Oddział Chorób Wewnętrznych", "Abteilung …"
                        r"oddzia\w*|dzia\w*|abteilung|station|servicio|reparto|afdeling|отделени\w*|відділенн\w*)\b",
                        re.IGNORECASE)
# The header row of a table of positions or studies: labels, not values.
_COLUMN_LABELS = frozenset("company employer organisation organization role position title job dates date "
                           "period years year from to location city institution school university degree "
                           "qualification field subject grade firm designation duration college institute board "
                           "percentage cgpa marks specialisation specialization course".split())


def _words(text: str) -> set[str]:
    return {w.lower().strip(".,") for w in _WORD.findall(text)}


def _is_prose(text: str) -> bool:
    """Running text (a description, a sentence), as opposed to a header line."""
    words = text.split()
    # lower case opens a sentence's run-on, not a name in camel case: "iSON Xperiences", "eBay"
    if len(words) > _MAX_HEADER_WORDS or (text[:1].islower() and not any(c.isupper() for c in words[0][1:])):
        return True
    if len(words) >= _MIN_SENTENCE_WORDS and text.rstrip().endswith(".") and not _ends_in_legal_form(words[-1]):
        return True  # a sentence about the employer ("Logistics site for ...; 180 staff.")
    if len(words) >= 9 and sum(word[:1].islower() for word in words) * 2 > len(words):
        return True  # the first line of a sentence wrapped before its full stop
    # A full stop ends a sentence, unless it ends an abbreviation ("Acme Inc.", "M.Sc.").
    last = words[-1] if words else ""
    return len(words) > 1 and last.endswith(".") and len(last) > 5 and "." not in last[:-1]


def _ends_in_legal_form(word: str) -> bool:
    return word.lower().strip(".,") in LEGAL_FORMS


def _is_known_place(part: str, first: bool = False) -> bool:
    """_is_location, or a city cities.json knows ("London", "Hamilton"): a place for certain, not a name."""
    return _is_location(part, first) or city_country(part) is not None


def _is_location(part: str, first: bool = False) -> bool:
    """A place, not a name: "Remote", a country, a region's code after a city ("Halifax, NS"; first on
    its line, "NS" is the Dutch railways), a city named with its word for "city" in Cyrillic ("m. Odesa")."""
    lowered = part.lower().strip(". ")
    return bool(_LOCATION_HINT.match(lowered) or lowered in COUNTRIES or (not first and part.strip() in REGION_CODES)
                or without_city_word(part) != part.strip())


# --- work ---------------------------------------------------------------------------------------

@dataclass
class _Job:
    header: list[tuple[str, bool]] = field(default_factory=list)  # (text, carries the dates)
    span: DateSpan | None = None
    highlights: list[str] = field(default_factory=list)
    # Plain lines under the header before any bullet: a description of the employer when bullets
    # follow, else the highlights themselves.
    intro: list[str] = field(default_factory=list)
    bulleted: bool = False

    def complete(self) -> bool:
        return self.span is not None and sum(len(_merged_parts(text)) for text, _ in self.header) >= 2

    def started(self) -> bool:
        return bool(self.highlights or self.intro)

    def final_highlights(self) -> list[str]:
        """The highlights; a paragraph before bullets only when it tells what the person did (a DOCX
        table cell's description), not what the employer is ("Regional trauma centre with 900 beds")."""
        if not self.bulleted:
            return self.intro + self.highlights
        return [text for text in self.intro if _tells_what_was_done(text)] + self.highlights


# A header line cut after its separator: "Graduate Research Assistant, Robotics Lab —" above "Boston University".
# "... Robotics Lab —", "PRINCE2 Foundation,", "... Israel Defense Forces Spokesperson's" (above "Unit")
_DANGLING = re.compile(r"(?:\s(?:[–—|]|-)|(?<=\w),|(?<=\w)['’]s)\s*$")


# Joins are for a header or an entry cut in two, never for a run of lines glued into one.
_MAX_JOINED = 300


def _rejoined(lines: list[Line]) -> list[Line]:
    """The lines with what a narrow column cut put back together: a header cut after a separator
    joined to the line that goes on with it; a date range cut in a column of its own ("Jan 2021 –
    <tab> Senior Accountant" above "Present <tab> Molson Coors") made whole on its first line."""
    joined: list[Line] = []
    open_range: int | None = None  # the line whose range "10.2019 – по настоящее" waits for "время"
    for line in lines:
        previous = joined[-1] if joined else None
        dated = open_range if open_range is not None else len(joined) - 1
        open_range = None
        left, _, right = previous.text.partition(GAP) if previous else ("", "", "")  # its first cell, the others
        if previous is None or previous.bullet or line.bullet:
            joined.append(line)
        elif ((_DANGLING.search(previous.text) or (  # or a name cut after its "and": "… University of Science and"
                JOINING_END.search(previous.text) and GAP not in previous.text and line.text[:1].isupper())
               # or a name in quotes cut before its closing quote: "по направлению «Информатика и" / "техника»"
               or _closes_quote(previous.text, line.text))
              and len(previous.text) < _MAX_JOINED and not _open_range(previous.text.rpartition(GAP)[2])):
            joined[-1] = _followed_by(previous, line)
        elif (GAP in previous.text and GAP not in line.text and len(previous.text) < _MAX_JOINED
              and JOINING_END.search(left)):
            # The text before the dates wrapped after a joining word: "Diplôme d'ingénieur en <tab> 2012 –
            # 2017" above "informatique".
            joined[-1] = _into_left_cell(previous, left, line)
        elif (GAP in previous.text and GAP not in line.text and len(previous.text) < _MAX_JOINED
              and ((JOINING_END.search(previous.text) and find_span(left))
                   or (_dates_only(left) and _goes_on_below(previous, right, line)))):
            # the dates in a column on the left, the text after them wrapped after a joining word ("2019–present <tab>
            # Associate Professor, …, University of" above "Michigan") or in its cell ("2010 – 2016 <tab> Master of
            # Science in Applied" above "Mathematics")
            joined[-1] = _followed_by(previous, line)
        elif (GAP in previous.text and len(previous.text) < _MAX_JOINED
              and _goes_on_below(previous, left, line)):
            joined[-1] = _into_left_cell(previous, left, line)
        elif len(joined[dated].text) < _MAX_JOINED and (mended := _range_mended(joined[dated].text, line.text)):
            joined[dated] = replace(joined[dated], text=mended[0], written=None)
            if ends_mid_range(mended[0].partition(GAP)[0]):
                open_range = dated
            if mended[1]:
                joined.append(replace(line, text=mended[1], written=None))
        else:
            joined.append(line)
    return joined


def _followed_by(above: Line, below: Line) -> Line:
    """`above` with the text of `below` after it, as read and as written: one line the wrap had cut."""
    return replace(above, text=f"{above.text.rstrip()} {below.text.strip()}",
                   written=f"{above.as_written.rstrip()} {below.as_written.strip()}")


def _into_left_cell(above: Line, left: str, below: Line) -> Line:
    """`above` with the text of `below` after `left`, its first cell, before its other cells: a cell's text the wrap
    had cut ("Diplôme d'ingénieur en <tab> 2012 – 2017" above "informatique")."""
    return replace(above, text=f"{left.rstrip()} {below.text.strip()}{GAP}{above.text.partition(GAP)[2]}", written=None)


def _closes_quote(above: str, text: str) -> bool:
    """Whether `text` is the rest of a name in «» quotes that the line `above` opened and its wrap cut: "по
    направлению «Информатика и" above "техника»". The quote `above` opens last is open, and `text` closes it before
    it opens any ('SARL «Alpha"' above "SAS «Beta»" is two names), within its own cell."""
    above = above.rpartition(GAP)[2]  # its last cell: the rest of a left cell is on the line below, not here
    return (above.rfind("\u00ab") > above.rfind("\u00bb") and GAP not in text
            and "\u00ab" not in text.partition("\u00bb")[0] and "\u00bb" in text)


def _dates_only(text: str) -> bool:
    """Whether a cell holds a date range and nothing else: "2010 – 2016", "Sept. 2019 – Present"."""
    return (span := find_span(text)) is not None and not strip_span(text, span).strip(" –—-|,")


def _goes_on_below(previous: Line, left: str, line: Line) -> bool:
    """Whether a short line set like the header above it (bold, the same size) is the rest of that header's text
    before its dates, wrapped in its cell: the text already named the position and its employer ("UI Design Intern @
    Samsung" / "Electronics"), or ends in a degree's name or field ("Bachelor of Biomedical Laboratory" /
    "Technology", "Bachelor of Fine Arts in Visual" / "Communication Design", "B.B.A., Supply Chain" / "Management").
    (A bracket left open: lines.join_wrapped.) Not a place or the post's terms, set bold below it: "London, UK",
    "Seoul", "Remote", "Full Time"."""
    if (GAP in line.text or line.bullet or not (previous.bold and line.bold) or previous.size != line.size
            or len(line.text.split()) > 3 or not line.text[:1].isupper() or re.search(r"\d", line.text)
            or "," in line.text or _is_known_place(line.text) or _states_terms(line.text)):
        return False
    degree = _find_degree(left)
    # or its field after "in", "of" or a comma, cut before its end: "B.B.A., Supply Chain" / "Management"
    ends_in_degree = degree is not None and (degree.end() == len(left.rstrip())
                                             or bool(re.search(r"\s(?:in|of)\s", left[degree.start():]))
                                             or bool(re.match(r"\.?,\s+[^\W\d_]", left[degree.end():])))
    # a post's unit cut before its noun: "Registered Nurse, Emergency" / "Department"
    title, comma, unit = left.rpartition(", ")
    cut_unit = bool(comma and _title_score(title) and not _title_score(unit)
                    and _UNIT_NOUN.fullmatch(line.text.strip()))
    return bool(_AT.match(left)) or (ends_in_degree and not _is_institution(line.text)) or cut_unit


_UNIT_NOUN = re.compile(r"(?:department|team|division|unit|wards?|services?|group|centre|center|clinic)",
                        re.IGNORECASE)


def _open_range(text: str) -> bool:
    """The text ends in a range's start, "Mar 2021 –" (ongoing), not in a separator between two parts."""
    return bool(re.search(r"\d", text)) and ends_mid_range(text)


# A range's start and its open dash opening a line, then the rest of the line: "Feb. 2020 – Field Director".
_LEADING_RANGE_START = re.compile(r"([^\t]{1,24}?\s[–—-])\s+(\S.*)")


def _range_mended(first: str, second: str, alone: bool = True) -> tuple[str, str] | None:
    """(first, second) with the end of a date range that a part of the first line leaves open (its
    first part: a column of dates on the left; its last: dates on the right) moved there from the start
    of the second; None when the lines are not such a pair. `alone`: the first line is a whole line, not the last
    part of one."""
    continued, _, after = second.partition(GAP)
    whole_first = first
    # The column's cut set apart from its cell as written: "Feb. 2020 – Field Director" (the dash ran into the
    # title), "2013 <tab> – Volunteer" (the dash went with the title); not a range cut after its end's month, "Feb.
    # 2014 – May" above "2019".
    if (GAP not in first and (opening := _LEADING_RANGE_START.match(first)) and _open_range(opening[1])
            and not ends_mid_range(first)):
        word, _, title = opening[2].partition(" ")
        # the end's month ran into the title too: "oct. 2015 – abr. Enfermera de UCI" above "2018 <tab> Hospital …"
        first = (f"{opening[1]} {word}{GAP}{title}" if title and re.search(r"\d", continued) is not None
                 and _open_range(f"{opening[1]} {word}") else f"{opening[1]}{GAP}{opening[2]}")
    elif ((cut := re.match(r"((?:[^\t]{1,12}\t){0,2}[^\t]{1,24})\t[–—-][ \t](.+)", first))
          and _open_range(start := f"{cut[1].replace(GAP, ' ')} –") and find_span(start)):
        first = f"{start}{GAP}{cut[2]}"  # or its words set apart: "Winter <tab> 2018 <tab> – <tab> Nutrition …"
    head, gap, rest = first.partition(GAP)
    if gap and alone and (whole := _range_continued(head, continued)):
        return f"{whole}{GAP}{rest}", after.strip()
    if gap and not _open_range(head):  # "Software Engineer <tab> September 2014 –" above "February 2016 ..."
        rest, _, head = first.rpartition(GAP)
        if not _open_range(head):
            return None
        if mended := _range_mended(head, second, alone=False):
            return f"{rest}{GAP}{mended[0]}", mended[1]
        # Both columns wrapped: "Technik, Toyota Poland, <tab> od lutego 2016 do września" above
        # "Wałbrzych <tab> 2020".
        left, gap, right = second.rpartition(GAP)
        whole = f"{head.rstrip()} {right.strip()}"
        if gap and (span := find_span(whole)) and not span.single and span.span[1] >= len(whole):
            return f"{rest.rstrip()} {left.strip()}{GAP}{whole}", ""
        return None
    if not _open_range(head):
        return None  # "Brand Manager, Mars" ends in a month's name, not in a range's start
    whole = f"{head.rstrip()} {continued.strip()}"
    span = find_span(whole)
    if span is None or span.span[0] >= len(head.rstrip()):
        return _range_ended_right(whole_first, second) if alone else None
    # Not whole yet, "10.2019 – по настоящее" may wait for "время" on the line after.
    unfinished = not re.fullmatch(r"[^\W\d_]+(?:\s+[^\W\d_]+)?", continued.strip()) or not ends_mid_range(whole)
    if (span.single or span.span[1] < len(whole.rstrip())) and unfinished:
        return _range_ended_right(whole_first, second) if alone else None
    return f"{whole}{gap}{rest}", after.strip()


def _range_continued(head: str, continued: str) -> str | None:
    """The range a column of dates on the left wrapped after its whole first date ("03/2019" above "bis 06/2021", the
    Russian "from March 2018" above "to February 2018"), or is still wrapping ("from March 2018" above "to the
    present", above "time", as Russian writes it); None when the line below does not open with a range's second
    half."""
    if not ends_range_below(continued) or (opening := find_span(head)) is None or opening.span != (0, len(head)):
        return None
    whole = f"{head.rstrip()} {continued.strip()}"
    span = find_span(whole)
    if span is None or span.span[0] > 0 or (span.span[1] < len(whole) and not ends_mid_range(whole)):
        return None
    return whole


def _range_ended_right(head: str, second: str) -> tuple[str, str] | None:
    """(the second line with the whole range as its last part, "") when the first line is only a range's start, cut
    in a column of dates on the right, and the second line's last part ends it: "вересень 2010 – червень" above
    "Магістр, Облік <tab> 2015", "з липня 2013 до вересня" above "Технік — Завод <tab> 2017"; None otherwise."""
    left, gap, right = second.rpartition(GAP)
    opening = find_span(head)
    if (GAP in head or not gap or not left.strip() or opening is None or opening.span[0] > 0
            or not re.fullmatch(r"\d{4}", right.strip())):
        return None
    whole = f"{head.strip()} {right.strip()}"
    span = find_span(whole)
    if span is None or span.single or span.current or span.span != (0, len(whole)):
        return None
    return f"{left.rstrip()}{GAP}{whole}", ""


# A street address: a house number, then a street named by its kind, then a comma: "6011 Executive Blvd, Rockville",
# "1800 F Street NW, Washington" (not "24 Hour Fitness, San Diego").
_STREET_ADDRESS = re.compile(r"\d{1,6}[A-Za-z]?\s+[^,\t]{0,40}?\b(?:st|street|ave|avenue|blvd|boulevard|rd|road|"
                             r"dr|drive|ln|lane|way|ct|court|pl|place|pkwy|parkway|hwy|highway|sq|square)\b\.?"
                             r"(?:\s+(?:[NS][EW]?|[EW]))?,\s", re.IGNORECASE)


# What a one-line entry did, after a colon that follows its bracketed dates: "(Sept 2023 – May 2025): organised ...".
_DESCRIBED_AFTER_DATES = re.compile(r"\):\s+(\S.*)")


def parse_work(lines: list[Line]) -> list[Entry]:
    jobs: list[_Job] = []
    lines = _rejoined(lines)
    for number, line in enumerate(lines):
        text = line.content
        if (words := _words(text)) and _COLUMN_LABELS.issuperset(words):
            continue  # a table's header row: "Period | Position | Organisation"
        if jobs and not line.bullet and (agency := _THROUGH_AGENCY.match(text)) and (
                agency["how"] or agency["via"].islower() or jobs[-1].complete()):
            # how the post was held, under its header: "Contract via Hays"; neither employer nor highlight. A name
            # that only opens with the word is the employer while the post has none: "Via Rail Canada", "VIA
            # Technologies"
            continue
        span = find_span(text) if not line.bullet else None
        if not line.bullet and not span and _STREET_ADDRESS.match(text):
            continue  # where the office is, under its agency (a federal resume): "1800 F Street NW, Washington, DC"
        if span and _DATES_LABEL.fullmatch(strip_span(text, span)):
            text = text[span.span[0]:]  # "Duration: Jan 2021 - Present", "Period: 2016 – 2017": the dates alone
            span = find_span(text)
        described = _DESCRIBED_AFTER_DATES.match(text, span.span[1]) if span else None
        if described and not (described[1][:1].islower() or _is_prose(described[1])
                              or len(_header_parts(text[:span.span[0]] if span else "")) > 1):
            described = None  # the employer after a post alone: "Volunteer Tutor (2019 – 2021): Literacy Trust"
        if described:  # "Treasurer, Chess Society (2019 – 2021): ran the budget.": the header, then what was done
            text = text[:described.start(1)].rstrip(" :")
        detail = _is_prose(strip_span(text, span) if span else text) or _DETAIL.match(text)
        if (detail and jobs and not span and not line.bullet
                and _employer_in_lower_case(jobs[-1], text, lines[number + 1:number + 2])):
            detail = None
        wrapped = not span and _ends_open_highlight(lines, number)
        if line.bullet or (detail and jobs) or wrapped:
            if jobs:
                _add_highlight(jobs[-1], text, line.bullet, wrapped)
            continue
        current = jobs[-1] if jobs else None
        if current and not span and _town_between_piped_posts(current, text, lines[number + 1:number + 2]):
            continue  # where the post above was held: neither its employer nor the next post's
        if (current is None or current.started() or (span and current.span)
                or (current.complete() and not span and not _names_missing_title(current, text)
                    and not _names_missing_employer(current, text, lines[number + 1:number + 2])
                    and not _post_in_two_halves([*current.header, (text, False)]))
                # three header lines make a job, but for its dates alone under them ("Title" / "Employer" /
                # "Street, City, ST" / "08/2020 – Present": a federal resume)
                or (len(current.header) >= 3 and not (span and not current.span and not strip_span(text, span)))
                or (not span and _opens_next_employer(jobs, lines[number + 1:number + 2]))):
            current = _Job()
            jobs.append(current)
        rest = strip_span(text, span) if span else text
        if span and current.span is None:
            current.span = span
        if rest:
            current.header.append((rest, span is not None))
        if described:
            _add_highlight(current, described[1], False)
    entries: list[Entry] = []
    previous: _Job | None = None
    for job, entry in _each_read(_employers_over_posts(jobs), _job_entry):
        if entry:
            if previous and entries and (post := _post_at_same_employer(previous, entries[-1], job, entry)):
                # the whole line is the post, a unit after its title too: "Senior Associate, Assurance Services"
                entry["name"] = (entries[-1]["name"][0], 0.6)
                entry["position"] = (post, entry["position"][1])
            else:  # the employer's own entry stays the one later positions inherit from (three promotions)
                previous = job
            entries.append(entry)
        elif entries and job.final_highlights():  # a sub-heading ("Key achievements") or page furniture
            entries[-1]["highlights"] = (entries[-1]["highlights"][0] + job.final_highlights(), 0.6)
    return entries


def _employers_over_posts(jobs: list[_Job]) -> list[_Job]:
    """The jobs with an employer's line that carries its whole time there, above posts with dates of their own,
    made the first post's header line: "Pitney Bowes, Stamford, CT <tab> 2015 – Present" above "Chief Financial
    Officer <tab> 2019 – Present" and "Senior Vice President <tab> 2015 – 2019" (an executive's resume); the later posts
    then inherit it (_post_at_same_employer)."""
    out: list[_Job] = []
    for job in jobs:
        above = out[-1] if out else None
        if (above is not None and above.span and len(above.header) == 1 and not above.started()
                and (named := _names_only_employer(above.header[0][0])) and job.header
                and _title_score(next(iter(_split_parts(job.header[0][0])), ""))
                and not any(_company_score(part) for text, _ in job.header for part in _header_parts(text))):
            job.header = [(named, False), *job.header]
            out[-1] = job
        else:
            out.append(job)
    return out


def _names_only_employer(text: str) -> str | None:
    """The one part of a line that names neither a post nor a place ("Pitney Bowes, Stamford, CT" -> "Pitney
    Bowes"), or None."""
    named = [part for index, part in enumerate(_header_parts(text))
             if not (_is_location(part, index == 0) or _is_town_before_region(text, part, index)
                     or (index > 0 and _is_known_place(part)))]
    return named[0] if len(named) == 1 and not _title_score(named[0]) else None


def _post_at_same_employer(previous: _Job, previous_entry: Entry, job: _Job, entry: Entry) -> str | None:
    """The post of a second position at the employer above, else None: the employer on a line of its own, undated,
    over its first position; then a dated position alone, a job title with maybe its unit ("Associate <tab> 2014 –
    2019", "Senior Associate, Assurance Services <tab> …"), whose whole line is the post."""
    own = [line for line in job.header if not names_a_place(line[0])]  # a line only saying where: "Sunnyvale, CA"
    if not previous.header or len(own) != 1 or _ON_ONES_OWN.search(own[0][0]):
        return None  # "Freelance Consultant" after "Acme Corp": on one's own account, not at Acme
    first_line, dated = previous.header[0]
    post = _merged_parts(own[0][0])
    same = ("position" in entry and "name" in previous_entry and len(post) == 1 and bool(_title_score(post[0]))
            and not dated and first_line.startswith(previous_entry["name"][0]))
    return post[0] if same else None


# Working on one's own account: written where the employer goes, it is the employer ("Self-employed, Bristol").
_OWN_ACCOUNT = (r"self[- ]employed|freelancer?|sole trader|autónomo|autonomo|freiberuflich|selbstst[aä]ndig|"
                r"indépendant|independiente|libero professionista|zzp(?:'er)?|самозанят\w*|фрилансер")
# A line saying through whom a post was held: "Contract via Hays", "via Randstad", "Placed through Adecco"; a name of a
# few words, no sentence ("Through close work with sales, grew revenue 20%").
_THROUGH_AGENCY = re.compile(r"(?P<how>(?:contract(?:ed)?|placed|engaged|assigned|temp(?:orary)?|employed)\s+)?"
                             r"(?P<via>via|through)\s+[^\s.;]\S*(?:\s+\S+){0,4}(?<![.;])$", re.IGNORECASE)
_ON_ONES_OWN = re.compile(rf"\b(?:{_OWN_ACCOUNT}|independent|contract(?:or)?)\b", re.IGNORECASE)
_OWN_ACCOUNT_PART = re.compile(_OWN_ACCOUNT, re.IGNORECASE)


def _each_read[T, R](items: list[T], read: Callable[[T], R]) -> Iterator[tuple[T, R]]:
    """(item, its entry) for each item the rules can read; one they cannot (an exception of theirs on
    a layout they never met) is skipped and logged, so no single entry fails the document (issue 16)."""
    for item in items:
        try:
            entry = read(item)
        except Exception:
            log.warning("a CV entry could not be read and was skipped", exc_info=True)
            continue
        yield item, entry


def _opens_next_employer(jobs: list[_Job], following: list[Line]) -> bool:
    """An undated line after a position alone ("Controller <tab> 2018 – 2021", no highlights), above another dated
    position, where the jobs so far open with their employer ("Prada S.p.A. — Milano" above "Senior Controller <tab>
    2021 – …"): it is the next employer's, not the position's."""
    if len(jobs) < 2 or not following:
        return False
    current = jobs[-1]
    return (len(current.header) == 1 and current.header[0][1] and not current.started()
            and not jobs[0].header[0][1] and find_span(following[0].content) is not None)


def _town_between_piped_posts(job: _Job, text: str, following: list[Line]) -> bool:
    """An undated line that reads like a place name ("Wakefield"), under a one-line header that names the post and
    its employer ("Operations Coordinator | Asda <tab> Jun 2020 – Present") and above another such header: the town
    of the post above (a town cities.json may not know)."""
    if not (job.complete() and not job.started() and len(job.header) == 1 and _is_place(text) and following):
        return False
    below = following[0].content
    span = find_span(below)
    return (span is not None and _piped(job.header) is not None
            and _piped([(strip_span(below, span), True)]) is not None)


def _names_missing_title(job: _Job, text: str) -> bool:
    """The line is the position of a job whose header so far names no position: "2020 – present |
    Employer, City" above "Social Worker"."""
    return (len(job.header) == 1 and _title_score(text) > _company_score(text)
            and (not any(_title_score(part) for part in _split_parts(job.header[0][0]))
                 or ((halves := _title_and_employer(job.header[0][0])) is not None
                     and _division_above_post([job.header[0], (text, False)], halves))))


def _ends_open_highlight(lines: list[Line], number: int) -> bool:
    """The line is the wrapped end of the bullet above, which stopped mid-sentence: "... rose from"
    above "71% to 93%."."""
    if number == 0 or not lines[number - 1].bullet or lines[number].bullet:
        return False
    above, text = lines[number - 1].text.rstrip(), lines[number].content
    return not above.endswith((".", "!", "?", ";", ":")) and (text[:1].islower() or text[:1].isdigit()
                                                              or (text.endswith(".") and len(text) < 60))


def _names_missing_employer(job: _Job, text: str, following: list[Line], ends_entry: bool = False) -> bool:
    """The line is the employer of a job whose dated header names a position and a unit but no
    organisation ("03/2019 – Present | Staff Nurse, Medical ICU" above "Aster Medcity, Kochi"), and the
    job's content starts right under it (a bullet, prose or a detail such as "Client: NHS England"). `ends_entry`: the
    next post's dates or the section's end below it do too."""
    parts = [part for header, _ in job.header for part in _header_parts(header)]
    return (len(job.header) == 1 and not job.started() and not _is_prose(text)
            and (len(_header_parts(text)) <= 2 or _employer_and_place(text))  # "Salesforce, Austin, TX"
            and any(_title_score(part) for part in parts)
            and not any(_company_score(part) > _title_score(part) for part in parts)
            and ((ends_entry and (not following or find_span(following[0].content) is not None))
                 or (bool(following) and (following[0].bullet or _is_prose(following[0].content)
                                          or bool(_DETAIL.match(following[0].content))))))  # "Client: NHS England"


# Past forms that do not end in -ed, and words that open a role's description.
_DONE = every_language("done_words")


# The words that join a phrase's words, not a brand's, in every language (review of issue 16: the lower-case name
# rule took "night shifts on the ward" for an employer and "thesis on coral reefs" for a school).
_PHRASE_WORDS = every_language("phrase_words")


def _name_in_lower_case(text: str) -> bool:
    """A name written in lower case as its brand is ("rewe group, Köln", "iaelyon School of Management"): a few words,
    no digits, no sentence's end, neither a description's first word ("managed", "responsible") nor a title's."""
    words = text.split()
    return (text[:1].islower() and 0 < len(words) <= 5 and not re.search(r"\d|[.:;!?]$", text)
            and (first := words[0].lower().strip(",")) not in _DONE and not first.endswith("ed")
            and not is_job_title_word(first)
            # a phrase, not a name: "night shifts on the ward", "thesis on coral reefs", "customer service and tills",
            # "part-time while studying"; nor the post's terms or a place ("remote, full time")
            and not _PHRASE_WORDS.intersection(word.lower().strip(",") for word in words[1:])
            and not _states_terms(text) and not _is_location(words[0].strip(",")))


def _employer_in_lower_case(job: _Job, text: str, following: list[Line]) -> bool:
    """The line is the employer, written in lower case as its brand is ("rewe group, Köln", "dm-drogerie markt",
    "hotel sacher wien"; _name_in_lower_case), under a dated header that names the post alone, above the post's
    bullets, the next post's dates or the section's end."""
    return (_name_in_lower_case(text) and job.span is not None
            and _names_missing_employer(job, text[:1].upper() + text[1:], following, True))


def _tells_what_was_done(text: str) -> bool:
    """Whether a paragraph opens with what the person did: a verb ("Cleaned ...", "Led ...", "Care for
    ...") or "Responsible for ...", "Verantwortlich für ..." (languages.json's "done_words")."""
    words = _WORD.findall(text.strip().lower())[:2]
    word = words[0] if words else ""
    if len(words) == 2 and not word.endswith("ed") and words[1] != "staff" and is_job_title_word(words[1]):
        return False  # a role named by a noun that is also a verb: "Design lead for ...", "Support engineer on ..."
    return word in _DONE or (word.endswith("ed") and len(word) > 4)


def _add_highlight(job: _Job, text: str, bullet: bool, wrapped: bool = False) -> None:
    """Adds a line under a job's header to its highlights (or its intro, before any); a labelled line among
    bullets ("Tech stack: Go, Kafka", "Client: NHS England", "Supervisor: ...") is a detail of the job, no
    highlight, unless its label says it tells what was done ("Achievements: cut costs 20%")."""
    if not bullet and job.bulleted and not wrapped and _DETAIL.match(text) and not _DONE_LABEL.match(text):
        return
    job.bulleted = job.bulleted or bullet
    if not bullet and job.highlights and (wrapped or text[:1].islower()):  # a wrapped line of the last bullet
        job.highlights[-1] = f"{job.highlights[-1]} {text}"
    elif not bullet and not job.highlights:
        if job.intro and not job.intro[-1].endswith((".", "!", "?", ";", ":")) and text[:1].islower():
            job.intro[-1] = f"{job.intro[-1]} {text}"  # a paragraph's sentence wrapped onto this line
        else:
            job.intro.append(text)
    else:
        job.highlights.append(text)


def _split_parts(text: str) -> list[str]:
    """The parts of a header line between its separators (tabs, pipes, dashes, commas, bullets); a
    university system keeps its campus ("University of California, Berkeley", places.json's
    campus_systems), and a college named only for its subject its town ("College of Engineering, Guindy");
    "University of Queensland, Brisbane" is the university and its city."""
    parts: list[str] = []
    for part in split_unbracketed(_PART_SPLIT, text):
        if not (trimmed := _unbracketed(part)):
            continue
        state = _STATE_UNIVERSITY.fullmatch(parts[-1]) if parts else None
        campus = state is not None and state[1] in CAMPUS_SYSTEMS
        # a campus's town may hold an institution's word: "University of Maryland, College Park"
        if (parts and (campus or _GENERIC_COLLEGE.fullmatch(parts[-1]))
                and (_is_place(trimmed) or (campus and _names_town(trimmed))) and f"{parts[-1]}, {trimmed}" in text):
            parts[-1] = f"{parts[-1]}, {trimmed}"
        else:
            parts.append(trimmed)
    return parts


def _unbracketed(part: str) -> str:
    """A part less its spaces and the brackets around it ("(Berlin)"); a bracket it closes itself stays."""
    part = part.strip(" []")
    if part.startswith("(") and part.endswith(")") and part.count("(") == 1:
        return part[1:-1].strip()
    if part.count("(") != part.count(")"):
        return part.strip(" ()")
    return part


def _header_parts(text: str) -> list[str]:
    """The parts of a header line; an employer whose name has commas is one part when it ends in its
    legal form or a list ("… and …"), a place after it apart: "Skadden, Arps, Slate, Meagher & Flom LLP —
    New York", "Blake, Cassels & Graydon LLP, Vancouver", "Immigration, Refugees and Citizenship Canada,
    Ottawa"."""
    parts: list[str] = []
    for chunk in split_unbracketed(_STRONG_SPLIT, text):
        pieces = chunk.split(", ")
        end = None if _title_score(chunk) else next(
            (i for i, piece in enumerate(pieces[1:], 1) if piece.strip() and (  # not spaces alone: "Acme,  , Ltd"
                # a region's code alone is no legal form: "Royal Alexandra Hospital, Edmonton, AB" (Alberta)
                (_ends_in_legal_form(piece.split()[-1]) and not (" " not in piece and is_region(piece)))
                or (_AND.search(piece) and all(earlier[:1].isupper() for earlier in pieces[:i + 1])))), None)
        if end is not None:
            parts += [_unbracketed(", ".join(pieces[:end + 1])), *(_unbracketed(piece) for piece in pieces[end + 1:])]
        else:
            parts += _split_parts(chunk)
    return parts


def _merged_parts(text: str) -> list[str]:
    """The parts of a header line, with a unit or the terms after a job title kept with it: "Staff
    Nurse, Emergency Department", "Platoon Commander (Lieutenant)" are one part (see _with_specialty)."""
    merged: list[str] = []
    for part in _split_parts(text):
        if merged and _title_score(merged[-1]) and f"{merged[-1]}, {part}" in text and _is_specialty(part):
            merged[-1] = f"{merged[-1]}, {part}"
        elif merged and _title_score(merged[-1]) and f"{merged[-1]} ({part})" in text and not _is_location(part):
            merged[-1] = f"{merged[-1]} ({part})"
        else:
            merged.append(part)
    return merged


# A post over an area, whose area may follow it: "Area Manager, Yorkshire North", "Territory Manager, South East".
_AREA_POST = re.compile(r"\b(?:area|regional|territory|district|zone)\b", re.IGNORECASE)


def _is_specialty(part: str) -> bool:
    return bool(_SPECIALTY.search(part) or re.fullmatch(r"[A-Z][A-Z&]{1,4}", part))


def _title_score(part: str) -> int:
    """Job-title words, counting double when one ends the part ("Embedded Software Engineer"); a word naming an
    organisation is none, whatever title stem it starts with (Ukrainian "лікарня", hospital, is no "лікар", doctor)."""
    words = _WORD.findall(part.lower())
    if _business_of_field(words):
        return 0
    titled = {word for word in words if word not in COMPANY_WORDS and is_job_title_word(word)}
    return len(titled) + (bool(words) and words[-1] in titled)


def _company_score(part: str) -> int:
    """A legal form anywhere ("GmbH", "Inc."), or an organisation noun not followed by a title
    ("Acme Software", but not "Software Engineer")."""
    words = [w.strip(".,") for w in _WORD.findall(part.lower())]
    # an office named for its holder is the organisation, whatever titles name it: "Attorney General's Office"
    # (not "PLC" after a title: the programmable logic controller of "Programista PLC", "PLC Programmer")
    forms = set(words) & LEGAL_FORMS
    beside = words[max(0, words.index("plc") - 1):words.index("plc") + 2] if forms == {"plc"} else []
    if (forms and not any(is_job_title_word(word) for word in beside if word != "plc")) or re.search(
            r"\w(?:'s|s') office$", part, re.IGNORECASE):
        return 2
    # A title word after the organisation noun ("Software Engineer", "School Teacher III") or, in the
    # Romance languages, opening the part ("Engenheiro de Software") makes the noun part of the title.
    # in the plural too: "Columbus City Schools", "Sutter Health Clinics"
    last_noun = max((i for i, word in enumerate(words) if word in COMPANY_WORDS
                     or (word[-1:] == "s" and word[:-1] in COMPANY_WORDS)), default=None)
    if last_noun is None or is_job_title_word(words[0]):
        return 0
    return int(not any(is_job_title_word(word) for word in words[last_noun + 1:]) or _business_of_field(words))


# Job-title words that name a field, not a person: "Marketing Manager", but also "Singapore Technologies Engineering".
_FIELD_TITLE_WORDS = frozenset({"engineering", "marketing", "sales", "research"})


def _business_of_field(words: list[str]) -> bool:
    """Whether the words (lower case) name a business by a name of its own, an organisation noun and the field it
    works in: "Singapore Technologies Engineering", "Acme Software Engineering"; not "Software Engineering", a
    unit, nor "Software Engineer"."""
    last_noun = max((i for i, word in enumerate(words) if word in COMPANY_WORDS), default=0)
    after = words[last_noun + 1:]
    return (last_noun > 0 and bool(after) and all(word in _FIELD_TITLE_WORDS for word in after)
            and not (words[0] in COMPANY_WORDS or is_job_title_word(words[0])))


# Time out of work written among the jobs: "Career break 2018–2022 — caring for family" is no position; a post
# named for it is ("Maternity Leave Cover Teacher", "Sabbatical Officer", "Gap Year Programme Leader").
_TIME_OUT = re.compile(r"(?:career|employment)\s+break|gap\s+year|sabbatical|(?:maternity|paternity|parental)\s+leave"
                       r"|elternzeit|mutterschutz|congé\s+(?:parental|maternité|de\s+maternité)|urlop\s+(?:macierzyński|"
                       r"wychowawczy|rodzicielski)|baja\s+(?:por\s+)?maternidad|congedo\s+(?:di\s+)?maternità|"
                       r"ouderschapsverlof|декретный\s+отпуск|отпуск\s+по\s+уходу", re.IGNORECASE)


def _is_time_out(header: str) -> bool:
    """Whether a header names time out of work (_TIME_OUT) with no job title's word after it before a separator."""
    out = _TIME_OUT.match(header)
    return out is not None and not any(is_job_title_word(word) for word in _WORD.findall(
        re.split(r"[\t–—,:;(|]", header[out.end():], maxsplit=1)[0]))


def _job_entry(job: _Job) -> Entry | None:
    if job.header and _is_time_out(job.header[0][0]):
        return None
    position, company = _position_and_company(job.header)
    if not job.span and not (position and company and min(position[1], company[1]) >= 0.6):
        return None  # a stray line, not a position: undated and not recognisably a job
    entry: Entry = {}
    if company:
        entry["name"] = company
    if position:
        entry["position"] = position
    if job.span:
        base = job.span.confidence
        entry["startDate"] = (job.span.start, base)
        end = job.span.end or (job.span.start if job.span.single else None)
        if end:
            entry["endDate"] = (end, base if not job.span.single else 0.5)
    highlights = job.final_highlights()
    entry["highlights"] = (highlights, 0.75 if highlights else 0.6)
    return entry


@dataclass(frozen=True)
class _Part:
    text: str
    line: int
    first_on_line: bool  # later parts of a line are often a city: "L'Oréal, Clichy"
    dated: bool
    piped: bool


def _position_and_company(header: list[tuple[str, bool]]) -> tuple[tuple[str, float] | None, tuple[str, float] | None]:
    """Which header part is the position and which the employer (with a name of two words or more after it in
    brackets: "Toss (Viva Republica)"; not "(via Hays)", "(Fixed Term)", "(Maternity Cover)", nor a region: "(Greater
    London)", "(North West)", nor one word, as likely a town: "(Tromsø)")."""
    position, company = _read_header(header)
    if position and (agency := _AGENCY_BRACKET.search(position[0])) and agency.start():
        position = (position[0][:agency.start()], position[1])  # "Welder (via Hays)": the agency is in no field
    if company is None:
        company = _employer_before_region(header)
    if company and (bracket := _END_BRACKET.search(company[0])) and not _names_more(bracket[1]):
        company = (company[0][:bracket.start()], company[1])  # "Capgemini (via Hays)" read whole, as one field
    if company:
        for text, _ in header:
            # a parent body, its name of two words or more: "(Viva Republica)", "(Servicio Andaluz de Salud)"; no list
            # ("Globex (Python, SQL, Tableau)")
            if ((inner := re.match(r" \(([^()]{2,60})\)", text.partition(company[0])[2]))
                    and _names_parent(inner[1], company[0]) and company[0] in text
                    and (_names_more(inner[1])
                         or (_BRACKET_PARENT.match(inner[1]) is not None and not _states_terms(inner[1])))):
                return position, (f"{company[0]} ({inner[1]})", company[1])
    return position, company


_END_BRACKET = re.compile(r" \(([^()]+)\)$")
# An agency through which a post was held, in brackets after it: "(via Hays)", "(Contract via Adecco)", "(through
# Randstad)"; dev12's "Capgemini (via Hays)" and dev19's conventions put the agency in no field.
_AGENCY_BRACKET = re.compile(r" \((?:[\w-]+ )?(?:via|through) [^()]+\)$", re.IGNORECASE)
# An employer's acronym ("(SPDC)", "(JPIA)") or its parent described ("(a member firm of the PwC network)", "(A Tata
# Enterprise)", "(a Walmart company)"), in brackets after its name.
_BRACKET_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,9}")
_BRACKET_PARENT = re.compile(r"(?:an?|part of|member of)\s", re.IGNORECASE)


def _names_parent(inner: str, employer: str) -> bool:
    """Whether a bracket after an employer may name more of it: a name of two to five words, capitalised
    ("Viva Republica"), an acronym of two to ten capitals not a region's ("SPDC", not "NSW") that may be the
    employer's own, or its parent described in up to ten words ("a member firm of the PwC network"); no list
    ("Python, SQL, Tableau")."""
    if "," in inner:
        return False
    if _BRACKET_ACRONYM.fullmatch(inner):
        return not is_region(inner) and not _is_known_place(inner) and _may_abbreviate(inner, employer)
    words = len(inner.split())
    if _BRACKET_PARENT.match(inner):
        return words <= 10
    return inner[:1].isupper() and 2 <= words <= 5


def _may_abbreviate(acronym: str, name: str) -> bool:
    """Whether `acronym` may be the letters of `name`: its first letter is the name's and its letters are the
    name's in order ("SPDC", "Shell Petroleum Development Company"; "JPIA"). A contract's, a ward's or a skill's
    letters after an employer are not: "Acme Ltd (FTC)", "Société Générale (CDD)", "St Mary's Hospital (ICU)",
    "Acme (NLP)" (review of today's bracket rule)."""
    letters = iter(fold(name).upper())
    return fold(name)[:1].upper() == acronym[:1] and all(letter in letters for letter in acronym.replace("&", ""))


def _employer_before_region(header: list[tuple[str, bool]]) -> tuple[str, float] | None:
    """The employer of a header that names none, from an undated line read as a place with its region and country
    whose first piece is no place anyone knows: "Google, California, United States" under "Software Engineer <tab>
    2019 – 2021" (LinkedIn's "Sunnyvale, California, United States" stays a place: the company is named above it)."""
    for text, dated in header:
        first, _, rest = text.partition(", ")
        if (not dated and rest.count(", ") == 1 and names_a_place(text) and city_country(first) is None
                and not _is_known_place(first, True) and not _title_score(first)):
            return first.strip(), 0.6
    return None


def _names_more(bracketed: str) -> bool:
    """Whether a bracket after an employer's name says more of its name (a parent company: "Viva Republica"), not
    where it is nor on what terms the post was held."""
    return not (_is_location(bracketed) or _is_known_place(bracketed) or _title_score(bracketed)
                or _states_terms(bracketed) or _is_region(bracketed))


# What a bracket after an employer says of the post, not of the employer's name: at its start ("(Bank Staff)", "(Part
# Time)"), or anywhere ("(Fixed-Term Contract)", "(Maternity Cover)", "(Zero Hours)", "(Night Shift)").
_TERMS = re.compile(r"(?:via|through|über|contract|temp|bank|locum|agency|remote|hybrid|part|full)\b", re.IGNORECASE)
_TERM_WORD = re.compile(r"\b(?:fixed|term|permanent|temporary|contract|maternity|paternity|parental|cover|zero|hours|"
                        r"shift|seasonal|interim|voluntary|volunteer|casual|secondment|placement|sabbatical)\b",
                        re.IGNORECASE)


def _states_terms(text: str) -> bool:
    """Whether the text states the post's terms, not a name or a place: "(via Hays)", "Full Time", "(Maternity
    Cover)"."""
    return bool(_TERMS.match(text) or _TERM_WORD.search(text))


# A part of a country named by its bearing: "(North West)", "(South Wales)", "(East Anglia)", "(Central Scotland)".
_BEARING = re.compile(r"(?:north|south|east|west|central|northern|southern|eastern|western)(?:[- ]|$)", re.IGNORECASE)


def _is_region(text: str) -> bool:
    """A region places.json knows ("Greater Manchester", "West Midlands", "Île-de-France"), one named by its
    bearing ("North West") with no organisation's word, or a place named by what it is ("Trafford Park")."""
    return (fold(text.lower()) in REGION_NAMES or bool(_BEARING.match(text) and not _words(text) & COMPANY_WORDS)
            or bool(_PLACE_NOUN.search(text)))


# A place named by what it is: "Trafford Park", "Canary Wharf", "Kings Hill Estate", "Dublin Airport".
_PLACE_NOUN = re.compile(r"\b(?:park|estate|wharf|quay|centre|center|road|street|valley|hill|heights|square|airport|"
                         r"campus|site|district|county|province|village|town|city)$", re.IGNORECASE)


def _read_header(header: list[tuple[str, bool]]) -> tuple[tuple[str, float] | None, tuple[str, float] | None]:
    """Which header part is the position and which the employer: job-title words and company
    nouns decide; layout conventions break ties. Neither for an empty header (dates alone)."""
    if not header:
        return None, None
    if piped := _piped(header):
        return piped
    # "Position at Employer" on the first line; the lines under it name no other post or employer
    # ("Rotterdam | 2020 – …").
    if (match := _AT.match(header[0][0])) and not any(_title_score(text) or _company_score(text)
                                                      for text, _ in header[1:]):
        return (match["position"].strip(), 0.85), (_header_parts(match["company"])[0], 0.85)  # "Mercari, Inc."
    if in_employer := _post_in_employer(header):
        return in_employer
    if (halves := _title_and_employer(header[0][0])) and not (
            not _company_score(halves[1]) and _names_employer(header[1:], but=halves[1])) and not (
            # a place or a way of working after the dash, the employer on a line of its own: "Software Engineer –
            # London" (or "– Remote") above "Stripe"
            len(header) > 1 and _is_known_place(halves[1]) and any(not names_a_place(text) for text, _ in header[1:])
    ) and not _division_above_post(header, halves):
        # ... unless the dash only parts a title from its unit and the employer is on a line of its own:
        # "Senior Physiotherapist – Musculoskeletal Outpatients" above "Royal Prince Alfred Hospital".
        return (halves[0], 0.8), (halves[1], 0.75)
    if whole := _post_in_two_halves(header) or _employer_above_post(header):
        return whole
    parts = [_Part(part, number, index == 0, dated, "|" in text)
             for number, (text, dated) in enumerate(header)
             if dated or not names_a_place(text)  # a line of its own that only says where: "Seattle, WA"
             for index, part in enumerate(_header_parts(text)) if not _is_location(part, index == 0)
             and not _COLUMN_LABELS.issuperset(_words(part)) and not _is_town_before_region(text, part, index)]
    if not parts:
        return None, None
    own_account = [p for p in parts if _OWN_ACCOUNT_PART.fullmatch(p.text)] if len(parts) > 1 else []
    titles = [p for p in parts if _title_score(p.text) > _company_score(p.text) and p not in own_account]
    companies = [p for p in parts if _company_score(p.text) > _title_score(p.text) or p in own_account]
    if len(companies) > 1 and _UNIT_OF.match(companies[0].text):  # "Teaching Assistant, School of Psychology"
        companies = companies[1:]  # above "University College Dublin": the school is the post's unit
    # what follows a title, or its unit, in brackets on the title's line, found once per title
    after_titles = {inner for line in {t.line for t in titles}
                    for inner in re.findall(r" \(([^)]*)\)", header[line][0])}
    bracketed = [p for p in companies if p.text in after_titles]
    # "Healthcare Support Worker (Bank)" above its board; a grade in brackets, "Policy Officer (APS 6)", is the post's
    if bracketed and (len(companies) > len(bracketed) or all(re.search(r"\d", p.text) for p in bracketed)):
        companies = [p for p in companies if p not in bracketed]
    others = sorted((p for p in parts if p not in titles and p not in companies), key=lambda p: not p.first_on_line)
    if titles and companies and (above := _employer_above_post_and_unit(header, parts, titles[0], companies[0])):
        with_unit = f"{titles[0].text}, {companies[0].text}"
        # "(Contract)" after the unit stays the post's, as the other sets have it
        terms = re.match(r" \([^()]+\)$", header[titles[0].line][0].partition(with_unit)[2])
        return (with_unit + (terms[0] if terms else ""), 0.75), (above.text, 0.75)
    if titles and companies:
        rest = [p for p in parts if p != companies[0]]
        return (_with_specialty(titles[0], rest, header), 0.8), (_organisation_line(companies[0], parts, header), 0.8)
    capitals = [t for t in titles if t.text.isupper() and not header[t.line][1]]
    post = next((t for t in titles if t not in capitals), None)
    if len(titles) > 1 and not companies and not others and capitals and post is not None and (
            _ends_in_title_word(post.text) != _ends_in_title_word(capitals[0].text)):
        # the employer in capitals above the post: "HOME INSTEAD SENIOR CARE" / "Home Care Assistant (From May 2019)";
        # or the post in capitals above its employer: "WAREHOUSE OPERATIVE" / "Driver Hire" (the post's last word a
        # job title's)
        if _ends_in_title_word(capitals[0].text):
            return (capitals[0].text, 0.75), (post.text, 0.75)
        return (_with_specialty(post, [p for p in parts if p != capitals[0]], header), 0.75), (capitals[0].text, 0.75)
    if titles:
        # "Seasonal Associate, Appliances, Lowe's Home Improvement, Tulsa": three parts after the title on its line,
        # the last a place: the one before it is the employer, those between the title's unit.
        after = [p for p in others if p.line == titles[0].line and parts.index(p) > parts.index(titles[0])]
        unit = ", ".join([titles[0].text, *(p.text for p in after[:-2])])
        if (len(after) >= 3 and _is_place(after[-1].text)
                and f"{unit}, {after[-2].text}, {after[-1].text}" in header[titles[0].line][0]):
            return (unit, 0.7), (after[-2].text, 0.7)
        if between := _employer_between_title_and_town(header, parts, titles):
            return (titles[0].text, 0.7), (between.text, 0.7)
        company = others[0] if others else (_employer_at_place(header, titles[0]) or next(
            # an organisation named for what its people do, on an undated line of its own: "Hospital Veterinário do
            # Restelo" under "Médica Veterinária" (its title word is no post)
            (t for t in titles[1:] if t.line != titles[0].line and not t.dated and _words(t.text) & COMPANY_WORDS),
            None))
        rest = [p for p in parts if p != company]
        return (_with_specialty(titles[0], rest, header), 0.8), (
            (_organisation_line(company, parts, header), 0.65) if company else None)
    if companies:
        return ((others[0].text, 0.6) if others else None), (companies[0].text, 0.8)
    return _by_convention(parts)


# "Position in Employer", as speakers of languages whose word for "at" is "in" write English ("Project Architect in
# Estudio Lamela, Madrid"; Spanish "en", Italian "in", Polish "w").
_IN = re.compile(r"^(?P<position>[^\t,]+?)\s+in\s+(?P<company>[^\t]+)$")


# The last words of a field of work or study that no employer's name ends in (languages.json's "field_nouns").
_FIELD_NOUNS = every_language("field_nouns")


def _fold_word(word: str) -> str:
    """A word lower-cased, its punctuation off: "Studies," -> "studies"."""
    return word.lower().strip(".,;:()")


def _post_in_employer(header: list[tuple[str, bool]]) -> tuple[tuple[str, float], tuple[str, float]] | None:
    """(position, employer) of a first header line "Position in Employer": a title before "in", and after it a name of
    two words or more that a legal form or an organisation's noun ends, or a known town after its comma ("Junior
    Architect in Rafael de La-Hoz Arquitectos, Madrid"); no title in it, nor a field ("Specialist in Oncology,
    London", "Engineer in Training"), and no other post or employer on the lines under it."""
    match = _IN.match(header[0][0])
    if match is None or not _title_score(match["position"]):
        return None
    company, _, place = match["company"].rpartition(", ")
    company = company or place
    if (len(company.split()) < 2 or "," in company or _title_score(company) or _is_specialty(company)
            or not company[:1].isupper() or _is_institution(company)
            or not (_company_score(company) or (place != company and _names_town(place) and _is_known_place(place)
                                                and _fold_word(company.split()[-1]) not in _FIELD_NOUNS))
            or any(_title_score(text) or _company_score(text) for text, _ in header[1:])):
        return None
    return (match["position"].strip(), 0.7), (company.strip(), 0.7)


def _is_town_before_region(text: str, part: str, index: int) -> bool:
    """Whether a part after the first on its line is a town, named just before a region's code: "Stamford" in "Pitney
    Bowes, Stamford, CT" (a town cities.json may not know). Found by position, no pattern built per part."""
    return index > 0 and part in _towns_before_regions(text) and _is_place(part)


@lru_cache(maxsize=64)
def _towns_before_regions(text: str) -> frozenset[str]:
    """What stands between two commas just before a region's code ("Stamford" in "Pitney Bowes, Stamford, CT"), read
    once per line: a search of the line per part made a line of thousands of parts quadratic."""
    towns = set()
    pieces = text.split(", ")
    at = len(pieces[0]) + 2
    for piece in pieces[1:-1]:
        if (following := _NEXT_WORD.match(text, at + len(piece) + 2)) and following[1] in REGION_CODES:
            towns.add(piece)
        at += len(piece) + 2
    return frozenset(towns)


_NEXT_WORD = re.compile(r"[\s,]*([^\s,]+)")


def _employer_above_post(header: list[tuple[str, bool]]) -> tuple[tuple[str, float], tuple[str, float]] | None:
    """A dated line naming only the employer (and where it is) above the post's line: "Xerox, Norwalk, CT <tab>
    2008 – 2015" above "Vice President, Finance – Global Services", whose unit after the dash is the post's."""
    if len(header) != 2 or not header[0][1] or header[1][1] or names_a_place(header[1][0]):
        return None
    post = header[1][0].strip()
    named = _names_only_employer(header[0][0]) or _employer_before_division(header[0][0])
    if named is None or not _title_score(next(iter(_split_parts(post)), "")):
        return None
    chunks = [chunk for chunk in split_unbracketed(_STRONG_SPLIT, post) if chunk.strip()]
    while len(chunks) > 1 and (names_a_place(chunks[-1]) or _is_known_place(chunks[-1])):
        chunks.pop()  # a place after the post: "Area Manager — Etna, OH"
    post = post[:post.find(chunks[-1]) + len(chunks[-1])]
    title, comma, place = post.rpartition(", ")
    if (comma and _title_score(title) and not _AREA_POST.search(title)
            and (_is_known_place(place) or names_a_place(place))):
        post = title  # a town after the post, after its comma: "Audit Summer Intern, Leeds" (not "Area Manager, Kent")
    return (post, 0.7), (named, 0.7)


_UNIT_NOUN = re.compile(r"\b(?:department|unit|wards?|team|division|clinic|outpatients|theatres|practice)\b",
                        re.IGNORECASE)


def _employer_between_title_and_town(header: list[tuple[str, bool]], parts: list[_Part],
                                     titles: list[_Part]) -> _Part | None:
    """The employer of a one-line "Title, Employer, Town" whose employer has a title's word but ends in none:
    "Research Scientist, Wellcome Trust Research Programme, Kilifi"; not a unit ("Staff Nurse, Emergency
    Department, Leeds") nor a field of two words ("Engineer, Product Design, Leeds")."""
    if len(header) != 1 or len(parts) != 3 or parts[0] != titles[0] or parts[1] not in titles:
        return None
    middle, town = parts[1], parts[2]
    if (_ends_in_title_word(middle.text) or _UNIT_NOUN.search(middle.text) or len(middle.text.split()) < 3
            or not _is_known_place(town.text)
            or not header[0][0].rstrip().endswith(town.text)):
        return None
    return middle


def _employer_above_post_and_unit(header: list[tuple[str, bool]], parts: list[_Part], title: _Part,
                                  unit: _Part) -> _Part | None:
    """The employer alone on an undated line above "Title, Unit" when the unit, read as an organisation, is a
    field of work after the title's comma: "Schlumberger Nigeria" above "Field Engineer II, Well Services"."""
    if not (unit.line == title.line and _is_specialty(unit.text)
            and f"{title.text}, {unit.text}" in header[title.line][0]):
        return None
    alone = [p for p in parts if p.line < title.line and not p.dated and not _title_score(p.text)
             and sum(q.line == p.line for q in parts) == 1]
    return alone[0] if len(alone) == 1 else None


def _division_above_post(header: list[tuple[str, bool]], halves: tuple[str, str]) -> bool:
    """Whether a dated "Employer — Division" line, read as title and employer, is above the post's own line, which
    names a title more surely: "Lloyds Banking Group — Commercial Banking" above "Senior Analyst, Credit"."""
    return (len(header) == 2 and header[0][1] and not header[1][1]
            and _employer_before_division(header[0][0]) == halves[1]
            and _title_score(next(iter(_split_parts(header[1][0])), "")) > _title_score(halves[0].partition(", ")[0]))


def _employer_before_division(text: str) -> str | None:
    """The employer of a line naming it and, after a dash, its division (and where it is): "Lloyds Banking Group —
    Commercial Banking, Manchester" -> "Lloyds Banking Group" (dev19's convention drops the division); None when
    either side may be a post ("Acme Ltd — Sales Manager") or the line has more dashes."""
    chunks = [chunk.strip() for chunk in split_unbracketed(_STRONG_SPLIT, text) if chunk.strip()]
    if len(chunks) != 2 or not re.search(r" [–—] ", text):
        return None
    employer, division = chunks[0], chunks[1].partition(", ")[0]
    if (_title_score(employer) or _is_known_place(employer) or names_a_place(employer)
            or _ends_in_title_word(division) or _is_known_place(division)):
        return None
    return _names_only_employer(employer)


def _post_in_two_halves(header: list[tuple[str, bool]]) -> tuple[tuple[str, float], tuple[str, float]] | None:
    """A dated line that a dash parts into a kind of post and its role, above the employer's name alone (maybe with
    its place): "Stage – assistante communication" / "Airbus", "Praca wakacyjna – kasjerka" / "Biedronka", "FY2 –
    Emergency Medicine" / "St James's University Hospital, Leeds": the dated line is the position whole. Not where a
    half is a place or names an organisation ("Software Engineer – London" / "Stripe"), nor where the line below names
    a post or a place. The post's line may be the undated one, above its employer's dated line: "Christmas Casual –
    Concierge Desk" / "Westfield Parramatta <tab> Dec '17 – Jan '18"."""
    if len(header) != 2 or header[0][1] == header[1][1]:
        return None
    post, employer = (header[0][0], header[1][0]) if header[0][1] or _HALVES.match(header[0][0].strip()) else (
        header[1][0], header[0][0])
    halves = _HALVES.match(post.strip())
    fields = [field.strip() for field in split_unbracketed(_PIPE, employer) if field.strip()]
    named = [field for field in fields if not (_is_known_place(field) or names_a_place(field))]
    below = named[0] if len(fields) > 1 and len(named) == 1 else employer.strip()  # "Mainfreight | Hamilton"
    name, comma, place = below.rpartition(", ")
    if comma and (_is_place(place) or names_a_place(place)):
        below = name  # the employer, then where: "Leeds General Infirmary, Leeds"
    if (halves is None or halves["dash"] == "|" or "," in below or GAP in below or _title_score(below)
            or _states_terms(below) or _is_known_place(below, True) or names_a_place(below) or _is_location(below)):
        return None
    if any(_is_known_place(half) or _is_location(half) or names_a_place(half) or _company_score(half)
           or _words(half) <= _words(below)  # the employer's name again: "Consultant – Accenture" / "Accenture plc"
           for half in (halves["first"], halves["second"])):
        return None
    return (post.strip(), 0.7), (below, 0.7)


def _ends_in_title_word(text: str) -> bool:
    """Whether the last word before any bracket is a job title's: "Home Care Assistant (From May 2019)"."""
    words = _WORD.findall(text.partition("(")[0]) or [""]
    return is_job_title_word(words[-1])


def _employer_at_place(header: list[tuple[str, bool]], title: _Part) -> _Part | None:
    """The employer of a header that names no other part, from an undated line that reads like a place but whose
    first part is no place anyone knows, before a city: "Grab, Singapore", "GovTech Singapore, Singapore" under the
    title; not a town before its country or region ("Paisley, Scotland", "Springfield, IL")."""
    for number, (text, dated) in enumerate(header):
        first, comma, rest = text.partition(", ")
        if (number != title.line and not dated and comma and names_a_place(text) and not _is_known_place(first, True)
                and city_country(rest.partition(",")[0].strip()) is not None):
            return _Part(first.strip(), number, True, False, False)
    return None


def _organisation_line(company: _Part, parts: list[_Part], header: list[tuple[str, bool]]) -> str:
    """The employer with the organisations its line names beside it, on an undated line of their own with no title:
    "U.S. Department of Homeland Security, Federal Emergency Management Agency", "Department of the Air Force, 502d
    Logistics Readiness Squadron" (a federal resume names the agency and its unit)."""
    text, dated = header[company.line]
    on_line = [p.text for p in parts if p.line == company.line]
    if (dated or len(on_line) < 2 or ", ".join(on_line) != text.strip()
            or any(_title_score(part) or _is_place(part) for part in on_line)):
        return company.text
    return text.strip()


def _piped(header: list[tuple[str, bool]]) -> tuple[tuple[str, float], tuple[str, float]] | None:
    """A one-line header whose fields a pipe or a table's cells part, "Employer | Position | dates" or "Position |
    Employer, City | dates": the one field with a job title is the position, commas and all ("Account Manager,
    Government", "Senior Executive, Supply Chain Planning"); the other the employer, less a place at its end."""
    if len(header) != 1 or not ("|" in header[0][0] or GAP in header[0][0]):
        return None
    text = header[0][0]
    span = find_span(text)
    fields = [field.strip() for field in split_unbracketed(_PIPE, strip_span(text, span) if span else text)]
    fields = [field for field in fields if field and re.search(r"[^\W\d_]", field) and not _is_location(field)]
    titled = [field for field in fields if _title_score(field)]
    if len(fields) == 3 and len(titled) == 1:
        fields = _less_piped_place(fields, titled[0])
    if len(fields) != 2 or len(titled) != 1:
        return None
    employer = fields[1] if fields[0] == titled[0] else fields[0]
    return (titled[0], 0.8), (_less_places(employer), 0.75)


def _less_piped_place(fields: list[str], title: str) -> list[str]:
    """The fields of "years | Title | Employer | City" but the place: the field that names a known place, or the
    last when it may name a town (one or two words, no organisation's: "Bedfordview") and the other does not."""
    first, last = (field for field in fields if field != title)
    if _is_known_place(first) or names_a_place(first):
        return [field for field in fields if field != first] if not _is_known_place(last) else fields
    if _is_known_place(last) or names_a_place(last) or (
            len(last.split()) <= 2 and not _company_score(last) and not _words(last) & COMPANY_WORDS
            and (_company_score(first) or len(first.split()) > len(last.split()))):
        return [field for field in fields if field != last]
    return fields


def _title_and_employer(text: str) -> tuple[str, str] | None:
    """("Senior Associate", "Smith, Jones & Partners") from "Senior Associate — Smith, Jones &
    Partners, Leeds": a job title on one side of a dash, the employer, commas and all, on the
    other, less a place at its end."""
    match = _HALVES.match(text)
    if not match:
        return None
    first, second = match["first"].strip(), match["second"].strip()
    if _title_score(first) and (_is_place(second) or _is_location(second)) and ", " in first:
        # "Director of Operations, Wynn Las Vegas — Las Vegas": the place after the dash; the employer
        # is the last part before it.
        title, _, employer = first.rpartition(", ")
        if not (_title_score(employer) or _is_specialty(employer)):
            return title, employer
        if _is_known_place(second) or _is_location(second):
            return None
        # a unit after the title, and after the dash a firm named like a town: "Senior Associate, Dispute Resolution
        # – Webber Wentzel" (read below as title – employer)
    if _title_score(first) and (not _title_score(second) or (
            # a title word inside a name that ends in none: "School Bus Driver – Student Transportation of Canada"
            _title_score(first) > _title_score(second) and not is_job_title_word(second.split()[-1])
            and is_job_title_word(first.split()[-1]))):
        title, employer = first, second
        unit, comma, rest = second.partition(", ")
        # A field after the dash is the post's ("Head of Department – Mathematics, School"); an office of the
        # employer is the employer's ("… — Public Works Department, Government of Uttar Pradesh").
        if (comma and _is_specialty(unit) and not _company_score(unit) and _company_score(rest)
                and not _ORGANISATION_UNIT.search(unit)):
            title, employer = f"{first} {match['dash']} {unit}", rest
    elif _title_score(second) and not _title_score(first) and not _is_place(first):
        title, employer = second, first
    else:
        return None
    return title, _less_places(employer)


def _less_places(employer: str) -> str:
    """The employer without the places after its commas: "Acme, Leeds", "Acme, Leeds, UK" are "Acme"."""
    pieces = employer.split(", ")
    while len(pieces) > 1 and (_is_place(pieces[-1]) or _is_location(pieces[-1])):
        pieces.pop()
    return ", ".join(pieces)


def _names_town(text: str) -> bool:
    """One to three capitalised words, as a town's name is written, whatever the words ("College Park"): particles
    allowed, no "and" ("Housing and Communities" is a department; countries such as "Trinidad and Tobago" are known
    by name)."""
    words = text.split()
    return (0 < len(words) <= 3 and all(_PLACE_WORD.match(w) for w in words) and words[0][:1].isupper()
            and "&" not in text and not _AND.search(text))


def _is_place(text: str) -> bool:
    """Reads like a place name (_names_town) with no word that names an organisation."""
    return _names_town(text) and not (_words(text) & COMPANY_WORDS)


def _with_specialty(position: _Part, parts: list[_Part], header: list[tuple[str, bool]]) -> str:
    """The position with what follows it on its line when that qualifies the post, not a place: a
    field or unit after a comma ("Staff Nurse, Emergency Department", "Senior Consultant, ESG"); a
    unit after a dash where the employer is another part ("Senior Physiotherapist – Musculoskeletal
    Outpatients"); the terms of the post in brackets ("Clinical Educator (casual)"), after its unit too
    ("Team Leader – Inbound (Night Shift)")."""
    post = _post_and_unit(position, parts, header)
    line = header[position.line][0]
    if post != position.text and (after := re.match(r" ?\([^()]*\)", line[line.find(post) + len(post):])):
        post += after[0]
    return post


_JOINED_BY = re.compile(r", | [–—-] | ?\(")


def _written_together(line: str, first: str, second: str) -> tuple[str, str, str] | None:
    """(the two as written, what joins them, ")" when a bracket closes the second or ""), where `second` follows
    `first` in the line after a comma, a dash or an opening bracket: "Staff Nurse, Emergency Department". Found by
    position: no pattern is built per header (re's cache of compiled patterns is shared with phonenumbers')."""
    start = line.find(first)
    while start >= 0:
        if (joint := _JOINED_BY.match(line, start + len(first))) and line.startswith(second, joint.end()):
            end = joint.end() + len(second)
            closing = ")" if line.startswith(")", end) else ""
            return line[start:end + len(closing)], joint[0], closing
        start = line.find(first, start + 1)
    return None


def _post_and_unit(position: _Part, parts: list[_Part], header: list[tuple[str, bool]]) -> str:
    # the next part on the position's line, found from where the position stands (an index asked per part made a
    # line of thousands of parts quadratic)
    after = parts[parts.index(position) + 1:]
    following = next((p for p in after if p.line == position.line and p != position), None)
    if following is None:
        return position.text
    written = _written_together(header[position.line][0], position.text, following.text)
    if written is None:
        return position.text
    employer_apart = _names_employer(header, but=following.text)
    if "(" in written[1]:  # "(casual)", "(Captain)", "(Bank)" above its employer; not "(Remote)", "(Germany)"
        return written[0] if written[2] and not _is_location(following.text) and (
            employer_apart or not _company_score(following.text) or re.search(r"\d", following.text)) else position.text
    if _company_score(following.text) and not (_UNIT_OF.match(following.text) and employer_apart):
        return position.text
    if _UNIT_OF.match(following.text) and written[1] == ", ":
        return written[0]
    if employer_apart and not _is_known_place(following.text) and (
            written[1] != ", " or (_AREA_POST.search(position.text) and _is_place(following.text))
            or (not _title_score(following.text)
                and _names_employer([line for number, line in enumerate(header) if number != position.line], but=""))):
        # the employer on a line of its own: "Deputy Manager – Retail Liabilities", "Area Manager, Yorkshire North";
        # not the employer's own name again: "Consultant – Accenture" above "Accenture plc"
        named = _words(following.text)
        return position.text if any(named <= _words(part) for text, _ in header for part in _header_parts(text)
                                    if part != following.text) else written[0]
    if written[1] != ", " and not employer_apart:
        return position.text  # "Position – Employer"
    return written[0] if _is_specialty(following.text) else position.text


# A unit of an organisation, named by its last word: "Investment Banking Division", "Platform Team".
_UNIT_LAST = re.compile(r"\b(?:department|division|unit|team|desk)$", re.IGNORECASE)


def _employer_and_place(text: str) -> bool:
    """Whether a line names one employer and where it is, nothing else: "Salesforce, Austin, TX" (not "Mountain View,
    CA", a place alone)."""
    named = _names_only_employer(text)
    return (named is not None and text.startswith(named) and len(_header_parts(text)) > 1 and not names_a_place(text)
            and not _UNIT_LAST.search(named))  # the employer's unit: "Investment Banking Division, New York, NY"


def _names_employer(header: list[tuple[str, bool]], but: str) -> bool:
    """Whether a part of these header lines other than `but` names an employer: by a company word or legal form,
    as the first field of a piped line whose next field is a place ("Mainfreight | Hamilton | Aug 2020 – …"), or
    on an undated line that only adds where it is ("Salesforce, Austin, TX")."""
    for text, dated in header:
        if not dated and _employer_and_place(text) and _names_only_employer(text) != but:
            return True
        parts = _header_parts(text)
        if any(_company_score(part) for part in parts if part != but):
            return True
        if (("|" in text or GAP in text) and len(parts) >= 2 and parts[0] != but and not _is_known_place(parts[0], True)
                and (_is_location(parts[1]) or _is_place(parts[1]))):
            return True
    return False


def _by_convention(parts: list[_Part]) -> tuple[tuple[str, float] | None, tuple[str, float] | None]:
    """No keywords to go by. On two lines, the one with the dates holds the position ("Company,
    City" above "Position  dates"); on one line, "Company | Position" or "Position — Company"."""
    starts = [p for p in parts if p.first_on_line]
    if len(starts) >= 2:
        dated = [p for p in starts if p.dated]
        if len(starts) == 2 and len(dated) == 1:
            undated = next(p for p in starts if not p.dated)
            return (dated[0].text, 0.5), (undated.text, 0.5)
        return (starts[0].text, 0.45), (starts[1].text, 0.45)
    if len(parts) == 1:
        return (parts[0].text, 0.4), None
    first, second = parts[0], parts[1]
    return ((second.text, 0.5), (first.text, 0.5)) if first.piped else ((first.text, 0.5), (second.text, 0.5))


# --- education ----------------------------------------------------------------------------------

_DEGREE_SUBJECTS = (r"arts|science|sciences|engineering|business administration|laws|law|philosophy|"
                    r"education|fine arts|technology|commerce|applied sciences?|music|medicine|"
                    r"public health|architecture|nursing|social work|computer applications|pharmacy|"
                    r"dentistry|dental surgery|veterinary medicine|divinity|theology|physiotherapy|optometry")
# A degree's qualifier in brackets, as written: "(HND)", "(MBChB)", "(FH)", "(Univ.)", "(Hons)", South Africa's "Matric
# (Grade 12)", Pakistan's "Intermediate (I.Com)"; a field is no qualifier: "(Architecture)".
# The way a degree was taught, in brackets after it, no field: "PGCE (International)", "MBA (Part-time)". (The school
# level a teaching award is for is its field, as dev9's README has it: "Graduate Diploma of Teaching (Secondary)".)
_MODE_QUALIFIER = (r"International|Part[- ]time|Full[- ]time|Online|Distance Learning|Top[- ]up|Accelerated"
                   r"|Graduate Entry")
_DEGREE_QUALIFIER = (r"[A-Z]{2,6}|(?:[A-Z][a-z]?){3,5}"
                     r"|[A-Z][a-z]{1,5}\.|[A-Z]\.[A-Z][a-z]{1,4}\.?|Hons?|Honours|Mod|Ord|Grade \d{1,2}"
                     r"|Matric"
                     rf"|{_MODE_QUALIFIER}"
                     r"|\d{1,2} (?:subjects|grades|passes)[^()]{0,30}")  # "GCSEs (9 grades A*–C)"
_NATIVE_NAMES = alternation(DEGREE_NAMES, ignorecase=True, spaces=True)
_DEGREE_PHRASE = re.compile(
    # languages.json's degree names of more than one word first: "Licence professionnelle", "Master 2".
    r"\b(?:" + alternation((name for name in DEGREE_NAMES if " " in name), ignorecase=True, spaces=True) + "|"
    # "Bachelor of Health Science in Physiotherapy": the degree runs to the "in" of its field.
    + r"(?:bachelor|master|doctor)(?:'s)?\s+of\s+[^\W\d_][^\W\d_ &]*(?:\s+[^\W\d_&][^\W\d_]*){0,3}(?=\s+in\s)"
    # "Bachelor of Civil Engineering", "Diploma of Building and Construction": the whole name is the
    # degree (no field beside it), unless a usual degree subject opens it ("Bachelor of Science").
    r"|(?:(?:professional|executive|integrated|international|graduate|postgraduate|advanced)\s+)?"
    rf"(?:bachelor|master|doctor|diploma|associate)(?:'s)?\s+of\s+(?!(?:{_DEGREE_SUBJECTS})\b)"
    r"[^\W\d_][^\W\d_'-]*(?:\s+(?:and\s+|&\s+)?(?!in\b)[^\W\d_][^\W\d_'-]*){0,4}(?=\s*(?:[,(|–—]|$))"
    rf"|(?:(?:professional|executive|integrated|international)\s+)?"  # "Professional Master of Education"
    rf"(?:bachelor|master|doctor(?:ate)?|associate(?=(?:'s)?\s+(?:of|in|degree)\b))(?:'s)?"
    # "Bachelor of Nursing Science", "Bachelor of Dental Science": the subject's science is the degree's name
    rf"(?:\s+(?:of|in)\s+(?:{_DEGREE_SUBJECTS})(?:\s+(?-i:Sciences?)\b)?)?(?:\s+degree)?"
    r"|(?:(?:level\s+\d{1,2}\s+)?(?:post\s?graduate|graduate|advanced|higher national|ordinary national|national|"
    r"new zealand|australian)\s+"
    r"(?:N\d\s+)?)?"
    # AQF "Certificate III", "New Zealand Certificate", South Africa's "National N3 Certificate"
    r"(?:diplom(?:a)?(?:-[a-z]+)?|certificate)(?:\s+(?:IV|V|I{1,3})\b)?"
    r"|(?:post\s?graduate|graduate|advanced)\s+speciali[sz]ation"
    r"|licenciatura|abitur|a[- ]levels?|high school diploma|staatsexamen|magister|bacharelado|mestrado"
    # a pre-university programme (Malaysia, Singapore, the UK): "Foundation in Arts", "Foundation Year"
    # (not a name's last word: "Gates Foundation in Seattle")
    r"|(?<![^\W\d_]\s)(?:foundation(?=\s+in\s)|foundation\s+(?:year|programme|program|degree))"
    r"|(?-i:(?:Advanced )?Highers)"  # Scotland's school-leaving awards, capitalised: "highers" is also a word
    r"|(?-i:N[1-6])"  # South Africa's NATED levels: "N3 Electrical Engineering"
    r"|(?:tecnolog[ií]a|t[ée]cnico|tecn[óo]logo)(?=\s+e[nm]\s)"  # Colombia's "Tecnología en Gestión Contable"
    # Poland's vocational titles, the trade in lower case: "Technik logistyk"; not a German name's "Technik und"
    # ("Hochschule für Technik und Wirtschaft")
    r"|(?-i:[Tt]echnik\s+(?!(?:und|i|oraz|der|des|im|in|an|am|for|and|of|w)\b)[a-ząćęłńóśźż]+)"
    # the UK's (Scottish, Jamaica's) Vocational Qualifications, Ireland's QQI awards: "SVQ Level 3 in ...", "NVQ-J"
    r"|(?-i:[NS]VQ(?:-J)?)(?:\s+level\s+[1-5])?|(?-i:QQI|FETAC)\s+level\s+\d{1,2}(?:\s+(?:certificate|award))?"
    r"|doutorado|laurea(?: magistrale| triennale)?|diplôme|maîtrise|licence|grado|máster|"
    + alternation((name for name in DEGREE_NAMES if " " not in name), ignorecase=True)  # languages.json's other names
    # a qualifier in brackets after the name: "(HND)", "(Univ.)"; (?!\w) as a name may end in ")" or "."; or the
    # country's own name of the degree, in an English CV: "Engineer's degree (inżynier)", "Bachelor's degree
    # (Bacharelado)" (dev20's README: it stays in the studyType)
    + rf")(?!\w)(?:\s*\((?-i:{_DEGREE_QUALIFIER})\)|\s*\((?:{_NATIVE_NAMES})\))?", re.IGNORECASE)


def _abbreviation_pattern(abbreviation: str) -> str:
    if "." in abbreviation:
        return re.escape(abbreviation) + r"\.?"
    pieces = re.findall(r"[A-Z][a-z]*", abbreviation)
    return r"\.?\s?".join(pieces) + r"\.?"


_DEGREE_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:Executive\s+)?(?:"
    + "|".join(_abbreviation_pattern(a) for a in sorted(DEGREE_ABBREVIATIONS, key=len, reverse=True))
    # its honours or its faculty in brackets: "BA (Hons)", South Africa's "BSc (Eng)", "BCom (Law)"
    + r")(?![\w])(?:\s*\((?:Hons|Honours|Hon|Mod|Ord|Eng|Ed|Law|Med|Econ|Agric)\.?\)|\s+(?:Hons|Honours)\b\.?"
    + rf"|\s*\((?:{_MODE_QUALIFIER})\))?")
_STATE_LIKE_DEGREES = frozenset({"MA", "MS", "MD", "ME"})
_INSTITUTION_ACRONYMS = frozenset({"tu", "eth", "epfl", "mit", "kth", "ucl", "lmu", "nyu", "ucla", "cmu"})


@dataclass
class _Study:
    institution: tuple[str, float] | None = None
    degree: str | None = None
    area: str | None = None
    span: DateSpan | None = None
    guessed: list[str] = field(default_factory=list)  # the parts after the field an institution was guessed from


# A subject's grade in brackets: A-level "(A*)", Leaving Certificate "(H1)", IB "(7)".
_GRADES = re.compile(r"\((?:[A-E]\*?|[1-9]|[HO][1-8])\)")


_QUALIFIED = re.compile(rf"\((?:{_DEGREE_QUALIFIER})\)$")
_ACRONYM_BEFORE = re.compile(r"\b([A-Z]{2,8}) [–—-] $")
# (or its faculty's, hyphenated, or its campus's after a dash at the end: "(FEA-USP)", "Universidad de Guadalajara –
# CUCEI")
# (not three capitals after the dash, a country's ISO 3166 letters more often than a campus's: "Boston University –
# USA", "University of Toronto – CAN")
_ACRONYM_AFTER = re.compile(r" \([A-Z]{2,8}(?:-[A-Z]{2,8})?\)| [–—] [A-Z]{4,8}(?=\s*(?:,|$))")
# A word of four capitals or more where the field goes is a school's letters; a field's are shorter ("CSE", "ICT").
_SCHOOL_ACRONYM = re.compile(r"[A-Z]{4,8}")


def parse_education(lines: list[Line]) -> list[Entry]:
    studies: list[_Study] = []
    # a school's name set bold on a line of its own, above the study it gave ("HEART/NSTA Trust" above "NVQ-J Level 2
    # in Customer Service <tab> 2018 – 2019"), when its words do not say it is a school
    school_above: str | None = None
    rejoined = _rejoined(lines)
    for number, line in enumerate(rejoined):
        text = line.content
        span = find_span(text)
        rest = strip_span(text, span) if span else text
        # a grade is no part of the study; a school year that names the qualification is: "Grade 12"
        # nor is a level after the degree ("New Zealand Certificate in Retail, Level 4") or a grade after a semicolon
        # ("B.Tech in Computer Science; CGPA 8.7/10")
        parts = [_GRADE_AFTER.sub("", p) for p in _split_parts(rest) if not _COLUMN_LABELS.issuperset(_words(p))
                 and not ((_GRADE.fullmatch(p) or _LEVEL.fullmatch(p)) and not _find_degree(p))]
        # A qualifier in brackets is the degree's: "Diplom-Ingenieur (Univ.)", "Diplom-Kaufmann (FH)"; a field is
        # not: "Master of Science (Architecture)".
        if (named := _find_degree(rest)) and _QUALIFIED.search(named[0]):
            parts = [_GRADE_AFTER.sub("", p) for p in
                     [*_split_parts(rest[:named.start()]), named[0].strip(), *_split_parts(rest[named.end():])]
                     if not (_GRADE.fullmatch(p) and not _find_degree(p))]
        # A degree may open the line in lower case ("magister, Finanse i rachunkowość"): no sentence.
        opening = _find_degree(rest.lstrip())
        # a line of subjects and grades is the study's detail, unless it names the study's degree first:
        # "A-levels: Business (A), English (B)" under "Notre Dame Catholic Sixth Form College"
        graded = not span and len(_GRADES.findall(rest)) >= 2
        if graded and opening and opening.start() == 0 and studies and not studies[-1].degree:
            studies[-1].degree = opening[0]
            continue
        opens_with_degree = opening is not None and opening.start() == 0
        if (not span and not line.bullet and studies and studies[-1].degree and studies[-1].institution is None
                and parts and not opening and _name_in_lower_case(rest)):
            studies[-1].institution = (parts[0], 0.6)  # its brand in lower case: "ford-werke GmbH, Köln"
            continue
        if ((line.bullet and not opens_with_degree) or (_is_prose(rest) and not opens_with_degree)
                or not (parts or span) or graded):
            # coursework, grades ("A-levels: Economics (A*), History (A)"), theses, a table's header row; a bullet
            # naming a degree first is an entry: "• B.Sc. Accountancy, University of Nigeria, Nsukka"
            continue
        # "Máster Universitario en …" names a degree, not a university.
        institution = next((p for p in parts if _is_institution(p)
                            and not ((found := _find_degree(p)) and found.start() == 0)), None)
        if institution and (at := rest.find(institution)) >= 0:
            # its acronym before it: "ISCTE – Instituto Universitário de Lisboa"; after it: "Universidad Nacional
            # Autónoma de México (UNAM)" (matched at the institution's place, no pattern built per line)
            if (before := _ACRONYM_BEFORE.search(rest, 0, at)) and not _find_degree(before[1]):
                institution = before[0] + institution
            elif (after := _ACRONYM_AFTER.match(rest, at + len(institution))) and not _find_degree(after[0]):
                institution += after[0]
        degree = next(((p, m) for p in parts if (m := _find_degree(p))), None)
        if (degree is None and opens_with_degree and opening is not None and opening[0].strip() in parts
                and (alone := _DEGREE_ABBREVIATION.fullmatch(opening[0].strip()))):
            # letters that alone could be a state's ("MD") name the degree before a bracket: "MD (Paediatrics)"
            degree = opening[0].strip(), alone
        current = studies[-1] if studies else None
        if current and institution and not degree and not span and current.guessed and current.area:
            # "Master Comptabilité, Contrôle, Audit" above "IAE Lyon": the guess was the field's.
            current.area = ", ".join([current.area, *current.guessed])
            current.institution, current.guessed = (institution, 0.85), []
            continue
        if (line.bold and not (span or degree or institution) and len(parts) == 1 and _is_name_like(parts[0])
                and not _is_location(parts[0]) and not _is_honours(parts[0])
                and (current is None or (current.degree and current.institution))):
            school_above = parts[0]
            continue
        if (current is None or (span and current.span) or (institution and current.institution)
                or (degree and current.degree)):
            current = _Study()
            studies.append(current)
        if span and current.span is None:
            current.span = span
        if institution:
            current.institution = (institution, 0.85)
        elif school_above and degree:
            current.institution = (school_above, 0.6)
        school_above = None
        if degree:
            used = _set_degree(current, degree, parts, rest)
            if (current.institution is None and current.area and _SCHOOL_ACRONYM.fullmatch(current.area)
                    and not _names_school(rejoined[number + 1:number + 2])):
                # a school known by its letters after the degree, with no field: "MBA, INSEAD", "MSc, ESSEC"; not a
                # field in capitals above its school ("B.S., BIOLOGY" above "University of Texas")
                current.institution, current.area = (current.area, 0.6), None
            spare = [p for p in parts if p not in used and p != institution and not _is_location(p)]
            if current.institution is None and spare:  # "Graduate Diploma — HEC Montréal"
                current.institution, current.guessed = (spare[0], 0.55), spare
        elif (not institution and current.degree and not current.area and parts
              and not _names_its_field(current.degree) and not _is_location(parts[0]) and len(parts[0].split()) <= 6
              and not _is_honours(parts[0]) and not _SCHOOL_LEAVING.search(current.degree)):
            current.area = parts[0]  # the field on a line of its own, under the degree
        elif (not institution and current.degree and current.institution is None and not span and len(parts) <= 2
              and _is_name_like(parts[0]) and not _is_location(parts[0]) and not _is_honours(parts[0])):
            current.institution = (parts[0], 0.55)  # "Fontys Hogescholen" under "Bachelor Werktuigbouwkunde"
    return [entry for _, entry in _each_read([s for s in studies if s.institution or s.degree], _study_entry)]


def _names_school(following: list[Line]) -> bool:
    """Whether the next line (if any) names an institution and no degree of its own, the school of the study above:
    "University of Texas at Austin, 2012 – 2015" (not "BEng, University of Bristol", the next study)."""
    if not following or _find_degree(text := following[0].content):
        return False
    span = find_span(text)
    return any(_is_institution(part) for part in _split_parts(strip_span(text, span) if span else text))


# Latin honours and classes of degree are no field: "J.D., magna cum laude", "BA, First Class Honours", Nigeria's
# "Second Class Upper" (division).
_HONOURS = re.compile(r"(?:(?:summa|magna)\s+)?cum\s+laude|with\s+(?:high(?:est)?\s+)?(?:honou?rs|distinction|merit)"
                      r"|(?:first|second|third|upper second|lower second|2:1|2:2)[- ]class"
                      r"(?:\s+honou?rs|\s+(?:upper|lower)(?:\s+division)?)?|honou?rs|distinction"
                      # France's mentions, Italy's praise (dev20): "mention Très bien", "con lode"
                      r"|mention\s+(?:tr[èe]s\s+bien|assez\s+bien|bien|passable|(?:tr[èe]s\s+)?honorable)"
                      r"|(?:e|con)\s+lode", re.IGNORECASE)
# A qualification's level after its name: "Level 4", "NQF Level 5", "SCQF level 7".
_LEVEL = re.compile(r"(?:(?:nqf|aqf|nzqa|scqf|rqf|eqf)\s+)?level\s+\d{1,2}", re.IGNORECASE)
# A labelled grade after a semicolon, at the end of a part: "; CGPA 8.7/10", "; GPA 7.8/9", "; WAM 82".
_GRADE_AFTER = re.compile(r"\s*;\s*(?:c?gpa|wam|cwa|percentage|marks|aggregate|score)\s*:?\s*\d{1,3}(?:[.,]\d{1,2})?"
                          r"\s*(?:%|/\s*\d{1,3}(?:[.,]\d{1,2})?)?\s*$", re.IGNORECASE)
# A grade in a column or after a comma is no part of a study: "82.4%", "CGPA 8.1", "GPA: 3.7/4.0", "8.5/10".
# Its label in other languages: Germany's "Note 1,7", Spain's "Nota media: 8,4", Portugal's "média final 16 valores",
# Italy's "110/110 e lode", Poland's "ocena 5,0", the Netherlands' "cijfer 7,8" (dev20). So are Australia's ATAR and
# WAM, Kenya's mean grade ("Mean Grade B") and a count of top grades ("8A", "9 As").
_GRADE = re.compile(r"(?:(?:c?gpa|grade|result|score|marks|percentage|aggregate|atar|wam|note"
                    r"|nota(?:\s+(?:media|final))?"
                    r"|m[ée]dia(?:\s+final)?|voto(?:\s+di\s+laurea)?|ocena(?:\s+ko[ńn]cowa)?|[śs]rednia|cijfer"
                    r"|gemiddelde|abschlussnote|gesamtnote)\b)?\s*:?\s*\d{1,3}(?:[.,]\d{1,2})?\s*"
                    r"(?:%|/\s*\d{1,3}(?:[.,]\d{1,2})?)?(?:\s*(?:(?:e|con)\s+lode|valores|cum\s+laude))?"
                    r"|mean\s+grade\s*:?\s*[A-E][+-]?|\d{1,2}\s?A\+?s?",
                    re.IGNORECASE)
# "and" in the languages of languages.json: a field goes on over a comma ("Arbeid, Organisatie en Management").
_AND = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, every_language("and"))) + r")(?!\w)", re.IGNORECASE)
# The words that introduce a field after its degree: "in", "kierunek", "по специальности" (languages.json).
_FIELD_WORDS = "|".join(re.escape(word) for word in sorted(every_language("field_words"), key=len, reverse=True))
_FIELD_WORD_FIRST = re.compile(rf"^(?:(?:{_FIELD_WORDS})(?:\s+|$)|[–\-:]\s*)", re.IGNORECASE)
_FIELD_WORD_OPENING = re.compile(rf"^(?:{_FIELD_WORDS})\s+", re.IGNORECASE)
_FIELD_IN_NAME = re.compile(
    rf"(?:bachelor|master|doctor|diploma|associate)(?:'s)?\s+of\s+(?!(?:{_DEGREE_SUBJECTS})$).+"
    # a Russian or Ukrainian candidate or doctor "of technical sciences"; Germany's state examinations in law
    r"|\w+\s+\w+\s+\u043d\u0430\u0443\u043a|\w+\s+juristische[s]?\s+(?:staatsexamen|staatspr\u00fcfung|pr\u00fcfung)",
    re.IGNORECASE)


# A school-leaving qualification has no field of its own: the line under "Matric (Grade 12)" names the school.
_SCHOOL_LEAVING = re.compile(r"\b(?:matric|ncea|gcses?|a-levels?|highers|leaving certificate|junior certificate|"
                             r"higher school certificate|national senior certificate|grade 12|class x|hsc|ssc|waec|"
                             r"wassce|csec|kcse|spm|stpm|year 1[02]|abitur|high school diploma|matura|baccalaur[ée]at|"
                             # the Netherlands' secondary schools' awards, the German and Spanish ones
                             r"havo|vwo|vmbo|mavo|hochschulreife|fachabitur|mittlere reife|bachillerato)",
                             re.IGNORECASE)


def _is_honours(text: str) -> bool:
    """Latin honours or a class of degree, maybe after "graduated" or "awarded": "Graduated cum laude", "First
    Class Honours"; no field of study."""
    return bool(_HONOURS.fullmatch(re.sub(r"^(?:graduated|awarded)\s+", "", text.strip(), flags=re.IGNORECASE)))


def _names_its_field(degree: str) -> bool:
    """A degree whose name holds its field ("Bachelor of Civil Engineering"), unlike "Master of Science"
    or "MSc", whose field may follow on a line of its own."""
    return bool(_FIELD_IN_NAME.fullmatch(degree))


def _is_name_like(part: str) -> bool:
    """A proper name of a few words: capitalised, no digits, no colon ("Fontys Hogescholen", "IAE Nantes")."""
    words = part.split()
    return 0 < len(words) <= 6 and part[:1].isupper() and not re.search(r"[\d:]", part)


def _is_institution(part: str) -> bool:
    """Whether a word of the part names a school or university (INSTITUTION_WORDS), alone, capitalised in the plural
    ("Punjab Group of Colleges") or as the last piece of a hyphenated name ("Thomas-Mann-Schule"); an acronym that is
    also a common word only in capitals ("TU", not "tu")."""
    tokens = _WORD.findall(part)
    return any(((word := t.lower().rpartition("-")[2]) in INSTITUTION_WORDS
                or (t[:1].isupper() and word[-1:] == "s" and len(word) > 4 and word[:-1] in INSTITUTION_WORDS))
               and (t.isupper() or t.lower() not in _INSTITUTION_ACRONYMS) for t in tokens)


def names_a_degree(text: str) -> bool:
    """Whether a line names a degree: an education-kind section after the education section that names none
    ("Qualifications" listing "Qualified Teacher Status (QTS)", "NPQML – Ambition Institute") lists certificates."""
    return _find_degree(text) is not None


@per_document(maxsize=1024)  # asked of most of an education section's parts more than once
def _find_degree(part: str) -> re.Match[str] | None:
    if match := _DEGREE_PHRASE.search(part):
        return match
    match = _DEGREE_ABBREVIATION.search(part)
    # "MA", "MS", "MD", "ME" alone are as likely a US state: they need dots or more words.
    if match and not (match[0] in _STATE_LIKE_DEGREES and part.strip() == match[0]):
        return match
    return None


# A course's award, whose field may go on over a dash ("Certificate IV in Hazardous Areas - Electrical"); a degree's
# field does not: what follows its dash is its school or its terms ("BEng in Mechanical Engineering - Stanford").
_COURSE_AWARD = re.compile(r"\b(?:certificate|diploma|certificat)\b(?!-)", re.IGNORECASE)


_SERIES = re.compile(r"[A-Z]{1,4}\d?")
_QUOTED = re.compile(r"[«„“\"](.+)[»“”\"]")
_QUOTE_MARKS = re.compile(r"[«»„“”\"]")
_IN_BRACKETS = re.compile(r"\([^()]*\)")


def _set_degree(study: _Study, found: tuple[str, re.Match[str]], parts: list[str], text: str) -> list[str]:
    """Set the degree and its field from the parts of a line of text; the parts used."""
    part, match = found
    study.degree = match[0].strip()
    area = re.sub(r"\s+", " ", part[:match.start()] + " " + part[match.end():]).strip()
    area = re.sub(r"\(\s*\)", "", area)  # what the degree's name took out of brackets: "Senior Secondary ( )"
    # "in" alone is a field cut at the end of the line: it goes on on the next ("Graduate Certificate in" / "…")
    area = _FIELD_WORD_FIRST.sub("", area)
    area = _unbracketed(area.strip(" ,"))
    used = [part]
    position = parts.index(part)
    if _SCHOOL_LEAVING.search(study.degree) and _SERIES.fullmatch(area) and f"{study.degree} {area}" in part:
        study.degree, area = f"{study.degree} {area}", ""  # France's series of the bac: "Baccalauréat STMG", "Bac ES"
    if _SCHOOL_LEAVING.search(study.degree) and part[match.end():].lstrip().startswith(":"):
        return [part, *parts[parts.index(part) + 1:]]  # its subjects after a colon, no field: "Highers: English, Maths"
    # The field may follow as parts of its own ("Master of Science, Computer Science") or go on
    # over a comma ("Management, Technology and Economics").
    for following in parts[parts.index(part) + 1:]:
        if not area and _DEGREE_ABBREVIATION.fullmatch(following) and f"{study.degree} - {following}" in text:
            study.degree = f"{study.degree} - {following}"  # LinkedIn's names: "Master of Science - MS"
            used.append(following)
            continue
        named = _find_degree(following)
        if area and text.rstrip().endswith(f"{area} ({following})") and not (named and named.start() == 0):
            area = f"{area} ({following})"  # "Nursing (Adult)"
            used.append(following)
            continue
        if named and named.start() == 0 and following == parts[position + 1]:
            if not area and study.degree.isupper() and (joined := re.search(
                    re.escape(study.degree) + r"\s+[–—-]\s+" + re.escape(following), text)):
                study.degree = joined[0]  # letters and their meaning: "DCG – Diplôme de comptabilité et de gestion"
                used.append(following)
                continue
            if area and f"({following})" in text:  # the degree's English name after its field: "(Master of Science)"
                used.append(following)
                continue
        if _is_honours(following) or _GRADE.fullmatch(following):
            used.append(following)  # "Baccalauréat scientifique, mention Très bien", "Laurea, 110/110 e lode"
            continue
        if area and _FIELD_WORD_OPENING.match(following):
            used.append(following)  # the option after the field: "DUT Information-Communication, option publicité"
            break
        if _is_institution(following) or _is_location(following) or _find_degree(following):
            break
        if (area and following == parts[-1] and _COURSE_AWARD.search(study.degree)
                and text.rstrip().endswith(f"{area} - {following}")
                and not (_is_honours(following) or _is_known_place(following) or _GRADE.fullmatch(following))):
            area = f"{area} - {following}"  # a course's own name: "Certificate IV in Hazardous Areas - Electrical"
            used.append(following)
            break
        if area and not _AND.search(following) and not following[:1].islower():
            break  # a part in lower case goes on with the field: "Électronique, systèmes embarqués"
        area = f"{area}, {following}" if area else following
        used.append(following)
    if not area and position and not _is_institution(before := parts[position - 1]) and not (
            _is_location(before) or _is_known_place(before) or _find_degree(before) or find_span(before)):
        area = before  # the field first: "Automatyka i Robotyka, magister inżynier"
        used.append(before)
    area = _FIELD_WORD_OPENING.sub("", area)  # "Magister, kierunek Finanse"
    if (quoted := _QUOTED.fullmatch(area)) and not _QUOTE_MARKS.search(quoted[1]):
        area = quoted[1]  # «» and its like are no part of a field: "по специальности «Бухгалтерский учёт»"
    if (short := re.search(r"\s*\(([^()]+)\)$", area)) and (_DEGREE_ABBREVIATION.fullmatch(short[1])
                                                           or (_is_honours(short[1]) and "class" in short[1].lower())):
        # the degree's letters after its field: "Nursing (MSN)"; its class: "(Second Class Upper)" (not "(Honours)")
        area = area[:short.start()]
    # a school's word in brackets does not make the field a school: "Management (Programme Grande École)"
    if (area and not _is_institution(_IN_BRACKETS.sub("", area)) and not _is_honours(area)
            and not _GRADE.fullmatch(area)):
        study.area = area
    return used


# The way a course was taught, in brackets after its field, is no part of the field: "Human Resource Management
# (part-time)", "Construction Law (online)".
_MODE_AFTER_FIELD = re.compile(rf"\s*\((?:{_MODE_QUALIFIER})\)$", re.IGNORECASE)


def _study_entry(study: _Study) -> Entry:
    entry: Entry = {}
    if study.institution:
        entry["institution"] = study.institution
    if study.degree:
        entry["studyType"] = (study.degree, 0.85)
    if study.area and (area := _MODE_AFTER_FIELD.sub("", study.area)):
        entry["area"] = (area, 0.7)
    if span := study.span:
        if span.single:  # one date on a degree is when it was awarded
            entry["endDate"] = (span.start, span.confidence - 0.15)
        else:
            entry["startDate"] = (span.start, span.confidence)
            if span.end:
                entry["endDate"] = (span.end, span.confidence)
    return entry


# --- certificates -------------------------------------------------------------------------------

_LEVEL_WORDS = frozenset("associate professional practitioner specialty expert foundation foundations "
                         "fundamentals advanced intermediate master developer administrator".split())
_ISSUED_BY = re.compile(r"^(?:issued by|by|from|issuer:?)\s+", re.IGNORECASE)


# An acronym in brackets names the certificate: "(CKA)", "(Pr.Eng)".
# Post-nominal credentials in mixed case too: "(CEng)", "(CMgr)", "(IEng)".
_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&+.\-]{1,11}|[A-Z][a-z]*\.[A-Z][A-Za-z.]*|[A-Z]{2}[a-z]{2,4})\)")
_CERTIFICATE_WORDS = re.compile(r"certif|licen[cs]|diploma|professional|associate|exam|award", re.IGNORECASE)
# When a certificate lapses, not when it was issued: "– valid until 09/2026", "exp. 06/2026", "Expires Aug 2026".
_EXPIRY = re.compile(r"[\s,;(|–—-]*\b(?:valid\s+(?:until|till|through|to)|expir(?:es|y|ing)(?:\s+(?:on|date))?|exp\.?)"
                     r"\s*:?\s*$", re.IGNORECASE)
# A credential's number: "(ID: AWS-ASA-88213)", ", Credential ID 12345", "Cert. No. 4471", "— License #88214".
_CREDENTIAL_ID = re.compile(r"\s*[(,–—]?\s*\b(?:credential\s+id|cert(?:ificate)?\.?\s+no\.?"
                            r"|licen[cs]e\s+(?:no\.?|(?=#))|id)\s*[:#]?\s*[A-Z0-9][\w/-]*\d[\w/-]*\)?", re.IGNORECASE)
# A body that issues: "Association of …", "Institute of …", "Chartered Institute for …".
_ISSUING_BODY = re.compile(r"(?:the\s+)?(?:\w+\s+){0,2}(?:association|institute|institution|society|council|board|"
                           r"academy|foundation|chamber|college|federation|commission)\s+(?:of|for)\b", re.IGNORECASE)
_CERTIFICATE_SPLIT = re.compile(r"(\s*(?:\t|\s\|\s|\|| [–—-] |" + _UNSPACED_DASH + r"|,\s|\(|\)|·|•)\s*)")


# What may follow an award's name in a course of study: its end, a separator, a bracket, its field ("… in X").
_AWARD_END = re.compile(r"\s*(?:$|[,(|–—\t-]|\s(?:in|en|em|of|de|di|w|z)\s)")


def courses_of_study(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The lines of a certificates or training section split into courses of study, a qualification named first
    and dated ("Certificate III in Commercial Cookery, TAFE NSW, 2012 – 2013": the truth conventions put AQF
    certificates in education; "NVQ-J Level 2 in Cosmetology, HEART/NSTA Trust (2015)", "CSEC (6 subjects), St.
    Andrew High School for Girls (2013)"), and the rest."""
    studied: list[Line] = []
    certified: list[Line] = []
    last_studied = False
    for number, line in enumerate(lines):
        span = find_span(line.content)
        if (last_studied and not line.bullet and not span
                and (JOINING_END.search(studied[-1].text.partition(GAP)[0]) or _is_institution(line.content))):
            studied.append(line)  # the course's name wrapped after "and", or its school below it
            continue
        if (span and not line.bullet and len(school := _split_parts(strip_span(line.content, span))) == 1
                and _is_institution(school[0]) and not _find_degree(line.content) and number + 1 < len(lines)
                and _opening_course(lines[number + 1].content)):
            studied.append(line)  # the school and its dates above the course: "North Coast TAFE <tab> 2016 – 2018"
            last_studied = False
            continue
        if studied and not last_studied and not span and _opening_course(line.content):
            studied.append(line)  # "Certificate III in Carpentry" under its school's dated line
            last_studied = True
            continue
        course = span and (found := _opening_course(line.content)) and (
            # dated once, it names its school or is a school-leaving or vocational award
            not span.single or any(_is_institution(part) for part in _split_parts(line.content))
            or bool(_SCHOOL_LEAVING.search(found[0]) or re.match(r"[NS]VQ|QQI|FETAC", found[0])))
        (studied if course else certified).append(line)
        last_studied = bool(course)
    return studied, certified


def _opening_course(text: str) -> re.Match[str] | None:
    """The named course of study a line opens with, not a bare "Certificate" or "Diploma": "Certificate III in
    Carpentry", "Bachelor of Science"; its name ends there or goes on with its field (not "CSEC Examiner Training")."""
    found = _find_degree(text)
    if (found is not None and found.start() == 0
            and found[0].lower() not in ("certificate", "diploma", "diplom", "certificat")
            and _AWARD_END.match(text, found.end()) is not None):
        return found
    return None


_BRACKETED_DATE = re.compile(r"\([^()]*\d{4}\)\s*$")


def parse_certificates(lines: list[Line]) -> list[Entry]:
    entries: list[Entry] = []
    above = ""  # the line before, as written
    for line in _rejoined(lines):
        text = _CREDENTIAL_ID.sub("", line.content)
        span = find_span(text)
        if span and (last := _BRACKETED_DATE.search(text)) and last.start() > span.span[0] and (
                dated := find_span(last[0])):
            # the date in brackets at the end, a year before it is the name's: "WHMIS 2015 (2022)"
            span = replace(dated, span=(last.start() + dated.span[0], last.start() + dated.span[1]))
        rest = strip_span(text, span).strip(" ,") if span else text
        date = (span.start, span.confidence) if span else None
        if _NUMBER_ALONE.fullmatch(rest) and (_DIGITS_ALONE.fullmatch(rest) or _NUMBER_LABEL_END.search(above)):
            above = line.text
            continue  # a licence's number wrapped onto a line of its own: "…, License No." above "0187342"
        above = line.text
        rest = _slashed_parts(rest)
        if span and (expiry := _EXPIRY.search(text[:span.span[0]])):  # "– valid until 09/2026": no date of issue
            rest, date = (text[:expiry.start()] + text[span.span[1]:]).strip(" ,;"), None
        previous = entries[-1] if entries else None
        # The issuer (and date) of the certificate above, when it has none yet; a line opening with the
        # dash that parts a name from its issuer goes on with the line above ("— University of Leeds (2020)").
        continued = (previous is not None and "issuer" not in previous and line.text.lstrip().startswith(("–", "—"))
                     and len(_split_parts(rest)) == 1)
        if previous and (continued or not line.bullet) and (not rest or ("issuer" not in previous and (
                continued or _only_issuer(rest) or _issuer_line(previous, rest, date)))):
            if rest:
                previous["issuer"] = (rest, 0.75)
            if date and "date" not in previous:
                previous["date"] = date
            continue
        name, issuer = _issuer_first(rest) or _name_and_issuer(rest)
        if not name or _is_prose(name):
            continue
        entry: Entry = {"name": (name, 0.8)}
        if issuer:
            entry["issuer"] = issuer
        if date:
            entry["date"] = date
        entries.append(entry)
    return entries


_NUMBER_ALONE = re.compile(r"[#A-Z]{0,3}[\d/ -]*\d")
# A number alone is a licence's when it has no letters or six digits in a row ("0187342", "RN 0187342") or the line
# above ends with its label ("License No.", "PIN:"); else it is an exam's code or a standard's number, a certificate's
# name: "AZ-900", "ISO 9001", "ISO 27001".
_DIGITS_ALONE = re.compile(r"#?[\d/ -]*\d|.*\d{6}.*")
_NUMBER_LABEL_END = re.compile(r"(?:\b(?:no|number|pin|id|reg)\.?|#|:)\s*$", re.IGNORECASE)


def _slashed_parts(rest: str) -> str:
    """A line parted by slashes with its date last, "Name / Issuer / 2022" (the date taken off, a slash left at the
    end), parted by pipes instead; a slash inside a name stays: "HLTAID011 / First Aid"."""
    if rest.endswith(" /") and " / " in (kept := rest[:-2].rstrip()):
        return kept.replace(" / ", " | ")
    return rest


# The issuer before a colon: "ACCA: Diploma in Financial Management", "PMI: Risk Management Professional"; not
# "Microsoft Certified: Azure Data Engineer Associate" (the certificate's own name).
_ISSUER_COLON = re.compile(r"([^:]{2,40}): (.+)")
# The issuer before a dash: "Teaching Council of Ireland — Registered Teacher", "ILM – Level 3 Award".
_ISSUER_DASH = re.compile(r"(.{2,80}?) [–—] (.+)")


def _named_body(text: str) -> bool:
    """Whether the text names an issuing body, not a certificate: a known issuer ("CIPD"), "… Council of …",
    "… Board"; no certificate's word ("Microsoft Certified")."""
    plain = re.sub(r"\s*\([^()]*\)$", "", text).strip()
    return not _CERTIFICATE_WORDS.search(text) and (
        plain.lower() in CERTIFICATE_ISSUERS or bool(_BODY_LAST.search(plain)) or bool(_ISSUING_BODY.match(plain)))


def _issuer_first(text: str) -> tuple[str, tuple[str, float]] | None:
    """(name, (issuer, confidence)) of a line naming the issuer first: "CIPD: Chartered Member (MCIPD)", "Teaching
    Council of Ireland — Registered Teacher (Route 2)"; None for a name first ("Registered Nurse — Nursing Board"), an
    acronym and what it stands for ("ACCA: Association of Chartered Certified Accountants") or an acronym after the
    dash, the likelier issuer ("Physiotherapists Registration Board — CORU")."""
    # (a known issuer's name or letters: unknown capitals before a colon are a course's or a test's, "CPR: Adult and
    # Child", "NOTE: …"; and a name, not a score: "IELTS: 7.5 overall")
    if (m := _ISSUER_COLON.fullmatch(text)) and _named_body(m[1]) and not _spells(m[1], m[2]) and m[2][:1].isalpha():
        return m[2].strip(), (m[1].strip(), 0.7)
    if ((m := _ISSUER_DASH.fullmatch(text)) and _named_body(m[1]) and not re.search(r" [–—|] ", m[2])
            and not _is_issuer(m[2].partition(",")[0]) and not re.fullmatch(r"[A-Z]{2,8}", m[2].strip())):
        return m[2].strip(), (m[1].strip(), 0.6)
    return None


def _issuer_line(previous: Entry, rest: str, date: tuple[str, float] | None) -> bool:
    """"Issuing Body · 2021" under a certificate named alone on the line above: a dated line of
    one part that names no certificate itself."""
    return (date is not None and "issuer" not in previous and "date" not in previous
            and len(_split_parts(rest)) == 1 and not _CERTIFICATE_WORDS.search(rest))


# A body that issues licences, named by what it is, last: "Plumbers, Gasfitters and Drainlayers Board".
_BODY_LAST = re.compile(r"\b(?:board|council|authority|association|institute|society|commission|registry)$",
                        re.IGNORECASE)


def _is_issuer(part: str) -> bool:
    lowered = _ISSUED_BY.sub("", part).lower().strip(" .")
    return lowered in CERTIFICATE_ISSUERS or bool(_words(part) & COMPANY_WORDS) or bool(_BODY_LAST.search(lowered))


def _only_issuer(text: str) -> bool:
    return _ISSUED_BY.sub("", text).lower().strip(" .") in CERTIFICATE_ISSUERS or (
        _is_issuer(text) and not _CERTIFICATE_WORDS.search(text) and len(_split_parts(text)) == 1)


def _spells(acronym: str, words: str) -> bool:
    """Whether the capitals opening `words` spell `acronym`: "CPIM", "Certified in Planning and Inventory
    Management"."""
    initials = "".join(word[0] for word in words.split() if word[:1].isupper())
    return initials.upper().startswith(acronym) or initials.upper() == acronym


# A bracket before the dash or comma that parts a certificate's name from its issuer.
_NAME_BRACKET = re.compile(r"\(([^()]*)\)(?=[^()]*\s[–—]\s|,\s*[^\W\d_])")
_DASH_AFTER = re.compile(r"[^()]*\s[–—]\s")
_COMMA_PART = re.compile(r",\s*+([^,]*)")
# What a credential's line says after its issuer rather than an issuer: "Issued Jan 2019", "Credential ID 12345",
# "Expires 2025", "valid until 2024" (the dates already taken off).
_CREDENTIAL_DETAIL = re.compile(r"(?:issued|expir|valid|credential|licen[cs]e (?:no|number)|id\b|no\.|awarded|"
                                r"obtained|completed|renew)", re.IGNORECASE)


def _bracket_of_name(m: re.Match[str]) -> str:
    """The bracket protected as the name's ("Wireman's Licence (Installation Electrician), Department of Labour"),
    or left alone where it names the issuer before a comma: "Certified Scrum Master (Scrum Alliance), Issued",
    "CCNA (Cisco), valid until", "Google Data Analytics (Coursera), Google"."""
    if not _DASH_AFTER.match(m.string, m.end()):  # the comma, not the dash, follows
        following = _COMMA_PART.match(m.string, m.end())
        if following and (_is_issuer(m[1]) or re.search(r"\d", following[1]) or _CREDENTIAL_DETAIL.match(following[1])):
            return m[0]
    return "\ue000" + m[1].replace(", ", "\ue002") + "\ue001"


def _name_and_issuer(text: str) -> tuple[str | None, tuple[str, float] | None]:
    """Split "Name — Issuer", "Name, Issuer", "Name (Issuer)"; an acronym in brackets is part of
    the name ("Certified Kubernetes Administrator (CKA)"), and so are levels ("– Associate")."""
    # ... unless the acronym is a known issuer's: "Six Sigma Black Belt (IASSC)"
    # ... and the issuer named again after it stays the issuer: "Geprüfte Wirtschaftsfachwirtin (IHK), IHK Köln, 2021"
    # ... but for an issuer's acronym after its name spelled out: "Project Management Institute (PMI)"
    protected = _ACRONYM.sub(lambda m: m[0] if m[1].lower() in CERTIFICATE_ISSUERS and not re.search(
        rf"(?<!\w){re.escape(m[1])}(?!\w)", text[m.end():]) and not _spells(
        m[1], _CERTIFICATE_SPLIT.split(text[:m.start()].rstrip())[-1]) else f"\ue000{m[1]}\ue001", text)
    # A country in brackets is its issuer's: "The Institution of Engineers (India)".
    protected = re.sub(r"\(([^()]+)\)", lambda m: f"\ue000{m[1]}\ue001" if m[1].lower() in COUNTRIES else m[0],
                       protected)
    # A bracket before the dash or comma that parts name and issuer is the name's: "Licensed Plumber (Water Supply,
    # Sanitary, Drainage) — VBA, 2013", "Wireman's Licence (Installation Electrician), Department of Labour, 2016".
    protected = _NAME_BRACKET.sub(_bracket_of_name, protected)
    head, em_dash, tail = protected.partition(" — ")
    if em_dash and re.search(r"[^\W\d_]", tail):  # an em dash parts the name from its issuer; en dashes and
        # commas before it are the name's: "General Registration – Physiotherapist — Board", "Oracle Certified
        # Professional, Java SE 11 Developer — Oracle"
        protected = head.replace(" – ", "\ue003").replace(", ", "\ue002") + em_dash + tail
    # An acronym and what it stands for are one name: "CPIM – Certified in Planning and Inventory Management".
    protected = re.sub(r"^([A-Z]{2,6}) – ([^–—,(]+)",
                       lambda m: f"{m[1]}\ue003{m[2]}" if _spells(m[1], m[2]) else m[0], protected)
    # ... and so are an acronym and what it stands for in brackets: "PMP (Project Management Professional)".
    protected = re.sub(r"^([A-Z]{2,6}) \(([^()]+)\)",
                       lambda m: f"{m[1]} \ue000{m[2]}\ue001" if _spells(m[1], m[2]) else m[0], protected)
    def restore(value: str) -> str:
        return (value.replace("\ue000", "(").replace("\ue001", ")").replace("\ue002", ", ").replace("\ue003", " – ")
                .strip(" ,|–—-(·•\t"))

    pieces = _CERTIFICATE_SPLIT.split(protected)
    parts = [(i, p.strip()) for i, p in enumerate(pieces) if i % 2 == 0 and p.strip()]
    if not parts:
        return None, None
    if (len(parts) == 2 and re.fullmatch(r"[A-Z][A-Za-z&]{1,7}", parts[0][1])
            and _CERTIFICATE_WORDS.search(parts[1][1]) and not _CERTIFICATE_WORDS.search(parts[0][1])
            and not _ISSUING_BODY.match(parts[1][1])):  # "ACCA — Association of Chartered Certified Accountants"
        # The issuer first, by its acronym: "ILM — Level 3 Award in Leadership and Management".
        return restore(parts[1][1]) or None, (restore(parts[0][1]), 0.6)
    if (len(parts) == 2 and (acronym := re.fullmatch(r"[A-Z]{2,6}", parts[1][1].split()[0]))
            and _spells(acronym[0], parts[0][1]) and not _CERTIFICATE_WORDS.search(parts[0][1])
            and re.search(r"\d", parts[1][1])):  # not "Mental Health First Aid, MHFA Australia"
        # ... or a registration named by the issuer's acronym: "Teachers Service Commission, TSC No. 612345".
        return restore(parts[1][1]) or None, (restore(parts[0][1]), 0.6)
    found = next(((i, 0.8) for i, part in parts[1:] if _is_issuer(part) or _ISSUED_BY.match(part)), None)
    found = found or next(((i, 0.5) for i, part in parts[1:]
                           if not (_words(part) <= _LEVEL_WORDS or re.search(r"\d", part))), None)

    if found is None:
        return restore(protected) or None, None
    position, confidence = found
    # the body's name is a list that commas part: "Plumbers, Gasfitters and Drainlayers Board" (its start found
    # first, the pieces joined once: joining at each comma took seconds on a list of thousands)
    if _AND.search(pieces[position]):
        start = position
        while (start > 2 and pieces[start - 1].strip() == ","
               and re.fullmatch(r"[A-Z][^\W\d_]+", pieces[start - 2].strip())):
            start -= 2
        pieces[start:position + 1] = ["".join(pieces[start:position + 1])]
        position = start
    name = restore("".join(pieces[:position]))
    return name or None, (restore(_ISSUED_BY.sub("", pieces[position])), confidence)


# --- languages ----------------------------------------------------------------------------------

# outside brackets; "and" between two bracketed levels: "English (native) and Irish (fluent)"
# (a long dash before the next "Language :": "Anglais : courant (TOEIC 905) — Espagnol : intermédiaire")
_LANGUAGE_ITEM_SPLIT = re.compile(r"\s*(?:,|;|\||•|·|\t|(?<!\d)/(?!\d)|\s{2,}|(?<=\))\s+(?:and|&)\s+"
                                  r"|\s[–—]\s(?=[^\W\d_]+\s?:))\s*")
# A level drawn rather than written ("English ●●●●○", "★★★☆☆", "▰▰▰▱"): no fluency to keep.
_RATING = re.compile(r"[●○◉◯⬤★☆✩✪■□▪▫◆◇█▓▒░▰▱⚫⚪]+")
# Prose: "Fluent in English and Spanish", "conversational French", "working knowledge of German".
_PROSE_JOINERS = re.compile(r"^(?:in|of|and|&)\s+|\s+(?:in|of|and|&)$", re.IGNORECASE)


def has_natural_languages(lines: list[Line]) -> bool:
    return any(_words(line.content) & LANGUAGES for line in lines)


# A list of languages with one level after a dash: "English, Kiswahili and Kalenjin – all fluent".
_SHARED_FLUENCY = re.compile(r"(?P<languages>[^()–—]+?(?:,|\sand\s)[^()–—]+?)\s+[–—-]\s+(?:all\s+|both\s+)?"
                             r"(?P<fluency>[^()–—,]+)")
# Items written as sentences: "Español: nativo. Inglés: intermedio (B1)."
_ITEM_SENTENCES = re.compile(r"(?:(?<=[^\W\d_])|(?<=\)))\.\s+(?=[^\W\d_])")


def is_mother_tongue_row(text: str) -> bool:
    """Whether a line is a fluency's label and the languages it has, in a grid's row: "Mother tongue <tab> Italian",
    "Lingua madre <tab> Italiano" (Europass puts it under "Personal skills", above "Other languages")."""
    label, gap, value = text.partition(GAP)
    return (bool(gap) and _is_fluency(label) and not _words(label) & LANGUAGES
            and all(_words(name) and _words(name) <= LANGUAGES for name in value.split(",")))


# Two words about a slash: "Native/Bilingual", "Fluent / C1". Each starts a word and takes it whole (possessive): tried
# at every letter of a long word, the pattern took seconds on a 50,000-character line (review 16).
_LEVEL_SLASH = re.compile(r"(?<![\w+])([^\W\d_][\w+]*+)\s*/\s*([^\W\d_][\w+]*)")


def parse_languages(lines: list[Line]) -> list[Entry]:
    entries: list[Entry] = []
    for line in lines:
        text = line.content
        shared_fluency = None
        head, colon, rest = text.partition(":")
        if not colon:  # or a row's label: "Mother tongue <tab> Italian"
            head, colon, rest = text.partition(GAP)
        if colon and _is_fluency(head) and not _words(head) & LANGUAGES:  # "Native: English, German"
            shared_fluency, text = head.strip(), rest
        elif (len(text) <= MAX_ITEM_CHARS and (shared := _SHARED_FLUENCY.fullmatch(text.strip(" .")))
              and _is_fluency(shared["fluency"])):  # "English, Kiswahili and Kalenjin – all fluent"
            shared_fluency, text = shared["fluency"], shared["languages"]
        if prose := _languages_in_prose(text.rstrip(" .")):  # "Fluent in English, Mandarin and Malay."
            entries += prose
            continue
        text = _ITEM_SENTENCES.sub("; ", text)  # "Español: nativo. Inglés: intermedio (B1)."
        # one level written two ways is one fluency: "Native/Bilingual", "Fluent / C1"
        text = _LEVEL_SLASH.sub(lambda m: m[0].replace("/", "\ue004") if _is_fluency(m[1]) and _is_fluency(m[2])
                                else m[0], text)
        for item in [part for piece in split_unbracketed(_LANGUAGE_ITEM_SPLIT, _RATING.sub(" ", text))
                     for part in _parted_by_and(piece.strip(" .").replace("\ue004", "/"))]:
            if not item or len(item) > MAX_ITEM_CHARS:
                continue
            if prose := _languages_in_prose(item):
                entries += prose
                continue
            # "Punjabi and Hindi" at a list's end, "Spanish and English (both fluent)", "French and German – basic"
            pair = _PAIR.fullmatch(item)
            if pair and {pair[1].lower(), pair[2].lower()} <= LANGUAGES and (
                    (level := pair["bracket"] or pair["dash"]) is None or _is_fluency(level)):
                level = level or shared_fluency
                entries += [{"language": (name, 0.8), **({"fluency": (level, 0.8)} if level else {})}
                            for name in (pair[1], pair[2])]
                continue
            language, fluency = _language_and_fluency(item)
            if language is None:
                if fluency and entries and "fluency" not in entries[-1]:  # "English <tab> Native"
                    entries[-1]["fluency"] = (fluency, 0.8)
                continue
            entry: Entry = {"language": language}
            if fluency or shared_fluency:
                entry["fluency"] = (fluency or shared_fluency, 0.8)
            entries.append(entry)
    return entries


# Two languages joined by "and", with one level for both maybe: "Punjabi and Hindi", "Spanish and English (both
# fluent)", "French and German – basic".
_PAIR = re.compile(r"(\S+)\s+(?:and|&)\s+(\S+)(?:\s*\((?:both\s+)?(?P<bracket>[^()]+)\)"
                   r"|(?:\s+[–—-]\s+|\s*:\s*)(?:both\s+)?(?P<dash>[^()]+))?")  # "Catalan and Spanish: native"


def _parted_by_and(item: str) -> list[str]:
    """An item of languages, each with its own level, joined by "and" as the items it joins: "English – fluent and
    French – basic" -> "English – fluent", "French – basic"; else the item."""
    parts = re.split(r"\s+(?:and|&)\s+", item) if len(item) <= MAX_ITEM_CHARS else [item]
    if len(parts) > 1 and all(_words(part) & LANGUAGES and all(_language_and_fluency(part)) for part in parts):
        return parts
    return [item]


_CONNECTORS = frozenset({"and", "&", "or", "as", "well"})


def _languages_in_prose(item: str) -> list[Entry]:
    """The languages of a sentence with its fluency before or after a run of them: "Fluent in English and Spanish"
    -> English and Spanish, both "Fluent"; "conversational French"; "working knowledge of German"; "I speak English
    and Tagalog fluently and some Spanish" -> English and Tagalog "fluently", Spanish "some"; "I am fluent in English
    and have basic French"; a run with none of its own named without one ("English, Spanish, some French"). Empty for
    the list forms ("English (native)", "English: C1", "English, French"), which _language_and_fluency reads."""
    if re.search(r"[():–—·•|\t]|\s-\s", item):  # a list's separators: "English C2 · French C1"
        return []
    raw = item.split()
    words = [word.strip(",.;") for word in raw]
    runs: list[list[int]] = []  # languages joined by "and", "&", "or" or commas
    for i, word in enumerate(words):
        if word.lower() in LANGUAGES:
            if runs and all(w.lower() in _CONNECTORS for w in words[runs[-1][-1] + 1:i]):
                runs[-1].append(i)
            else:
                runs.append([i])
    read: list[tuple[list[int], str]] = []
    for run in runs:
        start = run[0]  # the words before the run back to a connector: "working knowledge (of)", "(and) some"
        while start and not (words[start - 1].lower() in _CONNECTORS or words[start - 1].lower() in LANGUAGES
                             or raw[start - 1].endswith((",", ";", "."))):  # ... a language or a clause's end
            start -= 1
        # the longest fluency ending there, of up to five words: "I am fluent in", "(and) have basic"
        leading = next((text for n in range(min(5, run[0] - start), 0, -1)
                        if _is_fluency(text := _PROSE_JOINERS.sub("", " ".join(words[run[0] - n:run[0]])).strip())),
                       "")
        # after the run, the longest fluency of up to three words ("fluently", "mother tongue"), unless it leads
        # the next run ("Fluent in English, conversational French")
        end = run[-1] + 1
        size = next((n for n in (3, 2, 1) if end + n <= len(words) and _is_fluency(" ".join(words[end:end + n]))
                     and not any(w.endswith((",", ";", ".")) for w in raw[end - 1:end + n - 1])
                     and not any(w.lower() in _CONNECTORS for w in words[end:end + n])), 0)
        leads_next = any(word.lower() in LANGUAGES for word in words[end + size:end + size + 2])
        trailing = " ".join(words[end:end + size]) if size and not leads_next else ""
        read.append((run, leading or trailing))
    if not any(fluency for _, fluency in read):
        return []
    # a run with no fluency of its own is still named: "English, Spanish, some French"
    return [{"language": (words[i], 0.7), **({"fluency": (fluency, 0.7)} if fluency else {})}
            for run, fluency in read for i in run]


def _is_fluency(text: str) -> bool:
    words = _words(text)
    return bool(words) and words <= FLUENCY_WORDS | {"or", "and", "language", "speaker", "level", "-"}


_FLUENCY_HEAD = re.compile(r"\s*(?:\(|\s[-–—]\s)")


def _language_and_fluency(item: str) -> tuple[tuple[str, float] | None, str | None]:
    """("English", "C1") from "English (C1)", "English – C1", "English: native", "English C1";
    (None, "Native") from a fluency alone. A language off the list needs a fluency beside it."""
    if _is_fluency(item) and not _words(item) & LANGUAGES:
        return None, item
    # a fluency and the test that shows it, in a column of its own: "Advanced (TOEFL iBT 104)", "C1 – Cambridge
    # Advanced"
    if _is_fluency(_FLUENCY_HEAD.split(item, maxsplit=1)[0]) and not _words(item) & LANGUAGES:
        return None, item
    # A dash or colon first: in "English – Advanced (C1)" the bracket belongs to the fluency; not a dash in the
    # bracket: "English (Advanced – YDS 86)".
    dashed = re.fullmatch(r"(.+?)\s*(?::|\s[-–—]|[–—])\s*(.+)", item)
    if dashed and dashed[1].count("(") != dashed[1].count(")"):
        dashed = None
    if match := (dashed or re.fullmatch(r"(.+?)\s*\((.*)\)", item)):
        name, fluency = match[1], match[2]
    else:
        words = item.split()
        cut = len(words)
        while cut > 1 and _is_fluency(words[cut - 1]):
            cut -= 1
        name, fluency = " ".join(words[:cut]), " ".join(words[cut:])
    name, fluency = name.strip(" -–—:"), fluency.strip(" -–—:")
    if _words(name) & LANGUAGES and len(name.split()) <= 3:
        return (name, 0.9), fluency or None
    if fluency and _is_fluency(fluency) and len(name.split()) <= 3 and not re.search(r"\d", name):
        return (name, 0.6), fluency  # a language off the list, even lower case: "te reo Māori"
    return None, None
