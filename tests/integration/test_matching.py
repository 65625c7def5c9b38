"""The matching domain's handlers and workers invoked with their sample events against PostgreSQL,
Redis, LocalStack and the fake Ollama: texts from JSON and files judged by their bytes, owner-only
reads, the per-user limit and its block, processings computed once, the LLM's words checked against
the texts, and deletes that take their processings (and say so in events) with them."""

import base64
import copy
import io
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import requests

from tests import documents
from tests.fakes.ollama import DEFAULT_MODELS
from tests.samples import delivered, sample
from vitae.platform import cache, db, storage
from vitae.platform.config import settings

JOB = ("Backend Engineer\nRequired: Python, PostgreSQL and Kubernetes.\n"
       "We build services on AWS Lambda.")
RESUME = "Ada Lovelace\nBackend engineer: Python and PostgreSQL on AWS Lambda for seven years."
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64


def _rows(query: str, *args) -> list[dict]:
    return db.connection().execute(query, args).fetchall()


def _events(user_id: str, prefix: str = "matching.") -> list[tuple[str, dict]]:
    return [(r["event_type"], r["data"]) for r in _rows(
        "SELECT event_type, data FROM outbox WHERE user_id = %s AND event_type LIKE %s ORDER BY created_at, id",
        user_id, f"{prefix}%")]


def _event(name: str, user_id: str, body=None, path_id: str | None = None, query: dict | None = None,
           headers: dict | None = None) -> dict:
    event = sample(f"matching/{name}")
    event["requestContext"]["authorizer"]["lambda"]["userId"] = user_id
    if body is not None:
        event["body"] = body if isinstance(body, str) else json.dumps(body)
        event["isBase64Encoded"] = False
    if path_id is not None:
        event["pathParameters"] = {"id": path_id}
        event["rawPath"] = event["rawPath"].rsplit("/", 1)[0] + f"/{path_id}"
    if query is not None:
        event["queryStringParameters"] = query
    event["headers"].update(headers or {})
    return event


def call(devstack, function: str, name: str, user_id: str, **kwargs) -> tuple[int, dict, dict]:
    """(status, body, headers) of a handler invoked with its sample event adjusted."""
    response = devstack.invoke_in_process(function, _event(name, user_id, **kwargs))
    body = json.loads(response["body"]) if response.get("body") else None
    return response["statusCode"], body, response["headers"]


def _multipart(data: bytes, filename: str, title: str | None = None) -> tuple[str, str]:
    boundary = uuid.uuid4().hex
    parts = b""
    if title:
        parts += f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n{title}\r\n'.encode()
    parts += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
              f"Content-Type: application/pdf\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return base64.b64encode(parts).decode(), f"multipart/form-data; boundary={boundary}"


def upload_file(devstack, kind: str, user_id: str, data: bytes, filename: str = "doc.pdf"):
    body, content_type = _multipart(data, filename, "Uploaded")
    event = _event(f"{kind}_file", user_id, headers={"content-type": content_type})
    event["body"], event["isBase64Encoded"] = body, True
    function = "UploadRequirementsFileFunction" if kind == "requirements" else "UploadResumeTextFileFunction"
    response = devstack.invoke_in_process(function, event)
    return response["statusCode"], json.loads(response["body"])


def requirements(devstack, user_id: str, text: str = JOB) -> str:
    status, body, _ = call(devstack, "CreateRequirementsFunction", "requirements_create", user_id,
                           body={"title": "Backend", "text": text})
    assert status == 201, body
    return body["id"]


def resume_text(devstack, user_id: str, text: str = RESUME) -> str:
    status, body, _ = call(devstack, "CreateResumeTextFunction", "resume_text_create", user_id,
                           body={"title": "Mine", "text": text})
    assert status == 201, body
    return body["id"]


def start(devstack, user_id: str, **side) -> tuple[int, dict, dict]:
    return call(devstack, "CreateProcessingFunction", "processing_create", user_id, body=side)


def requested_event(processing_id: str) -> dict:
    """The worker's SQS event carrying the processing's outbox event, as EventBridge delivers it."""
    return delivered("matching/processing_worker", "matching.processing_requested", "processingId", processing_id)


def processing(processing_id: str) -> dict:
    return _rows("SELECT * FROM processings WHERE id = %s", processing_id)[0]




# -- texts ---------------------------------------------------------------------------------------


def test_requirements_are_created_read_listed_and_deleted_by_their_owner_only(devstack, new_user):
    me, other = new_user(), new_user()
    ids = [requirements(devstack, me, f"{JOB}\nNumber {n}") for n in range(3)]
    assert _events(me) == [("matching.requirements_created", {
        "requirementsId": i, "title": "Backend", "source": "text", "length": len(f"{JOB}\nNumber {n}"),
        "seedEvent": "new_requirements"}) for n, i in enumerate(ids)]

    status, body, _ = call(devstack, "GetRequirementsFunction", "requirements_get", me, path_id=ids[0])
    assert status == 200 and body["text"] == f"{JOB}\nNumber 0" and body["status"] == "ready"
    # the text is cached for 3 days (seed [D])
    key = cache.key("matching", "requirements", ids[0])
    assert json.loads(cache.client().get(key)) == f"{JOB}\nNumber 0"
    assert 3 * 24 * 3600 - 60 < cache.client().ttl(key) <= 3 * 24 * 3600

    status, page, _ = call(devstack, "ListRequirementsFunction", "requirements_list", me, query={"limit": "2"})
    assert status == 200 and [i["id"] for i in page["items"]] == ids[::-1][:2] and "text" not in page["items"][0]
    status, rest, _ = call(devstack, "ListRequirementsFunction", "requirements_list", me,
                           query={"limit": "2", "cursor": page["nextCursor"]})
    assert [i["id"] for i in rest["items"]] == [ids[0]] and rest["nextCursor"] is None
    assert call(devstack, "ListRequirementsFunction", "requirements_list", other, query={})[1]["items"] == []

    for function, name in (("GetRequirementsFunction", "requirements_get"),
                           ("DeleteRequirementsFunction", "requirements_delete")):
        status, body, _ = call(devstack, function, name, other, path_id=ids[0])
        assert status == 404 and body["message"] == f"Requirements with ID {ids[0]} not found"
    assert call(devstack, "GetRequirementsFunction", "requirements_get", me, path_id="not-a-uuid")[0] == 404

    status, _, _ = call(devstack, "DeleteRequirementsFunction", "requirements_delete", me, path_id=ids[0])
    assert status == 204
    assert _rows("SELECT id FROM requirements WHERE id = %s", ids[0]) == []
    assert cache.client().get(key) is None
    assert call(devstack, "GetRequirementsFunction", "requirements_get", me, path_id=ids[0])[0] == 404


def test_resume_texts_are_cached_for_an_hour_and_read_from_the_database_without_redis(devstack, new_user, monkeypatch):
    me = new_user()
    text_id = resume_text(devstack, me)
    assert _events(me) == [("matching.resume_created", {"resumeTextId": text_id, "title": "Mine", "source": "text",
                                                        "length": len(RESUME), "seedEvent": "new_resume"})]
    assert call(devstack, "GetResumeTextFunction", "resume_text_get", me, path_id=text_id)[1]["text"] == RESUME
    key = cache.key("matching", "resume", text_id)
    assert 3500 < cache.client().ttl(key) <= 3600

    from vitae.platform.errors import Unavailable

    def down():
        raise Unavailable("cache down", dependency="cache")

    monkeypatch.setattr(cache, "client", down)
    status, body, _ = call(devstack, "GetResumeTextFunction", "resume_text_get", me, path_id=text_id)
    assert status == 200 and body["text"] == RESUME


def test_invalid_texts_are_refused_and_leave_nothing(devstack, new_user):
    me = new_user()
    for body in ({"text": ""}, {"text": "   \n"}, {"title": "x"}, {"text": "a" * 100_001}, {"text": "ok", "extra": 1}):
        status, answer, _ = call(devstack, "CreateRequirementsFunction", "requirements_create", me, body=body)
        assert status == 400, (body, answer)
    status, answer, _ = call(devstack, "CreateRequirementsFunction", "requirements_create", str(uuid.uuid4()),
                             body={"text": JOB})
    assert status == 404 and "register first" in answer["message"]
    assert _rows("SELECT id FROM requirements WHERE user_id = %s", me) == [] and _events(me) == []


@pytest.mark.parametrize("kind", ["requirements", "resume_text"])
def test_files_are_judged_by_their_content(devstack, new_user, kind):
    me = new_user()
    status, body = upload_file(devstack, kind, me, documents.cv_pdf(), "cv.pdf")
    assert status == 201, body
    assert body["source"] == "file" and body["filename"] == "cv.pdf" and "Globex Corporation" in body["text"]
    status, body = upload_file(devstack, kind, me, documents.cv_docx(), "cv.docx")
    assert status == 201 and "Acme GmbH" in body["text"]
    status, body = upload_file(devstack, kind, me, b"Pflege: Intensivstation, Python\n", "job.txt")
    assert status == 201 and body["text"] == "Pflege: Intensivstation, Python\n"
    table = "requirements" if kind == "requirements" else "resume_texts"
    stored = len(_rows(f"SELECT id FROM {table} WHERE user_id = %s", me))

    refused = [
        (PNG, "photo.pdf", 415),  # an image whatever its name says
        (b"\x00\x01\x02binary\xff\x00" * 20, "data.txt", 415),  # binary, not text
        ("café".encode("latin-1"), "latin1.txt", 415),  # not UTF-8
        (b"PK\x03\x04" + b"\x00" * 100, "archive.docx", 415),  # a zip that is no DOCX
        (documents.encrypted_pdf(), "locked.pdf", 400),
        (documents.scanned_pdf(), "scan.pdf", 400),
        (b"x" * (4 * 1024 * 1024 + 1), "big.txt", 413),
    ]
    for data, filename, expected in refused:
        status, body = upload_file(devstack, kind, me, data, filename)
        assert status == expected, (filename, body)
    assert len(_rows(f"SELECT id FROM {table} WHERE user_id = %s", me)) == stored
    created = "matching.requirements_created" if kind == "requirements" else "matching.resume_created"
    assert [t for t, _ in _events(me)] == [created] * 3


def _post_form(form: dict, data: bytes, content_type: str) -> None:
    response = requests.post(form["url"], data={**form["fields"], "Content-Type": content_type},
                             files={"file": ("doc", io.BytesIO(data), content_type)}, timeout=30)
    assert response.status_code == 204, response.text


def _notification(key: str, size: int) -> dict:
    event = sample("matching/upload_worker")
    record = event["Records"][0]
    body = json.loads(record["body"])
    body["Records"][0]["s3"]["object"].update(key=key, size=size)
    record["body"], record["messageId"] = json.dumps(body), str(uuid.uuid4())
    return event


def _objects(prefix: str) -> list[str]:
    listing = storage.s3().list_objects_v2(Bucket=settings().files_bucket, Prefix=prefix)
    return [o["Key"] for o in listing.get("Contents", [])]


@pytest.mark.parametrize("kind,prefix", [("requirements", "requirements"), ("resume_text", "match")])
def test_a_presigned_upload_becomes_a_text_once_read_and_its_file_is_not_kept(devstack, new_user, kind, prefix):
    me = new_user()
    function = "RequirementsUploadUrlFunction" if kind == "requirements" else "ResumeTextUploadUrlFunction"
    get = ("GetRequirementsFunction", "requirements_get") if kind == "requirements" else \
        ("GetResumeTextFunction", "resume_text_get")
    forms = []
    for _ in range(2):
        status, form, _ = call(devstack, function, f"{kind}_upload_url", me,
                               body={"filename": "job.pdf", "contentType": "application/pdf", "title": "Big"})
        assert status == 202 and form["status"] == "awaiting_upload" and form["key"].startswith(f"{prefix}/{me}/")
        assert form["maxBytes"] == 10 * 1024 * 1024
        forms.append(form)
    assert call(devstack, *get, me, path_id=forms[0]["id"])[1]["text"] is None

    pdf = documents.cv_pdf()
    _post_form(forms[0], pdf, "application/pdf")
    _post_form(forms[1], PNG, "application/pdf")  # a PNG declared as a PDF
    for form, data in ((forms[0], pdf), (forms[1], PNG)):
        event = _notification(form["key"], len(data))
        assert devstack.invoke_in_process("ReadMatchingUploadFunction", event) == {"batchItemFailures": []}
        # a redelivered notification changes nothing
        again = devstack.invoke_in_process("ReadMatchingUploadFunction", copy.deepcopy(event))
        assert again == {"batchItemFailures": []}

    ready = call(devstack, *get, me, path_id=forms[0]["id"])[1]
    assert ready["status"] == "ready" and "Acme GmbH" in ready["text"] and ready["source"] == "upload"
    failed = call(devstack, *get, me, path_id=forms[1]["id"])[1]
    assert failed["status"] == "failed" and failed["failure"]["reason"] == "unsupported_type" and failed["text"] is None
    assert _objects(f"{prefix}/{me}/") == []
    created = "matching.requirements_created" if kind == "requirements" else "matching.resume_created"
    assert [t for t, _ in _events(me)] == [created]

    # a text whose upload was refused is no side of a processing, and says why
    side = {"requirementsId": forms[1]["id"], "resumeTextId": resume_text(devstack, me)} if kind == "requirements" \
        else {"requirementsId": requirements(devstack, me), "resumeTextId": forms[1]["id"]}
    status, body, _ = start(devstack, me, **side)
    assert status == 409 and body["message"].endswith(f"({failed['failure']['message']}): upload the file again")

    # a form nobody used, long expired, is a failed upload too
    form = call(devstack, function, f"{kind}_upload_url", me, body={"contentType": "text/plain"})[1]
    assert call(devstack, *get, me, path_id=form["id"])[1]["status"] == "awaiting_upload"
    with db.transaction() as conn:
        conn.execute(f"UPDATE {'requirements' if kind == 'requirements' else 'resume_texts'} "
                     "SET created_at = now() - interval '26 minutes' WHERE id = %s", (form["id"],))
    expired = call(devstack, *get, me, path_id=form["id"])[1]
    assert (expired["status"], expired["failure"]["reason"]) == ("failed", "upload_expired")
    side[("requirementsId" if kind == "requirements" else "resumeTextId")] = form["id"]
    status, body, _ = start(devstack, me, **side)
    assert status == 409 and "before it expired): upload the file again" in body["message"]


# -- processings ---------------------------------------------------------------------------------


def test_a_processing_is_queued_then_computed_once_as_assess_of_the_stored_texts(devstack, new_user, no_ollama):
    from vitae.matching.scoring import assess

    me = new_user()
    req, text = requirements(devstack, me), resume_text(devstack, me)
    status, body, headers = start(devstack, me, requirementsId=req, resumeTextId=text)
    assert status == 202 and body["status"] == "queued"
    assert headers["location"] == f"/v1/matching/processings/{body['id']}"
    row = processing(body["id"])
    assert (row["status"], row["resume_kind"], str(row["resume_ref"]), row["resume_text"]) == \
        ("queued", "resume_text", text, RESUME)
    assert ("matching.processing_requested", {"processingId": body["id"], "requirementsId": req,
                                              "resume": {"kind": "resume_text", "id": text},
                                              "seedEvent": "new_request"}) in _events(me)
    assert call(devstack, "GetProcessingFunction", "processing_get", me, path_id=body["id"])[1]["result"] is None

    event = requested_event(body["id"])
    assert devstack.invoke_in_process("ProcessMatchFunction", event) == {"batchItemFailures": []}
    done = call(devstack, "GetProcessingFunction", "processing_get", me, path_id=body["id"])[1]
    assert done["status"] == "done" and done["completedAt"]
    result = done["result"]
    expected = assess(RESUME, JOB).model_dump(mode="json", by_alias=True)
    assert {k: result[k] for k in expected} == expected  # Ollama down: the assessment itself
    assert result["method"] == "deterministic" and result["llmEvidence"] is None and result["model"] is None
    assert result["scoringVersion"] == expected["scoringVersion"]
    assert result["timings"]["scoringMs"] >= 0 and result["timings"]["totalMs"] >= result["timings"]["scoringMs"]
    assert "Python" in [m["name"] for m in result["matches"]]  # both texts name it

    # redelivered: computed once, one completion event, the same stored result
    assert devstack.invoke_in_process("ProcessMatchFunction", copy.deepcopy(event)) == {"batchItemFailures": []}
    assert processing(body["id"])["result"] == result and processing(body["id"])["attempts"] == 1
    completed = [d for t, d in _events(me) if t == "matching.processing_completed"]
    assert completed == [{"processingId": body["id"], "requirementsId": req, "score": result["score"],
                          "verdict": result["verdict"], "method": "deterministic",
                          "scoringVersion": result["scoringVersion"], "seedEvent": "new_processing"}]
    assert _rows("SELECT consumer FROM processed_events WHERE event_id = %s",
                 json.loads(event["Records"][0]["body"])["detail"]["eventId"]) == [{"consumer": "matching-processor"}]

    # the same inputs again: the same score
    again = start(devstack, me, requirementsId=req, resumeTextId=text)[1]["id"]
    devstack.invoke_in_process("ProcessMatchFunction", requested_event(again))
    assert processing(again)["result"]["score"] == result["score"]


def test_the_llm_words_the_result_and_its_unsupported_skills_are_stripped(devstack, new_user, ollama):
    from vitae.matching.scoring import assess

    me = new_user()
    req, text = requirements(devstack, me), resume_text(devstack, me)
    processing_id = start(devstack, me, requirementsId=req, resumeTextId=text)[1]["id"]
    ollama.reply_chat({"verdict": "good", "recommendation": "Show your Kubernetes work.",
                       "matched_skills": ["Python", "Kubernetes", "Cobol"],
                       "missing_skills": ["Kubernetes", "Rust"]})
    assert devstack.invoke_in_process("ProcessMatchFunction", requested_event(processing_id)) == \
        {"batchItemFailures": []}
    result = processing(processing_id)["result"]
    assert result["method"] == "deterministic+llm"
    assert (result["model"], result["promptVersion"]) == ("llama3.2", "matching-review/1")
    assert result["modelVersion"] == next(m["digest"] for m in DEFAULT_MODELS if m["name"] == "llama3.2:latest")
    assert (result["verdict"], result["recommendation"]) == ("good", "Show your Kubernetes work.")
    # Kubernetes is asked for but not in the resume; Cobol and Rust are in neither text
    assert result["llmEvidence"] == {"matched": ["Python"], "missing": ["Kubernetes"],
                                     "dropped": ["Kubernetes", "Cobol", "Rust"]}
    assert result["score"] == assess(RESUME, JOB).score  # never the LLM's
    assert result["timings"]["llmMs"] is not None
    assert len(ollama.chats()) == 1
    chat = ollama.chats()[0]
    assert chat["format"]["properties"]["verdict"]["enum"] == ["strong", "good", "partial", "weak"]


@pytest.mark.parametrize("fault", [("error", 500), ("malformed", None), "crash"])
def test_without_a_valid_llm_answer_the_result_is_complete_and_deterministic(devstack, new_user, ollama, fault,
                                                                              monkeypatch):
    from vitae.matching.scoring import assess
    from vitae.platform import ai

    me = new_user()
    req, text = requirements(devstack, me), resume_text(devstack, me)
    processing_id = start(devstack, me, requirementsId=req, resumeTextId=text)[1]["id"]
    if fault == "crash":  # a failure the AI client does not know (a bug, a library's surprise)
        def crash(*args, **kwargs):
            raise RuntimeError("unexpected")
        monkeypatch.setattr(ai, "structured", crash)
    else:
        ollama.fault(*fault)
    assert devstack.invoke_in_process("ProcessMatchFunction", requested_event(processing_id)) == \
        {"batchItemFailures": []}
    row = processing(processing_id)
    expected = assess(RESUME, JOB)
    assert row["status"] == "done" and row["result"]["method"] == "deterministic"
    assert (row["result"]["score"], row["result"]["verdict"], row["result"]["recommendation"]) == \
        (expected.score, expected.verdict, expected.recommendation)


def test_the_resume_side_is_a_resume_text_a_vitae_resume_or_the_profile_and_only_the_callers(devstack, new_user):
    from vitae.candidates import service as candidates
    from vitae.candidates.models import CandidateIn
    from vitae.platform.auth import Principal, Role
    from vitae.resumes import service as resumes
    from vitae.resumes.sections import ResumeIn

    me, other = new_user(), new_user()
    principal = Principal(me, None, Role.USER, datetime.now(UTC) + timedelta(hours=1))
    req, text = requirements(devstack, me), resume_text(devstack, me)
    resume = resumes.create_resume(principal, ResumeIn.model_validate(json.loads(sample("resumes/create")["body"])))
    theirs = requirements(devstack, other)

    status, body, _ = start(devstack, me, requirementsId=req, resumeId=str(resume.id))
    assert status == 202
    snapshot = processing(body["id"])["resume_text"]
    assert "Backend engineer" in snapshot and "Python" in snapshot and "University of Edinburgh" in snapshot

    status, body, _ = start(devstack, me, requirementsId=req, useProfile=True)
    assert status == 404 and "no candidate profile" in body["message"]
    candidate = candidates.create_candidate(candidates.Actor(principal),
                                            CandidateIn(headline="Nurse and Python hobbyist"))
    status, body, _ = start(devstack, me, requirementsId=req, useProfile=True)
    assert status == 202
    row = processing(body["id"])
    assert (row["resume_kind"], str(row["resume_ref"])) == ("profile", str(candidate.id))
    assert "Nurse and Python hobbyist" in row["resume_text"]

    count = len(_rows("SELECT id FROM processings WHERE user_id = %s", me))
    for side, expected in (
        ({"requirementsId": theirs, "resumeTextId": text}, 404),  # another's requirements
        ({"requirementsId": str(uuid.uuid4()), "resumeTextId": text}, 404),
        ({"requirementsId": req, "resumeTextId": resume_text(devstack, other)}, 404),  # another's resume text
        ({"requirementsId": req, "resumeId": str(uuid.uuid4())}, 404),
        ({"requirementsId": req}, 400),  # no resume side
        ({"requirementsId": req, "resumeTextId": text, "useProfile": True}, 400),  # two
        ({"requirementsId": req, "useProfile": False}, 400),
        ({"requirementsId": "nope", "resumeTextId": text}, 400),
    ):
        status, body, _ = start(devstack, me, **side)
        assert status == expected, (side, body)
    assert len(_rows("SELECT id FROM processings WHERE user_id = %s", me)) == count

    # a text whose upload has not been read yet cannot be matched
    form = call(devstack, "RequirementsUploadUrlFunction", "requirements_upload_url", me,
                body={"contentType": "text/plain"})[1]
    status, body, _ = start(devstack, me, requirementsId=form["id"], resumeTextId=text)
    assert status == 409
    assert body["message"] == f"Requirements {form['id']} has no text yet: its upload has not been read"


def test_starting_processings_is_limited_per_user_then_blocked(devstack, new_user, monkeypatch):
    from vitae_devstack.services import wait_until

    monkeypatch.setenv("MATCHING_RATE_LIMIT_MAX", "2")
    monkeypatch.setenv("MATCHING_BLOCK_SECONDS", "3")
    settings.cache_clear()
    try:
        me, other = new_user(), new_user()
        req, text = requirements(devstack, me), resume_text(devstack, me)
        # requests that start nothing do not count
        assert [start(devstack, me, requirementsId=str(uuid.uuid4()), resumeTextId=text)[0]
                for _ in range(3)] == [404] * 3
        assert [start(devstack, me, requirementsId=req, resumeTextId=text)[0] for _ in range(2)] == [202, 202]
        status, body, headers = start(devstack, me, requirementsId=req, resumeTextId=text)
        assert status == 429 and body["statusCode"] == 429
        assert 0 < int(headers["retry-after"]) <= 3 and headers["ratelimit-limit"] == "2"
        assert headers["ratelimit-remaining"] == "0"
        # blocked: still refused, however few requests the window holds
        status, _, headers = start(devstack, me, requirementsId=req, resumeTextId=text)
        assert status == 429 and 0 < int(headers["retry-after"]) <= 3
        assert len(_rows("SELECT id FROM processings WHERE user_id = %s", me)) == 2
        # another user is not limited by this one
        other_req, other_text = requirements(devstack, other), resume_text(devstack, other)
        assert start(devstack, other, requirementsId=other_req, resumeTextId=other_text)[0] == 202
        # once the block has passed, the count starts afresh
        wait_until(lambda: start(devstack, me, requirementsId=req, resumeTextId=text)[0] == 202, "the block to end",
                   timeout=10)
        assert len(_rows("SELECT id FROM processings WHERE user_id = %s", me)) == 3
    finally:
        monkeypatch.undo()
        settings.cache_clear()


def test_deleting_requirements_deletes_their_processings_and_says_so(devstack, new_user, no_ollama):
    me = new_user()
    req, other_req, text = requirements(devstack, me), requirements(devstack, me), resume_text(devstack, me)
    ids = [start(devstack, me, requirementsId=req, resumeTextId=text)[1]["id"] for _ in range(2)]
    kept = start(devstack, me, requirementsId=other_req, resumeTextId=text)[1]["id"]
    pending = requested_event(ids[1])
    devstack.invoke_in_process("ProcessMatchFunction", requested_event(ids[0]))

    assert call(devstack, "DeleteRequirementsFunction", "requirements_delete", me, path_id=req)[0] == 204
    assert _rows("SELECT id FROM processings WHERE id = ANY(%s::uuid[])", ids) == []
    assert processing(kept)["status"] == "queued"
    deletes = sorted(((t, d) for t, d in _events(me) if t.endswith("_deleted")), key=lambda e: e[0], reverse=True)
    assert deletes == [
        ("matching.requirements_deleted", {"requirementsId": req, "processingIds": ids,
                                           "seedEvent": "delete_requirements"}),
        ("matching.processing_deleted", {"requirementsId": req, "processingIds": ids,
                                         "seedEvent": "delete_processing"}),
    ]
    # the worker meets a processing deleted meanwhile: nothing to do, nothing written
    assert devstack.invoke_in_process("ProcessMatchFunction", pending) == {"batchItemFailures": []}
    assert _rows("SELECT id FROM processings WHERE id = %s", ids[1]) == []

    # a resume text's processings keep their snapshot
    assert call(devstack, "DeleteResumeTextFunction", "resume_text_delete", me, path_id=text)[0] == 204
    assert processing(kept)["resume_text"] == RESUME


def test_processings_are_listed_read_and_deleted_by_their_owner_only(devstack, new_user):
    me, other = new_user(), new_user()
    req, req2, text = requirements(devstack, me), requirements(devstack, me), resume_text(devstack, me)
    ids = [start(devstack, me, requirementsId=r, resumeTextId=text)[1]["id"] for r in (req, req, req2)]
    theirs = start(devstack, other, requirementsId=requirements(devstack, other),
                   resumeTextId=resume_text(devstack, other))[1]["id"]

    page = call(devstack, "ListProcessingsFunction", "processing_list", me, query={"limit": "2"})[1]
    assert [p["id"] for p in page["items"]] == ids[::-1][:2] and page["nextCursor"]
    rest = call(devstack, "ListProcessingsFunction", "processing_list", me,
                query={"limit": "2", "cursor": page["nextCursor"]})[1]
    assert [p["id"] for p in rest["items"]] == [ids[0]]
    of_req = call(devstack, "ListProcessingsFunction", "processing_list", me, query={"requirementsId": req})[1]
    assert [p["id"] for p in of_req["items"]] == ids[:2][::-1]
    assert of_req["items"][0]["resume"] == {"kind": "resume_text", "id": text}
    assert call(devstack, "ListProcessingsFunction", "processing_list", me, query={"requirementsId": "x"})[0] == 400
    assert call(devstack, "ListProcessingsFunction", "processing_list", me, query={"cursor": "%%%"})[0] == 400

    assert call(devstack, "GetProcessingFunction", "processing_get", other, path_id=ids[0])[0] == 404
    assert call(devstack, "DeleteProcessingFunction", "processing_delete", other, path_id=ids[0])[0] == 404
    assert call(devstack, "DeleteProcessingFunction", "processing_delete", me, path_id=ids[0])[0] == 204
    assert call(devstack, "GetProcessingFunction", "processing_get", me, path_id=ids[0])[0] == 404

    unknown = str(uuid.uuid4())
    status, body, _ = call(devstack, "DeleteProcessingsFunction", "processing_bulk_delete", me,
                           body={"ids": [ids[1], theirs, unknown, ids[2]]})
    assert status == 200
    assert body == {"deleted": [ids[1], ids[2]], "notFound": [theirs, unknown]}
    assert processing(theirs)["status"] == "queued"
    assert call(devstack, "DeleteProcessingsFunction", "processing_bulk_delete", me, body={"ids": []})[0] == 400
    deleted = [d["processingIds"] for t, d in _events(me) if t == "matching.processing_deleted"]
    assert deleted == [[ids[0]], body["deleted"]]


def test_a_processing_that_keeps_failing_ends_failed_with_a_reason(devstack, new_user, no_ollama, monkeypatch):
    from vitae.matching import scoring

    me = new_user()
    req, text = requirements(devstack, me), resume_text(devstack, me)
    given_up = start(devstack, me, requirementsId=req, resumeTextId=text)[1]["id"]
    with db.transaction() as conn:
        conn.execute("UPDATE processings SET attempts = 3 WHERE id = %s", (given_up,))
    assert devstack.invoke_in_process("ProcessMatchFunction", requested_event(given_up)) == {"batchItemFailures": []}
    row = processing(given_up)
    assert (row["status"], row["failure_reason"], row["result"]) == ("failed", "internal_error", None)
    view = call(devstack, "GetProcessingFunction", "processing_get", me, path_id=given_up)[1]
    assert view["failure"]["reason"] == "internal_error" and view["result"] is None

    crashing = start(devstack, me, requirementsId=req, resumeTextId=text)[1]["id"]

    def crash(*_):
        raise RuntimeError("scorer bug")

    monkeypatch.setattr(scoring, "assess", crash)
    assert devstack.invoke_in_process("ProcessMatchFunction", requested_event(crashing)) == {"batchItemFailures": []}
    row = processing(crashing)
    assert (row["status"], row["failure_reason"], row["result"]) == ("failed", "scoring_failed", None)
    assert [t for t, _ in _events(me) if t == "matching.processing_completed"] == []
    # each failure is announced once, with its reason (a redelivery after it changes nothing)
    assert devstack.invoke_in_process("ProcessMatchFunction", requested_event(crashing)) == {"batchItemFailures": []}
    failed = [d for t, d in _events(me) if t == "matching.processing_failed"]
    assert failed == [{"processingId": pid, "requirementsId": req, "reason": reason, "seedEvent": "new_processing"}
                      for pid, reason in ((given_up, "internal_error"), (crashing, "scoring_failed"))]
    published = _rows("SELECT count(*) AS n FROM outbox WHERE event_type = 'matching.processing_failed' "
                      "AND user_id = %s AND published_at IS NOT NULL", me)
    assert published[0]["n"] == 2  # right after the commit, not only by the relay


def test_an_idempotency_key_creates_once(devstack, new_user):
    me = new_user()
    req, text = requirements(devstack, me), resume_text(devstack, me)
    key = {"idempotency-key": f'"{uuid.uuid4()}"'}
    first = call(devstack, "CreateProcessingFunction", "processing_create", me,
                 body={"requirementsId": req, "resumeTextId": text}, headers=key)
    second = call(devstack, "CreateProcessingFunction", "processing_create", me,
                  body={"requirementsId": req, "resumeTextId": text}, headers=key)
    assert first[0] == second[0] == 202 and first[1] == second[1]
    assert second[2]["idempotent-replayed"] == "true"
    assert len(_rows("SELECT id FROM processings WHERE user_id = %s", me)) == 1


def test_without_redis_processings_still_start_and_complete_from_the_database(devstack, new_user, no_ollama,
                                                                                  monkeypatch):
    from vitae.matching.scoring import assess
    from vitae.platform.errors import Unavailable

    me = new_user()
    req, text = requirements(devstack, me), resume_text(devstack, me)

    def down():
        raise Unavailable("cache down", dependency="cache")

    monkeypatch.setattr(cache, "client", down)
    monkeypatch.setenv("MATCHING_RATE_LIMIT_MAX", "1")
    settings.cache_clear()
    try:
        # no limit can be counted without Redis: the starts pass, the texts come from PostgreSQL
        ids = [start(devstack, me, requirementsId=req, resumeTextId=text)[1]["id"] for _ in range(3)]
        assert devstack.invoke_in_process("ProcessMatchFunction", requested_event(ids[0])) == \
            {"batchItemFailures": []}
        assert processing(ids[0])["result"]["score"] == assess(RESUME, JOB).score
    finally:
        monkeypatch.undo()
        settings.cache_clear()


def test_a_deleted_user_loses_their_matching_data_and_no_one_else_does(devstack, new_user):
    me, other = new_user(), new_user()
    mine = [requirements(devstack, me), resume_text(devstack, me)]
    start(devstack, me, requirementsId=mine[0], resumeTextId=mine[1])
    call(devstack, "GetRequirementsFunction", "requirements_get", me, path_id=mine[0])  # now cached
    call(devstack, "GetResumeTextFunction", "resume_text_get", me, path_id=mine[1])
    assert cache.client().get(cache.key("matching", "requirements", mine[0])) is not None
    theirs = start(devstack, other, requirementsId=requirements(devstack, other),
                   resumeTextId=resume_text(devstack, other))[1]["id"]
    event = sample("matching/on_user_deleted")
    record = event["Records"][0]
    body = json.loads(record["body"])
    body["detail"].update(userId=me, eventId=str(uuid.uuid4()))
    record["body"] = json.dumps(body)
    for _ in range(2):  # redelivered: applied once, and harmless
        assert devstack.invoke_in_process("MatchingUserDeletedFunction", copy.deepcopy(event)) == {
            "batchItemFailures": []}
    for kind, text_id in (("requirements", mine[0]), ("resume", mine[1])):  # the texts' cache went too
        assert cache.client().get(cache.key("matching", kind, text_id)) is None
    for table in ("requirements", "resume_texts", "processings"):
        assert _rows(f"SELECT id FROM {table} WHERE user_id = %s", me) == []
        assert len(_rows(f"SELECT id FROM {table} WHERE user_id = %s", other)) == 1
    assert processing(theirs)["status"] == "queued"
    consumed = _rows("SELECT count(*) AS n FROM processed_events WHERE event_id = %s", body["detail"]["eventId"])
    assert consumed[0]["n"] == 1


def test_present_in_a_resume_ends_on_the_day_the_processing_was_asked_for(devstack, new_user, no_ollama):
    from datetime import date

    from vitae.matching.scoring import assess

    me = new_user()
    job = "Site Reliability Engineer\nRequirements: 8+ years of experience with Linux and Python."
    resume = "Grace Hopper\nExperience\nSite Reliability Engineer, Example Corp, Jan 2019 - Present\nLinux, Python"
    req, text = requirements(devstack, me, job), resume_text(devstack, me, resume)
    processing_id = start(devstack, me, requirementsId=req, resumeTextId=text)[1]["id"]
    with db.transaction() as conn:  # asked for long ago, delivered (or redelivered) today
        conn.execute("UPDATE processings SET created_at = '2022-01-01T12:00:00Z' WHERE id = %s", (processing_id,))
    assert devstack.invoke_in_process("ProcessMatchFunction", requested_event(processing_id)) == \
        {"batchItemFailures": []}
    result = processing(processing_id)["result"]
    then, today = assess(resume, job, date(2022, 1, 1)), assess(resume, job)
    assert then.breakdown.experience.years_shown < today.breakdown.experience.years_shown  # the rule matters here
    assert result["breakdown"]["experience"]["yearsShown"] == then.breakdown.experience.years_shown
    assert result["score"] == then.score
