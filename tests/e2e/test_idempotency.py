"""The Idempotency-Key header on creating POSTs (issue 11, kind 9), over real HTTP: the same key
creates once and replays the first answer, sequentially and concurrently; another request under a
used key is a 422; keys belong to their caller; a failed request leaves its key free."""

import copy
import io
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.e2e.test_resume_attachments import PDF
from tests.e2e.test_resumes_api import SAMPLE


def _count(sql: str, *params) -> int:
    from vitae.platform import db

    return db.connection().execute(f"SELECT count(*) AS n FROM {sql}", params).fetchone()["n"]


def _resumes(user_id: str) -> int:
    return _count("resumes WHERE user_id = %s", user_id)


def _key() -> dict[str, str]:
    return {"Idempotency-Key": f'"{uuid.uuid4()}"'}  # a Structured Field string, as the draft writes it


def test_the_same_key_sent_twice_creates_one_resource_and_replays_the_first_answer(registered):
    api, user = registered()
    key = _key()
    first = api.post("/v1/resumes", json=copy.deepcopy(SAMPLE), headers=key)
    again = api.post("/v1/resumes", json=copy.deepcopy(SAMPLE), headers=key)
    assert (first.status_code, again.status_code) == (201, 201), again.text
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true" and "idempotent-replayed" not in first.headers
    assert again.headers["content-type"] == "application/json"
    assert _resumes(user["id"]) == 1
    assert _count("outbox WHERE user_id = %s AND event_type = 'resume.created'", user["id"]) == 1
    unkeyed = [api.post("/v1/resumes", json=copy.deepcopy(SAMPLE)) for _ in range(2)]
    assert [r.status_code for r in unkeyed] == [201, 201]  # without a key, every request creates
    assert _resumes(user["id"]) == 3


def test_the_same_key_sent_concurrently_creates_one_resource(registered):
    api, user = registered()
    key = _key()
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda _: api.post("/v1/resumes", json=copy.deepcopy(SAMPLE), headers=key),
                                range(6)))
    statuses = sorted(a.status_code for a in answers)
    assert set(statuses) <= {201, 409} and 201 in statuses, [a.text for a in answers]
    for conflict in (a for a in answers if a.status_code == 409):
        assert conflict.json()["error"] == "idempotency_key_in_use"
    assert len({a.json()["id"] for a in answers if a.status_code == 201}) == 1
    assert _resumes(user["id"]) == 1
    replay = api.post("/v1/resumes", json=copy.deepcopy(SAMPLE), headers=key)
    assert replay.json()["id"] == next(a.json()["id"] for a in answers if a.status_code == 201)
    assert _resumes(user["id"]) == 1


def test_a_used_key_with_another_request_is_422_and_creates_nothing(registered):
    api, user = registered()
    key = _key()
    created = api.post("/v1/resumes", json=copy.deepcopy(SAMPLE), headers=key).json()
    other_body = api.post("/v1/resumes", json={**copy.deepcopy(SAMPLE), "title": "Another"}, headers=key)
    other_route = api.post(f"/v1/resumes/{created['id']}/copy", headers=key)
    for refused in (other_body, other_route):
        body = refused.json()
        assert (refused.status_code, body["error"]) == (422, "idempotency_key_reused"), refused.text
        assert body["message"] == "This Idempotency-Key was used for a different request"
    assert _resumes(user["id"]) == 1


def test_keys_belong_to_their_caller(registered):
    (ada, ada_user), (bob, bob_user) = registered(), registered()
    key = _key()
    mine, theirs = (api.post("/v1/resumes", json=copy.deepcopy(SAMPLE), headers=key) for api in (ada, bob))
    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert mine.json()["id"] != theirs.json()["id"]
    assert (_resumes(ada_user["id"]), _resumes(bob_user["id"])) == (1, 1)


def test_a_failed_request_leaves_its_key_free_for_the_retry(as_user):
    api, user_id, email = as_user()
    key = _key()
    unregistered = api.post("/v1/resumes", json=copy.deepcopy(SAMPLE), headers=key)
    assert unregistered.status_code == 404  # register first
    assert api.post("/v1/users", json={"email": email, "profile": {"fullName": "Ada Lovelace"}}).status_code == 201
    retried = api.post("/v1/resumes", json=copy.deepcopy(SAMPLE), headers=key)
    assert retried.status_code == 201 and "idempotent-replayed" not in retried.headers
    assert _resumes(user_id) == 1


@pytest.mark.parametrize("value", ['""', "", "é", "x" * 256, '"a\\qb"x'])
def test_a_malformed_key_is_400_and_creates_nothing(registered, value):
    api, user = registered()
    response = api.post("/v1/resumes", json=copy.deepcopy(SAMPLE), headers={"Idempotency-Key": value})
    assert response.status_code == 400, response.text
    assert response.json()["details"][0]["field"] == "Idempotency-Key"
    assert _resumes(user["id"]) == 0


def test_a_multipart_upload_retried_with_a_new_boundary_is_the_same_request(registered):
    """A second creating route, with the body a client rebuilds on every attempt: an attachment."""
    api, user = registered()
    resume = api.post("/v1/resumes", json=copy.deepcopy(SAMPLE)).json()
    key = _key()
    # requests draws a new multipart boundary for every call
    uploads = [api.post(f"/v1/resumes/{resume['id']}/attachments", headers=key,
                        files={"file": ("letter.pdf", io.BytesIO(PDF), "application/pdf")}) for _ in range(2)]
    assert [u.status_code for u in uploads] == [201, 201], uploads[1].text
    assert uploads[1].json() == uploads[0].json()
    assert _count("resume_attachments WHERE resume_id = %s", resume["id"]) == 1
    stats = api.get(f"/v1/users/{user['id']}/stats").json()
    assert stats["storageUsed"] == len(PDF)  # counted once
    other_file = api.post(f"/v1/resumes/{resume['id']}/attachments", headers=key,
                          files={"file": ("letter.pdf", io.BytesIO(PDF + b"%"), "application/pdf")})
    assert other_file.status_code == 422


def test_every_kind_of_creating_post_honours_the_key(registered):
    """Candidates: the profile and an entry; users: registration by a service."""
    api, user = registered()
    profile_key, skill_key = _key(), _key()
    profiles = [api.post("/v1/candidates", json={"firstName": "Ada", "lastName": "Lovelace"}, headers=profile_key)
                for _ in range(2)]
    assert [p.status_code for p in profiles] == [201, 201] and profiles[0].json() == profiles[1].json()
    candidate_id = profiles[0].json()["id"]
    skills = [api.post(f"/v1/candidates/{candidate_id}/skills", json={"skillName": "Python"}, headers=skill_key)
              for _ in range(2)]
    assert [s.status_code for s in skills] == [201, 201]  # without the key the second would be a 409
    assert _count("candidates WHERE user_id = %s", user["id"]) == 1
