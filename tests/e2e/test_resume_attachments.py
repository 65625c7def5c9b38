"""Resume attachments over real HTTP: content checks, quota, both upload paths, deletion."""

import io
import zipfile

import boto3
import pytest
import requests

from tests.e2e.test_resumes_api import _create
from vitae_devstack.services import wait_until

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def _docx() -> bytes:
    import docx

    document, buffer = docx.Document(), io.BytesIO()
    document.add_paragraph("Reference letter")
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def owner(registered):
    api, user = registered()
    return api, user, _create(api)


def _attach(api, resume_id: str, data: bytes, filename: str, declared: str = "application/octet-stream"):
    return api.post(f"/v1/resumes/{resume_id}/attachments", files={"file": (filename, io.BytesIO(data), declared)})


def _objects(prefix: str) -> list[str]:
    from vitae.platform.config import settings

    return [o["Key"] for o in boto3.client("s3").list_objects_v2(
        Bucket=settings().files_bucket, Prefix=prefix).get("Contents", [])]


def _storage(user_id: str) -> int:
    from vitae.platform import db

    row = db.connection().execute("SELECT storage_used FROM users WHERE id = %s", (user_id,)).fetchone()
    return row["storage_used"]


def test_accepted_types_by_content_download_and_delete(owner):
    api, user, resume = owner
    docx_bytes = _docx()
    uploads = [_attach(api, resume["id"], PDF, "cv.pdf"), _attach(api, resume["id"], docx_bytes, "letter.bin"),
               _attach(api, resume["id"], PNG, "../../etc/photo.gif")]
    assert [u.status_code for u in uploads] == [201, 201, 201]
    assert [u.json()["contentType"] for u in uploads] == [
        "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "image/png"]
    assert uploads[2].json()["filename"] == "photo.gif"
    assert _storage(user["id"]) == len(PDF) + len(docx_bytes) + len(PNG)
    listed = api.get(f"/v1/resumes/{resume['id']}/attachments").json()["items"]
    assert [a["filename"] for a in listed] == ["cv.pdf", "letter.bin", "photo.gif"]
    assert all("key" not in a for a in listed)
    first = api.get(f"/v1/resumes/{resume['id']}/attachments/{listed[0]['id']}").json()
    assert requests.get(first["url"], timeout=10).content == PDF and first["expiresIn"] == 300
    assert api.delete(f"/v1/resumes/{resume['id']}/attachments/{listed[0]['id']}").status_code == 204
    assert api.get(f"/v1/resumes/{resume['id']}/attachments/{listed[0]['id']}").status_code == 404
    assert len(_objects(f"attachments/{user['id']}/")) == 2
    assert _storage(user["id"]) == len(docx_bytes) + len(PNG)


@pytest.mark.parametrize("filename", ["Резюме Иванова.pdf", "Łukasz Żmuda – référence.pdf", "履歴書.pdf"])
def test_a_download_keeps_its_name_in_any_script(owner, filename):
    """Issue 11, kind 4: the presigned URL's Content-Disposition is RFC 6266 with the UTF-8 name in
    `filename*` (RFC 5987); before, the raw name went into a quoted `filename` and broke the download."""
    from werkzeug.http import parse_options_header

    api, _, resume = owner
    attached = _attach(api, resume["id"], PDF, filename).json()
    assert attached["filename"] == filename
    link = api.get(f"/v1/resumes/{resume['id']}/attachments/{attached['id']}").json()
    download = requests.get(link["url"], timeout=10)
    assert download.status_code == 200 and download.content == PDF
    assert parse_options_header(download.headers["content-disposition"]) == ("attachment", {"filename": filename})


def test_bidi_controls_are_stripped_from_stored_names(owner):
    """Issue 11, kind 4: "cv\u202efdp.exe" would show as "cvexe.pdf"; every bidi control goes, on both
    upload paths."""
    api, _, resume = owner
    direct = _attach(api, resume["id"], PDF, "cv\u202efdp.exe").json()
    form = api.post(f"/v1/resumes/{resume['id']}/attachments/upload-url",
                    json={"filename": "\u2067letter\u2069\u200f.pdf", "contentType": "application/pdf"}).json()
    listed = {a["id"]: a["filename"] for a in api.get(f"/v1/resumes/{resume['id']}/attachments").json()["items"]}
    assert listed == {direct["id"]: "cvfdp.exe", form["attachmentId"]: "letter.pdf"}


def test_wrong_content_and_size_are_refused_and_store_nothing(owner):
    api, user, resume = owner
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("evil.exe", "MZ")
    for data, name in ((b"#!/bin/sh\nrm -rf /", "resume.pdf"), (archive.getvalue(), "resume.docx")):
        refused = _attach(api, resume["id"], data, name, "application/pdf")
        assert (refused.status_code, refused.json()["message"]) == (
            415, "Only PDF, DOCX, PNG and JPEG files can be attached")
    too_big = _attach(api, resume["id"], PDF + b"\0" * (4 * 1024 * 1024), "big.pdf")
    assert too_big.status_code == 413
    assert _objects(f"attachments/{user['id']}/") == []
    assert api.get(f"/v1/resumes/{resume['id']}/attachments").json()["items"] == []


def test_the_storage_quota_is_enforced(owner):
    from vitae.platform import db

    api, user, resume = owner
    with db.transaction() as conn:
        conn.execute("UPDATE users SET max_storage = %s WHERE id = %s", (len(PDF) + 10, user["id"]))
    assert _attach(api, resume["id"], PDF, "one.pdf").status_code == 201
    refused = _attach(api, resume["id"], PDF, "two.pdf")
    assert refused.status_code == 403 and refused.json()["message"].startswith("Storage quota exceeded")
    assert len(_objects(f"attachments/{user['id']}/")) == 1


def test_large_files_go_through_a_presigned_post_and_the_upload_consumer(owner):
    api, user, resume = owner
    big_pdf = PDF + b"%" + b"x" * (5 * 1024 * 1024)  # past the API's 4 MB
    form = api.post(f"/v1/resumes/{resume['id']}/attachments/upload-url",
                    json={"filename": "portfolio.pdf", "contentType": "application/pdf"}).json()
    assert form["maxBytes"] == 10 * 1024 * 1024 and form["key"].endswith(".upload")
    pending = api.get(f"/v1/resumes/{resume['id']}/attachments").json()["items"]
    assert [(a["id"], a["status"]) for a in pending] == [(form["attachmentId"], "pending")]
    assert api.get(f"/v1/resumes/{resume['id']}/attachments/{form['attachmentId']}").status_code == 409
    uploaded = requests.post(form["url"], data={**form["fields"], "Content-Type": "application/pdf"},
                             files={"file": ("x", io.BytesIO(big_pdf), "application/pdf")}, timeout=30)
    assert uploaded.status_code == 204, uploaded.text

    def ready():
        items = api.get(f"/v1/resumes/{resume['id']}/attachments").json()["items"]
        return items if items and items[0]["status"] == "ready" else None

    (attachment,) = wait_until(ready, "the attachment to be ready", timeout=30)
    assert attachment["size"] == len(big_pdf) and attachment["contentType"] == "application/pdf"
    assert _storage(user["id"]) == len(big_pdf)
    download = api.get(f"/v1/resumes/{resume['id']}/attachments/{attachment['id']}").json()
    assert requests.get(download["url"], timeout=10).content == big_pdf


def test_a_presigned_upload_of_the_wrong_type_is_deleted(owner):
    api, user, resume = owner
    form = api.post(f"/v1/resumes/{resume['id']}/attachments/upload-url",
                    json={"filename": "x.pdf", "contentType": "application/pdf"}).json()
    requests.post(form["url"], data={**form["fields"], "Content-Type": "application/pdf"},
                  files={"file": ("x", io.BytesIO(b"not a pdf at all"), "application/pdf")}, timeout=30)
    wait_until(lambda: api.get(f"/v1/resumes/{resume['id']}/attachments").json()["items"] == [],
               "the rejected attachment to disappear", timeout=30)
    assert form["key"] not in _objects(f"attachments/{user['id']}/")
    assert _storage(user["id"]) == 0


def test_deleting_the_resume_deletes_its_files_and_gives_back_the_storage(owner):
    api, user, resume = owner
    _attach(api, resume["id"], PDF, "a.pdf")
    _attach(api, resume["id"], PNG, "b.png")
    assert len(_objects(f"attachments/{user['id']}/")) == 2
    assert api.delete(f"/v1/resumes/{resume['id']}").status_code == 204
    assert _objects(f"attachments/{user['id']}/") == []
    assert _storage(user["id"]) == 0


def test_other_users_attachments_are_404(owner, registered):
    api, _, resume = owner
    intruder, _ = registered()
    attachment = _attach(api, resume["id"], PDF, "a.pdf").json()
    base = f"/v1/resumes/{resume['id']}/attachments"
    assert intruder.get(base).status_code == 404
    assert intruder.get(f"{base}/{attachment['id']}").status_code == 404
    assert intruder.delete(f"{base}/{attachment['id']}").status_code == 404
    assert _attach(intruder, resume["id"], PDF, "x.pdf").status_code == 404
    their_resume = _create(intruder)
    assert intruder.get(f"/v1/resumes/{their_resume['id']}/attachments/{attachment['id']}").status_code == 404
    assert api.get(f"{base}/{attachment['id']}").status_code == 200
