"""A LinkedIn data export ("Settings > Data privacy > Get a copy of your data") read into plain typed
data for the profile merge (DESIGN.md 6, "Profile sync"; issue 15).

LinkedIn's official API gives only OpenID Connect sign-in, so the member's own export ZIP is the honest
route to their history. The ZIP comes from the member, so it is treated like a CV file: checked from its
central directory before anything is unpacked (not a ZIP, too many members, unsafe names, encrypted
members, a total or a ratio that makes a ZIP bomb, an over-large CSV), then each CSV is read with a
bounded read that never trusts the sizes the directory claims. Nothing is written to disk.

Only six CSVs are read, found by base name case-insensitively anywhere in the archive: Profile,
Positions, Education, Skills, Certifications and Languages. A missing one leaves its part empty and is
listed in `files_missing`.
"""

import codecs
import csv
import io
import lzma
import re
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from vitae.platform.errors import Invalid, TooLarge, UnsupportedMedia
from vitae.platform.text import without_nul

MIB = 1024 * 1024
# Limits. A real export (even the complete archive, messages included) is a few MB and well under a
# hundred files; the six CSVs are kilobytes. The numbers leave room for that and refuse what is not.
MAX_ARCHIVE_BYTES = 50 * MIB  # the ZIP as uploaded
MAX_UNPACKED_BYTES = 50 * MIB  # every member together, as the central directory declares them
MAX_MEMBERS = 1000
MAX_CSV_BYTES = 10 * MIB  # one of the six CSVs, declared and as actually read
MAX_ROWS = 500  # of one CSV: LinkedIn keeps at most 100 skills, and no career has 500 positions
MAX_RATIO = 100  # uncompressed : compressed for one member; text compresses 3-10:1, a bomb 1000:1
RATIO_FLOOR_BYTES = 1 * MIB  # below this a member's ratio is not judged (a tiny file can compress
# very well and do no harm; MAX_UNPACKED_BYTES bounds many small ones)
_READ_CHUNK = 64 * 1024

FILES = ("Profile.csv", "Positions.csv", "Education.csv", "Skills.csv", "Certifications.csv", "Languages.csv")

_ENCRYPTED_FLAG = 0x1  # general purpose bit 0 (APPNOTE.TXT 4.4.4)


@dataclass(frozen=True)
class LinkedInProfile:
    """Profile.csv's first row. Every field is stripped text, None when absent or empty."""

    first_name: str | None = None
    last_name: str | None = None
    headline: str | None = None
    summary: str | None = None
    location: str | None = None  # "Geo Location" ("Zürich, Switzerland"), else "Location"
    industry: str | None = None


@dataclass(frozen=True)
class Position:
    """One row of Positions.csv. Dates are ISO partial dates ("YYYY-MM" or "YYYY"); `end` None means
    ongoing or not given."""

    company: str | None
    title: str | None
    description: str | None
    location: str | None
    start: str | None
    end: str | None


@dataclass(frozen=True)
class Education:
    """One row of Education.csv. `notes` joins the export's "Notes" and "Activities" columns (one per
    line); dates are ISO partial dates."""

    school: str | None
    degree: str | None
    field: str | None
    notes: str | None
    start: str | None
    end: str | None


@dataclass(frozen=True)
class Certification:
    """One row of Certifications.csv: the certificate, its issuer ("Authority"), its link and its
    validity as ISO partial dates."""

    name: str
    authority: str | None
    url: str | None
    start: str | None
    end: str | None


@dataclass(frozen=True)
class Language:
    """One row of Languages.csv; `proficiency` as LinkedIn words it ("Native or bilingual proficiency")."""

    name: str
    proficiency: str | None


@dataclass(frozen=True)
class LinkedInExport:
    """What an export holds, in the order the CSVs list it. `skills` are names deduplicated
    case-insensitively (the first spelling kept). `files_found` and `files_missing` name the six CSVs
    (as in FILES) the archive had and had not; a found file whose header could not be recognised gives
    an empty part but still counts as found."""

    profile: LinkedInProfile
    positions: tuple[Position, ...]
    education: tuple[Education, ...]
    skills: tuple[str, ...]
    certifications: tuple[Certification, ...]
    languages: tuple[Language, ...]
    files_found: tuple[str, ...]
    files_missing: tuple[str, ...]


# The columns each file is read by: field -> header variants, normalised (lower case, single spaces,
# no punctuation). The export's own names come first; the rest are variants seen in older exports and
# in files people edited.
_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "Profile.csv": {
        "first_name": ("first name", "firstname", "given name"),
        "last_name": ("last name", "lastname", "family name", "surname"),
        "headline": ("headline",),
        "summary": ("summary", "about"),
        "location": ("geo location", "location", "geolocation"),  # never "Address": a street address
        "industry": ("industry",),
    },
    "Positions.csv": {
        "company": ("company name", "company", "organization", "employer"),
        "title": ("title", "position", "job title"),
        "description": ("description",),
        "location": ("location",),
        "start": ("started on", "start date", "from", "dates"),
        "end": ("finished on", "end date", "to"),
    },
    "Education.csv": {
        "school": ("school name", "school", "institution"),
        "degree": ("degree name", "degree"),
        "field": ("field of study", "field", "major"),
        "notes": ("notes",),
        "activities": ("activities", "activities and societies"),
        "start": ("start date", "started on", "from", "dates"),
        "end": ("end date", "finished on", "to"),
    },
    "Skills.csv": {
        "name": ("name", "skill", "skill name", "skills"),
    },
    "Certifications.csv": {
        "name": ("name", "certification", "certification name", "title"),
        "authority": ("authority", "issuer", "issuing organization", "issued by"),
        "url": ("url", "link", "credential url"),
        "start": ("started on", "start date", "issue date", "issued on"),
        "end": ("finished on", "end date", "expiration date", "expires on"),
    },
    "Languages.csv": {
        "name": ("name", "language"),
        "proficiency": ("proficiency", "level"),
    },
}


def read_export(data: bytes) -> LinkedInExport:
    """Read a LinkedIn data-export ZIP (its bytes) into a LinkedInExport.

    Raises, before anything is unpacked (judged from the central directory):
    - UnsupportedMedia code "unsupported_type": the bytes are not a ZIP;
      code "encrypted": a member is password protected; code "unsupported_compression": a member uses a
      method Python's zipfile cannot read (Deflate64 from some Windows tools);
    - Invalid code "malformed": a damaged ZIP, a member whose data does not match its directory entry
      (size or CRC), or a CSV that cannot be parsed; code "unsafe_name": a member named with "..",
      an absolute path, a backslash or a drive letter;
    - TooLarge code "too_large": the upload is over MAX_ARCHIVE_BYTES or its members declare more than
      MAX_UNPACKED_BYTES together; code "too_many_files": more than MAX_MEMBERS members; code
      "zip_bomb": a member over RATIO_FLOOR_BYTES compressed more than MAX_RATIO:1; code
      "csv_too_large": one of the six CSVs over MAX_CSV_BYTES, declared or as read; code
      "too_many_rows": one of them with more than MAX_ROWS rows.
    The whole archive is refused, never partly read.
    """
    package = _open_checked(data)
    chosen = _find_files(package.infolist())
    tables = {name: _rows(name, _decode(_read_bounded(package, info))) for name, info in chosen.items()}
    return LinkedInExport(
        profile=_profile(tables.get("Profile.csv", [])),
        positions=tuple(_positions(tables.get("Positions.csv", []))),
        education=tuple(_education(tables.get("Education.csv", []))),
        skills=_skills(tables.get("Skills.csv", [])),
        certifications=tuple(_certifications(tables.get("Certifications.csv", []))),
        languages=tuple(_languages(tables.get("Languages.csv", []))),
        files_found=tuple(name for name in FILES if name in chosen),
        files_missing=tuple(name for name in FILES if name not in chosen),
    )


# --- the archive -------------------------------------------------------------------------------------

def _open_checked(data: bytes) -> zipfile.ZipFile:
    if len(data) > MAX_ARCHIVE_BYTES:
        raise TooLarge(f"The export is larger than {MAX_ARCHIVE_BYTES // MIB} MB. Request LinkedIn's "
                       "smaller archive (only the data you pick) and upload that.", code="too_large")
    if not data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        raise UnsupportedMedia("This file is not a ZIP archive. Upload the ZIP LinkedIn sent you "
                               "(Settings > Data privacy > Get a copy of your data).", code="unsupported_type")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise Invalid("The ZIP archive is damaged or incomplete and can't be opened.", code="malformed") from error
    if len(members) > MAX_MEMBERS:
        raise TooLarge(f"The archive has {len(members)} files; a LinkedIn export has far fewer than "
                       f"{MAX_MEMBERS}.", code="too_many_files")
    for member in members:
        if _unsafe_name(member.filename):
            raise Invalid(f"The archive has a file with an unsafe name ({member.filename[:80]!r}).",
                          code="unsafe_name")
        if member.flag_bits & _ENCRYPTED_FLAG:
            raise UnsupportedMedia("The archive is password protected. Upload the export as LinkedIn sent "
                                   "it, without a password.", code="encrypted")
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                                        zipfile.ZIP_LZMA):
            raise UnsupportedMedia("The archive uses a compression method that can't be read. Upload the "
                                   "ZIP as LinkedIn sent it.", code="unsupported_compression")
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise TooLarge("The archive has a file that unpacks to far more than it holds (a ZIP bomb).",
                           code="zip_bomb")
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise TooLarge(f"The archive unpacks to more than {MAX_UNPACKED_BYTES // MIB} MB.", code="too_large")
    return package


def _unsafe_name(name: str) -> bool:
    """A name that would leave the folder it is unpacked into: "..", absolute, backslashes (a Windows
    separator zipfile does not translate on POSIX), a drive letter ("C:"), or a NUL."""
    return ("\\" in name or "\0" in name or name.startswith("/") or bool(re.match(r"[A-Za-z]:", name))
            or ".." in name.split("/"))


def _find_files(members: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    """The six CSVs by base name, case-insensitively; when one appears twice, the shallowest (then the
    first in the directory) wins."""
    wanted = {name.lower(): name for name in FILES}
    chosen: dict[str, zipfile.ZipInfo] = {}
    for member in members:
        if member.is_dir():
            continue
        name = wanted.get(member.filename.rsplit("/", 1)[-1].lower())
        if name and (name not in chosen or member.filename.count("/") < chosen[name].filename.count("/")):
            chosen[name] = member
    return chosen


def _read_bounded(package: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    """The member's bytes, at most MAX_CSV_BYTES whatever the directory says; zipfile checks the CRC
    and the declared size at the end, so data that does not match its entry is refused too."""
    if member.file_size > MAX_CSV_BYTES:
        raise _csv_too_large(member)
    chunks: list[bytes] = []
    total = 0
    with _reading(member), package.open(member) as stream:
        while chunk := stream.read(_READ_CHUNK):
            total += len(chunk)
            if total > MAX_CSV_BYTES:
                raise _csv_too_large(member)
            chunks.append(chunk)
    return b"".join(chunks)


@contextmanager
def _reading(member: zipfile.ZipInfo) -> Iterator[None]:
    """A corrupt member (a bad CRC, data that ends early or runs past its declared size, a broken
    compressed stream) as Invalid code "malformed"."""
    try:
        yield
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error, lzma.LZMAError) as error:
        raise Invalid(f"{_base(member)} in the archive is damaged and can't be read.", code="malformed") from error


def _csv_too_large(member: zipfile.ZipInfo) -> TooLarge:
    return TooLarge(f"{_base(member)} is larger than {MAX_CSV_BYTES // MIB} MB, more than a LinkedIn export "
                    "holds.", code="csv_too_large")


def _base(member: zipfile.ZipInfo) -> str:
    return member.filename.rsplit("/", 1)[-1]


# --- the CSVs ----------------------------------------------------------------------------------------

def _decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with its BOM, else Windows-1252 (what Excel saves in Western
    Europe), which decodes any byte but five; those become U+FFFD. NUL characters, which PostgreSQL
    cannot store, are taken out."""
    if raw.startswith(codecs.BOM_UTF8):
        text = raw[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16", errors="replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    return without_nul(text)


def _normalise(header: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", header.replace("\ufeff", "")).lower().split())


def _rows(name: str, text: str) -> list[dict[str, str]]:
    """The rows under the first line that reads as the file's header (LinkedIn puts a "Notes:" preamble
    before it in some exports), as {field: stripped value} for the fields of _COLUMNS[name]."""
    columns = _COLUMNS[name]
    aliases = {alias: field for field, names in columns.items() for alias in names}
    needed = min(2, len(columns))
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        indexes: dict[str, list[int]] | None = None
        rows: list[dict[str, str]] = []
        for cells in reader:
            if indexes is None:
                fields = [aliases.get(_normalise(cell)) for cell in cells]
                if len({field for field in fields if field}) >= needed:
                    rank = {alias: position for names in columns.values() for position, alias in enumerate(names)}
                    indexes = {}
                    for index in sorted(range(len(cells)), key=lambda i: rank.get(_normalise(cells[i]), 0)):
                        if field := fields[index]:
                            indexes.setdefault(field, []).append(index)
                continue
            row = {field: _first(cells, at) for field, at in indexes.items()}
            if any(row.values()):
                rows.append(row)
                if len(rows) > MAX_ROWS:
                    raise TooLarge(f"{name} has more than {MAX_ROWS} rows: no LinkedIn export has that many",
                                   code="too_many_rows")
        return rows
    except csv.Error as error:
        raise Invalid(f"{name} in the archive is not a readable CSV file.", code="malformed") from error


def _first(cells: list[str], indexes: list[int]) -> str:
    """The first non-empty cell among a field's columns (an export can carry two variants), in the
    order of _COLUMNS' variants."""
    return next((cells[i].strip() for i in indexes if i < len(cells) and cells[i].strip()), "")


def _text(row: Mapping[str, str], field: str) -> str | None:
    return row.get(field) or None


def _partial_date(text: str | None) -> tuple[str | None, str | None]:
    """A date cell as (start, end) ISO partial dates, by the CV parser's date reader: "Jan 2020" ->
    ("2020-01", None); "2020" -> ("2020", None); "Mar 2019 - Present" -> ("2019-03", None);
    "2015 - 2019" -> ("2015", "2019"). Days are dropped: LinkedIn keeps months. (The date reader is
    imported here, by the import worker: its patterns cost the profile-sync routes ~30 ms at import.)"""
    from vitae.cvparse.dates import find_span, to_iso

    if not text:
        return None, None
    if single := to_iso(text):
        return single[:7], None
    span = find_span(text)
    if span is None:
        return None, None
    return span.start[:7], (span.end[:7] if span.end else None)


def _dates(row: Mapping[str, str]) -> tuple[str | None, str | None]:
    start, end_in_start = _partial_date(row.get("start"))
    end, _ = _partial_date(row.get("end"))
    return start, end or end_in_start


def _profile(rows: list[dict[str, str]]) -> LinkedInProfile:
    if not rows:
        return LinkedInProfile()
    row = rows[0]
    return LinkedInProfile(first_name=_text(row, "first_name"), last_name=_text(row, "last_name"),
                           headline=_text(row, "headline"), summary=_text(row, "summary"),
                           location=_text(row, "location"), industry=_text(row, "industry"))


def _positions(rows: list[dict[str, str]]) -> Iterator[Position]:
    for row in rows:
        if row.get("company") or row.get("title"):
            start, end = _dates(row)
            yield Position(company=_text(row, "company"), title=_text(row, "title"),
                           description=_text(row, "description"), location=_text(row, "location"),
                           start=start, end=end)


def _education(rows: list[dict[str, str]]) -> Iterator[Education]:
    for row in rows:
        if row.get("school") or row.get("degree"):
            start, end = _dates(row)
            notes = "\n".join(dict.fromkeys(v for v in (row.get("notes"), row.get("activities")) if v))
            yield Education(school=_text(row, "school"), degree=_text(row, "degree"), field=_text(row, "field"),
                            notes=notes or None, start=start, end=end)


def _skills(rows: list[dict[str, str]]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for row in rows:
        name = " ".join(row.get("name", "").split())
        if name:
            seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def _certifications(rows: list[dict[str, str]]) -> Iterator[Certification]:
    for row in rows:
        if name := row.get("name"):
            start, end = _dates(row)
            yield Certification(name=name, authority=_text(row, "authority"), url=_text(row, "url"),
                                start=start, end=end)


def _languages(rows: list[dict[str, str]]) -> Iterator[Language]:
    for row in rows:
        if name := row.get("name"):
            yield Language(name=name, proficiency=_text(row, "proficiency"))
