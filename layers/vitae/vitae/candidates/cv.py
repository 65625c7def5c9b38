"""CV documents: uploaded (multipart up to 4 MB, presigned POST up to 10 MB) under `cv/`, parsed by
the worker that the bucket's notifications reach through a queue, and merged into the profile.

A document moves awaiting_upload (presigned only) -> queued -> parsing -> parsed | failed. The
worker first moves the uploaded object to its settled key (no suffix, no more notifications), so a
presigned form used again, or a late duplicate notification, finds no document and is deleted.
A hostile or unreadable file ends `failed` with a reason: its bytes are deleted and given back to
the quota, and nothing touches the profile. A failure of ours (database, storage) is retried by
the queue; after MAX_ATTEMPTS the document fails instead of looping.
"""

import uuid
from typing import Any

from vitae.candidates import merge, repository
from vitae.candidates.models import CvAccepted, CvDocumentView, CvJob, CvUploadForm, CvUploadRequest
from vitae.candidates.service import Actor, audit, own_candidate, owned_by_visible_candidate, visible
from vitae.platform import db, events, storage
from vitae.platform.api import Form, UploadedFile
from vitae.platform.errors import NotFound, QuotaExceeded, UnsupportedMedia
from vitae.platform.observability import logger, metrics
from vitae.users import service as users

DIRECT_MAX_BYTES = 4 * 1024 * 1024  # what fits in a synchronous Lambda payload after base64
MAX_BYTES = 10 * 1024 * 1024
TOO_LARGE = "CVs are limited to 4 MB through the API (use an upload URL up to 10 MB)"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CV_TYPES = (PDF, DOCX)
UPLOAD_FORM_SECONDS = 600
MAX_ATTEMPTS = 3  # below the queue's maxReceiveCount, so the document fails before its message dead-letters
# The multipart body of both direct uploads: the file part `cv` and the optional job fields.
MULTIPART = Form("cv", CV_TYPES, DIRECT_MAX_BYTES, TOO_LARGE, fields=CvJob)


def _insert(conn, actor: Actor, candidate: dict[str, Any], key: str, filename: str | None, size: int, status: str,
            job: CvJob) -> dict[str, Any]:
    return repository.insert_cv(conn, {
        "id": uuid.uuid4(), "candidate_id": candidate["id"], "user_id": candidate["user_id"], "key": key,
        "filename": storage.display_filename(filename, "cv"), "size": size, "status": status,
        "job_role": job.job_role, "job_description": job.job_description, "key_skills": job.key_skills})


def _detected_type(file: UploadedFile) -> str:
    """The CV's media type judged by its bytes; raises UnsupportedMedia unless PDF or DOCX."""
    detected = storage.detect_type(file.data)
    if detected not in CV_TYPES:
        raise UnsupportedMedia("Only PDF and DOCX CVs are accepted (judged by the file's content)")
    return detected


def upload(actor: Actor, candidate_id: str, file: UploadedFile, job: CvJob) -> CvAccepted:
    """Store a CV sent through the API; its notification queues the parse. 202 with the document id.
    Raises UnsupportedMedia for a file that is not PDF or DOCX, NotFound for a profile the caller
    may not see, QuotaExceeded past the owner's storage quota."""
    detected = _detected_type(file)
    candidate = visible(db.connection(), actor.principal, candidate_id)
    users.check_storage(candidate["user_id"], len(file.data))
    return _store(actor, candidate, file, job, detected)


def upload_own(actor: Actor, file: UploadedFile, job: CvJob) -> CvAccepted:
    """POST /profile/resume/upload (seed [G]): `upload` into the caller's own profile, which is
    created empty first when they have none (so the parse fills it). The file's type and the quota
    are checked before anything is created. Raises as `upload`, and NotFound for a caller who has
    not registered."""
    detected = _detected_type(file)
    users.check_storage(actor.principal.user_id, len(file.data))
    with db.transaction() as conn:
        candidate = own_candidate(conn, actor.principal.user_id, actor)
    return _store(actor, candidate, file, job, detected)


def _store(actor: Actor, candidate: dict[str, Any], file: UploadedFile, job: CvJob, detected: str) -> CvAccepted:
    """The document row (queued), then the object whose notification queues the parse; the bytes
    count against the owner's quota (QuotaExceeded past it). An object that could not be stored
    leaves no document and gives its bytes back."""
    key = storage.new_key("cv", candidate["user_id"], notify=True)
    # The row exists before the object, so the notification always finds its document.
    with db.transaction() as conn:
        users.use_storage(conn, candidate["user_id"], len(file.data))
        row = _insert(conn, actor, candidate, key, file.filename, len(file.data), "queued", job)
        audit(conn, actor, candidate["id"], "cv.uploaded", documentId=str(row["id"]), size=len(file.data))
    try:
        storage.put_object(key, file.data, detected)
    except BaseException:
        with db.transaction() as conn:
            repository.delete_cv(conn, row["id"])
            users.use_storage(conn, candidate["user_id"], -len(file.data))
        raise
    metrics.add_metric(name="CvUploaded", unit="Count", value=1)
    return CvAccepted(document_id=row["id"], status=row["status"])


def upload_form(actor: Actor, candidate_id: str, body: CvUploadRequest) -> CvUploadForm:
    """A presigned POST for a CV up to 10 MB; the upload's notification starts the parse, and its
    bytes count against the quota from then on."""
    candidate = visible(db.connection(), actor.principal, candidate_id)
    users.check_storage(candidate["user_id"], 1)
    key = storage.new_key("cv", candidate["user_id"], notify=True)
    with db.transaction() as conn:
        row = _insert(conn, actor, candidate, key, body.filename, 0, "awaiting_upload", body)
        audit(conn, actor, candidate["id"], "cv.upload_url_issued", documentId=str(row["id"]))
        form = storage.presigned_post(key, (body.content_type,), MAX_BYTES, UPLOAD_FORM_SECONDS)
    return CvUploadForm(document_id=row["id"], status=row["status"], url=form["url"], fields=form["fields"],
                        key=key, max_bytes=MAX_BYTES, expires_in=UPLOAD_FORM_SECONDS)


def _view(row: dict[str, Any]) -> CvDocumentView:
    failure = {"reason": row["failure_reason"], "message": row["failure_message"]} if row["failure_reason"] else None
    return CvDocumentView(failure=failure, **{k: row[k] for k in (
        "id", "candidate_id", "filename", "size", "status", "job_role", "key_skills", "parsed", "confidence",
        "key_skill_match", "ai_refined", "merged", "created_at", "updated_at")})


def get_document(actor: Actor, document_id: str) -> CvDocumentView:
    with db.transaction() as conn:
        row = owned_by_visible_candidate(conn, actor.principal, "CV document", document_id, repository.get_cv)
        audit(conn, actor, row["candidate_id"], "cv.viewed", documentId=str(row["id"]))
        return _view(row)


def _object_keys(row: dict[str, Any]) -> tuple[str, str]:
    return row["key"], storage.settled_key(row["key"])


def _delete_objects(keys: tuple[str, ...]) -> None:
    for key in dict.fromkeys(keys):
        storage.delete_object(key)  # deleting a missing key succeeds: either may not exist


def delete_document(actor: Actor, document_id: str) -> None:
    """The document, its file and the bytes it used; what a parse added to the profile stays (it is
    the person's profile now)."""
    with db.transaction() as conn:
        found = owned_by_visible_candidate(conn, actor.principal, "CV document", document_id, repository.get_cv,
                                           lock_candidate=True)
        row = repository.lock_cv(conn, found["id"])
        if row is None:  # deleted by a concurrent request
            raise NotFound.by_id("CV document", document_id)
        repository.delete_cv(conn, row["id"])
        users.use_storage(conn, row["user_id"], -row["size"])
        audit(conn, actor, row["candidate_id"], "cv.deleted", documentId=str(row["id"]))
    _delete_objects(_object_keys(row))


# -- the worker ----------------------------------------------------------------------------------


def _fail(conn, row: dict[str, Any], reason: str, message: str) -> tuple[str, ...]:
    """Mark the document failed and give its bytes back; returns the keys to delete after commit."""
    repository.set_cv(conn, row["id"], status="failed", failure_reason=reason, failure_message=message, size=0)
    users.use_storage(conn, row["user_id"], -row["size"])
    audit(conn, None, row["candidate_id"], "cv.parse_failed", documentId=str(row["id"]), reason=reason)
    metrics.add_metric(name="CvParseFailed", unit="Count", value=1)
    return _object_keys(row)


def _claim(key: str, size: int) -> tuple[str, dict[str, Any] | None]:
    """Take the document of the uploaded `key` for parsing: its object moved to the settled key,
    a presigned upload's bytes counted. (outcome, row); row is None when there is nothing to parse."""
    to_delete: tuple[str, ...] = ()
    with db.transaction() as conn:
        row = repository.cv_by_key(conn, key, storage.settled_key(key))
        if row is None or row["key"] != key:
            # No document wants these bytes (a deleted CV), or its document has already taken its
            # object: a form used again, or the redelivery of a notification.
            to_delete = (key,)
        if row is None:
            outcome = "unknown"
        elif row["status"] in ("parsed", "failed"):
            outcome = "duplicate"
        elif row["attempts"] >= MAX_ATTEMPTS:
            outcome = "gave-up"
            to_delete += _fail(conn, row, "internal_error", "The CV could not be processed; please upload it again")
        elif size > MAX_BYTES:
            outcome, to_delete = "rejected", to_delete + _fail(conn, row, "too_large", "The file is larger than 10 MB")
        else:
            outcome, attempt, document_id = "counted", row["attempts"] + 1, row["id"]
            repository.set_cv(conn, row["id"], attempts=attempt)  # committed: it counts even if taking fails
    _delete_objects(to_delete)
    if outcome != "counted":
        return outcome, None
    with db.transaction() as conn:
        row = repository.lock_cv(conn, document_id)
        if row is None or row["attempts"] != attempt or row["status"] not in ("queued", "awaiting_upload", "parsing"):
            return "duplicate", None  # deleted, or taken by a concurrent delivery meanwhile
        outcome, row = _take(conn, row)
    if outcome == "rejected":
        _delete_objects(_object_keys(row))
        return outcome, None
    return outcome, row


def _take(conn, row: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    settled = storage.settled_key(row["key"])
    # Taken before by an attempt that failed later: the object is already where it stays.
    size = storage.move_object(row["key"], settled) if row["key"] != settled else storage.object_size(settled)
    if row["status"] == "awaiting_upload":  # a presigned upload: its bytes count from now on
        try:
            with conn.transaction():
                users.use_storage(conn, row["user_id"], size)
        except QuotaExceeded as exc:
            _fail(conn, row, "over_quota", exc.message)
            return "rejected", row
        audit(conn, None, row["candidate_id"], "cv.uploaded", documentId=str(row["id"]), size=size)
    elif size != row["size"]:
        raise RuntimeError(f"CV {row['id']} changed size after upload ({row['size']} -> {size})")
    repository.set_cv(conn, row["id"], status="parsing", key=settled, size=size)
    return "claimed", {**row, "key": settled, "size": size, "status": "parsing"}


def _still_ours(conn, row: dict[str, Any]) -> bool:
    """Whether the document is still the one this delivery claimed (not deleted, not finished by a
    concurrent delivery of the same notification)."""
    current = repository.lock_cv(conn, row["id"])
    return current is not None and current["status"] == "parsing" and current["attempts"] == row["attempts"]


def process_upload(key: str, size: int) -> str:
    """Parse the CV uploaded at `key` and merge it into its candidate's profile (S3 notification)."""
    from vitae.cvparse.schema import DocumentRejected

    outcome, row = _claim(key, size)
    if row is None:
        return outcome
    try:
        result, ai_refined, match = _read(row)
    except DocumentRejected as rejected:
        return _finish_failed(row, rejected.reason, rejected.message)

    def work(conn, emitted):
        if not _still_ours(conn, row):
            return "duplicate"
        candidate = repository.get_candidate(conn, row["candidate_id"], for_update=True)
        assert candidate is not None  # its document is still ours, and deleting a candidate deletes those
        merged = merge.into_profile(conn, candidate, merge.from_cv(result.data)).summary()
        repository.set_cv(conn, row["id"], status="parsed", parsed=result.data.model_dump(exclude_none=True),
                          confidence=result.confidence, key_skill_match=match, merged=merged, ai_refined=ai_refined)
        audit(conn, None, candidate["id"], "cv.parsed", documentId=str(row["id"]), merged=merged)
        emitted.append(events.emit(conn, "cv.parsed", candidate["user_id"], {
            "documentId": str(row["id"]), "candidateId": str(candidate["id"]), "merged": merged}))
        return "parsed"

    outcome = events.transaction_then_publish(work)
    if outcome == "parsed":
        metrics.add_metric(name="CvParsed", unit="Count", value=1)
        logger.info("cv parsed", extra={"documentId": str(row["id"]), "kind": result.kind, "pages": result.pages})
    return outcome


def _read(row: dict[str, Any]):
    """(ParseResult, whether the LLM pass ran, key-skill match) of the document's file. The parser
    reads bytes we already hold, so a crash of it is the file's failure, not one to retry."""
    from vitae.cvparse import key_skill_coverage, parse_document
    from vitae.cvparse.refine import refine
    from vitae.cvparse.schema import DocumentRejected
    from vitae.platform import alerts

    data = storage.read_object(row["key"])
    try:
        result = parse_document(data)
    except DocumentRejected:
        raise
    except Exception as error:
        logger.exception("the CV parser failed", extra={"documentId": str(row["id"])})
        alerts.critical("cv parser", error, documentId=str(row["id"]))
        raise DocumentRejected("malformed", "The file could not be read as a CV") from error
    try:
        refined = refine(result)
    except Exception as error:  # the LLM pass only ever improves a result: never lose the heuristic one
        logger.exception("the CV refinement failed", extra={"documentId": str(row["id"])})
        alerts.critical("cv refinement", error, documentId=str(row["id"]))
        refined = result
    key_skills, description = row["key_skills"], row["job_description"]
    match = key_skill_coverage(refined.text, key_skills, description) if key_skills or description else None
    return refined, refined is not result, match


def _finish_failed(row: dict[str, Any], reason: str, message: str) -> str:
    to_delete: tuple[str, ...] = ()
    with db.transaction() as conn:
        if not _still_ours(conn, row):
            return "duplicate"
        to_delete = _fail(conn, row, reason, message)
    _delete_objects(to_delete)
    return "rejected"
