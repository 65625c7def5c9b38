"""Profile sync end to end through the devstack gateway and event pump: a GitHub sync (outbox,
EventBridge, SQS, worker, against the fake GitHub) and a LinkedIn export (multipart and presigned
POST, the bucket's notification, the import worker) fill the caller's profile, polled through the API."""

import io
import uuid
import zipfile

import pytest
import requests

from vitae_devstack.services import wait_until


@pytest.fixture
def me(registered):
    api, _ = registered()
    return api


def _finished(api, location: str) -> dict:
    def done():
        body = api.get(location).json()
        return body if body["status"] in ("done", "failed") else None
    return wait_until(done, "the sync", timeout=60)


def test_a_github_sync_through_the_gateway_fills_the_profile(me, fake_github):
    login = f"e2e-{uuid.uuid4().hex[:8]}"
    fake_github.add_user(login, name="Margaret Hamilton", location="Boston")
    fake_github.add_repo(login, "apollo", languages={"Assembly": 70_000, "Python": 3_000}, stargazers_count=7,
                         description="Guidance computer", pushed_at="2026-03-01T00:00:00Z")

    response = me.post("/v1/profile/github/sync", json={"username": login})
    assert response.status_code == 202, response.text
    sync = _finished(me, response.headers["location"])

    assert sync["status"] == "done", sync
    profile = me.get("/v1/profile").json()
    assert (profile["firstName"], profile["lastName"], profile["location"]) == ("Margaret", "Hamilton", "Boston")
    assert [(s["skillName"], s["source"]) for s in profile["skills"]] == [("Assembly", "github"), ("Python", "github")]
    [project] = profile["projects"]
    assert (project["name"], project["stars"], project["keywords"], project["endDate"]) == (
        "apollo", 7, ["Assembly", "Python"], "2026-03-01")
    shown = me.get("/v1/profile/github").json()
    assert shown["lastSync"]["id"] == sync["id"] and shown["data"]["user"]["login"] == login


def _export() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Positions.csv", "Company Name,Title,Description,Location,Started On,Finished On\n"
                                          "Hamilton Technologies,Founder,,Cambridge,Jan 1986,\n")
        archive.writestr("Skills.csv", "Name\nSoftware Engineering\n")
        archive.writestr("Languages.csv", "Name,Proficiency\nEnglish,Native or bilingual proficiency\n")
    return buffer.getvalue()


def test_a_linkedin_export_through_the_api_and_through_a_presigned_post(me):
    response = me.post("/v1/profile/linkedin/import",
                       files={"file": ("Basic_LinkedInDataExport.zip", io.BytesIO(_export()), "application/zip")})
    assert response.status_code == 202, response.text
    sync = _finished(me, response.headers["location"])
    assert sync["status"] == "done" and sorted(sync["result"]["filesMissing"]) == [
        "Certifications.csv", "Education.csv", "Profile.csv"]
    profile = me.get("/v1/profile").json()
    assert [(w["companyName"], w["startDate"], w["source"]) for w in profile["workExperience"]] == [
        ("Hamilton Technologies", "1986-01", "linkedin")]
    assert [(lang["language"], lang["source"]) for lang in profile["languages"]] == [("English", "linkedin")]

    form = me.post("/v1/profile/linkedin/import/upload-url", json={"filename": "export.zip"}).json()
    uploaded = requests.post(form["url"], data={**form["fields"], "Content-Type": "application/zip"},
                             files={"file": ("export.zip", io.BytesIO(_export()), "application/zip")}, timeout=30)
    assert uploaded.status_code in (200, 204), uploaded.text
    again = _finished(me, f"/v1/profile/syncs/{form['id']}")
    assert again["status"] == "done" and again["result"]["added"]["work-experience"] == 0  # nothing twice
