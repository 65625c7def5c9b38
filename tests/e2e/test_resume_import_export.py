"""JSON Resume import and export, and PDF export, over real HTTP."""

import copy
import io
import json
from pathlib import Path

import jsonschema
import pytest
import requests

from tests.e2e.test_resumes_api import SAMPLE, _create

FIXTURES = Path(__file__).parents[1] / "fixtures" / "jsonresume"
SCHEMA = json.loads((FIXTURES / "schema.json").read_text())
OFFICIAL_SAMPLE = json.loads((FIXTURES / "sample.resume.json").read_text())


@pytest.fixture
def owner(registered):
    return registered()


def _export(api, resume_id: str) -> dict:
    response = api.get(f"/v1/resumes/{resume_id}/export", params={"format": "json"})
    assert response.status_code == 200, response.text
    title = api.get(f"/v1/resumes/{resume_id}").json()["title"]
    assert _download_name(response) == f"{title}.json"
    return response.json()


def _download_name(response) -> str:
    from werkzeug.http import parse_options_header

    disposition, options = parse_options_header(response.headers["content-disposition"])
    assert disposition == "attachment"
    return options["filename"]


def test_exports_download_under_the_resume_title_in_any_script(owner):
    """Issue 11, kind 4: exports are named after the resume (RFC 6266/5987), slashes made dashes."""
    api, _ = owner
    resume = _create(api, title="Резюме / Łukasz Żmuda")
    json_export = api.get(f"/v1/resumes/{resume['id']}/export", params={"format": "json"})
    assert _download_name(json_export) == "Резюме - Łukasz Żmuda.json"
    link = api.get(f"/v1/resumes/{resume['id']}/export", params={"format": "pdf"}).json()
    assert _download_name(requests.get(link["url"], timeout=10)) == "Резюме - Łukasz Żmuda.pdf"


def _comparable(resume: dict) -> dict:
    """A resume without what an import necessarily renews (ids, times, flags)."""
    return {"title": resume["title"], "template": resume["template"], "language": resume["language"],
            "sections": [{k: s[k] for k in ("type", "title", "position", "visible", "items")}
                         for s in resume["sections"]]}


def test_export_validates_against_the_json_resume_schema_and_round_trips(owner):
    """Issue 11, kind 5: two sections of one type ("Work" and a hidden "Volunteering" experience, a
    visible and a hidden skills section) merged into one on the way back, hidden items shown."""
    api, user = owner
    body = copy.deepcopy(SAMPLE)
    body["sections"] += [
        {"type": "projects", "items": [{"name": "Vitae", "url": "https://vitae.example.com", "startDate": "2024",
                                        "highlights": ["Serverless"], "roles": ["Lead"], "entity": "Vitae"}]},
        {"type": "certifications", "items": [{"name": "AWS SAP", "issuer": "Amazon", "date": "2023-06"}]},
        {"type": "experience", "title": "Volunteering", "visible": False,
         "items": [{"company": "Code club", "position": "Mentor", "description": "Coding for kids"}]},
        {"type": "skills", "title": "Rusty", "visible": False, "items": [{"name": "COBOL", "level": "Beginner"}]},
        {"type": "languages", "items": [{"language": "English", "fluency": "Native"}]},
        {"type": "custom", "title": "Hobbies", "visible": False, "items": [{"title": "Chess", "text": "Club"}]},
    ]
    original = _create(api, **{k: v for k, v in body.items() if k != "title"})
    document = _export(api, original["id"])
    jsonschema.validate(document, SCHEMA)
    assert document["basics"]["name"] == "Ada Lovelace" and document["basics"]["email"] == user["email"]
    assert [w["name"] for w in document["work"]] == ["Vitae", "Code club"]
    assert [s["name"] for s in document["skills"]] == ["Python", "COBOL"]
    assert document["certificates"][0] == {"name": "AWS SAP", "issuer": "Amazon", "date": "2023-06"}
    imported = api.post("/v1/resumes/import", json=document)
    assert imported.status_code == 201, imported.text
    assert _comparable(imported.json()) == _comparable(original)
    jsonschema.validate(_export(api, imported.json()["id"]), SCHEMA)


def _content(document: dict) -> dict:
    """A JSON Resume document without its file metadata and empty values (`"image": ""`)."""
    from vitae.resumes.jsonresume import without_empty

    return {k: v for k, v in without_empty(document).items() if k not in ("meta", "$schema")}


def test_the_official_sample_round_trips_without_loss(owner):
    """Issue 11, kind 5: volunteer, awards, publications, interests, references, work[].description,
    basics (profiles, location...) were dropped on import."""
    api, _ = owner
    imported = api.post("/v1/resumes/import", json=OFFICIAL_SAMPLE)
    assert imported.status_code == 201, imported.text
    resume = imported.json()
    by_type = {s["type"]: s["items"] for s in resume["sections"]}
    assert resume["title"] == OFFICIAL_SAMPLE["basics"]["label"]
    assert by_type["summary"] == [{"text": OFFICIAL_SAMPLE["basics"]["summary"]}]
    assert by_type["volunteer"] == OFFICIAL_SAMPLE["volunteer"] and by_type["awards"] == OFFICIAL_SAMPLE["awards"]
    assert by_type["experience"][0]["description"] == "Awesome compression company"
    exported = _export(api, resume["id"])
    jsonschema.validate(exported, SCHEMA)
    assert _content(exported) == _content(OFFICIAL_SAMPLE)


def test_pre_1_0_names_are_mapped(owner):
    api, _ = owner
    old = {"bio": {"firstName": "Richard", "lastName": "Hendriks", "summary": "Compression."},
           "work": [{"company": "Pied Piper", "position": "CEO", "website": "https://piedpiper.example.com",
                     "startDate": "2013-12-01", "highlights": ["Middle-out"]}],
           "education": [{"institution": "Stanford", "area": "CS", "studyType": "BS", "gpa": "4.0",
                          "startDate": "2007", "endDate": "2011"}]}
    resume = api.post("/v1/resumes/import", json=old).json()
    by_type = {s["type"]: s["items"] for s in resume["sections"]}
    assert resume["title"] == "Richard Hendriks"
    assert by_type["experience"][0] == {"company": "Pied Piper", "position": "CEO", "url": "https://piedpiper.example.com",
                                        "startDate": "2013-12-01", "highlights": ["Middle-out"]}
    assert by_type["education"][0]["score"] == "4.0"


def test_bad_documents_are_400_with_json_resume_paths_and_create_nothing(owner):
    """Issue 11, kinds 2 and 5: an impossible date was stored; errors named pydantic's locations
    (`sections.1.experience.items.0.endDate`) with "Value error," prefixes."""
    api, _ = owner
    assert api.post("/v1/resumes/import", json=["not", "an", "object"]).status_code == 400
    bad_dates = api.post("/v1/resumes/import", json={"work": [
        {"name": "X", "position": "Y", "startDate": "2018-01"},
        {"name": "X", "position": "Y", "startDate": "last year", "endDate": "2019-02-31"}]})
    assert bad_dates.status_code == 400
    assert bad_dates.json()["details"] == [
        {"field": "work[1].startDate", "message": "must be a date written YYYY, YYYY-MM or YYYY-MM-DD", "in": "body"},
        {"field": "work[1].endDate", "message": "2019-02-31 is not a date of the calendar", "in": "body"}]
    unknown = api.post("/v1/resumes/import", json={"work": "nope", "hobbies": ["chess"]}).json()
    assert {d["field"]: d["message"] for d in unknown["details"]} == {
        "work": "must be an array", "hobbies": "is not a JSON Resume v1 section"}
    ordered = api.post("/v1/resumes/import", json={"awards": [{"title": "A", "date": "2021"}],
                                                   "volunteer": [{"organization": "O", "startDate": "2020",
                                                                  "endDate": "2019"}]}).json()
    assert ordered["details"] == [{"field": "volunteer[0]", "message": "endDate is before startDate", "in": "body"}]
    assert api.get("/v1/resumes").json()["items"] == []


@pytest.mark.parametrize("template", ["classic", "modern"])
def test_pdf_export_has_the_visible_text_and_none_of_the_hidden(owner, template):
    import pypdf

    api, _ = owner
    resume = _create(api)
    skills = resume["sections"][3]["id"]
    api.patch(f"/v1/resumes/{resume['id']}/sections/visibility", json={"sections": [{"id": skills, "visible": False}]})
    response = api.get(f"/v1/resumes/{resume['id']}/export", params={"format": "pdf", "template": template})
    assert response.status_code == 200, response.text
    link = response.json()
    assert (link["format"], link["template"]) == ("pdf", template)
    download = requests.get(link["url"], timeout=10)
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(download.content)).pages)
    flat = " ".join(text.split()).lower()
    for expected in ("Ada Lovelace", "Backend engineer", "Summary", "Experience", "Education",
                     "Engineer who ships serverless systems.", "Founding engineer, Vitae", "Built the platform layer",
                     "University of Edinburgh", "Informatics", "2015 – 2019"):
        assert expected.lower() in flat, expected
    for hidden in ("Skills", "Python", "PostgreSQL"):
        assert hidden.lower() not in flat, hidden
    stats = api.get(f"/v1/resumes/{resume['id']}/statistics").json()
    assert stats["downloads"] == 1


def _pdf_text(link: dict, pages: slice = slice(None)) -> str:
    import pypdf

    download = requests.get(link["url"], timeout=30)
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(download.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages[pages]).split())


NAMES = {"latin-ext": "Łukasz Żmuda", "vietnamese": "Nguyễn Văn Đức", "cyrillic": "Иван Петров",
         "greek": "Γιώργος Παπαδόπουλος", "chinese": "王小明", "japanese": "山田太郎", "korean": "김민준"}


@pytest.mark.parametrize("template", ["classic", "modern"])
def test_pdf_export_draws_any_script(owner, template):
    """Issue 11, kind 6: these printed as "?" (fpdf2's core fonts hold Latin-1 only). In the header,
    in bold headings and in regular text; decomposed accents (macOS input) come out composed."""
    api, _ = owner
    decomposed = "Nguye\u0302\u0303n Va\u0306n"
    resume = _create(api, title="Résumé — Łódź", language="ko", sections=[
        {"type": "contact", "items": [{"name": "Łukasz Żmuda", "label": "Инженер", "location": {"city": "Kraków"}}]},
        {"type": "experience", "title": "Опыт работы", "items": [
            {"company": name, "position": "Ἀρχιτέκτων", "summary": f"{name}: {decomposed}, 東京 — «ok»"}
            for name in NAMES.values()]},
        {"type": "skills", "title": "기술", "items": [{"name": "Python", "keywords": ["日本語", "한국어"]}]},
    ])
    link = api.get(f"/v1/resumes/{resume['id']}/export", params={"format": "pdf", "template": template}).json()
    text = _pdf_text(link).lower()  # the classic template writes section titles in capitals
    for expected in ("Łukasz Żmuda", "Инженер", "Kraków", "Опыт работы", "Ἀρχιτέκτων", "Nguyễn Văn,", "東京 — «ok»",
                     "기술", "日本語, 한국어", *(f"Ἀρχιτέκτων, {name}" for name in NAMES.values())):
        assert expected.lower() in text, expected
    assert "?" not in text


def _long_item(n: int) -> dict:
    words = f"Item {n} shipped a serverless platform for career data with PostgreSQL, Redis and S3. "
    return {"company": f"Company {n}", "position": "Engineer", "startDate": "2020-01", "endDate": "2021-02",
            "location": "Paris", "summary": (words * 70)[:5000],
            "highlights": [(f"Highlight {h} of item {n}: cut cold starts by half, kept roles least-privileged. "
                            * 7)[:500] for h in range(30)]}


def test_a_resume_at_the_documented_limits_renders_within_the_function_timeout(owner):
    """Issue 11, kind 6: three sections of 50 items with every text at its longest (3 million
    characters) timed out at 20 s with a 503; lines are now broken in linear time."""
    api, _ = owner
    sections = [{"type": "experience", "title": f"Part {s}", "items": [_long_item(50 * s + n) for n in range(50)]}
                for s in range(3)]
    resume = _create(api, title="Long", sections=sections)
    response = api.get(f"/v1/resumes/{resume['id']}/export", params={"format": "pdf"})
    assert response.status_code == 200, response.text
    assert "Highlight 29 of item 149: cut cold starts by half" in _pdf_text(response.json(), slice(-2, None))


def test_a_resume_past_what_an_export_draws_is_refused_before_any_work(owner):
    """The bound is said with a 413 before rendering: nothing stored, no download counted."""
    from tests.e2e.test_resume_attachments import _objects

    api, user = owner
    hanzi = "".join(chr(0x4E00 + n) for n in range(4500))
    resume = _create(api, title="Hanzi", sections=[
        {"type": "custom", "items": [{"text": hanzi[n:n + 1500]} for n in range(0, 4500, 1500)]}])
    refused = api.get(f"/v1/resumes/{resume['id']}/export", params={"format": "pdf"})
    assert refused.status_code == 413 and refused.json()["error"] == "resume_too_long_for_pdf"
    assert "4,500 different ones" in refused.json()["message"]
    assert _objects(f"exports/{user['id']}/") == []
    assert api.get(f"/v1/resumes/{resume['id']}/statistics").json()["downloads"] == 0


def test_other_users_cannot_export(owner, registered):
    api, _ = owner
    intruder, _ = registered()
    resume = _create(api)
    assert intruder.get(f"/v1/resumes/{resume['id']}/export").status_code == 404
    assert intruder.get(f"/v1/resumes/{resume['id']}/export", params={"format": "pdf"}).status_code == 404
    assert api.get(f"/v1/resumes/{resume['id']}/export", params={"format": "docx"}).status_code == 400
