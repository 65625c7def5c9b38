"""What every model validates alike, and how a validation failure reads to a client.

Values: `UtcTimestamp` and `PartialDate` hold only what PostgreSQL stores and Python reads back, so
a value out of range is a 400 naming its field instead of a 500 from the database or the driver;
`Matching` refuses a string that does not match a pattern in words rather than a regex;
`is_timezone` tells an IANA time zone as `zoneinfo.available_timezones()` lists them.

Failures: `problems()` turns a pydantic error into JSON paths (`sections[0].items[2].endDate`) and
plain messages, without pydantic's internals (union member names and tags in the location, model
class names, "Value error," prefixes).
"""

import os
import re
import unicodedata
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache, lru_cache
from typing import Annotated, Any

from pydantic import AfterValidator, ValidationError, WithJsonSchema

# A day inside Python's datetime range at both ends: PostgreSQL stores far more (4713 BC to
# 294276 AD), but psycopg must load the value back as a datetime in the session's time zone.
EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
LATEST = datetime(9999, 12, 30, 23, 59, 59, 999999, tzinfo=UTC)


def _utc(value: datetime) -> datetime:
    try:
        moment = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    except OverflowError:  # 9999-12-31T23:00-05:00 is in the year 10000 in UTC
        moment = None
    if moment is None or not EARLIEST <= moment <= LATEST:
        raise ValueError(f"must be between {EARLIEST.date()} and {LATEST.date()} in UTC")
    return moment


UtcTimestamp = Annotated[datetime, AfterValidator(_utc)]
"""An instant (ISO 8601; without an offset it is taken as UTC), converted to UTC, between EARLIEST
and LATEST."""

@lru_cache(maxsize=1024)
def is_timezone(key: str) -> bool:
    """Whether `key` is "UTC" or one of `zoneinfo.available_timezones()`: the same answer, for one
    key, without that listing, which opens every file of the system's time-zone database (~27 ms
    of CPU, on the first request that validates a time zone). The listing's rules (CPython 3.13,
    `zoneinfo._tzpath.available_timezones`): a zone the tzdata package lists, or a file under a
    root of `zoneinfo.TZPATH` that begins with "TZif", named by its path relative to the root,
    reached through directories that are not symbolic links (its walk does not enter those) and
    not through the roots' `right/` and `posix/`; never `posixrules`. Answers are kept per key
    (the database does not change while a container lives)."""
    if key == "UTC":
        return True
    if key == "posixrules":
        return False
    if key in _tzdata_zones():
        return True
    parts = key.split("/")
    if any(part in ("", ".", "..") for part in parts) or (len(parts) > 1 and parts[0] in ("right", "posix")):
        return False  # not a path the listing names (it normalises them), or under right/ or posix/
    for root in zoneinfo.TZPATH:
        directory = root
        for part in parts[:-1]:
            directory = os.path.join(directory, part)
            if os.path.islink(directory) or not os.path.isdir(directory):
                break
        else:
            path = os.path.join(root, key)
            try:
                if not os.path.isdir(path):
                    with open(path, "rb") as file:
                        if file.read(4) == b"TZif":
                            return True
            except (OSError, ValueError):  # ValueError: a NUL in the key
                pass
    return False


@cache
def _tzdata_zones() -> frozenset[str]:
    """The zones the tzdata package lists (none when it is not installed), as the listing reads them."""
    from importlib.util import find_spec

    if find_spec("tzdata") is None:
        return frozenset()
    from importlib import resources

    try:
        with resources.files("tzdata").joinpath("zones").open("r") as file:
            return frozenset(zone.strip() for zone in file if zone.strip())
    except (ImportError, FileNotFoundError):
        return frozenset()


PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def _calendar_date(value: str) -> str:
    match = _PARTIAL_DATE.fullmatch(value)
    if match is None:
        raise ValueError("must be a date written YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        raise ValueError(f"{value} is not a date of the calendar") from None
    return value


PartialDate = Annotated[str, AfterValidator(_calendar_date),
                        WithJsonSchema({"type": "string", "pattern": PARTIAL_DATE_PATTERN,
                                        "description": "YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date"})]
"""A date as precise as it is known (`2019`, `2019-02`, `2019-02-28`) that exists in the calendar:
`2019-02-31` and `2019-13` are refused."""


@dataclass(frozen=True)
class Matching:
    """Annotated metadata: the string must match `pattern` (kept in the JSON schema), else it is
    refused with `message`, which people read instead of the regular expression."""

    pattern: str
    message: str

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        compiled = re.compile(self.pattern)

        def check(value: str) -> str:
            if not compiled.search(value):
                raise ValueError(self.message)
            return value

        return core_schema.no_info_after_validator_function(check, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        return {**handler(schema), "pattern": self.pattern}


# -- text shown as written -------------------------------------------------------------------------

_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})  # controls, format characters (U+200B...), spaces


def has_visible_text(text: str) -> bool:
    """Whether `text` has a character one can see: not only spaces, line breaks, controls and
    zero-width characters."""
    return any(unicodedata.category(c) not in _INVISIBLE for c in text)


TEXT_CONTROLS = frozenset("\t\n\r\f\v")


def document_text(text: str) -> str:
    """A text to match, sent as JSON: visible characters, and no control characters but tabs and
    line breaks (what a file of text may hold too). Raises ValueError saying which rule failed.
    (Matching's job and resume texts, and the assistant's pasted job descriptions.)"""
    control = next((c for c in text if unicodedata.category(c) == "Cc" and c not in TEXT_CONTROLS), None)
    if control is not None:
        raise ValueError(f"text must not contain control characters (U+{ord(control):04X})")
    if not has_visible_text(text):
        raise ValueError("text must not be blank")
    return text


# Format characters (Unicode category Cf) kept: the zero-width non-joiner and joiner, which Persian,
# Indic scripts and emoji sequences need. Every other one is refused: the bidi embeddings, overrides
# and isolates (U+202A-202E, U+2066-2069, which make "evil\u202etxt.exe" read otherwise), the marks
# U+200E, U+200F and U+061C, zero-width spaces (U+200B, U+2060, U+FEFF), soft hyphens, tags.
_JOINERS = frozenset("\u200c\u200d")


def shown_text(value: str) -> str:
    """A one-line text people read as it is stored (a title, a name, a publisher): refuses (ValueError,
    a 400 naming the field) text holding a control character (Unicode Cc: tabs and line breaks too),
    a line or paragraph separator (Zl, Zp), a format character (Cf) other than the zero-width joiners
    (bidi controls and zero-width spaces among them), and text without a visible character (only
    spaces). Returns `value` unchanged."""
    for character in value:
        category = unicodedata.category(character)
        if category in ("Cc", "Zl", "Zp"):
            raise ValueError(f"must not contain control characters or line breaks (U+{ord(character):04X})")
        if category == "Cf" and character not in _JOINERS:
            raise ValueError("must not contain invisible formatting characters such as bidi controls or "
                             f"zero-width spaces (U+{ord(character):04X})")
    if not has_visible_text(value):
        raise ValueError("must have visible text")
    return value


ShownText = Annotated[str, AfterValidator(shown_text)]
"""A one-line text shown as written (`shown_text`); combine with StringConstraints for its length:
`Annotated[ShownText, StringConstraints(strip_whitespace=True, max_length=200)]`."""


# -- failures -------------------------------------------------------------------------------------

Path = tuple[str | int, ...]

_OBJECT = "Input should be an object"
_MESSAGES = {  # pydantic's wording where it names Python types or classes
    "model_type": _OBJECT, "model_attributes_type": _OBJECT, "dict_type": _OBJECT, "dataclass_type": _OBJECT,
    "list_type": "Input should be an array", "is_instance_of": "Input is not of the expected type",
}
_PREFIXES = ("Value error, ", "Assertion failed, ")


@dataclass(frozen=True)
class Problem:
    """One failure: where in the input (keys and list indexes), what is wrong (for people) and
    pydantic's error type (for programs: `missing`, `extra_forbidden`...)."""

    path: Path
    message: str
    type: str


def problems(error: ValidationError, data: Any) -> list[Problem]:
    """The failures of validating `data`, each located by its path in `data`."""
    found = []
    for item in error.errors(include_url=False, include_context=False, include_input=False):
        message = _MESSAGES.get(item["type"], item["msg"])
        for prefix in _PREFIXES:
            message = message.removeprefix(prefix)
        found.append(Problem(_path_in(item["loc"], data, missing=item["type"] == "missing"), message, item["type"]))
    return found


def _path_in(loc: tuple[str | int, ...], data: Any, missing: bool) -> Path:
    """The parts of a pydantic location that address `data`. Pydantic adds the name of the union
    member (`int`, `str`) or the discriminator's tag (`experience`) it tried; those are no key of
    the input and are left out, except the last part of a `missing` error: the absent field."""
    path: list[str | int] = []
    node = data
    for position, part in enumerate(loc):
        child = _child(node, part)
        if child is not _ABSENT:
            node = child
        elif not (missing and position == len(loc) - 1):
            continue
        path.append(part)
    return tuple(path)


_ABSENT = object()


def _child(node: Any, part: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(part, _ABSENT)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return _ABSENT


def dotted(path: Path) -> str:
    """`("work", 0, "endDate")` as `work[0].endDate`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text
