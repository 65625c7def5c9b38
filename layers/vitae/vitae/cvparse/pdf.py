"""PDF text in reading order, from pdfplumber's positioned words.

pdfplumber gives words with coordinates and fonts but no reading order beyond top-to-bottom, so
the layout is ours: ruled tables are read row by row, and a page whose body is split by a vertical
gutter is read left column first, then right, with full-width rows (a header, a footer) breaking
the columns into bands."""

import dataclasses
import io
import itertools
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from vitae.cvparse.dates import DateSpan, ends_mid_range, find_span, starts_mid_range
from vitae.cvparse.intake import MAX_PAGES, too_many_pages
from vitae.cvparse.lines import GAP, Line, is_bullet_mark, join_wrapped, table_row_lines
from vitae.cvparse.schema import DocumentRejected
from vitae.cvparse.sections import heading_kind

# Horizontal gap, in ems of the font size, beyond which two words belong to different phrases
# (columns, cells, right-aligned dates) rather than to one sentence.
_PHRASE_GAP_EM = 1.0
# pdfplumber starts a new word where a character's font or size changes (`extra_attrs`), so small
# capitals ("R" at 12 pt, "ESEARCH" at 10 pt) or a word part in bold arrive as two words with no gap.
# Closer than this, in ems, two words are one (a space is about 0.25 em in common fonts).
_GLUED_GAP_EM = 0.1
_UNMAPPED_BULLET = re.compile(r"^\(cid:\d+\)\s*")
_UNMAPPED = re.compile(r"\(cid:\d+\)")
_PAGE_NUMBER = re.compile(r"^\W*(?:page|seite|página|pagina)?\s*\d+\s*(?:(?:/|of|von|de|sur)\s*\d+)?\W*$",
                          re.IGNORECASE)
_TRAILING_PAGE_NUMBER = re.compile(r"(?:page|seite|página|pagina)?\s*\d+\s*(?:(?:/|of|von|de|sur)\s*\d+)?$")
_FURNITURE_BAND = 0.08  # share of the page height, top and bottom, where running headers and footers sit
_MAX_FURNITURE_WORDS = 10
_GUTTER_MARGIN = 2.0  # points left of the right column's edge
_EDGE_SLACK = 8  # points: left edges this close are one column edge
_MAX_CROSSING_SHARE = 0.3  # rows allowed to cross a gutter: headers, footers, rules
_MIN_COLUMN_SHARE = 0.12  # of the page's characters on each side of a gutter
_RULE_WIDTH = 1.5  # points: a line or rectangle this narrow, and ...
_MIN_RULE_HEIGHT = 20.0  # ... this tall (two lines of text), is a vertical rule between columns


@dataclass
class _Row:
    """Words sharing a baseline across the whole page (both columns, when there are two), left to
    right."""
    words: list[dict[str, Any]]

    @property
    def top(self) -> float:
        return min(w["top"] for w in self.words)

    @cached_property
    def phrases(self) -> list[list[dict[str, Any]]]:
        groups: list[list[dict[str, Any]]] = []
        for word in self.words:
            if groups and word["x0"] - groups[-1][-1]["x1"] <= _PHRASE_GAP_EM * max(word["size"], 1.0) and not (
                    word.get("ruled") is not None and groups[-1][-1]["x1"] <= word["ruled"]):
                groups[-1].append(word)
            else:
                groups.append([word])
        return groups


def read(data: bytes) -> tuple[list[Line], int]:
    """The document's lines and its page count."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        document = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as error:
        raise _rejection(error.args[0] if error.args else error) from error
    with document:
        declared = _declared_page_count(document)
        if declared is not None and declared > MAX_PAGES:  # before building a page object per page
            raise too_many_pages(declared)
        try:
            pages = document.pages
        except Exception as error:  # a damaged page tree fails in many ways inside pdfminer
            raise _rejection(error) from error
        if not pages:
            raise DocumentRejected("malformed", "The PDF has no pages; it is damaged or incomplete.")
        if len(pages) > MAX_PAGES:
            raise too_many_pages(len(pages))
        try:
            per_page: list[list[Line]] = []
            text_right = 0.0  # the right edge of the text so far: a last page may hold a few short lines only
            for number, page in enumerate(pages, 1):
                page_lines, text_right = _page_lines(page, number, text_right)
                per_page.append([line for line in page_lines if line.text.strip()])
        except Exception as error:  # broken content streams, fonts, filters
            raise _rejection(error) from error
        return _without_furniture(per_page, [float(page.height) for page in pages]), len(pages)


def _without_furniture(per_page: list[list[Line]], heights: list[float]) -> list[Line]:
    """All lines but page numbers and the running headers and footers repeated at the edges of
    several pages, which would otherwise land inside whatever section a page ends with. The top of
    page one stays: a running header there is usually the name (and a contact line repeated at the top of
    later pages goes, whatever its length)."""
    def key(line: Line) -> str:  # the same on every page but for a page number at its end
        return _TRAILING_PAGE_NUMBER.sub("#", line.text.casefold().strip())

    def edge(line: Line, height: float) -> str | None:
        if line.box[2] < _FURNITURE_BAND * height:
            return "top"
        return "bottom" if line.box[3] > (1 - _FURNITURE_BAND) * height else None

    def short(line: Line) -> bool:
        return len(line.text.split()) <= _MAX_FURNITURE_WORDS

    pages_with: dict[str, set[int]] = {}
    for number, (lines, height) in enumerate(zip(per_page, heights, strict=True), 1):
        for line in lines:
            if edge(line, height) and short(line):
                pages_with.setdefault(key(line), set()).add(number)
    first = per_page[0][0].text.casefold() if per_page[0] else None  # most often the name
    # the top of page one repeated at the top of later pages, however long: the name and contact line as a header
    page_one_top = {key(line) for line in per_page[0] if edge(line, heights[0]) == "top"}
    kept = []
    for number, (lines, height) in enumerate(zip(per_page, heights, strict=True), 1):
        for line in lines:
            where = edge(line, height)
            furniture = where and ((short(line) and (
                _PAGE_NUMBER.match(line.text)
                or (len(pages_with[key(line)]) > 1 and (number > 1 or where == "bottom"))
                or (number > 1 and where == "top" and first and len(first.split()) <= 5
                    and first in line.text.casefold())))
                or (number > 1 and where == "top" and key(line) in page_one_top))
            if not furniture:
                kept.append(line)
    return kept


def _declared_page_count(document: Any) -> int | None:
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(document.doc.catalog["Pages"])["Count"])
    except Exception:  # no usable page tree root: counting the pages themselves will tell
        return None
    return count if isinstance(count, int) else None


def _rejection(error: BaseException) -> DocumentRejected:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if isinstance(error, (PDFPasswordIncorrect, PDFEncryptionError)):
        return DocumentRejected("encrypted", "The PDF is password-protected. Remove the password and "
                                             "upload it again.")
    return DocumentRejected("malformed", "The PDF is damaged or incomplete and can't be read.")


def _page_lines(page: Any, number: int, text_right: float) -> tuple[list[Line], float]:
    """The page's lines in reading order, and the right edge of the text on it and the pages before (`text_right`,
    that of the pages before): how far a line must reach for the next to be its wrapped rest (_mark_wrapped)."""
    words = _glued(page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False))
    text_right = max([text_right, *(float(word["x1"]) for word in words)])
    # A "table" of one cell per row is shading (a header band, a sidebar's background), not a grid. A page that
    # draws no line or rectangle (no edges) has no table: pdfplumber's table finder is not asked.
    tables = [table for table in (page.find_tables() if page.edges else [])
              if any(sum(cell is not None for cell in row.cells) >= 2 for row in table.rows)]
    in_table = [_table_index(word, tables) for word in words] if tables else [None] * len(words)
    if len(held := sorted({index for index in in_table if index is not None})) < len(tables):
        # a "table" that holds no word is drawing (a skill bar's filled and empty parts), not a grid: it closes no band
        tables = [tables[index] for index in held]
        renumbered = {index: new for new, index in enumerate(held)}
        in_table = [None if index is None else renumbered[index] for index in in_table]
    rows = _ruled(_rows([w for w, t in zip(words, in_table, strict=True) if t is None]), page)
    gutter = _gutter(rows, float(page.width))
    # Top to bottom: a table, a full-width row or the end of the page closes the band of rows
    # before it, which is read column by column when the page has a gutter.
    events: list[tuple[float, int, Any]] = [(row.top, 1, row) for row in rows]
    events += [(table.bbox[1], 0, index) for index, table in enumerate(tables)]
    lines: list[Line] = []
    band: list[_Row] = []
    for _, is_row, item in sorted(events, key=lambda event: (event[0], event[1])):
        if is_row and not (gutter is not None and _crosses(item, gutter)):
            band.append(item)
            continue
        lines += _band_lines(band, gutter, number, text_right)
        band = []
        if is_row:
            lines += _mark_wrapped([_line(item.words, number)])
        else:
            table_words = [w for w, t in zip(words, in_table, strict=True) if t == item]
            lines += _table_lines(tables[item], table_words, number)
    return lines + _band_lines(band, gutter, number, text_right), text_right


def _glued(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """pdfplumber's words (in its order: line by line, left to right), with a word that touches the
    one before it on the same line (a change of font or size inside one word) joined to it; the
    joined word keeps the first part's font and the larger size."""
    out: list[dict[str, Any]] = []
    for word in words:
        last = out[-1] if out else None
        if (last is not None and abs(word["bottom"] - last["bottom"]) <= 0.3 * last["size"]
                and -0.5 <= word["x0"] - last["x1"] <= _GLUED_GAP_EM * min(word["size"], last["size"])):
            out[-1] = {**last, "text": last["text"] + word["text"], "x1": word["x1"],
                       "top": min(last["top"], word["top"]), "size": max(last["size"], word["size"])}
        else:
            out.append(word)
    return out


def _ruled(rows: list[_Row], page: Any) -> list[_Row]:
    """The rows, each word that a vertical rule stands left of (between it and the word before it) marked with the
    rule's x as "ruled": the rule of a Europass-style grid parts a date or label from the entry beside it however
    narrow the space between them ("Aug 2018 \u2013 Aug | Research Associate", 0.9 em apart)."""
    rules = [(float(edge["x0"]), float(edge["top"]), float(edge["bottom"])) for edge in page.lines + page.rects
             if edge["x1"] - edge["x0"] <= _RULE_WIDTH and edge["bottom"] - edge["top"] >= _MIN_RULE_HEIGHT]
    if rules:
        for row in rows:
            for last, word in itertools.pairwise(row.words):
                middle = (word["top"] + word["bottom"]) / 2
                word["ruled"] = next((x for x, top, bottom in rules
                                      if last["x1"] <= x <= word["x0"] and top <= middle <= bottom), None)
    return rows


def _rows(words: list[dict[str, Any]]) -> list[_Row]:
    rows: list[list[dict[str, Any]]] = []
    last_middle = 0.0
    for word in sorted(words, key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        if rows and middle - last_middle <= 0.4 * max(word["size"], 1.0):
            rows[-1].append(word)
        else:
            rows.append([word])
        last_middle = middle
    return [_Row(sorted(row, key=lambda w: w["x0"])) for row in rows]


def _gutter(rows: list[_Row], width: float) -> float | None:
    """The x that splits the page into two columns, if there is one.

    A right column shows as a left edge shared by many rows in the middle of the page, with few
    rows (headers, footers) crossing just left of it; a left side or right side made mostly of dates
    (a date column, right-aligned dates) is a table, read across, not a column."""
    if len(rows) < 6:
        return None
    edges: dict[int, int] = {}
    for row in rows:
        for phrase in row.phrases:
            x = round(phrase[0]["x0"])
            if width * 0.15 <= x <= width * 0.85:
                edges[x] = edges.get(x, 0) + 1

    def rows_near(x: int) -> int:
        return sum(edges.get(x + d, 0) for d in range(-_EDGE_SLACK, _EDGE_SLACK + 1))

    for edge in sorted(edges, key=rows_near, reverse=True):
        if rows_near(edge) < 3:
            break
        # The column's text may start a little left of its usual edge (italics, indents).
        gutter = min(x for x in range(edge - _EDGE_SLACK, edge + 1) if x in edges) - _GUTTER_MARGIN
        crossing = sum(_crosses(row, gutter) for row in rows)
        if crossing <= _MAX_CROSSING_SHARE * len(rows) and _real_columns(rows, gutter):
            return gutter
    return None


def _real_columns(rows: list[_Row], gutter: float) -> bool:
    """Whether both sides of the gutter hold text of their own: enough of it, not mostly dates or
    section titles (a Europass-style table), and on the right not flush right with ragged starts
    (locations and dates set against the right margin of a one-column page)."""
    sides: dict[str, list[list[dict[str, Any]]]] = {"left": [], "right": []}
    total = 0
    for row in rows:
        total += sum(len(w["text"]) for w in row.words)
        if _crosses(row, gutter):
            continue
        for side, words in (("left", [w for w in row.words if w["x1"] <= gutter]),
                            ("right", [w for w in row.words if w["x0"] >= gutter])):
            if words:
                sides[side].append(words)
    # The cheap tests first: reading each side's texts for dates and titles is most of the work.
    texts = [[" ".join(w["text"] for w in words) for words in parts] for parts in sides.values()]
    if any(len(side) < 3 or sum(map(len, side)) < _MIN_COLUMN_SHARE * total for side in texts):
        return False
    if _flush_right(sides["right"]) or any(_mostly_labels(side) for side in texts):
        return False
    return _side_by_side(sides["left"], sides["right"])


def _mostly_labels(texts: list[str]) -> bool:
    """Whether more than half the texts are labels (_is_label), read only until the count settles it."""
    needed = len(texts) // 2 + 1
    labels = 0
    for seen, text in enumerate(texts, 1):
        if _is_label(text):
            labels += 1
            if labels >= needed:
                return True
        elif seen - labels > len(texts) - needed:
            return False
    return False


def _side_by_side(left: list[list[dict[str, Any]]], right: list[list[dict[str, Any]]]) -> bool:
    """Whether the two sides run beside each other: at least two lines of the left side that are not dates stand
    level with a line of the right. A page whose left side beside the right holds only dates (a date column) and
    otherwise lines where the right side is empty (headings, lists set across the page) is one column."""
    spans = [(min(w["top"] for w in words), max(w["bottom"] for w in words)) for words in right]
    beside = 0
    for words in left:
        top, bottom = min(w["top"] for w in words), max(w["bottom"] for w in words)
        if any(top < other_bottom and other_top < bottom for other_top, other_bottom in spans) and (
                _mostly_dates(" ".join(w["text"] for w in words)) is None):
            beside += 1
            if beside >= 2:
                return True
    return False


def _flush_right(parts: list[list[dict[str, Any]]]) -> bool:
    ends = [words[-1]["x1"] for words in parts]
    starts = [words[0]["x0"] for words, end in zip(parts, ends, strict=True) if end >= max(ends) - 2]
    return len(starts) >= 0.6 * len(parts) and max(starts) - min(starts) > 4


def _is_label(text: str) -> bool:
    """Dates or a section title: what the narrow column of a Europass-style table holds."""
    return _mostly_dates(text) is not None or bool(heading_kind(text))


def _mostly_dates(text: str) -> DateSpan | None:
    """The dates the text is mostly made of (they cover 60% of it or more), else None."""
    span = find_span(text)
    return span if span is not None and span.span[1] - span.span[0] >= 0.6 * len(text.strip()) else None


def _crosses(row: _Row, gutter: float) -> bool:
    return any(w["x0"] < gutter < w["x1"] for w in row.words) or any(
        phrase[0]["x0"] < gutter < phrase[-1]["x1"] for phrase in row.phrases)


def _band_lines(band: list[_Row], gutter: float | None, page: int, text_right: float) -> list[Line]:
    if not band:
        return []
    if gutter is None:
        return _mark_wrapped(_cut_ranges_joined([_line(row.words, page) for row in band]), text_right)
    left = [_line(words, page) for row in band if (words := [w for w in row.words if w["x1"] <= gutter])]
    right = [_line(words, page) for row in band if (words := [w for w in row.words if w["x0"] >= gutter])]
    if sum(len(line.text) for line in left) < sum(len(line.text) for line in right):
        left, right = _dates_to_entries(left, right)
    else:
        right, left = _dates_to_entries(right, left)
    return _mark_wrapped(left) + _mark_wrapped(right, text_right)


def _cut_ranges_joined(lines: list[Line]) -> list[Line]:
    """The lines, where a label column's date range wraps onto the next line beside its entry ("Aug 2018 \u2013 Aug
    <gap> Research Associate" over "2020 <gap> Pakistan Institute ...") with the range made whole on the first line:
    its first part ends inside the range and the next line's first part is the range's rest, set further right."""
    out = list(lines)
    for at in range(len(out) - 1):
        line, below = out[at], out[at + 1]
        first, gap, rest = line.as_written.partition(GAP)
        end, below_gap, below_rest = below.as_written.partition(GAP)
        if (not gap or not below_gap or below.box[0] < line.box[0] - 1 or below.box[2] - line.box[3] > line.size
                or not ends_mid_range(first) or (joined := _mostly_dates(f"{first} {end}")) is None
                or joined.single or _mostly_dates(end) is None):
            continue
        out[at] = dataclasses.replace(line, text=f"{first} {end}{GAP}{rest}", written=None)
        out[at + 1] = dataclasses.replace(below, text=below_rest, written=None,
                                          box=(below.box[1] - (below.box[1] - below.box[0]) * len(below_rest)
                                               / max(len(below.as_written), 1), *below.box[1:]))
    return out


def _dates_to_entries(rail: list[Line], main: list[Line]) -> tuple[list[Line], list[Line]]:
    """A narrow column (a rail) that holds an entry's date range alone on its line, level with the
    entry in the main column: each such line moves into the main column, before the first line that
    starts at or below its top (within two of its heights), so the entry reads with its dates."""
    kept: list[Line] = []
    main = list(main)
    for line in rail:
        top, height = line.box[2], line.box[3] - line.box[2]
        at = next((i for i, other in enumerate(main) if other.box[2] >= top - height / 2), None)
        span = _mostly_dates(line.text)
        if at is not None and main[at].box[2] - top <= 2 * height and span is not None and not span.single:
            main.insert(at, line)
        else:
            kept.append(line)
    return kept, main


def _justified(phrases: list[list[dict[str, Any]]]) -> bool:
    """Words spread evenly to fill a justified line: four or more single words (the first may follow its bullet)
    whose gaps, wider than a word space, are all within a third of an em of each other (a table's or a grid's
    gaps differ)."""
    if len(phrases) < 4 or any(len(phrase) > 1 for phrase in phrases[1:]) or len(phrases[0]) > 2:
        return False
    em = max(max(w["size"] for w in phrase) for phrase in phrases) or 1.0
    gaps = [b[0]["x0"] - a[-1]["x1"] for a, b in itertools.pairwise(phrases)]
    return max(gaps) <= 3 * em and max(gaps) - min(gaps) <= em / 3


def _line(words: list[dict[str, Any]], page: int) -> Line:
    phrases = _Row(words).phrases
    if _justified(phrases):
        phrases = [words]
    parts = [" ".join(w["text"] for w in phrase) for phrase in phrases]
    # A glyph the font does not map to text comes out as "(cid:N)": at the start of a line it is
    # the bullet of a list, elsewhere noise.
    parts[0] = _UNMAPPED_BULLET.sub("• ", parts[0])
    parts = [part for part in (_UNMAPPED.sub("", part).strip() for part in parts) if part]
    if len(parts) > 1 and is_bullet_mark(parts[0]):  # a bullet set apart from its text
        parts[:2] = [f"{parts[0]} {parts[1]}"]
    chars = sum(len(w["text"]) for w in words)
    bold_chars = sum(len(w["text"]) for w in words if _is_bold(w["fontname"]))
    italic_chars = sum(len(w["text"]) for w in words if _is_italic(w["fontname"]))
    return Line(GAP.join(parts), size=round(max(w["size"] for w in words), 1), bold=bold_chars * 2 > chars,
                italic=italic_chars * 2 > chars, page=page,
                box=(words[0]["x0"], max(w["x1"] for w in words), min(w["top"] for w in words),
                     max(w["bottom"] for w in words)))


@lru_cache(maxsize=256)  # a document uses a handful of fonts, asked once per word
def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(weight in name for weight in ("bold", "black", "heavy", "semibold", "demi"))


@lru_cache(maxsize=256)
def _is_italic(fontname: str) -> bool:
    name = fontname.lower()
    return "italic" in name or "oblique" in name


def _mark_wrapped(lines: list[Line], text_right: float = 0.0) -> list[Line]:
    """Flag each line whose first word would not have fitted at the end of the line above: the
    writer's program probably wrapped there (see Line.wrapped). `text_right`: where the text column ends when the
    lines themselves may not say (a few short lines on a last page), in points; 0 when the lines say."""
    if lines:
        left = min(line.box[0] for line in lines)
        right = max([text_right, *(line.box[1] for line in lines)])
        for previous, line in itertools.pairwise(lines):
            line.wrapped = _wraps_into(previous, line, left, right)
    return lines


def _wraps_into(previous: Line, line: Line, left: float, right: float) -> bool:
    first_word = line.text.split()[0] if line.text.split() else ""
    per_char = (previous.box[1] - previous.box[0]) / max(len(previous.text), 1)
    # The first word's width as the line below sets it (its own letters: "improvement" is wider than
    # eleven average characters), after a space as wide as an average character above.
    needed = previous.box[1] + per_char + (line.box[1] - line.box[0]) * len(first_word) / max(len(line.text), 1)
    return (needed >= right - 2 * per_char and previous.box[1] - left >= 0.55 * (right - left)
            and line.box[2] - previous.box[3] <= 0.8 * max(line.size, 1.0)
            and GAP not in previous.text and GAP not in line.text and not line.bullet
            and abs(previous.size - line.size) < 0.6 and previous.bold == line.bold
            and previous.italic == line.italic  # an employer's description in italics under its name
            and not previous.text.rstrip().endswith(":")
            # a line with its dates is a whole header, unless the range itself was cut ("2019 -")
            and (find_span(previous.text) is None or ends_mid_range(previous.text)
                 or starts_mid_range(line.text)))


def _table_index(word: dict[str, Any], tables: list[Any]) -> int | None:
    """The table one of whose cells holds the word; a word inside a table's box but in none of its
    cells (beside a ragged table) is read with the page's other rows."""
    middle_x, middle_y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    for index, table in enumerate(tables):
        x0, top, x1, bottom = table.bbox
        if x0 <= middle_x <= x1 and top <= middle_y <= bottom and any(
                x0 <= middle_x <= x1 and top <= middle_y <= bottom for x0, top, x1, bottom in table.cells):
            return index
    return None


def _table_lines(table: Any, words: list[dict[str, Any]], page: int) -> list[Line]:
    lines: list[Line] = []
    for row in table.rows:
        cells = []
        for bbox in row.cells:
            if bbox is None:  # the continuation of a merged cell
                continue
            x0, top, x1, bottom = bbox
            inside = [w for w in words if x0 <= (w["x0"] + w["x1"]) / 2 <= x1
                      and top <= (w["top"] + w["bottom"]) / 2 <= bottom]
            cells.append(join_wrapped(_mark_wrapped([_line(r.words, page) for r in _rows(inside)])))
        lines += table_row_lines(cells)
    return lines
