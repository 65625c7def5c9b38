"""Applications end to end through the devstack gateway and event pump: tracked, moved along the
status machine with its history, the resume snapshot frozen when applied, POST /v1/jobs/apply,
owners only, figures, and a deleted user's applications removed by the user.deleted consumer."""

import uuid

import pytest

from vitae.platform import db
from vitae_devstack.services import wait_until

EXTERNAL = {"title": "Site Reliability Engineer", "company": "Initech", "location": "Remote"}
SECTIONS = [{"type": "summary", "items": [{"text": "Backend engineer."}]},
            {"type": "skills", "items": [{"name": "Python"}]}]


@pytest.fixture
def me(registered):
    return registered()


def _ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.text
    return response.json() if response.content else {}


def test_an_application_goes_through_its_life_with_history_and_a_frozen_resume(me, registered):
    api, _ = me
    resume = _ok(api.post("/v1/resumes", json={"title": "Main", "sections": SECTIONS}), 201)
    created = _ok(api.post("/v1/applications", json={"job": EXTERNAL, "resumeId": resume["id"],
                                                     "notes": "via a friend"}), 201)
    assert created["status"] == "saved" and created["job"]["company"] == "Initech"

    applied = _ok(api.patch(f"/v1/applications/{created['id']}", json={"status": "applied", "note": "sent"}))
    exported = _ok(api.get(f"/v1/resumes/{resume['id']}/export", params={"format": "json"}))
    assert applied["resumeVersion"] == exported and applied["appliedAt"]
    _ok(api.patch(f"/v1/resumes/{resume['id']}", json={"title": "Edited later"}))
    assert _ok(api.get(f"/v1/applications/{created['id']}"))["resumeVersion"] == exported

    refused = api.patch(f"/v1/applications/{created['id']}", json={"status": "offer"})
    assert refused.status_code == 409 and refused.json()["details"][0]["allowedStatuses"] == [
        "screening", "rejected", "withdrawn"]
    _ok(api.patch(f"/v1/applications/{created['id']}", json={"status": "screening"}))
    history = _ok(api.get(f"/v1/applications/{created['id']}/history"))["items"]
    assert [(h["kind"], h["toStatus"], h["note"]) for h in history] == [
        ("created", "saved", None), ("status_changed", "applied", "sent"), ("status_changed", "screening", None)]

    other, _ = registered()
    for method in ("get", "delete"):
        assert getattr(other, method)(f"/v1/applications/{created['id']}").status_code == 404
    assert other.get(f"/v1/applications/{created['id']}/history").status_code == 404
    assert other.patch(f"/v1/applications/{created['id']}", json={"status": "withdrawn"}).status_code == 404

    listed = _ok(api.get("/v1/applications", params={"status": "screening"}))
    assert [i["id"] for i in listed["items"]] == [created["id"]]
    stats = _ok(api.get("/v1/applications/stats"))
    assert stats["byStatus"]["screening"] == 1 and stats["applied"] == 1 and stats["responseRate"] == 1.0
    assert _ok(api.delete(f"/v1/applications/{created['id']}"), 204) == {}
    assert api.get(f"/v1/applications/{created['id']}").status_code == 404


def test_post_jobs_apply_creates_an_applied_application_once_per_key(me):
    api, _ = me
    key = {"Idempotency-Key": f'"{uuid.uuid4()}"'}
    first = api.post("/v1/jobs/apply", json={"job": EXTERNAL, "coverLetter": "Hello"}, headers=key)
    again = api.post("/v1/jobs/apply", json={"job": EXTERNAL, "coverLetter": "Hello"}, headers=key)
    assert first.status_code == again.status_code == 201 and first.json() == again.json()
    assert again.headers["idempotent-replayed"] == "true"
    body = first.json()
    assert body["status"] == "applied" and body["appliedAt"] and body["coverLetter"] == "Hello"
    assert [i["id"] for i in _ok(api.get("/v1/applications"))["items"]] == [body["id"]]
    assert api.post("/v1/jobs/apply", json={"jobId": str(uuid.uuid4())}).status_code == 404
    assert api.post("/v1/jobs/apply", json={}).status_code == 400


def test_applying_to_a_catalogue_job_twice_is_a_conflict(me, registered):
    from datetime import UTC, datetime, timedelta

    from vitae.jobs import service as jobs
    from vitae.jobs.models import JobIn
    from vitae.platform.auth import Principal, Role

    writer = Principal(str(uuid.uuid4()), None, Role.SERVICE, datetime.now(UTC) + timedelta(hours=1))
    job = jobs.create_job(writer, JobIn(title="Platform Engineer", company="Hooli", location="Remote"))
    api, _ = me
    first = _ok(api.post("/v1/jobs/apply", json={"jobId": str(job.id)}), 201)
    assert first["job"]["id"] == str(job.id) and first["job"]["title"] == "Platform Engineer"
    again = api.post("/v1/applications", json={"jobId": str(job.id)})
    assert again.status_code == 409 and again.json()["error"] == "already_applied"
    other, _ = registered()
    assert _ok(other.post("/v1/jobs/apply", json={"jobId": str(job.id)}), 201)["status"] == "applied"


def test_a_deleted_user_s_applications_are_removed_by_the_consumer(me):
    api, user = me
    created = _ok(api.post("/v1/applications", json={"job": EXTERNAL, "status": "applied"}), 201)
    assert _ok(api.delete(f"/v1/users/{user['id']}"))["message"] == "User deleted successfully"

    def gone():
        rows = db.connection().execute("SELECT id FROM applications WHERE id = %s", (created["id"],)).fetchall()
        return rows == [] or None
    wait_until(gone, "the deleted user's application", timeout=60)
