"""Resumes as PDF, drawn with fpdf2 (pure Python: no browser), text selectable, in two templates.

Text in any of the scripts the fonts cover (`vitae.resumes.fonts`: Latin with its extensions and
Vietnamese, Greek, Cyrillic, Chinese, Japanese, Korean) is set in the template's font, falling back
to Noto SC and KR for what it lacks; scripts that need text shaping (Arabic, Hebrew, Indic) are not
supported and show as boxes. Lines are broken here, by measured words (between characters in text
without spaces, such as CJK), and drawn as runs of one font each: fpdf2's own line breaking
measures each line again for every character it adds, which took minutes for a long resume.
`check_size` bounds what one export draws.
"""

import re
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from vitae.platform.errors import TooLarge
from vitae.resumes import fonts

# What an export draws within its function's 20 s (measured, see the README): three sections of 50
# items with every text at its longest (3 million characters, some 900 pages), and the CJK glyphs
# a long Chinese resume uses (each borrowed character costs a glyph conversion of 1 to 2 ms).
MAX_CHARACTERS = 3_200_000
MAX_BORROWED = 3_000


@dataclass(frozen=True)
class Style:
    """How a template draws a resume."""

    accent: tuple[int, int, int]  # RGB of the name, the title and section titles
    ruled: bool  # section titles in capitals over a rule
    align: str  # of the name and title: "C" centred, "L" left


TEMPLATES = {
    "classic": Style(accent=(0, 0, 0), ruled=True, align="C"),
    "modern": Style(accent=(24, 95, 165), ruled=False, align="L"),
}
BULLET = "\u2022 "


def _period(item: dict[str, Any]) -> str:
    start, end = item.get("startDate"), item.get("endDate")
    if not start and not end:
        return ""
    return f"{start or ''} \u2013 {end or 'present'}" if start else str(end)


def _joined(*parts: Any, separator: str = ", ") -> str:
    return separator.join(str(p) for p in parts if p)


def _lines(section_type: str, item: dict[str, Any]) -> tuple[str, list[str]]:
    """A heading line and the detail lines of one item."""
    bullets = [BULLET + h for h in item.get("highlights", [])]
    match section_type:
        case "summary" | "custom":
            return item.get("title", ""), [item["text"]]
        case "experience":
            return _joined(item["position"], item["company"]), [
                d for d in (_period(item), item.get("location"), item.get("description"), item.get("summary")) if d
            ] + bullets
        case "volunteer":
            return _joined(item.get("position"), item["organization"]), [
                d for d in (_period(item), item.get("summary"), item.get("url")) if d] + bullets
        case "education":
            return _joined(item.get("studyType"), item.get("area"), item["institution"]), [
                d for d in (_period(item), item.get("score"), _joined(*item.get("courses", [])), item.get("url")) if d]
        case "awards":
            return item["title"], [d for d in (_joined(item.get("awarder"), item.get("date")), item.get("summary"))
                                   if d]
        case "publications":
            return item["name"], [d for d in (_joined(item.get("publisher"), item.get("releaseDate")), item.get("url"),
                                              item.get("summary")) if d]
        case "skills":
            return item["name"] + (f" ({item['level']})" if item.get("level") else ""), (
                [", ".join(item["keywords"])] if item.get("keywords") else [])
        case "projects":
            return _joined(item["name"], item.get("entity")), [
                d for d in (_period(item), _joined(item.get("type"), *item.get("roles", [])), item.get("description"),
                            item.get("url")) if d
            ] + bullets + ([", ".join(item["keywords"])] if item.get("keywords") else [])
        case "certifications":
            return item["name"], [d for d in (_joined(item.get("issuer"), item.get("date")), item.get("url")) if d]
        case "languages":
            return item["language"] + (f" \u2013 {item['fluency']}" if item.get("fluency") else ""), []
        case "interests":
            return item["name"], [", ".join(item["keywords"])] if item.get("keywords") else []
        case "references":
            return item["name"], [item["reference"]] if item.get("reference") else []
    return "", []


def _header(resume: dict[str, Any], sections: list[dict[str, Any]],
            owner_name: str | None) -> tuple[str, str, list[str]]:
    """The name, the title and the contact lines at the top: from a visible contact section, else
    the owner's name and the resume's title."""
    contact: dict[str, Any] = next(
        (s["items"][0] for s in sections if s["type"] == "contact" and s["visible"] and s["items"]), {})
    location = contact.get("location") or {}
    reach = _joined(contact.get("email"), contact.get("phone"), contact.get("url"),
                    _joined(location.get("city"), location.get("region"), location.get("countryCode")),
                    separator="  \u00b7  ")
    profiles = _joined(*(_joined(p.get("network"), p.get("username") or p.get("url"), separator=": ")
                         for p in contact.get("profiles", [])), separator="  \u00b7  ")
    return (contact.get("name") or owner_name or resume["title"], contact.get("label") or resume["title"],
            [line for line in (reach, location.get("address"), profiles) if line])


@dataclass(frozen=True)
class Block:
    """One run of text to draw (NFC): its style ("" or "B"), size (pt), line height (mm), alignment,
    colour, the space after it (mm) and whether a rule underlines it."""

    text: str
    style: str
    size: float
    height: float
    align: str = "L"
    color: tuple[int, int, int] = (0, 0, 0)
    space_after: float = 0.0
    rule: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", unicodedata.normalize("NFC", self.text))


def _spaced(drawn: list[Block], space: float) -> None:
    drawn[-1] = replace(drawn[-1], space_after=drawn[-1].space_after + space)


def blocks(resume: dict[str, Any], sections: list[dict[str, Any]], owner_name: str | None,
           template: str) -> list[Block]:
    """What a rendering draws, in order: the header, then each visible section but the contact one."""
    style = TEMPLATES[template]
    name, title, contact = _header(resume, sections, owner_name)
    drawn = [Block(name, "B", 22, 11, style.align, style.accent), Block(title, "", 12, 7, style.align, style.accent)]
    drawn += [Block(line, "", 9.5, 5, style.align) for line in contact]
    _spaced(drawn, 4)
    for section in sections:
        if not section["visible"] or section["type"] == "contact":
            continue
        heading = section["title"].upper() if style.ruled else section["title"]
        drawn.append(Block(heading, "B", 13, 8, color=style.accent, rule=style.ruled,
                           space_after=1 if style.ruled else 0))
        for item in section["items"]:
            head, details = _lines(section["type"], item)
            if head:
                drawn.append(Block(head, "B", 11, 6))
            drawn += [Block(line, "", 10, 5) for line in details]
            _spaced(drawn, 1.5)
        _spaced(drawn, 2)
    return drawn


def check_size(drawn: list[Block], template: str) -> None:
    """Raises TooLarge for more text than an export draws within its function's time: more than
    MAX_CHARACTERS, or more than MAX_BORROWED distinct characters the template's font lacks."""
    characters = sum(len(b.text) for b in drawn)
    borrowed = {c for b in drawn for c in b.text if not c.isspace()} - fonts.characters(fonts.main_face(template))
    if characters > MAX_CHARACTERS or len(borrowed) > MAX_BORROWED:
        raise TooLarge(
            f"A PDF export draws at most {MAX_CHARACTERS:,} characters, {MAX_BORROWED:,} of them different Chinese, "
            f"Japanese or Korean ones; this resume's visible sections hold {characters:,} characters, "
            f"{len(borrowed):,} different ones of those scripts. Hide or shorten sections to export it.",
            code="resume_too_long_for_pdf")


def render(resume: dict[str, Any], drawn: list[Block]) -> bytes:
    """The blocks as a PDF document (see `blocks`), in the fonts of `resume`'s template and language."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(resume["title"])
    pdf.set_creator("Vitae")
    pdf.set_auto_page_break(auto=True, margin=15)
    with tempfile.TemporaryDirectory() as directory:
        writer = _Writer(pdf, _add_fonts(pdf, resume, drawn, Path(directory)))
        pdf.add_page()
        for block in drawn:
            writer.draw(block)
        return bytes(pdf.output())


def _add_fonts(pdf: Any, resume: dict[str, Any], drawn: list[Block], directory: Path) -> dict[str, str]:
    """Add the template's font ("main") and the fallback fonts ("fallback1"...) the text needs,
    each cut down to the characters it draws; returns the family that draws each character
    ("main" for a character no font has: it shows as a box)."""
    missing = {c for b in drawn for c in b.text if not c.isspace()}
    family_of: dict[str, str] = {}
    for index, face in enumerate([fonts.main_face(resume["template"]),
                                  *fonts.fallback_faces(resume["template"], resume["language"])]):
        if index and not missing:
            break
        own = fonts.characters(face) & missing
        if index and not own:
            continue
        missing -= own
        family = f"fallback{index}" if index else "main"
        for weight, path in fonts.instances(face, " " + "".join(own), directory).items():
            pdf.add_font(family, "B" if weight == fonts.BOLD else "", path)
        family_of |= dict.fromkeys(own, family)
    return family_of


class _Writer:
    """Draws blocks line by line: lines broken by measured width, each line drawn as runs of
    characters of one font (fpdf2's `text`, which neither breaks lines nor looks for fallbacks)."""

    def __init__(self, pdf: Any, family_of: dict[str, str]):
        self.pdf = pdf
        self.family_of = family_of
        self.widths: dict[tuple[str, float], dict[str, float]] = {}

    def draw(self, block: Block) -> None:
        pdf = self.pdf
        pdf.set_text_color(*block.color)
        widths = self.widths.setdefault((block.style, block.size), {})
        for line in self._wrap(block.text, pdf.epw, block, widths):
            if pdf.get_y() + block.height > pdf.page_break_trigger:
                pdf.add_page()
            x = pdf.l_margin + (pdf.epw - self._width(line, block, widths)) * (0.5 if block.align == "C" else 0)
            baseline = pdf.get_y() + 0.5 * block.height + 0.3 * block.size / pdf.k  # as fpdf2's cell places it
            for family, run in self._runs(line):
                self._font(family, block)
                pdf.text(x, baseline, run)
                x += self._width(run, block, widths)
            pdf.set_y(pdf.get_y() + block.height)
        if block.rule:
            pdf.set_draw_color(*block.color)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.set_y(pdf.get_y() + block.space_after)

    def _font(self, family: str, block: Block) -> None:
        style = block.style if f"{family}{block.style}" in self.pdf.fonts else ""  # the CJK fonts have no bold
        self.pdf.set_font(family, style, block.size)

    def _runs(self, line: str) -> Iterator[tuple[str, str]]:
        """The line as runs of one font each; spaces stay in the run they are in."""
        start, current = 0, "main"
        for index, character in enumerate(line):
            family = current if character.isspace() else self.family_of.get(character, "main")
            if family != current and index > start:
                yield current, line[start:index]
                start = index
            current = family
        if line[start:]:
            yield current, line[start:]

    def _width(self, text: str, block: Block, widths: dict[str, float]) -> float:
        total = 0.0
        for character in text:
            if character not in widths:
                self._font(self.family_of.get(character, "main"), block)
                widths[character] = self.pdf.get_string_width(character)
            total += widths[character]
        return total

    def _wrap(self, text: str, room: float, block: Block, widths: dict[str, float]) -> Iterator[str]:
        """The lines of `text` (its own line breaks kept) that fit in `room`, greedily by words; a
        word wider than a line (a URL, CJK text, which has no spaces) is broken between characters."""
        for paragraph in text.splitlines() or [""]:
            line, used = "", 0.0
            for token in re.findall(r"\S+|\s+", paragraph):
                width = self._width(token, block, widths)
                if token.isspace() or used + width <= room:
                    if line or not token.isspace():
                        line, used = line + token, used + width
                    continue
                if line.strip():
                    yield line.rstrip()
                *full, (line, used) = self._pieces(token, room, block, widths)
                yield from full
            yield line.rstrip()

    def _pieces(self, word: str, room: float, block: Block, widths: dict[str, float]) -> list[Any]:
        """`word` cut into lines that fit in `room`; the last one comes with its width."""
        pieces: list[Any] = []
        start, used = 0, 0.0
        for index, character in enumerate(word):
            width = self._width(character, block, widths)
            if used + width > room and index > start:
                pieces.append(word[start:index])
                start, used = index, 0.0
            used += width
        return [*pieces, (word[start:], used)]
