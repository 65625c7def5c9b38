"""Jobs end to end through the devstack gateway and event pump: admins write the catalogue, users read
and search it, a JSON array and a JSON Lines file dropped in the bucket (S3 notification -> SQS ->
the import worker) are imported with their reports, and a re-import updates instead of duplicating."""

import json
import uuid

import pytest
import requests

from vitae_devstack.services import wait_until


def _job(location: str, **fields) -> dict:
    return {"title": "Site Reliability Engineer", "company": "Umbrella Networks", "location": location,
            "description": "Keep Kubernetes clusters healthy. On call one week in six.", "skills": ["Kubernetes", "Go"],
            "salaryMin": 100_000, "salaryMax": 130_000, "currency": "USD", "jobType": "full_time", "remote": True,
            "url": "https://umbrella.example/jobs/sre", "source": "umbrella", "externalId": str(uuid.uuid4()),
            **fields}


@pytest.fixture
def people(as_user):
    admin, _, _ = as_user("admin")
    user, _, _ = as_user()
    return admin, user


def test_admins_write_users_read_and_search(people, gateway_url):
    admin, user = people
    place = f"Gotham {uuid.uuid4().hex[:8]}"
    response = admin.post("/v1/jobs", json=_job(place))
    assert response.status_code == 201, response.text
    job = response.json()
    assert user.get(f"/v1/jobs/{job['id']}").json() == job

    refused = user.post("/v1/jobs", json=_job(place))
    assert refused.status_code == 403 and refused.json()["statusCode"] == 403
    assert user.put(f"/v1/jobs/{job['id']}", json=_job(place)).status_code == 403
    assert user.delete(f"/v1/jobs/{job['id']}").status_code == 403
    bad = admin.post("/v1/jobs", json=_job(place, salaryMin=200_000))
    assert bad.status_code == 400 and bad.json()["details"][0]["message"] == "salaryMin must not exceed salaryMax"

    page = user.get("/v1/jobs/search", params={"q": "reliability -java", "location": place, "remote": "true"}).json()
    assert [i["id"] for i in page["items"]] == [job["id"]] and page["nextCursor"] is None
    assert "<mark>Reliability</mark>" in page["items"][0]["highlight"]["title"]
    assert requests.get(f"{gateway_url}/v1/jobs/search", timeout=10).status_code == 401

    updated = admin.put(f"/v1/jobs/{job['id']}", json={**_job(place), "title": "Platform Engineer",
                                                       "externalId": job["externalId"]})
    assert updated.status_code == 200 and updated.json()["title"] == "Platform Engineer"
    assert user.get("/v1/jobs/search", params={"q": "reliability", "location": place}).json()["items"] == []
    assert admin.delete(f"/v1/jobs/{job['id']}").status_code == 204
    assert user.get(f"/v1/jobs/{job['id']}").status_code == 404


def test_an_array_import_and_its_reimport(people):
    admin, user = people
    place = f"Metropolis {uuid.uuid4().hex[:8]}"
    rows = [_job(place, title=f"Engineer {n}") for n in range(3)] + [{"title": "Only a title"}]
    report = admin.post("/v1/jobs/import", json=rows).json()
    assert (report["created"], report["updated"]) == (3, 0)
    assert [r["index"] for r in report["refused"]] == [3] and "company" in report["refused"][0]["reason"]
    rows[0]["title"] = "Principal Engineer"
    report = admin.post("/v1/jobs/import", json=rows[:3]).json()
    assert (report["created"], report["updated"], report["unchanged"], report["refused"]) == (0, 1, 2, [])
    titles = sorted(i["title"] for i in user.get("/v1/jobs/search", params={"location": place}).json()["items"])
    assert titles == ["Engineer 1", "Engineer 2", "Principal Engineer"]
    assert user.post("/v1/jobs/import", json=rows).status_code == 403


def test_a_json_lines_file_in_the_bucket_is_imported_by_the_worker(people):
    from vitae.platform import storage
    from vitae.platform.config import settings

    _, user = people
    place = f"Springfield {uuid.uuid4().hex[:8]}"
    lines = [json.dumps(_job(place, title="Nuclear Safety Inspector", externalId="ns-1")), "oops",
             json.dumps(_job(place, title="Plant Technician", externalId="ns-2"))]
    key = f"imports/jobs/{uuid.uuid4()}.jsonl"
    report_key = key.removesuffix(".jsonl") + ".report.json"
    s3, bucket = storage.s3(), settings().files_bucket

    def report():
        try:
            return json.loads(s3.get_object(Bucket=bucket, Key=report_key)["Body"].read())
        except s3.exceptions.NoSuchKey:
            return None

    s3.put_object(Bucket=bucket, Key=key, Body="\n".join(lines).encode())
    first = wait_until(report, "the import report", timeout=60)
    assert (first["created"], first["updated"], first["refusedTotal"]) == (2, 0, 1)
    assert first["refused"] == [{"line": 2, "index": None, "reason": "not a JSON document"}]
    page = user.get("/v1/jobs/search", params={"q": "nuclear inspector", "location": place}).json()
    assert [i["title"] for i in page["items"]] == ["Nuclear Safety Inspector"]

    # dropped again, changed: updated, not duplicated
    s3.delete_object(Bucket=bucket, Key=report_key)
    lines[2] = json.dumps(_job(place, title="Senior Plant Technician", externalId="ns-2"))
    s3.put_object(Bucket=bucket, Key=key, Body="\n".join(lines).encode())
    second = wait_until(report, "the second import report", timeout=60)
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 1, 1)
    titles = sorted(i["title"] for i in user.get("/v1/jobs/search", params={"location": place}).json()["items"])
    assert titles == ["Nuclear Safety Inspector", "Senior Plant Technician"]


def test_recommendations_from_a_profile_with_jobs_embedded_by_the_worker(people, registered, gateway_url):
    from vitae.platform import db

    admin, _ = people
    place = f"Smallville {uuid.uuid4().hex[:8]}"
    nursing = admin.post("/v1/jobs", json=_job(place, title="Registered Nurse", company="Mercy Health",
                                               description="Patient care on a surgical ward.", remote=False,
                                               skills=["Patient Care", "BLS", "Medication Administration"]))
    software = admin.post("/v1/jobs", json=_job(place, title="Backend Engineer", company="Initech", remote=False,
                                                skills=["Python", "PostgreSQL", "Docker"]))
    assert nursing.status_code == software.status_code == 201
    job_ids = [nursing.json()["id"], software.json()["id"]]

    def embedded():  # job.created -> outbox -> EventBridge -> SQS -> EmbedJobsFunction (the fake Ollama)
        rows = db.connection().execute("SELECT job_id FROM job_embeddings WHERE job_id = ANY(%s)",
                                       (job_ids,)).fetchall()
        return len(rows) == 2 or None

    wait_until(embedded, "the jobs' embeddings", timeout=60)

    nurse, _ = registered()
    missing = nurse.get("/v1/jobs/recommendations")
    assert missing.status_code == 409 and missing.json()["error"] == "profile_required"
    assert nurse.put("/v1/profile", json={"headline": "Registered Nurse", "summary": (
        "Six years of patient care; BLS certified; medication administration on surgical wards.")}).status_code == 200
    saved = nurse.post("/v1/user-preferences", json={"jobSearch": {"locations": [place], "remote": False}})
    assert saved.status_code in (200, 201), saved.text
    assert saved.json()["jobSearch"] == {"locations": [place], "remote": False, "jobTypes": []}

    response = nurse.get("/v1/jobs/recommendations", params={"limit": 5})
    assert response.status_code == 200, response.text
    body = response.json()
    # the backend job shares no skill, no word and little meaning with a nurse: not recommended at all
    assert [item["job"]["id"] for item in body["items"]] == job_ids[:1]
    first = body["items"][0]
    assert body["embeddings"] == "used" and first["reasons"]["parts"]["embedding"] > 0
    assert {"Patient Care", "BLS", "Medication Administration"} <= set(first["reasons"]["matchedSkills"])
    assert nurse.get("/v1/jobs/recommendations", params={"limit": 0}).status_code == 400
    assert requests.get(f"{gateway_url}/v1/jobs/recommendations", timeout=10).status_code == 401
