"""Issue 11 over real HTTP: text PostgreSQL cannot store is a 400 wherever it comes in (kind 1), and
HTTP's semantics (kind 7): PATCH changes a resume's fields without touching its sections, and a JSON
body sent as another media type is a 415. Every refusal leaves nothing behind."""

import copy
import io
import json

import pytest
import requests

from tests import documents
from tests.e2e.test_resumes_api import SAMPLE

NUL_DETAIL = "text must not contain NUL characters"


def _count(sql: str, *params) -> int:
    from vitae.platform import db

    return db.connection().execute(f"SELECT count(*) AS n FROM {sql}", params).fetchone()["n"]


def _nul_refusal(response: requests.Response, field: str, where: str) -> None:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["details"] == [{"field": field, "message": NUL_DETAIL, "in": where}]
    assert body["statusCode"] == 400 and body["message"] == "Validation failed"


# -- kind 1: NUL characters ------------------------------------------------------------------------


def test_a_nul_in_a_public_path_parameter_is_400_without_a_token(gateway_url):
    """The issue's example: `GET /v1/public/resumes/%00` answered 500."""
    for path, field in (("/v1/public/resumes/%00", "username"), ("/v1/public/resumes/ada%00", "username"),
                        ("/v1/public/shares/%00", "token")):
        _nul_refusal(requests.get(f"{gateway_url}{path}", timeout=10), field, "path")


def test_a_nul_in_a_query_or_a_stored_header_is_400(registered):
    api, _ = registered()
    _nul_refusal(api.get("/v1/resumes", params={"cursor": "\x00"}), "cursor", "query")
    candidate = api.post("/v1/candidates", json={"firstName": "Ada"}).json()
    audited = _count("audit_log WHERE candidate_id = %s", candidate["id"])
    _nul_refusal(api.get(f"/v1/candidates/{candidate['id']}", headers={"X-Tenant-Id": "acme\x00"}),
                 "x-tenant-id", "header")
    assert _count("audit_log WHERE candidate_id = %s", candidate["id"]) == audited  # not even the read's entry


def test_a_nul_deep_inside_a_json_body_is_400_and_stores_nothing(registered):
    api, user = registered()
    resume = copy.deepcopy(SAMPLE)
    resume["sections"][1]["items"][0]["highlights"][1] = "Cut cold\u0000 starts"
    _nul_refusal(api.post("/v1/resumes", json=resume), "sections.1.items.0.highlights.1", "body")
    assert _count("resumes WHERE user_id = %s", user["id"]) == 0


def test_the_issues_cv_upload_with_a_nul_in_its_key_skills_is_400_and_stores_nothing(registered):
    """The issue's example: `keySkills=["Py\\u0000thon"]` on CV upload answered 500."""
    api, user = registered()
    candidate = api.post("/v1/candidates", json={"firstName": "Ada"}).json()
    upload = api.post(f"/v1/candidates/{candidate['id']}/cv", data={"keySkills": '["Py\\u0000thon"]'},
                      files={"cv": ("cv.pdf", io.BytesIO(documents.cv_pdf()), "application/pdf")})
    _nul_refusal(upload, "keySkills.0", "body")
    named = api.post(f"/v1/candidates/{candidate['id']}/cv", data={"jobRole": "Engineer"},
                     files={"cv": ("c\x00v.pdf", io.BytesIO(documents.cv_pdf()), "application/pdf")})
    _nul_refusal(named, "cv (filename)", "body")
    assert _count("cv_documents WHERE candidate_id = %s", candidate["id"]) == 0
    assert api.get(f"/v1/users/{user['id']}/stats").json()["storageUsed"] == 0


# -- kind 7: PATCH, and JSON that says it is something else ---------------------------------------------


@pytest.fixture
def resume(registered):
    api, user = registered()
    created = api.post("/v1/resumes", json=copy.deepcopy(SAMPLE))
    assert created.status_code == 201, created.text
    return api, user, created.json()


def _updated_events(user_id: str) -> list[dict]:
    from vitae.platform import db

    return [r["data"] for r in db.connection().execute(
        "SELECT data FROM outbox WHERE user_id = %s AND event_type = 'resume.updated' ORDER BY created_at",
        (user_id,))]


def test_patch_makes_a_resume_public_and_keeps_every_section(resume, gateway_url):
    """The issue's example: the only way to make a resume public was a PUT, which silently deleted
    the sections it was not sent."""
    api, user, created = resume
    assert api.patch(f"/v1/users/{user['id']}", json={"username": f"ada{created['id'][:8]}"}).status_code == 200
    patched = api.patch(f"/v1/resumes/{created['id']}", json={"isPublic": True})
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["isPublic"] is True
    assert {k: v for k, v in body.items() if k not in ("isPublic", "updatedAt")} == {
        k: v for k, v in created.items() if k not in ("isPublic", "updatedAt")}
    assert api.get(f"/v1/resumes/{created['id']}").json() == body
    public = requests.get(f"{gateway_url}/v1/public/resumes/ada{created['id'][:8]}", timeout=10)
    assert public.status_code == 200
    assert [s["type"] for s in public.json()["sections"]] == ["summary", "experience", "education", "skills"]
    assert _updated_events(user["id"]) == [{"resumeId": created["id"], "changes": {"isPublic": True}}]


def test_patch_changes_only_the_fields_sent_and_refuses_what_it_does_not_change(resume):
    api, user, created = resume
    changed = api.patch(f"/v1/resumes/{created['id']}", json={"title": "Staff engineer", "template": "classic",
                                                             "language": "pt-BR"}).json()
    assert (changed["title"], changed["template"], changed["language"], changed["isPublic"]) == (
        "Staff engineer", "classic", "pt-BR", False)
    assert changed["sections"] == created["sections"]
    same = api.patch(f"/v1/resumes/{created['id']}", json={"title": "Staff engineer"})
    assert same.status_code == 200 and same.json()["updatedAt"] == changed["updatedAt"]  # nothing changed
    for refused, field in (({"sections": []}, "sections"), ({"title": None}, "body"),
                           ({"template": "fancy"}, "template"), ({"isPublic": []}, "isPublic")):
        response = api.patch(f"/v1/resumes/{created['id']}", json=refused)
        assert response.status_code == 400, refused
        assert [d["field"] for d in response.json()["details"]] == [field], response.json()
    assert api.get(f"/v1/resumes/{created['id']}").json() == changed
    assert len(_updated_events(user["id"])) == 1


def test_patch_of_someone_elses_resume_is_404_and_changes_nothing(resume, registered):
    _, _, created = resume
    stranger, _ = registered()
    assert stranger.patch(f"/v1/resumes/{created['id']}", json={"isPublic": True}).status_code == 404
    assert stranger.patch("/v1/resumes/not-an-id", json={"isPublic": True}).status_code == 404
    from vitae.platform import db

    assert db.connection().execute("SELECT is_public FROM resumes WHERE id = %s",
                                   (created["id"],)).fetchone()["is_public"] is False


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"])
def test_a_json_body_sent_as_another_media_type_is_415_and_stores_nothing(registered, content_type):
    api, user = registered()
    created = api.post("/v1/resumes", data=json.dumps(SAMPLE), headers={"Content-Type": content_type})
    profile = api.put(f"/v1/users/{user['id']}/profile", data=json.dumps({"fullName": "Not Ada"}),
                      headers={"Content-Type": content_type})
    for response in (created, profile):
        assert response.status_code == 415, response.text
        assert response.json()["message"] == "The request body must be JSON (Content-Type: application/json)"
    assert _count("resumes WHERE user_id = %s", user["id"]) == 0
    assert api.get(f"/v1/users/{user['id']}").json()["profile"]["fullName"] == "Ada Lovelace"
    merge_patch = api.patch(f"/v1/users/{user['id']}", data=json.dumps({"profile": {"bio": "Analyst"}}),
                            headers={"Content-Type": "application/merge-patch+json"})
    assert merge_patch.status_code == 200, merge_patch.text
