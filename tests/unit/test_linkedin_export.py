"""The LinkedIn data-export reader (issue 15): the six CSVs into typed data, their column variants and
encodings, and hostile archives refused from their directory before they are unpacked."""

import struct
import zipfile

import pytest

from tests.linkedin_exports import ALL, POSITIONS, SKILLS
from tests.linkedin_exports import zip_of as _zip
from vitae.platform.errors import Invalid, TooLarge, UnsupportedMedia
from vitae.profilesync.linkedin import (
    FILES,
    MAX_MEMBERS,
    Certification,
    Education,
    Language,
    LinkedInProfile,
    Position,
    read_export,
)


def _patch_directory(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    """Each central directory entry's field at `offset` (APPNOTE 4.3.12) set to `value`."""
    patched = bytearray(data)
    at = patched.find(b"PK\x01\x02")
    while at != -1:
        struct.pack_into(fmt, patched, at + offset, value)
        at = patched.find(b"PK\x01\x02", at + 4)
    return bytes(patched)


def test_an_export_with_all_six_files_reads_into_the_data():
    export = read_export(_zip(ALL))

    assert export.profile == LinkedInProfile(first_name="Ada", last_name="Lovelace", headline="Analyst of engines",
                                             summary="Writes programs,\nfor engines.",
                                             location="London, United Kingdom", industry="Computing")
    assert export.positions == (
        Position("Analytical Engines Ltd", "Programmer", "Wrote the first program", "London", "2020-01", None),
        Position("Babbage & Co", "Assistant", None, "Cambridge", "2017", "2019-12"),
    )
    assert export.education == (Education("University of London", "BSc Mathematics", None,
                                           "Thesis on Bernoulli numbers\nChess club", "2013", "2016"),)
    assert export.skills == ("Python", "SQL", "Machine Learning")  # "python" a duplicate of "Python"
    assert export.certifications == (Certification("AWS Certified Developer", "Amazon Web Services",
                                                    "https://aws.example/cert/1", "2021-03", "2024-03"),)
    assert export.languages == (Language("English", "Native or bilingual proficiency"),
                                Language("French", "Professional working proficiency"))
    assert export.files_found == FILES
    assert export.files_missing == ()


def test_a_missing_file_leaves_its_part_empty_and_is_listed():
    export = read_export(_zip({name: text for name, text in ALL.items() if name != "Education.csv"}
                              | {"Connections.csv": "First Name,Last Name\nAlan,Turing\n"}))

    assert export.education == ()
    assert export.files_missing == ("Education.csv",)
    assert "Education.csv" not in export.files_found
    assert export.positions[0].company == "Analytical Engines Ltd"
    assert export.skills == ("Python", "SQL", "Machine Learning")


def test_an_empty_archive_has_everything_missing():
    export = read_export(_zip({}))
    assert export.profile == LinkedInProfile()
    assert (export.positions, export.skills, export.files_found, export.files_missing) == ((), (), (), FILES)


def test_files_are_found_in_a_nested_folder_by_base_name_whatever_the_case():
    export = read_export(_zip({"Basic_LinkedInDataExport_01-02-2025/SKILLS.CSV": SKILLS,
                               "Basic_LinkedInDataExport_01-02-2025/positions.csv": POSITIONS}))
    assert export.files_found == ("Positions.csv", "Skills.csv")
    assert export.skills == ("Python", "SQL", "Machine Learning")
    assert len(export.positions) == 2


def test_column_variants_header_case_and_a_notes_preamble():
    positions = ("Notes:\n\"Positions you have held, as listed on your profile\"\n\n"
                 "  COMPANY , job title,Start Date,End Date,description\n"
                 "Engines,Engineer,Mar 2019 - Present,,Built things\n")
    education = "School,Degree,Field Of Study,Activities,Start Date,End Date\nETH,MSc,Physics,Rowing,2010,2012\n"
    certifications = "Name,Issuer,Start Date,End Date,Url\nCKA,CNCF,2022-05-17,,\n"
    skills = "Notes:\nSkill\nGo\nRust\n"
    languages = "Language,Proficiency\nGerman,\n"
    export = read_export(_zip({"Positions.csv": positions, "Education.csv": education,
                               "Certifications.csv": certifications, "Skills.csv": skills,
                               "Languages.csv": languages}))

    assert export.positions == (Position("Engines", "Engineer", "Built things", None, "2019-03", None),)
    assert export.education == (Education("ETH", "MSc", "Physics", "Rowing", "2010", "2012"),)
    assert export.certifications == (Certification("CKA", "CNCF", None, "2022-05", None),)
    assert export.skills == ("Go", "Rust")
    assert export.languages == (Language("German", None),)


def test_a_closed_range_in_one_cell_gives_both_ends():
    export = read_export(_zip({"Education.csv": "School Name,Degree Name,Start Date\nMIT,PhD,2015 - 2019\n"}))
    assert (export.education[0].start, export.education[0].end) == ("2015", "2019")


@pytest.mark.parametrize("encode", [
    lambda text: text.encode("utf-8-sig"),
    lambda text: text.encode("utf-16"),  # with its BOM
    lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
    lambda text: text.encode("cp1252"),
], ids=["utf-8 BOM", "utf-16 LE BOM", "utf-16 BE BOM", "cp1252"])
def test_encodings(encode):
    profile = "First Name,Last Name,Geo Location\r\nJosé,Müller,\"Zürich, Switzerland\"\r\n"
    export = read_export(_zip({"Profile.csv": encode(profile), "Skills.csv": encode("Name\nFrançais\n")}))
    assert export.profile == LinkedInProfile(first_name="José", last_name="Müller", location="Zürich, Switzerland")
    assert export.skills == ("Français",)


def test_a_zip_bomb_is_refused_from_its_directory():
    five_mib_of_zeros = b"\0" * (5 * 1024 * 1024)  # compresses to about 5 KB: 1000:1
    with pytest.raises(TooLarge) as refused:
        read_export(_zip({**ALL, "Skills.csv": five_mib_of_zeros}))
    assert refused.value.code == "zip_bomb"


def test_a_bomb_is_refused_without_unpacking_it():
    # The directory claims 3.75 GB for a small member: refused from the directory alone (had it been
    # read, the data would not match its size and the refusal would be "malformed").
    data = _patch_directory(_zip({"Positions.csv": POSITIONS}), 24, "<I", 0xF0000000)
    with pytest.raises(TooLarge) as refused:
        read_export(data)
    assert refused.value.code == "zip_bomb"


def test_an_archive_unpacking_past_the_total_cap_is_refused():
    members = {f"media/file{i}.bin": b"a" * (9 * 1024 * 1024) for i in range(6)}  # 54 MiB stored
    with pytest.raises(TooLarge) as refused:
        read_export(_zip(members, zipfile.ZIP_STORED))
    assert refused.value.code == "too_large"


def test_a_member_whose_size_lies_is_read_bounded_and_refused():
    # The directory says 10 bytes; the data holds more. Reading stops at the declared size and the CRC
    # check refuses it: nothing is merged.
    data = _patch_directory(_zip({"Positions.csv": POSITIONS}, zipfile.ZIP_STORED), 24, "<I", 10)
    with pytest.raises(Invalid) as refused:
        read_export(data)
    assert refused.value.code == "malformed"


@pytest.mark.parametrize("name", ["../Skills.csv", "export/../../etc/passwd", "/etc/passwd",
                                  "export\\..\\Skills.csv", "C:/Windows/Skills.csv"])
def test_an_unsafe_member_name_is_refused(name):
    with pytest.raises(Invalid) as refused:
        read_export(_zip({**ALL, name: "Name\nPython\n"}))
    assert refused.value.code == "unsafe_name"


def test_too_many_members_are_refused():
    with pytest.raises(TooLarge) as refused:
        read_export(_zip({f"f{i}": b"" for i in range(MAX_MEMBERS + 1)}, zipfile.ZIP_STORED))
    assert refused.value.code == "too_many_files"


def test_an_over_large_csv_is_refused():
    big = "Name\n" + "A skill of many words here\n" * 420_000  # about 11 MB of text, compresses < 100:1
    with pytest.raises(TooLarge) as refused:
        read_export(_zip({"Skills.csv": big}, zipfile.ZIP_STORED))
    assert refused.value.code == "csv_too_large"


@pytest.mark.parametrize("data", [b"", b"First Name,Last Name\nAda,Lovelace\n", b"%PDF-1.7\n..."])
def test_a_file_that_is_not_a_zip_is_refused(data):
    with pytest.raises(UnsupportedMedia) as refused:
        read_export(data)
    assert refused.value.code == "unsupported_type"


def test_a_damaged_zip_is_refused():
    with pytest.raises(Invalid) as refused:
        read_export(_zip(ALL)[:200])
    assert refused.value.code == "malformed"


def test_an_encrypted_member_is_refused():
    data = _patch_directory(_zip(ALL), 8, "<H", 0x1)  # general purpose flag bit 0: encrypted
    with pytest.raises(UnsupportedMedia) as refused:
        read_export(data)
    assert refused.value.code == "encrypted"
