"""The platform's shared values (timestamps and dates that PostgreSQL and Python can both hold) and
how validation failures read: JSON paths and plain messages, no pydantic internals."""

import os
import zoneinfo
from datetime import UTC, datetime
from typing import Annotated, Literal, Self

import pytest
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from vitae.platform.validation import PartialDate, UtcTimestamp, dotted, is_timezone, problems

TIMESTAMP = TypeAdapter(UtcTimestamp)
DATE = TypeAdapter(PartialDate)


@pytest.mark.parametrize("value, expected", [
    ("2030-01-01T10:00:00+02:00", datetime(2030, 1, 1, 8, tzinfo=UTC)),
    ("2030-01-01T10:00:00", datetime(2030, 1, 1, 10, tzinfo=UTC)),  # no offset: UTC
    ("9999-12-30T23:00:00Z", datetime(9999, 12, 30, 23, tzinfo=UTC)),
])
def test_timestamps_are_converted_to_utc(value, expected):
    parsed = TIMESTAMP.validate_python(value)
    assert parsed == expected and parsed.tzinfo is UTC


@pytest.mark.parametrize("value", [
    "9999-12-31T23:00:00-05:00",  # the year 10000 once in UTC: psycopg could not read it back
    "0001-01-01T01:00:00+05:00",  # the year 0 in UTC
    "9999-12-31T23:59:59Z",  # a day from the end: read back in a time zone east of UTC it overflows
])
def test_timestamps_outside_the_range_are_refused_with_a_plain_message(value):
    with pytest.raises(ValidationError) as error:
        TIMESTAMP.validate_python(value)
    assert [p.message for p in problems(error.value, value)] == [
        "must be between 0001-01-02 and 9999-12-30 in UTC"]


@pytest.mark.parametrize("value", ["2019", "2019-02", "2019-02-28", "2020-02-29", "1900-12-31"])
def test_partial_dates_of_the_calendar_are_accepted(value):
    assert DATE.validate_python(value) == value


@pytest.mark.parametrize("value, message", [
    ("2019-02-31", "2019-02-31 is not a date of the calendar"),
    ("2019-02-29", "2019-02-29 is not a date of the calendar"),
    ("2019-04-31", "2019-04-31 is not a date of the calendar"),
    ("2019-13", "2019-13 is not a date of the calendar"),
    ("0000", "0000 is not a date of the calendar"),
    ("31/01/2019", "must be a date written YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2019-1-5", "must be a date written YYYY, YYYY-MM or YYYY-MM-DD"),
    ("\uff12\uff10\uff11\uff19", "must be a date written YYYY, YYYY-MM or YYYY-MM-DD"),  # digits, but not ASCII ones
])
def test_impossible_or_malformed_dates_are_refused(value, message):
    with pytest.raises(ValidationError) as error:
        DATE.validate_python(value)
    assert [p.message for p in problems(error.value, value)] == [message]


class Inner(BaseModel):
    number: int


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["entry"]
    inner: Inner
    either: int | bool | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start and self.end and self.end < self.start:
            raise ValueError("end is before start")
        return self


class Document(BaseModel):
    entries: list[Annotated[Entry, Field(discriminator="kind")]]


def test_problems_locate_the_input_and_speak_plainly():
    data = {"entries": [
        {"kind": "entry", "inner": {"number": 1}},
        {"kind": "entry", "inner": 5, "either": "x"},
        {"kind": "entry", "inner": {}, "surplus": 1},
        {"kind": "entry", "inner": {"number": 3}, "start": "2020", "end": "2019"},
    ]}
    with pytest.raises(ValidationError) as error:
        Document.model_validate(data)
    found = {(dotted(p.path), p.message) for p in problems(error.value, data)}
    assert found == {
        ("entries[1].inner", "Input should be an object"),  # not "...instance of Inner"
        # no union member names (`int`, `bool`) in the paths
        ("entries[1].either", "Input should be a valid integer, unable to parse string as an integer"),
        ("entries[1].either", "Input should be a valid boolean, unable to interpret input"),
        ("entries[2].inner.number", "Field required"),
        ("entries[2].surplus", "Extra inputs are not permitted"),
        ("entries[3]", "end is before start"),  # no "Value error," prefix, no tag `entry` in the path
    }


def test_dotted_paths():
    assert dotted(("work", 0, "endDate")) == "work[0].endDate"
    assert dotted((0, "name")) == "[0].name"
    assert dotted(()) == ""


# Keys the listing never names: not normalised, under right/ or posix/, posixrules, directories.
UNLISTED = ["posixrules", "right/UTC", "posix/Europe/London", "Europe/../UTC", "./UTC", "/usr/share/zoneinfo/UTC",
            "", "Europe//London", "Europe/London/", "Europe", "UTC\x00", "Mars/Olympus_Mons"]


def _every_key(roots: tuple[str, ...]) -> set[str]:
    """Every path under the roots, as a key: files and directories, right/ and posix/ included."""
    keys = set(UNLISTED)
    for root in roots:
        for directory, dirnames, filenames in os.walk(root):
            keys |= {os.path.relpath(os.path.join(directory, name), root) for name in dirnames + filenames}
    return keys


def test_time_zones_are_those_the_standard_listing_names():
    listed = zoneinfo.available_timezones() | {"UTC"}
    keys = _every_key(zoneinfo.TZPATH)
    assert {"Europe/London", "America/Argentina/Buenos_Aires", "Etc/GMT+5"} <= listed  # the database is there
    assert {key for key in keys if is_timezone(key)} == listed & keys


def test_time_zones_follow_the_listing_through_links_and_odd_files(tmp_path):
    """A database of its own: the listing's walk does not enter linked directories, skips right/
    and posix/ and files that are not TZif, follows links to files."""
    tzif = b"TZif2" + bytes(40)
    for name, data in [("Area/City", tzif), ("Area/Deep/Town", tzif), ("Area/notes.tab", b"# not a zone"),
                       ("right/Area/City", tzif), ("posix/City", tzif), ("posixrules", tzif), ("Solo", tzif),
                       ("right", None), ("Empty", b"")]:
        if data is not None:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_bytes(data)
    (tmp_path / "Linked").symlink_to(tmp_path / "Area", target_is_directory=True)  # Linked/City: not listed
    (tmp_path / "Alias").symlink_to(tmp_path / "Area" / "City")  # a link to a zone file: listed
    (tmp_path / "Broken").symlink_to(tmp_path / "missing")
    zoneinfo.reset_tzpath([str(tmp_path)])
    is_timezone.cache_clear()
    try:
        listed = zoneinfo.available_timezones() | {"UTC"}
        keys = _every_key((str(tmp_path),)) | {"UTC", "Linked/City", "Linked/Deep/Town", "Alias", "Broken"}
        assert listed == {"UTC", "Area/City", "Area/Deep/Town", "Solo", "Alias"}
        assert {key for key in keys if is_timezone(key)} == listed
    finally:
        zoneinfo.reset_tzpath()
        is_timezone.cache_clear()
