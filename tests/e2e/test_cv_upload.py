"""CV upload and parsing end to end: API -> S3 -> notification -> queue -> parse worker -> profile,
through the devstack gateway and event pump against LocalStack, PostgreSQL, Redis and the fake Ollama."""

import io
import json

import pytest
import requests

from tests import documents
from vitae_devstack.services import wait_until

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def candidate(registered):
    api, user = registered()
    response = api.post("/v1/candidates", json={"firstName": "José"})
    assert response.status_code == 201, response.text
    return api, user, response.json()


def _upload(api, candidate_id: str, data: bytes, filename: str = "cv.pdf", **form):
    return api.post(f"/v1/candidates/{candidate_id}/cv", files={"cv": (filename, io.BytesIO(data), "application/pdf")},
                    data=form)


def _finished(api, document_id: str) -> dict:
    def done():
        document = api.get(f"/v1/cv-documents/{document_id}").json()
        return document if document["status"] in ("parsed", "failed") else None
    return wait_until(done, f"CV {document_id} to be parsed", timeout=60)


def _profile(api, candidate_id: str) -> dict:
    return api.get(f"/v1/candidates/{candidate_id}").json()


def _objects(user_id: str) -> list[str]:
    import boto3

    from vitae.platform.config import settings

    return [o["Key"] for o in boto3.client("s3").list_objects_v2(
        Bucket=settings().files_bucket, Prefix=f"cv/{user_id}/").get("Contents", [])]


def _post_form(form: dict, data: bytes, content_type: str = "application/pdf"):
    response = requests.post(form["url"], data={**form["fields"], "Content-Type": content_type},
                             files={"file": ("cv", io.BytesIO(data), content_type)}, timeout=30)
    assert response.status_code == 204, response.text


def _storage(user_id: str) -> int:
    from vitae.platform import db

    row = db.connection().execute("SELECT storage_used FROM users WHERE id = %s", (user_id,)).fetchone()
    return row["storage_used"]


def test_an_uploaded_pdf_is_parsed_into_the_profile(candidate):
    api, user, profile = candidate
    pdf = documents.cv_pdf()
    accepted = _upload(api, profile["id"], pdf, jobRole="Backend engineer",
                       keySkills=json.dumps(["Python", "Kubernetes", "Terraform"]))
    assert accepted.status_code == 202, accepted.text
    assert accepted.json()["status"] == "queued"
    document = _finished(api, accepted.json()["documentId"])

    assert document["status"] == "parsed" and document["failure"] is None
    assert document["size"] == len(pdf) and document["jobRole"] == "Backend engineer"
    parsed, confidence = document["parsed"], document["confidence"]
    assert parsed["basics"]["name"] == "José Ñúñez-García"
    assert parsed["basics"]["email"] == "jose.nunez@example.com" and parsed["basics"]["phone"] == "+34912345678"
    assert 0 < confidence["basics"]["email"] <= 1
    assert [(w["name"], w["position"], w.get("startDate"), w.get("endDate")) for w in parsed["work"]] == [
        ("Acme GmbH", "Senior Engineer", "2020-01", None),
        ("Globex Corporation", "Software Developer", "2016-03", "2019-12")]
    assert document["keySkillMatch"] == {"present": ["Python", "Kubernetes"], "missing": ["Terraform"]}

    after = _profile(api, profile["id"])
    assert after["firstName"] == "José"  # set by the person: kept
    assert after["lastName"] == "Ñúñez-García" and after["phone"] == "+34912345678"  # empty: filled
    assert [(w["companyName"], w["jobTitle"], w["source"]) for w in after["workExperience"]] == [
        ("Acme GmbH", "Senior Engineer", "cv"), ("Globex Corporation", "Software Developer", "cv")]
    assert {s["skillName"] for s in after["skills"]} >= {"Python", "PostgreSQL", "Docker", "Kubernetes"}
    assert after["education"][0]["university"] == "Universidad Politécnica de Madrid"
    assert document["merged"]["added"]["work-experience"] == 2 and "last_name" in document["merged"]["filled"]
    assert _storage(user["id"]) == len(pdf)

    from vitae.platform import db

    events = db.connection().execute("SELECT data FROM outbox WHERE event_type = 'cv.parsed' AND user_id = %s",
                                     (user["id"],)).fetchall()
    assert [e["data"]["documentId"] for e in events] == [document["id"]]
    actions = [r["action"] for r in db.connection().execute(
        "SELECT action FROM audit_log WHERE candidate_id = %s ORDER BY created_at", (profile["id"],))]
    assert [a for a in actions if not a.endswith(".viewed")] == ["candidate.created", "cv.uploaded", "cv.parsed"]
    assert "cv.viewed" in actions


def test_a_second_parse_adds_nothing_twice_and_never_overwrites_edits(candidate):
    api, _, profile = candidate
    api.put(f"/v1/candidates/{profile['id']}/personal", json={"phone": "+44 20 7946 0958", "location": None})
    api.post(f"/v1/candidates/{profile['id']}/work-experience",
             json={"companyName": "ACME GmbH", "jobTitle": "senior engineer", "startDate": "2020-01"})
    api.post(f"/v1/candidates/{profile['id']}/skills", json={"skillName": "python"})
    for _ in range(2):
        document = _finished(api, _upload(api, profile["id"], documents.cv_pdf()).json()["documentId"])
        assert document["status"] == "parsed"
    after = _profile(api, profile["id"])
    assert after["phone"] == "+44 20 7946 0958"  # edited: kept
    assert after["location"] is None  # cleared by the person: not refilled
    assert [(w["companyName"], w["source"]) for w in after["workExperience"]] == [
        ("ACME GmbH", "user"), ("Globex Corporation", "cv")]
    names = [s["skillName"].lower() for s in after["skills"]]
    assert names.count("python") == 1 and len(names) == len(set(names))
    assert document["merged"]["added"] == {"work-experience": 0, "education": 0, "skills": 0, "certifications": 0}


def test_a_docx_through_a_presigned_post(candidate):
    api, user, profile = candidate
    docx = documents.cv_docx()
    form = api.post(f"/v1/candidates/{profile['id']}/cv/upload-url", json={
        "filename": "cv.docx", "contentType": DOCX, "jobDescription": "We need Kubernetes and Rust experience."})
    assert form.status_code == 202, form.text
    form = form.json()
    assert form["status"] == "awaiting_upload" and form["maxBytes"] == 10 * 1024 * 1024
    assert api.get(f"/v1/cv-documents/{form['documentId']}").json()["status"] == "awaiting_upload"
    uploaded = requests.post(form["url"], data={**form["fields"], "Content-Type": DOCX},
                             files={"file": ("cv.docx", io.BytesIO(docx), DOCX)}, timeout=30)
    assert uploaded.status_code == 204, uploaded.text
    document = _finished(api, form["documentId"])
    assert document["status"] == "parsed", document["failure"]
    assert document["parsed"]["basics"]["name"] == "José Ñúñez-García"
    assert document["keySkillMatch"] == {"present": ["Kubernetes"], "missing": ["Rust"]}
    companies = {w["companyName"] for w in _profile(api, profile["id"])["workExperience"]}
    assert companies == {"Acme GmbH", "Globex Corporation"}
    assert _storage(user["id"]) == len(docx)


@pytest.mark.parametrize("make, reason", [
    (documents.encrypted_pdf, "encrypted"),
    (documents.scanned_pdf, "no_text"),
    (lambda: documents.cv_pdf(pages=21), "too_many_pages"),
    (documents.docx_bomb, "too_large"),
    (documents.truncated_pdf, "malformed"),
])
def test_hostile_files_fail_with_a_reason_and_touch_nothing(candidate, make, reason):
    api, _, profile = candidate
    before = _profile(api, profile["id"])
    accepted = _upload(api, profile["id"], make(), filename="cv.pdf")
    assert accepted.status_code == 202, accepted.text
    document = _finished(api, accepted.json()["documentId"])
    assert document["status"] == "failed" and document["parsed"] is None
    assert document["failure"]["reason"] == reason and document["failure"]["message"]
    after = _profile(api, profile["id"])
    assert {k: v for k, v in after.items() if k != "updatedAt"} == {k: v for k, v in before.items() if k != "updatedAt"}
    assert _storage(profile["userId"]) == 0 and _objects(profile["userId"]) == []  # bytes given back, file gone


def test_the_wrong_type_is_refused_at_once_or_fails_after_a_direct_upload(candidate):
    api, _user, profile = candidate
    refused = _upload(api, profile["id"], documents.PNG, filename="cv.pdf")
    assert refused.status_code == 415 and "PDF and DOCX" in refused.json()["message"]
    form = api.post(f"/v1/candidates/{profile['id']}/cv/upload-url",
                    json={"filename": "cv.pdf", "contentType": "application/pdf"}).json()
    requests.post(form["url"], data={**form["fields"], "Content-Type": "application/pdf"},
                  files={"file": ("cv.pdf", io.BytesIO(documents.PNG), "application/pdf")}, timeout=30)
    document = _finished(api, form["documentId"])
    assert document["status"] == "failed" and document["failure"]["reason"] == "unsupported_type"


def test_bidi_controls_are_stripped_from_cv_names(candidate):
    """Issue 11, kind 4, the second place filenames are stored: CV documents, on both upload paths."""
    api, _, profile = candidate
    direct = _upload(api, profile["id"], documents.cv_pdf(), filename="my\u202efdp.exe").json()
    form = api.post(f"/v1/candidates/{profile['id']}/cv/upload-url",
                    json={"filename": "\u061ccv\u2066 2024\u2069.docx", "contentType": DOCX}).json()
    assert api.get(f"/v1/cv-documents/{direct['documentId']}").json()["filename"] == "myfdp.exe"
    assert api.get(f"/v1/cv-documents/{form['documentId']}").json()["filename"] == "cv 2024.docx"
    _finished(api, direct["documentId"])


def test_upload_limits_and_bad_forms(candidate):
    api, _, profile = candidate
    too_big = _upload(api, profile["id"], b"%PDF-1.4\n" + b"x" * (4 * 1024 * 1024 + 1))
    assert too_big.status_code == 413
    assert _upload(api, profile["id"], documents.cv_pdf(), keySkills="[not json").status_code == 400
    missing = api.post(f"/v1/candidates/{profile['id']}/cv",
                       files={"file": ("cv.pdf", io.BytesIO(b"%PDF"), "application/pdf")})
    assert missing.status_code == 400 and "'cv'" in missing.json()["message"]
    assert api.post(f"/v1/candidates/{profile['id']}/cv/upload-url",
                    json={"filename": "cv.png", "contentType": "image/png"}).status_code == 400
    from vitae.platform import db

    assert db.connection().execute("SELECT count(*) AS n FROM cv_documents WHERE candidate_id = %s",
                                   (profile["id"],)).fetchone()["n"] == 0


def test_other_users_cannot_upload_or_read(candidate, registered):
    api, _, profile = candidate
    document = _upload(api, profile["id"], documents.cv_pdf()).json()
    other, _ = registered()
    assert _upload(other, profile["id"], documents.cv_pdf()).status_code == 404
    assert other.post(f"/v1/candidates/{profile['id']}/cv/upload-url",
                      json={"filename": "cv.pdf", "contentType": "application/pdf"}).status_code == 404
    assert other.get(f"/v1/cv-documents/{document['documentId']}").status_code == 404
    assert other.get("/v1/cv-documents/not-a-uuid").status_code == 404
    assert _finished(api, document["documentId"])["status"] == "parsed"


def test_a_presigned_form_used_twice_stores_and_counts_only_the_first_upload(candidate):
    api, user, profile = candidate
    form = api.post(f"/v1/candidates/{profile['id']}/cv/upload-url",
                    json={"filename": "cv.pdf", "contentType": "application/pdf"}).json()
    pdf = documents.cv_pdf()
    _post_form(form, pdf)
    document = _finished(api, form["documentId"])
    assert document["status"] == "parsed" and document["size"] == len(pdf)
    _post_form(form, documents.cv_pdf(pages=3))  # the same form again, other bytes
    wait_until(lambda: _objects(user["id"]) == [form["key"].removesuffix(".upload")],
               "the second upload to be deleted", timeout=30)
    assert _storage(user["id"]) == len(pdf)
    assert api.get(f"/v1/cv-documents/{form['documentId']}").json()["size"] == len(pdf)


def test_a_presigned_upload_past_the_quota_fails_and_is_deleted(candidate):
    api, user, profile = candidate
    from vitae.platform import db

    db.connection().execute("UPDATE users SET max_storage = 100 WHERE id = %s", (user["id"],))
    form = api.post(f"/v1/candidates/{profile['id']}/cv/upload-url",
                    json={"filename": "cv.pdf", "contentType": "application/pdf"}).json()
    _post_form(form, documents.cv_pdf())
    document = _finished(api, form["documentId"])
    assert document["status"] == "failed" and document["failure"]["reason"] == "over_quota"
    assert _storage(user["id"]) == 0 and _objects(user["id"]) == []
    refused = _upload(api, profile["id"], documents.cv_pdf())
    assert refused.status_code == 403 and "quota" in refused.json()["message"]


def test_deleting_a_document_deletes_its_file_and_gives_back_its_bytes(candidate, registered):
    api, user, profile = candidate
    document = _finished(api, _upload(api, profile["id"], documents.cv_pdf()).json()["documentId"])
    assert _storage(user["id"]) == document["size"] and len(_objects(user["id"])) == 1
    other, _ = registered()
    assert other.delete(f"/v1/cv-documents/{document['id']}").status_code == 404
    assert api.delete(f"/v1/cv-documents/{document['id']}").status_code == 204
    assert api.get(f"/v1/cv-documents/{document['id']}").status_code == 404
    assert _storage(user["id"]) == 0 and _objects(user["id"]) == []
    assert {w["companyName"] for w in _profile(api, profile["id"])["workExperience"]} == {
        "Acme GmbH", "Globex Corporation"}  # what the parse added is the person's now
    assert api.delete(f"/v1/cv-documents/{document['id']}").status_code == 404


def _upload_own(api, data: bytes, filename: str = "cv.pdf", **form):
    return api.post("/v1/profile/resume/upload", files={"cv": (filename, io.BytesIO(data), "application/pdf")},
                    data=form)


def test_an_upload_to_ones_own_profile_creates_it_and_the_parse_fills_it(registered):
    api, user = registered()
    assert api.get("/v1/profile").status_code == 404
    accepted = _upload_own(api, documents.cv_pdf(), jobRole="Backend engineer", keySkills="Python, Terraform")
    assert accepted.status_code == 202, accepted.text
    assert accepted.json()["status"] == "queued"
    document = _finished(api, accepted.json()["documentId"])
    assert document["status"] == "parsed" and document["jobRole"] == "Backend engineer"
    assert document["keySkillMatch"] == {"present": ["Python"], "missing": ["Terraform"]}
    profile = api.get("/v1/profile").json()
    assert profile["userId"] == user["id"] and document["candidateId"] == profile["id"]
    assert (profile["firstName"], profile["lastName"], profile["phone"]) == ("José", "Ñúñez-García", "+34912345678")
    assert [(w["companyName"], w["source"]) for w in profile["workExperience"]] == [
        ("Acme GmbH", "cv"), ("Globex Corporation", "cv")]
    assert "first_name" in document["merged"]["filled"] and _storage(user["id"]) == document["size"]


def test_an_upload_to_ones_own_profile_keeps_its_edits_and_never_touches_anothers(registered):
    first, _ = registered()
    mine = _finished(first, _upload_own(first, documents.cv_pdf()).json()["documentId"])
    before = first.get("/v1/profile").json()
    second, _ = registered()
    theirs = second.put("/v1/profile", json={"firstName": "Eve", "headline": "Data engineer"}).json()
    document = _finished(second, _upload_own(second, documents.cv_pdf()).json()["documentId"])
    assert document["status"] == "parsed" and document["candidateId"] == theirs["id"] != mine["candidateId"]
    after = second.get("/v1/profile").json()
    assert (after["firstName"], after["lastName"], after["headline"]) == ("Eve", "Ñúñez-García", "Data engineer")
    assert first.get("/v1/profile").json() == before
    assert second.get(f"/v1/cv-documents/{mine['id']}").status_code == 404


def test_an_own_upload_that_is_refused_creates_no_profile(registered, as_user):
    stranger, _, _ = as_user()
    assert _upload_own(stranger, documents.cv_pdf()).status_code == 404  # not registered
    api, user = registered()
    refused = _upload_own(api, documents.PNG)
    assert refused.status_code == 415 and "PDF and DOCX" in refused.json()["message"]
    assert _upload_own(api, b"%PDF-1.4\n" + b"x" * (4 * 1024 * 1024 + 1)).status_code == 413
    assert _upload_own(api, documents.cv_pdf(), keySkills="[not json").status_code == 400
    missing = api.post("/v1/profile/resume/upload", files={"file": ("cv.pdf", io.BytesIO(b"%PDF"), "application/pdf")})
    assert missing.status_code == 400 and "'cv'" in missing.json()["message"]
    from vitae.platform import db

    db.connection().execute("UPDATE users SET max_storage = 100 WHERE id = %s", (user["id"],))
    over = _upload_own(api, documents.cv_pdf())
    assert over.status_code == 403 and "quota" in over.json()["message"]
    assert api.get("/v1/profile").status_code == 404
