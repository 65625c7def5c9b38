"""CV documents: uploaded (multipart up to 4 MB, presigned POST up to 10 MB) under `cv/`, parsed by
the worker that the bucket's notifications reach through a queue, and merged into the profile.

A document moves awaiting_upload (presigned only) -> queued -> parsing -> parsed | failed. A hostile
or unreadable file ends `failed` with a reason and touches nothing; a failure of ours (database,
storage) is retried by the queue, and after MAX_ATTEMPTS the document fails instead of looping.
"""

import uuid
from typing import Any

from vitae.candidates import merge, repository
from vitae.candidates.models import CvAccepted, CvDocumentView, CvJob, CvUploadForm, CvUploadRequest
from vitae.candidates.service import Actor, audit, owned_by_visible_candidate, visible
from vitae.platform import db, events, storage
from vitae.platform.http import ApiError, UploadedFile
from vitae.platform.observability import logger, metrics
from vitae.users import service as users

DIRECT_MAX_BYTES = 4 * 1024 * 1024  # what fits in a synchronous Lambda payload after base64
MAX_BYTES = 10 * 1024 * 1024
TOO_LARGE = "CVs are limited to 4 MB through the API (use an upload URL up to 10 MB)"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CV_TYPES = (PDF, DOCX)
UPLOAD_FORM_SECONDS = 600
MAX_ATTEMPTS = 3


def _insert(conn, actor: Actor, candidate: dict[str, Any], key: str, filename: str | None, size: int, status: str,
            job: CvJob) -> dict[str, Any]:
    row = repository.insert_cv(conn, {
        "id": uuid.uuid4(), "candidate_id": candidate["id"], "user_id": candidate["user_id"], "key": key,
        "filename": storage.display_filename(filename, "cv"), "size": size, "status": status, "job_role": job.job_role,
        "job_description": job.job_description, "key_skills": job.key_skills})
    audit(conn, actor, candidate["id"], "cv.uploaded", documentId=str(row["id"]), size=size or None,
          via="api" if status == "queued" else "upload-url")
    return row


def upload(actor: Actor, candidate_id: str, file: UploadedFile, job: CvJob) -> CvAccepted:
    """Store a CV sent through the API; its notification queues the parse. 202 with the document id."""
    detected = storage.detect_type(file.data)
    if detected not in CV_TYPES:
        raise ApiError(415, "Only PDF and DOCX CVs are accepted (judged by the file's content)")
    candidate = visible(db.connection(), actor.principal, candidate_id)
    users.check_storage(candidate["user_id"], len(file.data))
    key = storage.new_key("cv", candidate["user_id"], client_upload=True)
    # The row exists before the object, so the notification always finds its document.
    with db.transaction() as conn:
        users.use_storage(conn, candidate["user_id"], len(file.data))
        row = _insert(conn, actor, candidate, key, file.filename, len(file.data), "queued", job)
    try:
        storage.put_object(key, file.data, detected)
    except BaseException:
        with db.transaction() as conn:
            conn.execute("DELETE FROM cv_documents WHERE id = %s", (row["id"],))
            users.use_storage(conn, candidate["user_id"], -len(file.data))
        raise
    metrics.add_metric(name="CvUploaded", unit="Count", value=1)
    return CvAccepted(document_id=row["id"], status=row["status"])


def upload_form(actor: Actor, candidate_id: str, body: CvUploadRequest) -> CvUploadForm:
    """A presigned POST for a CV up to 10 MB; the upload's notification starts the parse."""
    candidate = visible(db.connection(), actor.principal, candidate_id)
    users.check_storage(candidate["user_id"], 1)
    key = storage.new_key("cv", candidate["user_id"], client_upload=True)
    with db.transaction() as conn:
        row = _insert(conn, actor, candidate, key, body.filename, 0, "awaiting_upload", body)
    form = storage.presigned_post(key, (body.content_type,), MAX_BYTES, UPLOAD_FORM_SECONDS)
    return CvUploadForm(document_id=row["id"], status=row["status"], url=form["url"], fields=form["fields"],
                        key=key, max_bytes=MAX_BYTES, expires_in=UPLOAD_FORM_SECONDS)


def get_document(actor: Actor, document_id: str) -> CvDocumentView:
    row = owned_by_visible_candidate(db.connection(), actor.principal, "CV document", document_id, repository.get_cv)
    failure = {"reason": row["failure_reason"], "message": row["failure_message"]} if row["failure_reason"] else None
    return CvDocumentView(failure=failure, **{k: row[k] for k in (
        "id", "candidate_id", "filename", "size", "status", "job_role", "key_skills", "parsed", "confidence",
        "key_skill_match", "ai_refined", "merged", "created_at", "updated_at")})


# -- the worker ----------------------------------------------------------------------------------


def _fail(conn, row: dict[str, Any], reason: str, message: str) -> None:
    repository.set_cv(conn, row["id"], status="failed", failure_reason=reason, failure_message=message)
    audit(conn, None, row["candidate_id"], "cv.parse_failed", documentId=str(row["id"]), reason=reason)
    metrics.add_metric(name="CvParseFailed", unit="Count", value=1)


def _claim(key: str, size: int) -> tuple[str, dict[str, Any] | None]:
    """Mark the document of `key` as parsing; (outcome, row) with row None when there is nothing to do."""
    with db.transaction() as conn:
        row = repository.cv_by_key(conn, key)
        if row is None:
            return "unknown", None
        if row["status"] in ("parsed", "failed"):
            return "duplicate", None
        if row["attempts"] >= MAX_ATTEMPTS:
            _fail(conn, row, "internal_error", "The CV could not be processed; please upload it again")
            return "gave-up", None
        if size > MAX_BYTES:
            _fail(conn, row, "too_large", "The file is larger than 10 MB")
            return "rejected", None
        if row["status"] == "awaiting_upload":  # a presigned upload: its bytes count from now on
            try:
                with conn.transaction():
                    users.use_storage(conn, row["user_id"], size)
            except ApiError as exc:
                _fail(conn, row, "over_quota", exc.message)
                return "rejected", None
        repository.set_cv(conn, row["id"], status="parsing", size=size, attempts=row["attempts"] + 1)
        return "claimed", row


def process_upload(key: str, size: int) -> str:
    """Parse the CV stored at `key` and merge it into its candidate's profile (S3 notification)."""
    from vitae.cvparse import key_skill_coverage, parse_document
    from vitae.cvparse.refine import refine
    from vitae.cvparse.schema import DocumentRejected

    outcome, row = _claim(key, size)
    if row is None:
        if outcome == "unknown":
            storage.delete_object(key)  # no document wants it (its profile was deleted)
        return outcome
    try:
        result = parse_document(storage.read_object(key))
    except DocumentRejected as rejected:
        with db.transaction() as conn:
            _fail(conn, row, rejected.reason, rejected.message)
        return "rejected"
    refined = refine(result)
    ai_refined, result = refined is not result, refined
    key_skills, description = row["key_skills"], row["job_description"]
    match = key_skill_coverage(result.text, key_skills, description) if key_skills or description else None

    def work(conn, emitted):
        candidate = repository.get_candidate(conn, row["candidate_id"], for_update=True)
        merged = merge.into_profile(conn, candidate, result.data)
        repository.set_cv(conn, row["id"], status="parsed", parsed=result.data.model_dump(exclude_none=True),
                          confidence=result.confidence, key_skill_match=match, merged=merged,
                          ai_refined=ai_refined,
                          failure_reason=None, failure_message=None)
        audit(conn, None, candidate["id"], "cv.parsed", documentId=str(row["id"]), merged=merged)
        emitted.append(events.emit(conn, "cv.parsed", candidate["user_id"], {
            "documentId": str(row["id"]), "candidateId": str(candidate["id"]), "merged": merged}))

    events.transaction_then_publish(work)
    metrics.add_metric(name="CvParsed", unit="Count", value=1)
    logger.info("cv parsed", extra={"documentId": str(row["id"]), "kind": result.kind, "pages": result.pages})
    return "parsed"
