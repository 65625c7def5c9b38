"""Matching end to end through the devstack gateway and event pump: texts in, a processing queued
through the outbox, EventBridge and SQS to the worker, its result polled through the API; a
presigned upload read by the upload worker; the per-user limit; owners only; cascade delete."""

import io

import pytest
import requests

from tests import documents
from vitae_devstack.services import wait_until

JOB = "Backend Engineer\nRequired: Python, PostgreSQL and Kubernetes. AWS Lambda is a plus."
RESUME = "Grace Hopper\nBackend engineer: ten years of Python and PostgreSQL."


@pytest.fixture
def me(registered):
    api, _ = registered()
    return api


def _created(response) -> dict:
    assert response.status_code in (201, 202), response.text
    return response.json()


def _finished(api, processing_id: str) -> dict:
    def done():
        body = api.get(f"/v1/matching/processings/{processing_id}").json()
        return body if body["status"] in ("done", "failed") else None
    return wait_until(done, f"processing {processing_id}", timeout=60)


def test_a_processing_is_computed_by_the_worker_and_polled(me, registered):
    from vitae.matching.scoring import assess

    requirements = _created(me.post("/v1/matching/requirements", json={"title": "Backend", "text": JOB}))
    resume = _created(me.post("/v1/matching/resume-texts/file",
                              files={"file": ("cv.txt", io.BytesIO(RESUME.encode()), "text/plain")},
                              data={"title": "Mine"}))
    assert resume["text"] == RESUME and resume["filename"] == "cv.txt"

    response = me.post("/v1/matching/processings", json={"requirementsId": requirements["id"],
                                                         "resumeTextId": resume["id"]})
    assert response.status_code == 202 and response.json()["status"] == "queued"
    assert response.headers["location"] == f"/v1/matching/processings/{response.json()['id']}"
    done = _finished(me, response.json()["id"])
    assert done["status"] == "done", done
    expected = assess(RESUME, JOB)
    assert done["result"]["score"] == expected.score and done["result"]["method"] == "deterministic"
    assert done["result"]["matches"] == [m.model_dump(mode="json", by_alias=True) for m in expected.matches]

    listed = me.get("/v1/matching/processings", params={"requirementsId": requirements["id"]}).json()
    assert [p["id"] for p in listed["items"]] == [done["id"]] and listed["items"][0]["score"] == expected.score

    other, _ = registered()
    assert other.get(f"/v1/matching/processings/{done['id']}").status_code == 404
    assert other.get(f"/v1/matching/requirements/{requirements['id']}").status_code == 404
    assert other.delete(f"/v1/matching/requirements/{requirements['id']}").status_code == 404

    # deleting the requirements deletes their processings
    assert me.delete(f"/v1/matching/requirements/{requirements['id']}").status_code == 204
    assert me.get(f"/v1/matching/processings/{done['id']}").status_code == 404
    assert me.get(f"/v1/matching/resume-texts/{resume['id']}").status_code == 200


def test_a_large_requirements_file_goes_through_a_presigned_post(me):
    form = _created(me.post("/v1/matching/requirements/upload-url",
                            json={"filename": "job.pdf", "contentType": "application/pdf"}))
    assert form["status"] == "awaiting_upload"
    response = requests.post(form["url"], data={**form["fields"], "Content-Type": "application/pdf"},
                             files={"file": ("job.pdf", io.BytesIO(documents.cv_pdf()), "application/pdf")},
                             timeout=30)
    assert response.status_code == 204, response.text

    def ready():
        body = me.get(f"/v1/matching/requirements/{form['id']}").json()
        return body if body["status"] != "awaiting_upload" else None

    body = wait_until(ready, "the upload to be read", timeout=60)
    assert body["status"] == "ready" and "Globex Corporation" in body["text"]


def test_a_png_named_pdf_is_refused(me):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    response = me.post("/v1/matching/requirements/file",
                       files={"file": ("job.pdf", io.BytesIO(png), "application/pdf")})
    assert response.status_code == 415 and response.json()["statusCode"] == 415
    assert me.get("/v1/matching/requirements").json()["items"] == []


def test_starting_processings_past_the_limit_is_refused_with_retry_after(me):
    requirements = _created(me.post("/v1/matching/requirements", json={"text": JOB}))
    resume = _created(me.post("/v1/matching/resume-texts", json={"text": RESUME}))
    body = {"requirementsId": requirements["id"], "resumeTextId": resume["id"]}
    statuses = [me.post("/v1/matching/processings", json=body).status_code for _ in range(10)]
    assert statuses == [202] * 10  # MATCHING_RATE_LIMIT_MAX, the template's default
    refused = me.post("/v1/matching/processings", json=body)
    assert refused.status_code == 429 and 0 < int(refused.headers["retry-after"]) <= 30
    assert refused.headers["ratelimit-limit"] == "10" and refused.json()["statusCode"] == 429
    assert me.post("/v1/matching/processings", json=body).status_code == 429  # blocked
    assert len(me.get("/v1/matching/processings", params={"limit": 100}).json()["items"]) == 10
