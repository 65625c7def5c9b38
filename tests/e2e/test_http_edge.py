"""Issue 11 over real HTTP: text PostgreSQL cannot store is a 400 wherever it comes in (kind 1), and
a JSON body sent as another media type is a 415 (kind 7). Every refusal leaves nothing behind."""

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
    api, user = registered()
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


# -- kind 7: JSON that says it is something else --------------------------------------------------------


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
