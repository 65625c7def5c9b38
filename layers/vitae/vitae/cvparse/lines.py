"""The text of a document as the extractors hand it over: lines in reading order, each with the
few layout facts the heuristics use (font size for the name, bold and case for headings)."""

import collections
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, cast

from vitae.cvparse import typography

# Where a line has a wide horizontal gap (right-aligned dates, table cells, tab stops) its parts
# are joined with a tab, so that later steps can split on it.
GAP = "\t"
# Bullet glyphs, with Symbol and Wingdings bullets, which PDF writers leave in the private use area.
_BULLET = re.compile(r"^\s*(?:[•●▪■□◦○‣∙·∗►▸▶➢➤✓✔❖♦◆→»›❯➔⁃\uf000-\uf0ff]\s*|[-*–—]\s+|\d{1,2}[.)]\s+)")  # noqa: RUF001 (bullet glyphs)
# (or two spaced dashes or more: "Cucina – Pasticceria – Gestione"; one is a pair's: "English – C1")
_LIST_SEPARATOR = re.compile(r"[,;|·•]|\s[–—]\s(?:[^–—]*\s)?[–—]\s")
# The longest item of a list (a skill, a language with its level) or heading worth reading: longer text is
# prose or junk, and the item rules' backtracking patterns would take seconds on a 50,000-character line.
MAX_ITEM_CHARS = 300
# A line of this many words or more, and no list separator, is a sentence, not a list's item.
_SENTENCE_WORDS = 8
_OPEN_END = re.compile(r"(?:\s[–—&+]|,)\s*$")
# Leaders: a run of dots or rules that draws the eye from a title to its dates ("Postdoctoral Researcher.......Oct
# 2019 – Jul 2022", "Sous Chef · · · · 2021"); a gap, as a right tab stop is. It starts where a run of spaces
# starts (the lookbehind): tried inside a run of 50,000 spaces it would rescan the run's rest at every space.
_LEADER = re.compile(r"(?<![ \t])[ \t]*+(?:[.·…_][ ]?){4,}[ \t]*")
# A run of more than MAX_SPACE_RUN spaces or tabs is cut to that many, keeping a tab where the run had one: every
# rule that reads runs of spaces asks for three at most ("Engineer   2019", a gap), and a pattern that opens with
# `\s*` rescans the run's rest from each of its characters (seconds on a 50,000-space line).
MAX_SPACE_RUN = 8
_SPACE_RUN = re.compile(rf"\s{{{MAX_SPACE_RUN + 1},}}")

# The caches of per_document, emptied by forget_document.
_PER_DOCUMENT: list[Callable[[], None]] = []


def per_document[F: Callable[..., Any]](maxsize: int) -> Callable[[F], F]:
    """A decorator: functools.lru_cache(maxsize) of a pure function of a line's text, which the rules ask about the
    same lines two or three times while they read one document (reading the layout, the sections, the entries).
    forget_document empties every such cache: each document is read from scratch, and a benchmark that parses one
    document again times its first reading, not lookups. Its answers must not be changed by the caller (a frozen
    dataclass, a re.Match, a bool)."""
    def decorate(function: F) -> F:
        cached = lru_cache(maxsize=maxsize)(function)
        _PER_DOCUMENT.append(cached.cache_clear)
        return cast(F, cached)

    return decorate


def forget_document() -> None:
    """Empties the caches of per_document: called as a document's reading starts."""
    for clear in _PER_DOCUMENT:
        clear()


@dataclass
class Line:
    text: str
    size: float = 0.0  # the largest font size on the line, in points; 0 when unknown
    bold: bool = False
    page: int = 1
    heading_style: bool = False  # a word-processor Title or Heading paragraph
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # PDF: x0, x1, top, bottom
    # PDF: the line may be the rest of the previous one, wrapped by the writer's program. Whether it
    # is depends on the section: in a one-per-line list of skills it is not.
    wrapped: bool = False
    # The text as the document wrote it, where typography.plain changed it: every Line is made plain
    # when it is made (issue 16: typography normalised once, before any rule runs), and the values
    # found in plain lines get the written characters back (typography.Verbatim).
    written: str | None = None
    italic: bool = False  # PDF: most of the line is set in an italic or oblique face

    def __post_init__(self) -> None:
        if self.written is None:
            cleaned = _SPACE_RUN.sub(_cut_run, typography.clean(self.text))
            if "...." in cleaned or "…" in cleaned or "·" in cleaned or "__" in cleaned or ". ." in cleaned:
                cleaned = _LEADER.sub(lambda m: GAP if m.start() > 0 and m.end() < len(cleaned) else "", cleaned)
            self.text = typography.plain(cleaned)
            if self.text != cleaned:
                self.written = cleaned

    @property
    def as_written(self) -> str:
        return self.text if self.written is None else self.written

    # Asked of a line a dozen times by the rules, and its text is set once (__post_init__): worked out once.
    @cached_property
    def bullet(self) -> bool:
        return bool(_BULLET.match(self.text))

    @cached_property
    def content(self) -> str:
        """The text without a leading bullet marker."""
        return _BULLET.sub("", self.text, count=1).strip() if self.bullet else self.text.strip()


def _cut_run(run: re.Match[str]) -> str:
    kept = run[0][:MAX_SPACE_RUN]
    return kept if GAP in kept or GAP not in run[0] else kept[:-1] + GAP


def is_bullet_mark(text: str) -> bool:
    """A bullet glyph alone (set apart from its text by a tab or a wide gap)."""
    return bool(_BULLET.fullmatch(text + " ")) and len(text.strip()) <= 2


def table_row_lines(cells: list[list[Line]]) -> list[Line]:
    """One table row as lines, read across: the first line of every cell on one line (a row is
    usually one record: "2019 – 2021 | Engineer, Acme"), then each cell's remaining lines.

    A row whose cells are all long (a layout table holding whole columns of a CV) is read cell by
    cell instead, as the columns they are."""
    cells = [cell for cell in cells if cell]
    if not cells:
        return []
    if len(cells) > 1 and all(len(cell) >= 3 for cell in cells):
        return [line for cell in cells for line in cell]
    first = cells[0][0]
    joined = Line(GAP.join(cell[0].text.strip() for cell in cells), size=max(c[0].size for c in cells),
                  bold=first.bold, page=first.page, heading_style=first.heading_style, box=first.box,
                  written=GAP.join(cell[0].as_written.strip() for cell in cells))
    return [joined] + [line for cell in cells for line in cell[1:]]


def join_wrapped(lines: list[Line], lists_only: bool = False) -> list[Line]:
    """The lines with each wrapped continuation appended to the line it continues. `lists_only`:
    in a section of one item per line, only a run-on list ("Python, Go, Google") wraps.

    Linear in the text: a run of lines joined into one is built once, from its pieces, and read at its end and by
    bracket counts kept as it grows (reading the whole joined text again at each of 5,000 lines ending in a comma
    took seconds)."""
    runs: list[_Run] = []
    for line in lines:
        last = runs[-1] if runs else None
        # A line left open ("Te Reo Māori –"), or a bracket the line below closes ("Forklift (counterbalance &"
        # above "reach)"), goes on, wrapped or not; an unclosed bracket alone pulls in nothing more.
        open_end = last is not None and not line.bullet and (_OPEN_END.search(last.tail) is not None or (
            last.unclosed > 0 and line.text.count(")") > line.text.count("(")))
        # (a sentence wraps too: a consent clause's "… Regolamento UE" above "2016/679 (GDPR).")
        if last is not None and (open_end or (line.wrapped and (not lists_only or last.listed or last.sentence))):
            last.add(line)
        else:
            runs.append(_Run(line))
    return [run.line() for run in runs]


# The characters at a joined text's end that the open-end and broken-word checks read (a run of spaces is cut to
# MAX_SPACE_RUN).
_TAIL = 2 * MAX_SPACE_RUN + 4


class _Run:
    """Lines being joined into one: the text before its first gap and after it, as pieces; "(" less ")" in all of it
    and before the gap; its last characters; whether it holds a list separator."""

    def __init__(self, line: Line) -> None:
        self.lines = [line]
        before, gap, after = line.text.partition(GAP)
        self.before = [before]
        self.after: collections.deque[str] | None = collections.deque([after]) if gap else None
        self.unclosed = _unclosed(line.text)
        self.unclosed_before = _unclosed(before)
        self.tail = line.text[-_TAIL:]
        self.listed = _LIST_SEPARATOR.search(line.text) is not None
        self.sentence = len(line.text.split()) >= _SENTENCE_WORDS and not self.listed and GAP not in line.text

    def add(self, line: Line) -> None:
        # a word broken at its hyphen ("multi-" / "national") joins without a space
        text = ("" if re.search(r"[^\W\d_]-$", self.tail) and line.text[:1].islower() else " ") + line.text
        before, gap, after = text.partition(GAP)
        if self.after is not None and self.unclosed_before > 0:
            # the bracket opened before the dates closes there: "… @ Toss (Viva <tab> 2022 – Present" / "Republica)"
            self.before.append(before)
            self.unclosed_before += _unclosed(before)
            if gap:
                self.after.appendleft(after + GAP)
        elif self.after is not None:
            self.after.append(text)
            self.tail = (self.tail + text)[-_TAIL:]
        else:
            self.before.append(before)
            self.unclosed_before += _unclosed(before)
            if gap:
                self.after = collections.deque([after])
            self.tail = (self.tail + text)[-_TAIL:]
        self.unclosed += _unclosed(line.text)
        self.listed = self.listed or _LIST_SEPARATOR.search(line.text) is not None
        self.lines.append(line)

    def line(self) -> Line:
        first, last = self.lines[0], self.lines[-1]
        if len(self.lines) == 1:
            return first
        text = "".join(self.before) + (GAP + "".join(self.after) if self.after is not None else "")
        return Line(text, first.size, first.bold, first.page, first.heading_style,
                    (first.box[0], last.box[1], first.box[2], last.box[3]))


def _unclosed(text: str) -> int:
    return text.count("(") - text.count(")")


def split_unbracketed(separator: re.Pattern[str], text: str) -> list[str]:
    """`text` split at the matches of `separator` (a pattern without groups), but for those inside a
    bracket: a separator followed by a ")" before any "(" parts nothing ("Python (Django, Flask), Go"
    is "Python (Django, Flask)" and "Go"). Linear in the text: the lookahead `(?![^()]*[)])` this replaces
    scanned to the next bracket at every separator, minutes for a long line of commas."""
    closes_next = [False] * (len(text) + 1)  # at each index: the next bracket at or after it is a ")"
    if ")" in text:  # else no bracket closes after any separator (most lines): no pass over the characters
        for index in range(len(text) - 1, -1, -1):
            character = text[index]
            closes_next[index] = character == ")" or (character != "(" and closes_next[index + 1])
    parts: list[str] = []
    start = 0
    for match in separator.finditer(text):
        if not closes_next[match.end()]:
            parts.append(text[start:match.start()])
            start = match.end()
    parts.append(text[start:])
    return parts


def segments(text: str) -> list[str]:
    """The parts of a line between wide gaps."""
    return [part.strip() for part in text.split(GAP) if part.strip()]
