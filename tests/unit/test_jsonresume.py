"""JSON Resume import and export (issue 11, kind 5): every v1 section and field kept, Vitae's layout
carried in meta.vitae, errors named by JSON Resume paths in plain words."""

import copy
import json
import string
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vitae.platform.errors import Invalid
from vitae.resumes import jsonresume
from vitae.resumes.sections import ResumeIn
from vitae.resumes.service import _section_rows

FIXTURES = Path(__file__).parents[1] / "fixtures" / "jsonresume"
SCHEMA = json.loads((FIXTURES / "schema.json").read_text())
OFFICIAL_SAMPLE = json.loads((FIXTURES / "sample.resume.json").read_text())
OWNER = {"fullName": "Ada Lovelace", "email": "ada@example.com"}


def _stored(body: ResumeIn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The resume and section rows as the service stores them."""
    resume = {"title": body.title, "template": body.template, "language": body.language,
              "updated_at": datetime(2026, 11, 22, tzinfo=UTC)}
    return resume, _section_rows(body)


def _export(body: ResumeIn) -> dict[str, Any]:
    return jsonresume.export(*_stored(body), OWNER)


def _round_trip(body: ResumeIn) -> ResumeIn:
    return jsonresume.to_resume(json.loads(json.dumps(_export(body))))


def _content(document: dict[str, Any]) -> dict[str, Any]:
    """A document without its file metadata and empty values (`"image": ""` says nothing)."""
    return {k: v for k, v in jsonresume.without_empty(document).items() if k not in ("meta", "$schema")}


def test_the_official_sample_round_trips_without_loss():
    imported = jsonresume.to_resume(copy.deepcopy(OFFICIAL_SAMPLE))
    assert [s.type for s in imported.sections] == [
        "contact", "summary", "experience", "volunteer", "education", "awards", "publications", "skills",
        "languages", "interests", "references", "projects"]
    exported = _export(imported)
    jsonschema.validate(exported, SCHEMA)
    assert _content(exported) == _content(OFFICIAL_SAMPLE)
    assert imported.title == "Programmer"


def test_what_the_old_import_dropped_is_kept():
    """volunteer, awards, publications, interests, references and work[].description were dropped."""
    by_type = {s.type: _section_rows(ResumeIn(title="t", sections=[s]))[0]["items"]
               for s in jsonresume.to_resume(copy.deepcopy(OFFICIAL_SAMPLE)).sections}
    assert by_type["experience"][0]["description"] == "Awesome compression company"
    assert by_type["volunteer"] == [OFFICIAL_SAMPLE["volunteer"][0]]
    assert by_type["awards"] == OFFICIAL_SAMPLE["awards"]
    assert by_type["publications"] == OFFICIAL_SAMPLE["publications"]
    assert by_type["interests"] == OFFICIAL_SAMPLE["interests"]
    assert by_type["references"] == OFFICIAL_SAMPLE["references"]
    assert by_type["projects"] == OFFICIAL_SAMPLE["projects"]
    assert by_type["contact"][0]["profiles"] == OFFICIAL_SAMPLE["basics"]["profiles"]
    assert by_type["skills"][0]["level"] == "Master"


LAYOUT = ResumeIn.model_validate({
    "title": "Everything", "template": "modern", "language": "pt-BR", "sections": [
        {"type": "summary", "title": "Profile", "items": [{"text": "First."}, {"text": "Second.\n\nWith a break."}]},
        {"type": "experience", "title": "Work", "items": [
            {"company": "A", "position": "Dev", "startDate": "2020-02-29"}, {"company": "B", "position": "Lead"}]},
        {"type": "skills", "title": "Shown skills", "items": [{"name": "Python", "level": "Expert"}]},
        {"type": "experience", "title": "Volunteering", "visible": False, "items": [
            {"company": "Code club", "position": "Mentor", "highlights": ["Taught"]}]},
        {"type": "custom", "title": "Hobbies", "visible": False, "items": [{"title": "Chess", "text": "Club"}]},
        {"type": "skills", "title": "Hidden skills", "visible": False, "items": [{"name": "COBOL"}]},
        {"type": "contact", "title": "Reach me", "items": [{"name": "Ada", "email": "a@example.com"}]},
        {"type": "experience", "title": "Empty", "items": []},
        {"type": "summary", "title": "Also", "items": [{"text": "Third."}]},
    ]})


def test_vitae_layout_survives_an_export_and_import():
    """Two sections of one type (one hidden) merged into one, and hidden items became visible."""
    exported = _export(LAYOUT)
    jsonschema.validate(exported, SCHEMA)
    assert [w["name"] for w in exported["work"]] == ["A", "B", "Code club"]  # one array, in section order
    assert exported["meta"]["vitae"]["sections"][3] == {
        "type": "experience", "title": "Volunteering", "visible": False, "count": 1}
    assert _stored(_round_trip(LAYOUT)) == _stored(LAYOUT)


def test_entries_added_to_the_file_join_the_last_section_of_their_type():
    document = _export(LAYOUT)
    document["work"].append({"name": "C", "position": "CTO"})
    document["volunteer"] = [{"organization": "Red Cross"}]
    document["basics"]["summary"] = "Rewritten."
    sections = jsonresume.to_resume(document).sections
    assert [(s.title, [i.company for i in s.items]) for s in sections if s.type == "experience"] == [
        ("Work", ["A", "B"]), ("Volunteering", ["Code club"]), ("Empty", ["C"])]
    assert sections[-1].type == "volunteer" and sections[-1].items[0].organization == "Red Cross"
    assert [[i.text for i in s.items] for s in sections if s.type == "summary"] == [["Rewritten."], []]


def test_entries_removed_from_the_file_leave_the_later_sections_short():
    document = _export(LAYOUT)
    del document["work"][0]
    experience = [s for s in jsonresume.to_resume(document).sections if s.type == "experience"]
    assert [[i.company for i in s.items] for s in experience] == [["B", "Code club"], [], []]


def test_an_export_without_a_contact_section_imports_without_one():
    body = ResumeIn.model_validate({"title": "Plain", "sections": [{"type": "skills", "items": [{"name": "Go"}]}]})
    exported = _export(body)
    assert exported["basics"] == {"name": "Ada Lovelace", "label": "Plain", "email": "ada@example.com"}
    assert _stored(_round_trip(body)) == _stored(body)


def _problems(document: Any) -> dict[str, str]:
    with pytest.raises(Invalid) as refused:
        jsonresume.to_resume(document)
    return {d["field"]: d["message"] for d in refused.value.details}


@pytest.mark.parametrize("document, expected", [
    ({"work": [{"name": "X", "position": "Y", "startDate": "2019-02-31"}]},
     {"work[0].startDate": "2019-02-31 is not a date of the calendar"}),
    ({"work": [{"name": "X", "position": "Y", "startDate": "2021", "endDate": "2020"}]},
     {"work[0]": "endDate is before startDate"}),
    ({"work": [{"name": "X"}]}, {"work[0].position": "Field required"}),
    ({"education": [{"institution": "U", "gpa": "4.0", "startDate": "1850"}]},
     {"education[0].startDate": "year must be between 1900 and 2100"}),
    ({"awards": [{"awarder": "ACM"}], "volunteer": [{"organization": "O", "startDate": "2020-13"}]},
     {"awards[0].title": "Field required", "volunteer[0].startDate": "2020-13 is not a date of the calendar"}),
    ({"work": [{"name": "X", "position": "Y", "salary": 1}], "basics": {"name": "A", "pets": ["cat"]}},
     {"work[0].salary": "is not a JSON Resume v1 field: Vitae keeps only those",
      "basics.pets": "is not a JSON Resume v1 field: Vitae keeps only those"}),
    ({"hobbies": [], "work": {"name": "X"}, "skills": ["Python"], "basics": "Ada"},
     {"hobbies": "is not a JSON Resume v1 section", "work": "must be an array", "skills[0]": "must be an object",
      "basics": "must be an object"}),
    ({"basics": {"profiles": [{"network": "X", "url": "not a url"}], "location": {"countryCode": "USA"}}},
     {"basics.profiles[0].url": "must be an http or https URL",
      "basics.location.countryCode": "must be a two-letter ISO 3166-1 country code"}),
    ({"basics": {"email": "ada at example"}}, {"basics.email": "must be an email address"}),
    ({"meta": {"vitae": {"language": "English!"}}},
     {"meta.vitae.language": "must be a language tag such as en or pt-BR"}),
    ({"skills": [{"name": "x"}] * 101}, {"skills": "List should have at most 100 items after validation, not 101"}),
    ({"meta": {"vitae": {"sections": [{"type": "hobbies"}, {"type": "custom", "items": [{"text": ""}]}]}}},
     {"meta.vitae.sections[0].type": "Input should be 'contact', 'summary', 'experience', 'volunteer', "
                                     "'education', 'awards', 'publications', 'skills', 'projects', "
                                     "'certifications', 'languages', 'interests', 'references' or 'custom'"}),
    ({"meta": {"vitae": {"title": "T", "sections": [{"type": "custom", "items": [{"text": " "}]}]}}},
     {"meta.vitae.sections[0].items[0].text": "String should have at least 1 character"}),
    ({"meta": {"vitae": {"sections": [{"type": "contact"}, {"type": "contact"}]}}},
     {"meta.vitae.sections": "a resume has one contact section at most"}),
    ({"basics": {"label": "x" * 201}}, {"basics.label": "String should have at most 200 characters"}),
    ({"meta": {"vitae": {"sections": [{"type": "skills", "items": [{"name": "Go"}]}, {"type": "custom", "count": 1}]}}},
     {"meta.vitae.sections[0]": "a skills section's entries are in skills, not in items",
      "meta.vitae.sections[1]": "a custom section has no JSON Resume array to count entries in"}),
    ({"basics": {"name": "A"}, "bio": {"firstName": "B"}, "work": [{"name": "X", "company": "Y", "position": "P"}]},
     {"bio": "is the pre-1.0 name of basics: send one of them",
      "work[0].company": "is the pre-1.0 name of name: send one of them"}),
    ({"meta": {"vitae": {"sections": [{"type": "custom", "items": [{"text": "t", "colour": "red"}]}]}}},
     {"meta.vitae.sections[0].items[0].colour": "Extra inputs are not permitted"}),
    (["not", "an", "object"], {"body": "must be an object"}),
])
def test_refusals_name_json_resume_paths_in_plain_words(document, expected):
    problems = _problems(document)
    assert problems == expected
    assert not any(internal in message for message in problems.values()
                   for internal in ("Value error", "Item", "instance of", "(", "function-after"))


# -- property: any resume round-trips ---------------------------------------------------------------

_text = st.text(string.ascii_letters + string.digits + " .,-éłŻ東京", min_size=1, max_size=12).map(
    str.strip).filter(bool)
_date = st.sampled_from(["2019", "2020-02", "2020-02-29", "2021-12-31"])
_url = st.sampled_from(["https://example.com", "http://a.example/x?y=1"])
_list = st.lists(_text, max_size=3)


def _item(required: dict[str, Any], optional: dict[str, Any]) -> st.SearchStrategy:
    return st.fixed_dictionaries(required, optional=optional)


ITEMS = {
    "summary": _item({"text": _text}, {}),
    "experience": _item({"company": _text, "position": _text},
                        {"description": _text, "location": _text, "url": _url, "summary": _text,
                         "highlights": _list, "startDate": _date}),
    "volunteer": _item({"organization": _text}, {"position": _text, "url": _url, "highlights": _list}),
    "education": _item({"institution": _text}, {"url": _url, "studyType": _text, "area": _text, "score": _text,
                                                "courses": _list, "endDate": _date}),
    "awards": _item({"title": _text}, {"date": _date, "awarder": _text, "summary": _text}),
    "publications": _item({"name": _text}, {"publisher": _text, "releaseDate": _date, "url": _url}),
    "skills": _item({"name": _text}, {"level": _text, "keywords": _list}),
    "projects": _item({"name": _text}, {"description": _text, "entity": _text, "type": _text, "roles": _list,
                                        "keywords": _list, "startDate": _date}),
    "certifications": _item({"name": _text}, {"issuer": _text, "date": _date, "url": _url}),
    "languages": _item({"language": _text}, {"fluency": _text}),
    "interests": _item({"name": _text}, {"keywords": _list}),
    "references": _item({"name": _text}, {"reference": _text}),
    "custom": _item({"text": _text}, {"title": _text}),
}
_contact = _item({"name": _text}, {"label": _text, "email": st.just("x@example.com"), "phone": _text,
                                   "location": _item({"city": _text}, {"countryCode": st.just("PT")}),
                                   "profiles": st.lists(_item({"network": _text}, {"url": _url}), max_size=2)})


@st.composite
def _resumes(draw) -> ResumeIn:
    sections = []
    for kind in draw(st.lists(st.sampled_from(sorted(ITEMS)), max_size=8)):
        sections.append({"type": kind, "title": draw(_text), "visible": draw(st.booleans()),
                         "items": draw(st.lists(ITEMS[kind], max_size=3))})
    if draw(st.booleans()):
        sections.insert(draw(st.integers(0, len(sections))), {
            "type": "contact", "visible": draw(st.booleans()), "items": draw(st.lists(_contact, max_size=1))})
    return ResumeIn.model_validate({"title": draw(_text), "template": draw(st.sampled_from(["classic", "modern"])),
                                    "language": draw(st.sampled_from(["en", "ja", "pt-BR"])), "sections": sections})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_resumes())
def test_any_resume_survives_an_export_and_import(resume):
    exported = _export(resume)
    jsonschema.validate(exported, SCHEMA)
    assert _stored(_round_trip(resume)) == _stored(resume)
