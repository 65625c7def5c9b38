"""From bytes to a ParseResult: checks, text in reading order, sections, fields, confidences."""

import dataclasses
import functools
import re
from collections.abc import Callable
from typing import Any

from vitae.cvparse import contact, entries, intake, sections, typography
from vitae.cvparse.lines import GAP, Line, forget_document, join_wrapped
from vitae.cvparse.schema import CvData, ParseResult
from vitae.cvparse.skills import parse_skills
from vitae.cvparse.vocabulary import AMBIGUOUS_REGIONS, LANGUAGE_DATA, language_of

_DEFAULT_CONFIDENCE = 0.5
# Sections written one item per line, where only a run-on list wraps onto the next line.
_LISTS = (sections.SKILLS, sections.LANGUAGES_SECTION)
_MIN_SUMMARY_CHARACTERS = 80
# The lower-case words that join the names of an address or an organisation: "Department of Civil and Environmental
# Engineering", "Facultad de Ciencias".
_JOINING_WORDS = frozenset("of and the for in at on & de des du la le y e da do di del van von und".split())
# Values the document's typography does not belong in: normalised forms, or written as they are.
_NOT_WRITTEN = frozenset({"email", "url", "phone", "countryCode", "startDate", "endDate", "date"})


def read_lines(data: bytes) -> tuple[intake.DocumentKind, list[Line], int]:
    """(kind, lines, pages) of a PDF or DOCX; see vitae.cvparse.read_text for what it raises."""
    kind = intake.sniff(data)
    if kind == "pdf":
        from vitae.cvparse import pdf

        lines, pages = pdf.read(data)
    else:
        from vitae.cvparse import word

        lines, pages = word.read(data)
    return kind, lines, pages


def parse_document(data: bytes) -> ParseResult:
    """See vitae.cvparse.parse_document."""
    forget_document()
    kind, lines, pages = read_lines(data)
    text = "\n".join(line.as_written for line in lines)
    intake.check_has_text(text)
    values, confidence = _fields(lines)
    values = _as_written(values, typography.Verbatim([(line.as_written, line.text) for line in lines]))
    data_model = CvData.model_validate(values)
    return ParseResult(kind=kind, text=text, pages=pages, data=data_model,
                       confidence=_mirror(data_model.model_dump(exclude_none=True), confidence))


def _fields(lines: list[Line]) -> tuple[dict[str, Any], dict[str, Any]]:
    head, found = sections.split_sections(lines)
    name = contact.find_name(head or lines[:8], [line for line in lines if line.page == 1])
    by_kind: dict[str, list[Line]] = {}
    under_name: list[Line] = []  # a sidebar read first: the name and its contact lines end its last section
    written_name = name[0] if name else None
    sidebar_first = written_name is not None and all(line.text.strip() != written_name for line in head)
    studies = [section for section in found if section.kind == sections.EDUCATION]
    for section in studies[1:]:
        if not any(entries.names_a_degree(line.content) for line in section.lines):
            section.kind = sections.CERTIFICATES  # "QUALIFICATIONS: • Qualified Teacher Status (QTS) – DfE, 2016"
    listing = [section for section in found if section.kind == sections.CERTIFICATES]
    training = [section for section in listing if section.heading and sections.names_training_only(section.heading)]
    if len(training) < len(listing):
        for section in training:  # "Training" beside "Certifications" lists courses attended, no certificates, but
            # for courses of study ("Certificate III in Carpentry, TAFE") and a certificate named as one ("Certified
            # ScrumMaster")
            of_courses = {id(line) for line in entries.courses_of_study(section.lines)[0]}
            section.lines = [line for line in section.lines
                             if id(line) in of_courses or sections.names_a_certificate(line.content)]
            section.kind = sections.CERTIFICATES if section.lines else sections.OTHER
    for section in found:
        if sidebar_first and not under_name and section.kind != sections.CONTACT:
            at = next((i for i, line in enumerate(section.lines) if line.text.strip() == written_name), None)
            if at is not None:  # what follows the name is its headline and contact lines, not the section's
                under_name = section.lines[at + 1:]
                section.lines = section.lines[:at]
        if section.kind == sections.SUMMARY and _personal_data(section.lines):
            section.kind = sections.OTHER  # "Personal Profile" as South Asian CVs use it: "Father's Name: …"
        if section.kind != sections.CONTACT:  # one detail per line, commas or not
            section.lines = join_wrapped(section.lines, section.kind in _LISTS)
        by_kind.setdefault(section.kind, []).extend(section.lines)
    # Entries are read section by section: the bullets of "Leadership" are no highlights of the last
    # position under "Research Experience".
    of_kind = {kind: [section.lines for section in found if section.kind == kind]
               for kind in (sections.EXPERIENCE, sections.EDUCATION)}
    # the person's contact lines read inside a section (a sidebar read after it) are none of its entries
    email = contact.find_email("\n".join(line.text for line in lines), name[0] if name else None)
    block = (_contact_block(lines, email[0], head + under_name + by_kind.get(sections.CONTACT, []))
             if email and (not name or contact.names_the_person(email[0], name[0])) else [])
    if block:
        ids = {id(line) for line in block}
        by_kind = {kind: [line for line in kind_lines if id(line) not in ids] for kind, kind_lines in by_kind.items()}
        of_kind = {kind: [[line for line in part if id(line) not in ids] for part in parts]
                   for kind, parts in of_kind.items()}
    language_lines = by_kind.get(sections.LANGUAGES_SECTION, [])
    if mother_tongue := [line for line in by_kind.get(sections.SKILLS, [])
                         if entries.is_mother_tongue_row(line.content)]:  # Europass: "Mother tongue <tab> Italian"
        moved = {id(line) for line in mother_tongue}
        by_kind[sections.SKILLS] = [line for line in by_kind[sections.SKILLS] if id(line) not in moved]
        language_lines = mother_tongue + language_lines
    if language_lines and not entries.has_natural_languages(language_lines):  # programming languages
        by_kind.setdefault(sections.SKILLS, []).extend(language_lines)
        language_lines = []
    basics = _basics(lines, head + under_name + block, by_kind, name, email)
    work = [entry for lines in of_kind[sections.EXPERIENCE] for entry in entries.parse_work(lines)]
    studied, certified = entries.courses_of_study(by_kind.get(sections.CERTIFICATES, []))
    education = [entry for lines in [*of_kind[sections.EDUCATION], studied] for entry in entries.parse_education(lines)]
    certificates = entries.parse_certificates(certified)
    languages = entries.parse_languages(language_lines)
    skills = [{"name": skill} for skill in parse_skills(by_kind.get(sections.SKILLS, []))]
    tree = {"basics": basics, "work": work, "education": education, "skills": skills,
            "certificates": certificates, "languages": languages}
    return _values(tree), _confidences(tree)


def _basics(lines: list[Line], head: list[Line], by_kind: dict[str, list[Line]],
            name: contact.Found | None, email: contact.Found | None = None) -> dict[str, Any]:
    text = "\n".join(line.text for line in lines)
    contact_lines = head + by_kind.get(sections.CONTACT, [])
    contact_text = "\n".join(line.text for line in contact_lines)
    basics: dict[str, Any] = {}
    if name:
        basics["name"] = name
    if email:
        basics["email"] = email
    # Less the name, as written in any case, and the letters after it: "Tyler Brennan, PA-C", "PATRICIA OKAFOR, MSN,
    # RN" read like "City, Region"; "Sneha Kulkarni <tab> Pune, …" holds a place.
    location = contact.find_location([dataclasses.replace(line, text=_unnamed(line.text, name[0])) if name else line
                                      for line in contact_lines[:15]])
    if location:
        basics["location"] = {key: (value, location[1]) for key, value in location[0].items()}
    hint = location[0].get("countryCode") if location else None
    # A region's code two countries share ("Perth, WA"): either country. No country named: the countries of
    # the CV's language ("0171 4839205" in a German CV), found only when no number carries its country code
    # (language_of reads the text: about a millisecond).
    shared = sorted(AMBIGUOUS_REGIONS.get(location[0].get("region", ""), ())) if location and not hint else []
    elsewhere = functools.cache(
        lambda: [*_email_country(email), *LANGUAGE_DATA["countries_of_language"][language_of(text)][:2]])
    # A town named alone ("Hamilton 3200", "14001 Córdoba") gives the country its best-known namesake is in: a
    # national number that is none there is read in the email's and the language's countries too.
    town_alone = bool(location and hint and "region" not in location[0] and location[1] <= contact.TOWN_POSTED)
    hints: list[str] | Callable[[], list[str]]
    if town_alone:
        hints = functools.cache(lambda: [hint, *elsewhere()])
    elif hint:
        hints = [hint]
    else:
        hints = shared or elsewhere
    if phone := contact.find_phone(contact_text, hints) or contact.find_phone(text, hints):
        basics["phone"] = phone
        if location and (country := contact.country_by_phone(location[0], phone, town_alone)):
            basics["location"]["countryCode"] = (country, 0.7)
    if url := contact.find_url(text, contact_text):
        basics["url"] = url
    if summary := _summary(head, by_kind.get(sections.SUMMARY, [])):
        basics["summary"] = summary
    return basics


# A line of a contact block, besides a place ("Kampala, Uganda", "Kraków"): an email, a phone, a site.
_CONTACT_LINE = re.compile(r"@|\+?\d[\d\s().\-]{6,}\d|\.(?:com|org|net|dev|io|me)\b")


_POST_NOMINALS = re.compile(rf"(?:,\s*[A-Z]{{2,4}}(?:-[A-Z])?\b|{contact.POST_NOMINAL_BRACKETED})*")


def _unnamed(text: str, name: str) -> str:
    """The text less the person's name as written in any case and the letters after it ("PATRICIA OKAFOR, MSN, RN",
    "Thandi Mokoena CA(SA)"),
    found by position: no pattern is built per CV (re's cache of compiled patterns is shared with phonenumbers')."""
    if len(text.casefold()) != len(text) or len(name.casefold()) != len(name):  # a fold that changes lengths: "ß"
        return text.replace(name, "")
    at = text.casefold().find(name.casefold())
    if at < 0:
        return text
    letters = _POST_NOMINALS.match(text, at + len(name))
    return text[:at] + text[letters.end() if letters else at + len(name):]


# Country-code top-level domains that sites use for their letters, not their country (".io", ".me", ".co"); not
# Italy's ".it" or Iceland's ".is", where their people's mail is ("libero.it", "simnet.is").
_GENERIC_TLDS = frozenset({"io", "me", "co", "tv", "ai", "ly", "fm", "am", "to", "ws", "cc", "so", "gg"})


def _email_country(email: contact.Found | None) -> list[str]:
    """The country of the email's domain, as a region code for reading a national phone number: "gmx.at" -> ["AT"],
    "bluewin.ch" -> ["CH"], "yahoo.co.uk" -> ["GB"]; none for a generic domain (".com") or a TLD used for its letters
    (_GENERIC_TLDS). Source: IANA's root zone (ccTLDs are ISO 3166-1 alpha-2 codes, but for .uk)."""
    tld = email[0].rpartition(".")[2].lower() if email else ""
    if len(tld) != 2 or tld in _GENERIC_TLDS:
        return []
    return ["GB" if tld == "uk" else tld.upper()]


# "Date of Birth: 14/03/1996", "Marital Status: Single": a label of a few words, its value after the colon.
_LABELLED = re.compile(r"[^\W\d_][\w'’ .]{0,30}:\s*(\S.*)")
_MAX_DETAIL_WORDS = 10


def _personal_data(lines: list[Line]) -> bool:
    """Whether a section's lines are mostly labelled details (two or more, two in three at least), not prose: a
    detail's value is short and no sentence ("Key strengths: stakeholder management and delivery." is a statement)."""
    labelled = sum(bool((value := _LABELLED.match(line.text)) and not value[1].rstrip().endswith((".", "!", "?"))
                        and len(value[1].split()) <= _MAX_DETAIL_WORDS) for line in lines)
    return labelled >= 2 and 3 * labelled >= 2 * len(lines)


def _contact_block(lines: list[Line], email: str, contact_lines: list[Line]) -> list[Line]:
    """The contact lines around the person's email when it stands outside the head and the contact section (a
    sidebar read after the main column, under no heading of its own): the run of short contact-like lines (a
    phone, a place, a site) it belongs to."""
    at = next((i for i, line in enumerate(lines) if email in line.text), None)
    if at is None or any(line is lines[at] for line in contact_lines):
        return []
    def of_block(number: int) -> bool:
        return 0 <= number < len(lines) and abs(number - at) <= 4 and len(lines[number].text) <= 60 and bool(
            _CONTACT_LINE.search(lines[number].text) or contact.find_location([lines[number]]))

    start = end = at
    while of_block(start - 1):
        start -= 1
    while of_block(end + 1):
        end += 1
    return lines[start:end + 1]


def _summary(head: list[Line], summary_lines: list[Line]) -> tuple[str, float] | None:
    if summary_lines:
        return _paragraph(summary_lines), 0.85
    # No heading: a paragraph of prose under the contact lines is the summary.
    prose: list[Line] = []
    for previous, line in zip([None, *head], head, strict=False):
        # no contact line: an address, a phone ("604.812.3365"); a year in a sentence is prose; a sentence's words
        # are a third in lower case at least, an address's are names ("School of Geography, University of Leeds,
        # Leeds LS2 9JT, UK"), whose only lower-case words join them ("Department of Civil and Environmental
        # Engineering, University of Michigan"); a web address alone is none
        words = line.text.split()
        if (len(line.text) >= 40 and GAP not in line.text and not re.search(r"@|\d{3}[\s.\-)]\d|\d{7}", line.text)
                and 3 * sum(word[:1].islower() for word in words) >= len(words)
                and any(word[:1].islower() and word.strip(".,;:").lower() not in _JOINING_WORDS for word in words)
                and not contact.is_link(line.text)):
            prose.append(line)
        elif (prose and prose[-1] is previous and not previous.text.rstrip().endswith((".", "!", "?"))
              and line.text[:1].islower() and "@" not in line.text):
            prose.append(line)  # the short end of the paragraph's last sentence: "apprentices."
    paragraph = _paragraph(prose)
    return (paragraph, 0.5) if len(paragraph) >= _MIN_SUMMARY_CHARACTERS else None


def _paragraph(lines: list[Line]) -> str:
    """The lines as one paragraph; a word broken at its hyphen across two lines is whole again ("a 400-"
    above "seat" is "400-seat"), a hyphen inside a line stays as written ("T- and B-cell")."""
    text = ""
    for line in lines:
        part = line.text.replace(GAP, " ").strip()
        text += part if re.search(r"\w-$", text) and part[:1].isalnum() else f" {part}"
    return re.sub(r"\s+", " ", text).strip()


def _values(node: Any) -> Any:
    """The tree with every (value, confidence) pair replaced by its value; None values dropped."""
    if isinstance(node, tuple):
        return node[0]
    if isinstance(node, dict):
        values = {key: _values(value) for key, value in node.items()}
        return {key: value for key, value in values.items() if value is not None}
    if isinstance(node, list):
        return [_values(item) for item in node]
    return node


def _as_written(node: Any, verbatim: typography.Verbatim, key: str = "") -> Any:
    """The value tree with the document's own apostrophes, quotes and dashes in its text values."""
    if isinstance(node, str):
        return node if key in _NOT_WRITTEN else verbatim.restore(node)
    if isinstance(node, dict):
        return {name: _as_written(value, verbatim, name) for name, value in node.items()}
    if isinstance(node, list):
        return [_as_written(item, verbatim, key) for item in node]
    return node


def _confidences(node: Any) -> Any:
    if isinstance(node, tuple):
        return round(node[1], 2)
    if isinstance(node, dict):
        return {key: _confidences(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_confidences(item) for item in node]
    return _DEFAULT_CONFIDENCE


def _mirror(dumped: Any, confidence: Any) -> Any:
    """The confidence tree in exactly the shape of the dumped data (schema.ParseResult): one number
    per scalar and per list of strings, defaults where the model filled something in."""
    if isinstance(dumped, dict):
        confidence = confidence if isinstance(confidence, dict) else {}
        return {key: _mirror(value, confidence.get(key)) for key, value in dumped.items()}
    if isinstance(dumped, list) and dumped and isinstance(dumped[0], dict):  # entries
        confidence = confidence if isinstance(confidence, list) else []
        return [_mirror(item, confidence[i] if i < len(confidence) else None) for i, item in enumerate(dumped)]
    if dumped == [] and isinstance(confidence, list):  # no entries
        return []
    return confidence if isinstance(confidence, (int, float)) else _DEFAULT_CONFIDENCE
