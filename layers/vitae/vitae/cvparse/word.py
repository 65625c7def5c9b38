"""DOCX text in document order, from python-docx.

python-docx lists paragraphs and tables separately, which loses where a table sits between
paragraphs; walking the body's XML children keeps the order, and the same walk goes into table
cells (nested tables included), content controls and text boxes, where CV templates put text."""

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from vitae.cvparse.intake import open_docx_package
from vitae.cvparse.lines import Line, table_row_lines
from vitae.cvparse.schema import DocumentRejected

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read(data: bytes) -> tuple[list[Line], int]:
    """The document's lines and its page count (as Word saved it, else counted from page breaks)."""
    package, saved_pages = open_docx_package(data)
    package.close()
    import docx
    from lxml.etree import LxmlError

    try:
        document = docx.Document(io.BytesIO(data))
        styles = _Styles(document)
        lines = list(_header_lines(document, styles)) + list(_walk(document.element.body, document, styles))
    except (zipfile.BadZipFile, KeyError, ValueError, LxmlError, OSError, EOFError) as error:
        raise DocumentRejected("malformed", "The Word document is damaged or incomplete and can't be "
                                            "opened.") from error
    breaks = sum(1 for br in document.element.body.iter(f"{_W}br") if br.get(f"{_W}type") == "page")
    return lines, saved_pages or breaks + 1


@dataclass(frozen=True)
class _Style:
    name: str
    size: float  # points, 0 when no style in the chain sets it
    bold: bool


class _Styles:
    """Paragraph styles resolved once per document and style: python-docx's `paragraph.style`
    scans every style of the document on each call."""

    def __init__(self, document: Any):
        from docx.enum.style import WD_STYLE_TYPE

        self._styles = document.styles
        self._default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self._resolved: dict[str | None, _Style] = {}

    def of(self, paragraph: Any) -> _Style:
        style_id = paragraph._p.style
        if style_id not in self._resolved:  # looked up once per style the document uses, not all it defines
            style = self._paragraph_style(style_id)
            self._resolved[style_id] = _Style((style.name or "") if style is not None else "",
                                              _style_size(style), _style_bold(style))
        return self._resolved[style_id]

    def _paragraph_style(self, style_id: str | None) -> Any:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.styles.style import StyleFactory

        element = self._styles.element.get_by_id(style_id) if style_id else None
        if element is None:
            return self._default
        style = StyleFactory(element)
        return style if style.type == WD_STYLE_TYPE.PARAGRAPH else self._default


def _header_lines(document: Any, styles: _Styles) -> Iterator[Line]:
    """Contact details sometimes live in the first page header."""
    if document.sections:
        header = document.sections[0].header
        if not header.is_linked_to_previous:
            yield from _walk(header._element, header, styles)


def _walk(container: Any, parent: Any, styles: _Styles) -> Iterator[Line]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            paragraph = Paragraph(child, parent)
            yield from _paragraph_lines(paragraph, styles.of(paragraph))
            for box in _text_boxes(child):
                yield from _walk(box, parent, styles)
        elif child.tag == f"{_W}tbl":
            yield from _table_lines(Table(child, parent), styles)
        elif child.tag == f"{_W}sdt":  # a content control wraps ordinary paragraphs and tables
            for content in child.iterchildren(f"{_W}sdtContent"):
                yield from _walk(content, parent, styles)


def _text_boxes(paragraph: Any) -> Iterator[Any]:
    for box in paragraph.iter(f"{_W}txbxContent"):
        # A shape is stored twice (modern and VML fallback); read the modern one only.
        if not any(ancestor.tag == _MC_FALLBACK for ancestor in box.iterancestors()):
            yield box


def _paragraph_lines(paragraph: Any, style: _Style) -> Iterator[Line]:
    text = paragraph.text
    if not text.strip():
        return
    # the runs' own formatting, read from their w:rPr (w:sz in half-points, w:b on/off; ECMA-376 17.3.2): python-docx's
    # Run and Font objects cost an XPath query per property and run
    runs = [_run_format(r) for r in paragraph._p.r_lst if "".join(r.itertext()).strip()]
    size = max((run_size for run_size, _ in runs if run_size is not None), default=0.0) or style.size
    bold = bool(runs) and all(run_bold or (run_bold is None and style.bold) for _, run_bold in runs)
    listed = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    bullet = "• " if listed or "List" in style.name else ""
    heading = style.name.startswith(("Heading", "Title"))
    if bullet:  # a soft line break inside a list item does not start another item
        text = " ".join(part.strip() for part in text.split("\n"))
    for part in text.split("\n"):
        if part.strip():
            yield Line(bullet + part.strip(), size=size, bold=bold, heading_style=heading)


def _run_format(run: Any) -> tuple[float | None, bool | None]:
    """(size in points, bold) a run sets itself; None for what it inherits from its paragraph's style."""
    properties = run.rPr
    if properties is None:
        return None, None
    size = properties.sz_val
    return (size.pt if size is not None else None), (properties.b.val if properties.b is not None else None)


def _style_size(style: Any) -> float:
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return 0.0


def _style_bold(style: Any) -> bool:
    while style is not None:
        if style.font.bold is not None:
            return style.font.bold
        style = style.base_style
    return False


def _table_lines(table: Any, styles: _Styles) -> list[Line]:
    lines: list[Line] = []
    for row in table._tbl.tr_lst:
        # The row's own cell elements: a merged cell is one element, however many columns it spans.
        lines += table_row_lines([list(_walk(cell, table, styles)) for cell in row.tc_lst])
    return lines
