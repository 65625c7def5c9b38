"""Resumes as PDF, drawn with fpdf2 (pure Python: no browser), text selectable, in two templates.

The built-in PDF fonts cover Latin-1; typographic punctuation outside it is mapped to its closest
Latin-1 form, anything else becomes "?".
"""

from dataclasses import dataclass
from typing import Any

from fpdf import FPDF


@dataclass(frozen=True)
class Style:
    """How a template draws a resume."""

    font: str
    accent: tuple[int, int, int]  # RGB of the name, the title and section titles
    ruled: bool  # section titles in capitals over a rule
    align: str  # of the name and title: "C" centred, "L" left


TEMPLATES = {
    "classic": Style(font="Times", accent=(0, 0, 0), ruled=True, align="C"),
    "modern": Style(font="Helvetica", accent=(24, 95, 165), ruled=False, align="L"),
}
_PUNCTUATION = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"',
                              "\u201d": '"', "\u2022": "\u00b7", "\u2026": "...", "\u00a0": " "})


def _text(value: Any) -> str:
    return str(value).translate(_PUNCTUATION).encode("latin-1", "replace").decode("latin-1")


def _period(item: dict[str, Any]) -> str:
    start, end = item.get("startDate"), item.get("endDate")
    if not start and not end:
        return ""
    return f"{start or ''} - {end or 'present'}" if start else str(end)


def _lines(section_type: str, item: dict[str, Any]) -> tuple[str, list[str]]:
    """A heading line and the detail lines of one item."""
    match section_type:
        case "summary" | "custom":
            return item.get("title", ""), [item["text"]]
        case "experience":
            head = f"{item['position']}, {item['company']}"
            details = [d for d in (_period(item), item.get("location"), item.get("summary")) if d]
            return head, details + [f"\u00b7 {h}" for h in item.get("highlights", [])]
        case "education":
            head = ", ".join(p for p in (item.get("studyType"), item.get("area"), item["institution"]) if p)
            return head, [d for d in (_period(item), item.get("score")) if d]
        case "skills":
            return item["name"] + (f" ({item['level']})" if item.get("level") else ""), (
                [", ".join(item["keywords"])] if item.get("keywords") else [])
        case "projects":
            details = [d for d in (_period(item), item.get("description"), item.get("url")) if d]
            return item["name"], details + [f"\u00b7 {h}" for h in item.get("highlights", [])]
        case "certifications":
            return item["name"], [d for d in (item.get("issuer"), item.get("date")) if d]
        case "languages":
            return item["language"] + (f" - {item['fluency']}" if item.get("fluency") else ""), []
    return "", []


def render(resume: dict[str, Any], sections: list[dict[str, Any]], owner_name: str | None, template: str) -> bytes:
    """The resume's visible sections as a PDF document."""
    style = TEMPLATES[template]
    pdf = FPDF(format="A4")
    pdf.set_title(_text(resume["title"]))
    pdf.set_creator("Vitae")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    font = style.font
    pdf.set_text_color(*style.accent)
    pdf.set_font(font, "B", 22)
    pdf.cell(0, 11, _text(owner_name or resume["title"]), align=style.align, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font, "", 12)
    pdf.cell(0, 7, _text(resume["title"]), align=style.align, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for section in sections:
        if not section["visible"]:
            continue
        pdf.set_text_color(*style.accent)
        pdf.set_font(font, "B", 13)
        pdf.cell(0, 8, _text(section["title"]).upper() if style.ruled else _text(section["title"]),
                 new_x="LMARGIN", new_y="NEXT")
        if style.ruled:
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
            pdf.ln(1)
        pdf.set_text_color(0, 0, 0)
        for item in section["items"]:
            head, details = _lines(section["type"], item)
            if head:
                pdf.set_font(font, "B", 11)
                pdf.multi_cell(0, 6, _text(head), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(font, "", 10)
            for line in details:
                pdf.multi_cell(0, 5, _text(line), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        pdf.ln(2)
    return bytes(pdf.output())
