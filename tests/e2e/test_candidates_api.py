"""Candidate profiles over real HTTP through the devstack gateway: CRUD, validation, ownership,
case-insensitive skills, the caller's own profile and the audit log."""

import json
import uuid
from pathlib import Path

import pytest

PROFILE = json.loads(json.loads((Path(__file__).parents[2] / "events/candidates/create.json").read_text())["body"])
ENTRIES = {
    "education": {"degree": "MSc", "university": "Universidad Politécnica de Madrid",
                  "fieldOfStudy": "Computer Science", "startYear": 2010, "endYear": 2012},
    "work-experience": {"companyName": "Acme GmbH", "jobTitle": "Senior Engineer", "startDate": "2019-03",
                        "endDate": "2023-07", "location": "Berlin", "highlights": ["Cut p99 latency by 40%"]},
    "skills": {"skillName": "PostgreSQL"},
    "certifications": {"title": "AWS Certified Developer", "issuedBy": "Amazon Web Services", "issueDate": "2021-05"},
    "projects": {"name": "vitae", "description": "A serverless CV backend", "url": "https://github.com/ada/vitae",
                 "keywords": ["Python", "AWS Lambda"], "stars": 42, "startDate": "2024-01", "endDate": "2026-11-30"},
    "languages": {"language": "Español", "fluency": "Native speaker"},
}
LIST_FIELD = {"education": "education", "work-experience": "workExperience", "skills": "skills",
              "certifications": "certifications", "projects": "projects", "languages": "languages"}
# What an edit changes, per kind (the rest of the entry is sent as it was).
CHANGES = {"skills": {"skillName": "Postgres"}, "work-experience": {"endDate": None},
           "projects": {"stars": 0, "keywords": [], "url": None}, "languages": {"language": "Castellano"}}


@pytest.fixture
def candidate(registered):
    api, user = registered()
    response = api.post("/v1/candidates", json=PROFILE, headers={"X-Tenant-Id": "acme"})
    assert response.status_code == 201, response.text
    return api, user, response.json()


def _audit_rows(candidate_id: str) -> list[dict]:
    from vitae.platform import db

    return db.connection().execute(
        "SELECT user_id, action, ip_address, tenant, details FROM audit_log WHERE candidate_id = %s "
        "ORDER BY created_at",
        (candidate_id,)).fetchall()


def test_create_and_read_a_profile(candidate):
    api, user, body = candidate
    assert body["userId"] == user["id"]
    assert {k: body[k] for k in PROFILE} == PROFILE
    assert body["education"] == body["workExperience"] == body["skills"] == body["certifications"] == []
    assert body["projects"] == body["languages"] == []
    assert api.get(f"/v1/candidates/{body['id']}").json() == body
    assert api.get("/v1/profile").json()["id"] == body["id"]
    rows = _audit_rows(body["id"])
    assert rows[0]["action"] == "candidate.created" and str(rows[0]["user_id"]) == user["id"]
    assert rows[0]["ip_address"] == "127.0.0.1" and rows[0]["tenant"] == "acme"
    assert "firstName" not in rows[0]["details"]["fields"] and "first_name" in rows[0]["details"]["fields"]


def test_one_profile_per_user_and_registration_first(candidate, as_user):
    api, _, _ = candidate
    again = api.post("/v1/candidates", json=PROFILE)
    assert again.status_code == 409 and again.json()["message"] == "You already have a candidate profile"
    stranger, _, _ = as_user()
    response = stranger.post("/v1/candidates", json=PROFILE)
    assert response.status_code == 404 and "register first" in response.json()["message"]


@pytest.mark.parametrize("changes, field", [
    ({"dob": "2030-01-01"}, "dob"),
    ({"dob": "1850-01-01"}, "dob"),
    ({"dob": "2001-02-29"}, "dob"),  # not in the calendar (issue 11, kind 2)
    ({"phone": "call me maybe"}, "phone"),
    ({"firstName": ""}, "firstName"),
    ({"links": [{"label": "x", "url": "javascript:alert(1)"}]}, "links[0].url"),
    ({"nickname": "Pepe"}, "nickname"),
])
def test_profile_fields_are_validated(registered, changes, field):
    api, _user = registered()
    response = api.post("/v1/candidates", json={**PROFILE, **changes})
    assert response.status_code == 400
    assert field in [d["field"] for d in response.json()["details"]]
    assert api.get("/v1/profile").status_code == 404


def test_put_replaces_fields_and_personal_changes_only_what_is_sent(candidate):
    api, _, body = candidate
    replaced = api.put(f"/v1/candidates/{body['id']}", json={"firstName": "Pepe", "headline": "Staff engineer"})
    assert replaced.status_code == 200
    assert replaced.json()["firstName"] == "Pepe" and replaced.json()["lastName"] is None
    assert replaced.json()["links"] == []
    personal = api.put(f"/v1/candidates/{body['id']}/personal", json={"phone": "+1 415 555 0132", "lastName": "Núñez"})
    assert personal.status_code == 200
    got = personal.json()
    assert (got["firstName"], got["lastName"], got["phone"], got["headline"]) == (
        "Pepe", "Núñez", "+1 415 555 0132", "Staff engineer")
    assert api.put(f"/v1/candidates/{body['id']}/personal", json={}).status_code == 400
    actions = [r["action"] for r in _audit_rows(body["id"])]
    assert actions[-2:] == ["candidate.updated", "candidate.personal_updated"]


def test_put_profile_creates_then_replaces(registered):
    api, user = registered()
    assert api.get("/v1/profile").status_code == 404
    created = api.put("/v1/profile", json={"firstName": "Zoë", "lastName": "Łukasiewicz"})
    assert created.status_code == 200 and created.json()["userId"] == user["id"]
    replaced = api.put("/v1/profile", json={"firstName": "Zoë", "summary": "Data engineer"})
    assert replaced.json()["id"] == created.json()["id"]
    assert replaced.json()["lastName"] is None and replaced.json()["summary"] == "Data engineer"


@pytest.mark.parametrize("route", list(ENTRIES))
def test_entries_add_edit_delete(candidate, route):
    api, _, body = candidate
    added = api.post(f"/v1/candidates/{body['id']}/{route}", json=ENTRIES[route])
    assert added.status_code == 201, added.text
    entry = added.json()
    assert {k: entry[k] for k in ENTRIES[route]} == ENTRIES[route] and entry["source"] == "user"
    assert api.get(f"/v1/candidates/{body['id']}").json()[LIST_FIELD[route]] == [entry]

    change = {**ENTRIES[route], **CHANGES.get(route, {})}
    edited = api.put(f"/v1/{route}/{entry['id']}", json=change)
    assert edited.status_code == 200 and {k: edited.json()[k] for k in change} == change
    assert api.get(f"/v1/candidates/{body['id']}").json()[LIST_FIELD[route]] == [edited.json()]

    assert api.delete(f"/v1/{route}/{entry['id']}").status_code == 204
    assert api.get(f"/v1/candidates/{body['id']}").json()[LIST_FIELD[route]] == []
    assert api.delete(f"/v1/{route}/{entry['id']}").status_code == 404
    actions = [r["action"] for r in _audit_rows(body["id"])]
    assert [a for a in actions if a.startswith(route)] == [f"{route}.added", f"{route}.updated", f"{route}.deleted"]


@pytest.mark.parametrize("route, body, field", [
    ("education", {"degree": "BSc", "university": "MIT", "startYear": 2016, "endYear": 2012}, "body"),
    ("education", {"degree": "BSc", "university": "MIT", "startYear": 1850}, "startYear"),
    ("education", {"degree": "BSc", "university": "MIT", "endYear": 2999}, "endYear"),
    ("work-experience", {"companyName": "Acme", "jobTitle": "Dev", "startDate": "2021-05", "endDate": "2020-01"},
     "body"),
    ("work-experience", {"companyName": "Acme", "jobTitle": "Dev", "startDate": "2021-13"}, "startDate"),
    ("work-experience", {"companyName": "Acme"}, "jobTitle"),
    ("skills", {"skillName": ""}, "skillName"),
    ("certifications", {"title": "CKA", "issueDate": "21/05/2021"}, "issueDate"),
    # impossible calendar dates and numbers past the INTEGER column (issue 11, kind 2)
    ("work-experience", {"companyName": "Acme", "jobTitle": "Dev", "startDate": "2019-02-31"}, "startDate"),
    ("certifications", {"title": "CKA", "issueDate": "2023-02-29"}, "issueDate"),
    ("education", {"degree": "BSc", "university": "MIT", "startYear": 10**12}, "startYear"),
    ("education", {"degree": "BSc", "university": "MIT", "endYear": 2**31}, "endYear"),
    ("projects", {"name": "vitae", "url": "ftp://example.com/vitae"}, "url"),
    ("projects", {"name": "vitae", "url": "javascript:alert(1)"}, "url"),
    ("projects", {"name": "vitae", "stars": -1}, "stars"),
    ("projects", {"name": "vitae", "stars": 2**31}, "stars"),
    ("projects", {"name": "vitae", "startDate": "2024-05", "endDate": "2023-01"}, "body"),
    ("projects", {"name": "vitae", "keywords": [""]}, "keywords[0]"),
    ("projects", {"description": "no name"}, "name"),
    ("languages", {"language": ""}, "language"),
    ("languages", {"fluency": "Native speaker"}, "language"),
])
def test_entries_are_validated(candidate, route, body, field):
    api, _, profile = candidate
    response = api.post(f"/v1/candidates/{profile['id']}/{route}", json=body)
    assert response.status_code == 400, response.text
    assert field in [d["field"] for d in response.json()["details"]]
    assert api.get(f"/v1/candidates/{profile['id']}").json()[LIST_FIELD[route]] == []


def test_skills_are_unique_case_insensitively(candidate):
    api, _, body = candidate
    python = api.post(f"/v1/candidates/{body['id']}/skills", json={"skillName": "Python"}).json()
    duplicate = api.post(f"/v1/candidates/{body['id']}/skills", json={"skillName": "  PYTHON "})
    assert duplicate.status_code == 409 and "already has the skill" in duplicate.json()["message"]
    go = api.post(f"/v1/candidates/{body['id']}/skills", json={"skillName": "Go"}).json()
    renamed = api.put(f"/v1/skills/{go['id']}", json={"skillName": "python"})
    assert renamed.status_code == 409
    assert [s["skillName"] for s in api.get(f"/v1/candidates/{body['id']}").json()["skills"]] == ["Python", "Go"]
    assert python["skillName"] == "Python"


def test_languages_are_unique_case_insensitively(candidate):
    api, _, body = candidate
    english = api.post(f"/v1/candidates/{body['id']}/languages", json={"language": "English", "fluency": "C2"})
    assert english.status_code == 201, english.text
    duplicate = api.post(f"/v1/candidates/{body['id']}/languages", json={"language": "  ENGLISH ", "fluency": "B1"})
    assert duplicate.status_code == 409
    assert duplicate.json()["message"] == "The profile already has the language 'ENGLISH'"
    german = api.post(f"/v1/candidates/{body['id']}/languages", json={"language": "German"}).json()
    renamed = api.put(f"/v1/languages/{german['id']}", json={"language": "english"})
    assert renamed.status_code == 409 and "already has the language" in renamed.json()["message"]
    languages = api.get(f"/v1/candidates/{body['id']}").json()["languages"]
    assert [(x["language"], x["fluency"]) for x in languages] == [("English", "C2"), ("German", None)]
    assert api.put(f"/v1/languages/{german['id']}", json={"language": "german", "fluency": "B2"}).status_code == 200


@pytest.mark.parametrize("route, table", [("projects", "candidate_projects"), ("languages", "candidate_languages")])
def test_projects_and_languages_are_stored_as_sent_and_audited(candidate, route, table):
    from vitae.platform import db

    api, user, body = candidate
    entry = api.post(f"/v1/candidates/{body['id']}/{route}", json=ENTRIES[route],
                     headers={"X-Tenant-Id": "acme"}).json()
    row = db.connection().execute(f"SELECT * FROM {table} WHERE id = %s", (entry["id"],)).fetchone()
    assert str(row["candidate_id"]) == body["id"] and row["source"] == "user"
    if route == "projects":
        assert (row["name"], row["description"], row["url"], row["keywords"], row["stars"], row["start_date"],
                row["end_date"]) == ("vitae", "A serverless CV backend", "https://github.com/ada/vitae",
                                     ["Python", "AWS Lambda"], 42, "2024-01", "2026-11-30")
    else:
        assert (row["language"], row["fluency"]) == ("Español", "Native speaker")
    (added,) = [r for r in _audit_rows(body["id"]) if r["action"] == f"{route}.added"]
    assert str(added["user_id"]) == user["id"] and added["details"] == {"entryId": entry["id"]}
    assert (added["ip_address"], added["tenant"]) == ("127.0.0.1", "acme")


@pytest.mark.parametrize("route", ["projects", "languages"])
def test_projects_and_languages_of_other_users_are_404(candidate, registered, route):
    api, _, body = candidate
    entry = api.post(f"/v1/candidates/{body['id']}/{route}", json=ENTRIES[route]).json()
    other, _ = registered()
    own = other.put("/v1/profile", json={"firstName": "Eve"}).json()
    for response in (
        other.post(f"/v1/candidates/{body['id']}/{route}", json=ENTRIES[route]),
        other.post(f"/v1/candidates/{uuid.uuid4()}/{route}", json=ENTRIES[route]),
        other.put(f"/v1/{route}/{entry['id']}", json=ENTRIES[route]),
        other.delete(f"/v1/{route}/{entry['id']}"),
        other.delete(f"/v1/{route}/not-a-uuid"),
    ):
        assert response.status_code == 404, response.request.url
    assert api.get(f"/v1/candidates/{body['id']}").json()[LIST_FIELD[route]] == [entry]
    assert api.get(f"/v1/candidates/{own['id']}").status_code == 404
    assert other.get("/v1/profile").json()[LIST_FIELD[route]] == []


def test_other_users_candidates_and_entries_are_404(candidate, registered):
    api, _, body = candidate
    skill = api.post(f"/v1/candidates/{body['id']}/skills", json={"skillName": "Rust"}).json()
    other, stranger = registered()
    cid = body["id"]
    for response in (
        other.get(f"/v1/candidates/{cid}"), other.put(f"/v1/candidates/{cid}", json=PROFILE),
        other.put(f"/v1/candidates/{cid}/personal", json={"phone": "+44 20 7946 0958"}),
        other.post(f"/v1/candidates/{cid}/skills", json={"skillName": "Go"}),
        other.put(f"/v1/skills/{skill['id']}", json={"skillName": "Go"}), other.delete(f"/v1/skills/{skill['id']}"),
        other.get(f"/v1/candidates/{cid}/audit"), other.get(f"/v1/candidates/{uuid.uuid4()}"),
        other.get("/v1/candidates/not-a-uuid"), other.delete("/v1/skills/not-a-uuid"),
    ):
        assert response.status_code == 404, response.request.url
    assert [s["skillName"] for s in api.get(f"/v1/candidates/{cid}").json()["skills"]] == ["Rust"]
    assert stranger["id"] not in {str(r["user_id"]) for r in _audit_rows(cid)}


def test_audit_log_is_paginated_for_the_owner_and_admins(candidate, as_user, gateway_url, token):
    from tests.e2e.conftest import Api

    api, _user, body = candidate
    for name in ("A", "B", "C"):
        api.post(f"/v1/candidates/{body['id']}/skills", json={"skillName": name})
    first = api.get(f"/v1/candidates/{body['id']}/audit", params={"limit": 2})
    assert first.status_code == 200
    page = first.json()
    assert [e["action"] for e in page["items"]] == ["skills.added", "skills.added"]
    assert page["items"][0]["details"]["entryId"] and page["items"][0]["ipAddress"] == "127.0.0.1"
    rest = api.get(f"/v1/candidates/{body['id']}/audit", params={"limit": 100, "cursor": page["nextCursor"]}).json()
    assert [e["action"] for e in rest["items"]] == ["skills.added", "candidate.created"]
    assert rest["nextCursor"] is None
    admin = Api(gateway_url, token(role="admin"))
    assert len(admin.get(f"/v1/candidates/{body['id']}/audit", params={"limit": 100}).json()["items"]) == 4
    assert api.get(f"/v1/candidates/{body['id']}/audit", params={"cursor": "!!"}).status_code == 400
    assert api.get(f"/v1/candidates/{body['id']}", headers={"X-Tenant-Id": "bad tenant!"}).status_code == 400


@pytest.mark.parametrize("route", list(ENTRIES))
def test_other_users_entries_of_every_kind_are_404(candidate, registered, route):
    api, _, body = candidate
    entry = api.post(f"/v1/candidates/{body['id']}/{route}", json=ENTRIES[route]).json()
    other, _ = registered()
    assert other.put(f"/v1/{route}/{entry['id']}", json=ENTRIES[route]).status_code == 404
    assert other.delete(f"/v1/{route}/{entry['id']}").status_code == 404
    assert other.put(f"/v1/{route}/{uuid.uuid4()}", json=ENTRIES[route]).status_code == 404
    assert api.get(f"/v1/candidates/{body['id']}").json()[LIST_FIELD[route]] == [entry]


def test_admins_see_and_change_anyones_profile_services_do_not_read_audit_logs(candidate, gateway_url, token):
    from tests.e2e.conftest import Api

    _, user, body = candidate
    admin = Api(gateway_url, token(role="admin"))
    assert admin.get(f"/v1/candidates/{body['id']}").json()["userId"] == user["id"]
    assert admin.post(f"/v1/candidates/{body['id']}/skills", json={"skillName": "Go"}).status_code == 201
    service = Api(gateway_url, token(role="service"))
    assert service.get(f"/v1/candidates/{body['id']}").status_code == 200
    assert service.get(f"/v1/candidates/{body['id']}/audit").status_code == 404


@pytest.mark.parametrize("method, path, payload", [
    ("post", "/v1/candidates/{cid}/skills", {"skillName": "Go\u0000"}),
    ("put", "/v1/candidates/{cid}/personal", {"firstName": "A\u0000"}),
    ("put", "/v1/candidates/{cid}", {"links": [{"label": "x\u0000", "url": "https://x.dev"}]}),
    ("post", "/v1/candidates/{cid}/cv/upload-url", {"filename": "cv.pdf", "contentType": "application/pdf",
                                                    "jobRole": "\u0000"}),
])
def test_nul_characters_and_absurd_json_are_400_not_500(candidate, method, path, payload):
    api, _, body = candidate
    url = path.format(cid=body["id"])
    response = getattr(api, method)(url, json=payload)
    assert response.status_code == 400, response.text
    assert "NUL" in json.dumps(response.json()["details"])
    deep = getattr(api, method)(url, data="[" * 100_000, headers={"content-type": "application/json"})
    assert deep.status_code == 400 and deep.json()["message"] == "Malformed JSON body"
    assert api.get(f"/v1/candidates/{body['id']}").json()["skills"] == []


def test_put_marks_only_what_it_was_sent_as_edited(registered):
    from vitae.platform import db

    api, user = registered()
    api.put("/v1/profile", json={"firstName": "Zoë"})
    api.put("/v1/profile", json={"firstName": "Zoë", "phone": None})
    row = db.connection().execute("SELECT edited_fields FROM candidates WHERE user_id = %s", (user["id"],)).fetchone()
    assert sorted(row["edited_fields"]) == ["first_name", "phone"]
