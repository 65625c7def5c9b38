# ruff: noqa: RUF002, RUF003 (the typographic characters this module is about are named in its comments)
"""Typography normalised once, at intake, before any rule runs (issue 16): the rules see one
apostrophe, one quote mark, one dash and one hyphen, whatever the writer's program typed, and the
values they find are given back with the document's own characters.

Two steps, so that what the person wrote comes back but what no reader sees does not:

- `clean` drops what is invisible (soft hyphens, zero-width characters, direction marks, the byte
  order mark), turns Unicode spaces into a space and expands the Latin ligatures PDF writers emit
  ("ﬁ"). A value keeps these changes.
- `plain` then maps, one character to one character, the typographic variants to the forms the rules
  know: ‘ ’ ‚ ‛ ʼ ′ ` ´ to "'", “ ” ‟ ″ to '"', ‒ − ⁃ to "–" (the en dash of ranges), ― to "—" (the em
  dash), ‐ ‑ to "-". En and em dash stay two: a header "Position — Employer" may hold an en dash of
  its own ("Architect – Associate"), and the written form of each comes back exactly. Because the
  mapping keeps every offset, `Verbatim` can give a found value its written characters back
  ("O'Connor" -> "O’Connor").
Guillemets and low quotes (« », „ in Polish and Russian company names) are left alone: they are the
name's own.
"""

import re
import unicodedata
from collections import defaultdict

# Unicode's invisible format characters a CV may carry (U+00AD soft hyphen, U+200B zero-width space,
# U+200E/U+200F direction marks, U+2060 word joiner, U+FEFF byte order mark; not the zero-width
# (non-)joiners U+200C/U+200D, which spell Persian, Urdu and Kurdish words and emoji) and its
# spaces other than U+0020 (no-break, en/em/thin/hair, narrow no-break, ideographic).
_INVISIBLE = "\u00ad\u200b\u200e\u200f\u2060\ufeff"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_CLEAN = str.maketrans({**dict.fromkeys(_INVISIBLE, None), **dict.fromkeys(_SPACES, " "), **_LIGATURES})

# ‘ ’ ‚ ‛ ʼ ′ ` ´ / “ ” ‟ ″ / ‒ − ⁃ / ― / ‐ ‑
_APOSTROPHES = "\u2018\u2019\u201a\u201b\u02bc\u2032`\u00b4"
_QUOTES, _EN_DASHES, _EM_DASHES, _HYPHENS = "\u201c\u201d\u201f\u2033", "\u2012\u2212\u2043", "\u2015", "\u2010\u2011"
# One character to one character: offsets in the plain text are offsets in the clean text.
_PLAIN = str.maketrans({**dict.fromkeys(_APOSTROPHES, "'"), **dict.fromkeys(_QUOTES, '"'),
                        **dict.fromkeys(_EN_DASHES, "–"), **dict.fromkeys(_EM_DASHES, "—"),
                        **dict.fromkeys(_HYPHENS, "-")})
# Whether a text holds a character either table changes: str.translate looks every character of a text up in its
# table (about 0.2 us each), a search of the few it changes is some 20 times faster, and most lines hold none.
_TO_CLEAN = re.compile("[" + "".join(map(re.escape, _INVISIBLE + _SPACES + "".join(_LIGATURES))) + "]")
_TO_MARK = re.compile("[" + "".join(map(re.escape, _APOSTROPHES + _QUOTES + _EN_DASHES + _EM_DASHES + _HYPHENS)) + "]")
# A run of word characters around the canonical marks: the unit whose written form Verbatim keeps.
_MARKED = re.compile(r"\w*['\"–—-][\w'\"–—-]*")


def clean(text: str) -> str:
    """The text in Unicode's composed form (NFC: "é" one character, as the rules expect, whatever the
    writer's program stored), without invisible characters, with plain spaces and ligatures expanded."""
    if text.isascii():  # every character it changes is beyond ASCII
        return text
    text = unicodedata.normalize("NFC", text)
    return text.translate(_CLEAN) if _TO_CLEAN.search(text) else text


def plain(text: str) -> str:
    """clean(text) with typographic apostrophes, quotes and dashes in the rules' forms (marks)."""
    return marks(clean(text))


def marks(text: str) -> str:
    """The text with typographic apostrophes, quotes and dashes in the rules' forms, one character
    for one: offsets in the result are offsets in the text. For rules that may be handed text that
    did not come through intake (a job description, a LinkedIn export's dates)."""
    if text.isascii() and "`" not in text:
        return text
    return text.translate(_PLAIN) if _TO_MARK.search(text) else text


class Verbatim:
    """The written form of every marked word of a document ("O'Connor" -> "O’Connor", "2019–2021"
    -> "2019‒2021"), learnt from its lines as written (clean); `restore` puts it back into a value the rules
    found in the plain lines. A word written two ways stays as the rules found it."""

    def __init__(self, lines: list[tuple[str, str]]) -> None:
        """lines: (as written, clean; as the rules read it, plain) per line of the document."""
        # Per word (case aside), its marks as written: {(offset, character)} where writing and rules differ.
        marks_of: defaultdict[str, dict[frozenset[tuple[int, str]], str]] = defaultdict(dict)
        for written_line, plain_line in lines:
            if written_line == plain_line:
                continue
            for match in _MARKED.finditer(plain_line):
                form = written_line[match.start():match.end()]
                written = frozenset((i, c) for i, (c, p) in enumerate(zip(form, match.group(), strict=True)) if c != p)
                marks_of[match.group().casefold()][written] = form
        if marks_of:  # the same words written plainly elsewhere
            for written_line, plain_line in lines:
                if written_line == plain_line:
                    for match in _MARKED.finditer(plain_line):
                        if (key := match.group().casefold()) in marks_of:
                            marks_of[key][frozenset()] = match.group()
        # Only a word the document always marks the same way: where it wrote it two ways ("McDonald's",
        # "McDonald’s"), no one place's characters may spill into another's value.
        self._written = {key: next(iter(forms.values())) for key, forms in marks_of.items()
                         if len(forms) == 1 and next(iter(forms))}

    def restore(self, value: str) -> str:
        """The value with its marked words as the document wrote them, in the value's own case (a name
        in capitals the parser title-cased keeps its written apostrophe: "O’Neill")."""
        if not self._written:
            return value
        return _MARKED.sub(self._restored, value)

    def _restored(self, match: re.Match[str]) -> str:
        found = match.group()
        written = self._written.get(found.casefold())
        if written is None or len(written) != len(found):  # casefolding changed a length: "STRASSE", "Straße"
            return found
        return "".join(mark if mark != plain else own
                       for own, plain, mark in zip(found, written.translate(_PLAIN), written, strict=True))
