"""Section headings ("WORK EXPERIENCE", "Academic Background:", "Licenses & Certifications") and
the split of a CV's lines into the sections they head."""

import itertools
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from vitae.cvparse.lines import GAP, MAX_ITEM_CHARS, Line
from vitae.cvparse.section_kinds import (
    CERTIFICATES,
    CONTACT,
    EDUCATION,
    EXPERIENCE,
    LANGUAGES_SECTION,
    OTHER,
    SKILLS,
    SUMMARY,
)
from vitae.cvparse.vocabulary import (
    DEGREE_ABBREVIATIONS,
    JOB_TITLE_WORDS,
    JOINING_END,
    LANGUAGES,
    fold,
    heading_stems,
    is_job_title_word,
    words_of,
)

# A heading names its section with one of the stems of languages.json's "headings" (matched at word
# starts, accents folded); the first group that matches decides, so the order settles mixed headings
# ("Skills Summary" is skills, "Volunteer Experience" is not work, "Programming Languages" is skills, "Education
# & Training" is education, "Training" alone certificates and "Summary of Qualifications" a summary).
_GROUPS = (("other", OTHER), ("skills_early", SKILLS), ("languages", LANGUAGES_SECTION),
           ("certificates", CERTIFICATES), ("experience_early", EXPERIENCE), ("summary_early", SUMMARY),
           ("education", EDUCATION),
           ("certificates_late", CERTIFICATES), ("skills", SKILLS), ("experience", EXPERIENCE), ("summary", SUMMARY),
           ("contact", CONTACT))
_STEMS = [(kind, heading_stems(group)) for group, kind in _GROUPS]
_KIND_PATTERNS = [(kind, re.compile(r"\b(?:" + "|".join(stems) + ")")) for kind, stems in _STEMS]
# Every word of a heading must share a stem with the groups above or be one of these ("and", "of",
# "professional", "beruflicher", "работы"): a line such as "Experience with large teams" is prose ...
_STEM_WORDS = re.compile(r"\b(?:" + "|".join(stem for _, stems in _STEMS for stem in stems) + r")[\w'-]*")
_FILLER = words_of("filler")
# ... unless it looks like a heading (capitals, bold, a heading style) and ends with one of these:
# "Research Experience", "Leadership Skills".
_HEADING_NOUN = re.compile(r"(?:experiences?|education|skills|projects|certificat(?:e|ion)s|licen[cs]es|"
                           r"languages|competencies|qualifications|summary|profile)$")
_MAX_HEADING_WORDS = 5
_LAST_BRACKET = re.compile(r"\s*\([^()]*\)\s*:?\s*$")
# The longest line that heads a section by its style alone (see _headings_style): a longer one is text set bold.
_MAX_STYLED_HEADING = 60
_DEGREE_ABBREVIATIONS = frozenset(abbreviation.casefold() for abbreviation in DEGREE_ABBREVIATIONS)
# A degree named for its subject heads nothing: "Bachelor of Education (Science)" above its university.
_DEGREE = re.compile(r"(?:bachelor|master|doctor|associate)(?:'s)?\s+(?:of|in)\b")
# A heading may be set apart by size alone: 1.5 points over the body text's (13 pt over 10.5 pt).
_LARGER_PT = 1.5
_HEADING_WORD = re.compile(r"[^\W\d_]+|&|\+|/")


@dataclass
class Section:
    kind: str
    lines: list[Line] = field(default_factory=list)
    heading: str = ""  # the heading's text as written ("" when a label gave the kind inline)


_LETTER_SPACED = re.compile(r"(?:[^\W\d_&] +|& +){3,}[^\W\d_]")  # "E X P E R I E N C E", "W O R K H I S T O R Y"


@cache
def _unspaced_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """The stems as plain fragments, for letter-spaced headings whose word breaks are lost
    ("workhistory"). Compiled at the first such heading (~3 ms of CPU; most CVs have none)."""
    return [(kind, re.compile("|".join(stem.replace(r"\b", "") for stem in stems))) for kind, stems in _STEMS]


def _normalise(text: str) -> str:
    text = text.strip()
    if _LETTER_SPACED.fullmatch(text):
        text = text.replace(" ", "")
    # numbered: "01 Profile", "2. Education", "IV. Skills"
    text = re.sub(r"^(?:\d{1,2}|[IVX]{1,4})[.)]?\s+(?=\D)", "", text)
    text = re.sub(r"^[\W_]+|[\W_]+$", "", text)  # rules, numbering marks, colons
    return re.sub(r"\s+", " ", text).lower()


@lru_cache(maxsize=4096)
def heading_kind(text: str, emphasised: bool = False) -> str | None:
    """The section a line heads, when the whole line is a heading. `emphasised`: the line is set
    apart (capitals, bold, a heading style). Remembered for the last 4,096 texts (a pure function; every line is
    asked once for the headings' style and once more in its place, and headings repeat across CVs)."""
    if len(text) > MAX_ITEM_CHARS:
        return None
    if _LETTER_SPACED.fullmatch(text.strip()):  # letters set apart, and so are the words: no breaks to go by
        unspaced = fold(_normalise(text))
        return next((kind for kind, pattern in _unspaced_patterns() if pattern.search(unspaced)), None)
    unbracketed = _LAST_BRACKET.sub("", text)  # "Languages (CEFR)"
    if len(unbracketed.split()) > 2 * _MAX_HEADING_WORDS:
        return None  # a sentence, without the work of reading it (most lines a CV has)
    normalised = fold(_normalise(unbracketed))
    words = _HEADING_WORD.findall(normalised)
    if not words or len(words) > _MAX_HEADING_WORDS or re.search(r"\d", normalised) or _DEGREE.match(normalised):
        return None
    if not _STEM_WORDS.search(normalised):  # no stem of any kind (most short lines): one search, not one per kind
        return None
    kind = next((kind for kind, pattern in _KIND_PATTERNS if pattern.search(normalised)), None)
    if kind is None:
        return None
    if any(is_job_title_word(word) and word not in JOB_TITLE_WORDS and word not in _FILLER for word in words):
        return None  # a post named by a compound: "IT-Projektleiter" (its "Projekt" heads no section)
    if all(word in _FILLER for word in _HEADING_WORD.findall(_STEM_WORDS.sub(" ", normalised))):
        return kind
    if emphasised and len([w for w in words if w not in ("&", "and", "/")]) <= 3 and _HEADING_NOUN.match(words[-1]):
        # "Head of Projects" is a position; "Sales Experience", "Leadership Skills" are headings.
        return kind if not JOB_TITLE_WORDS.intersection(words) or words[-1] in ("experience", "skills") else None
    return None


def split_heading(line: Line, current: str | None, body_size: float = 0.0) -> tuple[str, str] | None:
    """(kind, inline content) when the line is a heading, maybe with content after a colon
    ("Skills: Python, Go"). Inside the skills section "Languages: Python, Go" is a category of
    skills, not the start of a languages section. A bullet (unless bold: an icon, "▶ Experience") or the
    wrapped end of a sentence ("... of Economic / Studies") is never a heading. `body_size`: the body
    text's font size in points (0 when unknown); a line set larger is set apart as bold is."""
    # A bullet marks an item, but an icon may set off a heading in bold: "▶ Experience".
    text = line.content if not (line.wrapped or (line.bullet and not (line.bold or line.heading_style))) else ""
    emphasised = _set_apart(line, text, body_size)
    label, gap, beside = text.partition(GAP)
    if gap and (kind := heading_kind(label, emphasised or label.isupper())):
        # A label in a left column (a table's first cell, a PDF's margin) with the section's
        # first line beside it: "Experience <tab> Key Account Manager".
        return kind, beside.strip()
    if not text or text.endswith((".", ",", ";")):
        return None
    if kind := heading_kind(text, emphasised):
        # a label inside an entry, set like its text: "Selected Achievements:" above a position's bullets
        return None if kind == OTHER and current == EXPERIENCE and text.endswith(":") and not emphasised else (kind, "")
    head, colon, rest = text.partition(":")
    if not colon or not rest.strip() or not (kind := heading_kind(head)):
        return None
    if kind == LANGUAGES_SECTION and not _names_languages(rest):
        return None
    if current == SKILLS and kind != LANGUAGES_SECTION:
        return None  # a category of skills: "Tools: Docker, Terraform"
    if current in (EXPERIENCE, EDUCATION) and not (emphasised or head.isupper()):
        return None  # a detail of a position: "Technologies: Python, Go"
    return kind, rest.strip()


def _names_languages(text: str) -> bool:
    return any(word in LANGUAGES for word in re.findall(r"[^\W\d_]+", text.lower()))


def _set_apart(line: Line, text: str, body_size: float) -> bool:
    """Whether a line is set apart from the body text: bold, a heading style, capitals, or larger by _LARGER_PT."""
    return (line.bold or line.heading_style or (text.isupper() and len(text) > 3)
            or (body_size > 0 and line.size >= body_size + _LARGER_PT))


def _style(line: Line) -> tuple[float, bool, bool, bool]:
    """How a line is set: its size (to half a point), bold, a word processor's heading style, capitals."""
    return round(line.size * 2) / 2, line.bold, line.heading_style, line.content.isupper()


def _headings_style(lines: list[Line], body_size: float) -> tuple[float, bool, bool, bool] | None:
    """The style the document sets its known headings in, when two or more share one that sets them apart (larger,
    bold capitals, a heading style): a line set that way heads a section even when its words are not in the
    vocabulary ("GRANTS AND FELLOWSHIPS", "TEACHING", "EDUCATION & GOVERNANCE")."""
    counts: dict[tuple[float, bool, bool, bool], int] = {}
    for line in lines:
        if (line.size and _set_apart(line, line.content, body_size) and len(line.text) <= _MAX_STYLED_HEADING
                and (found := split_heading(line, None, body_size)) and not found[1]):
            counts[_style(line)] = counts.get(_style(line), 0) + 1
    style = max(counts, key=counts.__getitem__, default=None)
    if style is None or counts[style] < 2:
        return None
    size, bold, heading_style, capitals = style
    return style if size >= body_size + _LARGER_PT or heading_style or (bold and capitals) else None


def _reads_like_heading(line: Line) -> list[str]:
    """The words of a line that could head a section by its style alone (none when it could not): short
    (_MAX_STYLED_HEADING characters at most, which also bounds the work on a long line: _normalise's patterns rescan
    runs of marks), no digits, no sentence, no degree ("BSc Economics"), no post (its last word a job title's:
    "Senior Analyst"); a bracket at its end says nothing of the kind: "Contract History (continued)"."""
    text = _LAST_BRACKET.sub("", line.content)
    if (line.bullet or line.wrapped or len(text) > _MAX_STYLED_HEADING or GAP in text
            or text.endswith((".", ",", ";")) or re.search(r"\d|@", text)):
        return []
    normalised = fold(_normalise(text))
    words = _HEADING_WORD.findall(normalised)
    if (not words or len(words) > _MAX_HEADING_WORDS or _DEGREE.match(normalised) or is_job_title_word(words[-1])
            or text.split()[0].rstrip(".,").casefold() in _DEGREE_ABBREVIATIONS):
        return []
    return words


def _set_as_heading(line: Line, style: tuple[float, bool, bool, bool] | None) -> str | None:
    """The section a line heads by its style alone (see _headings_style and _reads_like_heading): the kind its head
    word names if it names one, else a section of no field."""
    if style is None or _style(line) != style or not (words := _reads_like_heading(line)):
        return None
    # the kind its first or last word names: "Education & Governance", "Board & Executive Capabilities"; not "Seminars
    # & Trainings Attended"
    return next((kind for kind, pattern in _KIND_PATTERNS if pattern.match(words[0]) or pattern.match(words[-1])),
                OTHER)


_CERTIFICATES_PATTERN = next(pattern for kind, pattern in _KIND_PATTERNS if kind == CERTIFICATES)
_TRAINING_PATTERN = re.compile(r"\b(?:" + "|".join(heading_stems("certificates_late")) + ")")


def names_training_only(heading: str) -> bool:
    """Whether a certificates heading names training and no certificate ("Training", "Professional Training"), not
    "Certifications & Training"."""
    normalised = fold(_normalise(heading))
    return bool(_TRAINING_PATTERN.search(normalised)) and not _CERTIFICATES_PATTERN.search(normalised)


# A line that names a certification or licence by its own words ("Certified ScrumMaster", "Forklift Licence",
# "Zertifizierung", "certificação", the Cyrillic "sertifikaciya"); a "Certificate of ..." or "Certificate IV in ..." is
# an award of a course of study (see entries.courses_of_study), no certification.
_NAMES_CERTIFICATE = re.compile(r"\b(?:certified|certification|certifica(?:[c\u00e7][a\u00e3]o|ci[o\u00f3]n|zione)|"
                                r"certyfikacj|zertifizier|licen[cs]|lizenz|"
                                r"\u0441\u0435\u0440\u0442\u0438\u0444\u0438\u043a\u0430\u0446)", re.IGNORECASE)


def names_a_certificate(text: str) -> bool:
    """Whether a line of a training section names a certificate, not only a course attended: "Certified ScrumMaster
    (CSM), Scrum Alliance, 2020", not "Leadership Essentials workshop, 2019"."""
    return bool(_NAMES_CERTIFICATE.search(text))


# A heading's first line that the next goes on with: "CERTIFICATIONS &", "EDUCATION AND".
_OPEN_HEADING = re.compile(r"(?:&|\+|/|,|\band)$", re.IGNORECASE)


def _wrapped_heading(line: Line, below: Line, found: tuple[str, str] | None, current: str | None,
                     body_size: float) -> Line | None:
    """The heading a narrow column writes over two lines ("CLINICAL" over "EXPERIENCE", "RESEARCH &" over
    "PUBLICATIONS" in a Europass-style grid's left column, "Experiência" over "profissional", "AUS- UND" over
    "WEITERBILDUNG"), as one line; None when the two lines are not one. Both are set alike and apart (size, bold, a
    heading style; capitals only below capitals), level on the left or the right edge with no more than 0.8 em between
    them where the page gives their boxes; together they head a section whole. A first line that heads a section
    alone goes on only when it is left open ("CERTIFICATIONS &") or when the second, a word or two that head nothing
    alone, makes the same heading ("Experiência" / "profissional"): "SKILLS" over "LANGUAGES" stays two headings."""
    text = line.content
    boxed = any(line.box) and any(below.box)
    if (line.page != below.page or line.bullet or below.bullet or GAP in text or GAP in below.text
            or _style(line)[:3] != _style(below)[:3] or (text.isupper() and not below.content.isupper())
            or not _set_apart(line, text, body_size) or len(text) + len(below.content) > _MAX_STYLED_HEADING
            or (boxed and (below.box[2] - line.box[3] > 0.8 * max(line.size, 1.0)
                           or min(abs(below.box[0] - line.box[0]), abs(below.box[1] - line.box[1])) > 2.0))):
        return None
    if found is not None and found[1]:
        return None
    joined = Line(f"{line.as_written} {below.as_written}", line.size, line.bold, page=line.page,
                  heading_style=line.heading_style, box=(min(line.box[0], below.box[0]),
                                                         max(line.box[1], below.box[1]), line.box[2], below.box[3]))
    kind = split_heading(joined, current, body_size)
    if kind is None or kind[1]:
        return None
    if found is not None and not _OPEN_HEADING.search(text.rstrip(" :")) and (
            kind[0] != found[0] or len(below.content.split()) > 2 or split_heading(below, current, body_size)):
        return None
    return joined


def split_sections(lines: list[Line]) -> tuple[list[Line], list[Section]]:
    """The lines before the first heading (name, contact, sometimes a summary), and the sections."""
    head: list[Line] = []
    sections: list[Section] = []
    previous: Line | None = None
    sizes = sorted(line.size for line in lines if line.size > 0)
    body_size = sizes[len(sizes) // 2] if sizes else 0.0
    style = _headings_style(lines, body_size)
    skip = False
    for line, below in itertools.zip_longest(lines, lines[1:]):
        if skip:  # the second line of a heading wrapped in a narrow column, read with the first
            skip = False
            continue
        current = sections[-1].kind if sections else None
        # The line above left open ("Diplôme d'ingénieur en <tab> 2012 – 2017"): this one goes on with it
        # ("informatique"), whatever heading it would make alone.
        continued = previous is not None and JOINING_END.search(previous.text.partition(GAP)[0]) is not None
        found = None if continued else split_heading(line, current, body_size)
        if not continued and below is not None and (joined := _wrapped_heading(line, below, found, current, body_size)):
            line, found, skip = joined, (split_heading(joined, current, body_size) or found), True
        if found is None and not continued and (kind := _set_as_heading(line, style)) and (
                sections or (head and kind != OTHER)):  # under the name, only a heading of a known kind: "Work Record"
            found = kind, ""
        elif (found and not found[1] and style and previous and _style(line) != style
              and _style(previous) == _style(line)):
            found = None  # set like the line above, not like the headings: its end ("Bachelor of ..." / "Technology")
        previous = line
        if found is None:
            (sections[-1].lines if sections else head).append(line)
            continue
        kind, rest = found
        sections.append(Section(kind, heading="" if rest else line.content))
        if rest:
            sections[-1].lines.append(Line(rest, line.size, line.bold, page=line.page, box=line.box))
    return head, sections
