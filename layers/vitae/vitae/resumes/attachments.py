"""Files attached to resumes: PDF, DOCX, PNG or JPEG judged by their bytes, 4 MB through the API
and up to 10 MB through a presigned POST that the upload consumer completes. Bytes count against
the owner's storage quota; deleting an attachment or its resume deletes the object."""

import uuid
from typing import Any

from pydantic.alias_generators import to_camel

from vitae.platform import db, events, storage
from vitae.platform.auth import Principal
from vitae.platform.errors import Conflict, NotFound, QuotaExceeded, UnsupportedMedia, parse_id
from vitae.platform.observability import logger
from vitae.resumes import repository
from vitae.resumes.models import ATTACHMENT_TYPES, AttachmentDownload, Attachments, AttachmentUploadForm, AttachmentView
from vitae.resumes.service import owned

DIRECT_MAX_BYTES = 4 * 1024 * 1024  # what fits in a synchronous Lambda payload after base64
MAX_BYTES = 10 * 1024 * 1024
TOO_LARGE = "Attachments are limited to 4 MB through the API (use an upload URL up to 10 MB)"
WRONG_TYPE = "Only PDF, DOCX, PNG and JPEG files can be attached"
URL_SECONDS = 300
UPLOAD_FORM_SECONDS = 600


def _view(row: dict[str, Any]) -> AttachmentView:
    return AttachmentView(**{k: row[k] for k in ("id", "filename", "content_type", "size", "status", "created_at")})


def _content_type(data: bytes) -> str:
    detected = storage.detect_type(data)
    if detected not in ATTACHMENT_TYPES:
        raise UnsupportedMedia(WRONG_TYPE)
    return detected


def upload(caller: Principal, resume_id: str, filename: str | None, data: bytes) -> AttachmentView:
    """Attach `data` (at most DIRECT_MAX_BYTES, enforced by the adapter) to the caller's resume.
    Raises UnsupportedMedia (not PDF, DOCX, PNG or JPEG by its bytes), NotFound (not the caller's
    resume) and QuotaExceeded (storage quota), before anything is stored."""
    from vitae.users import service as users  # here and below: reading attachments never counts storage

    content_type = _content_type(data)
    owned(db.connection(), caller, resume_id)
    users.check_storage(caller.user_id, len(data))  # refuse before storing anything
    key = storage.new_key("attachments", caller.user_id)
    storage.put_object(key, data, content_type)

    def work(conn, emitted):
        resume = owned(conn, caller, resume_id, for_update=True)
        users.use_storage(conn, caller.user_id, len(data))
        row = _insert(conn, resume["id"], caller.user_id, key, filename, content_type, len(data), "ready")
        emitted.append(_changed(conn, caller.user_id, resume["id"], attachment_added=str(row["id"])))
        return row

    try:
        return _view(events.transaction_then_publish(work))
    except BaseException:
        storage.delete_object(key)
        raise


def _insert(conn, resume_id, user_id, key, filename, content_type, size, status) -> dict[str, Any]:
    return repository.insert_attachment(conn, resume_id, user_id, key, storage.display_filename(filename, "attachment"),
                                        content_type, size, status)


def _changed(conn, user_id, resume_id, **changes) -> uuid.UUID:
    return events.emit(conn, "resume.updated", user_id, {
        "resumeId": str(resume_id), "changes": {to_camel(k): v for k, v in changes.items()}})


def upload_form(caller: Principal, resume_id: str, filename: str, content_type: str) -> AttachmentUploadForm:
    """A presigned POST for a file up to 10 MB; the attachment stays pending until the upload
    consumer has checked the stored bytes."""
    from vitae.users import service as users

    resume = owned(db.connection(), caller, resume_id)
    users.check_storage(caller.user_id, 1)
    key = storage.new_key("attachments", caller.user_id, notify=True)
    with db.transaction() as conn:
        row = _insert(conn, resume["id"], caller.user_id, key, filename, content_type, 0, "pending")
    form = storage.presigned_post(key, (content_type,), MAX_BYTES, UPLOAD_FORM_SECONDS)
    return AttachmentUploadForm(attachment_id=row["id"], url=form["url"], fields=form["fields"], key=key,
                                max_bytes=MAX_BYTES, expires_in=UPLOAD_FORM_SECONDS)


def complete_upload(key: str, size: int) -> str:
    """Check an object uploaded through a presigned POST; make its attachment ready or delete both.

    A ready attachment's object lives at its settled key, so bytes posted again through the same
    form (until it expires) belong to nothing and are deleted, never taken unchecked or uncounted."""
    from vitae.users import service as users

    settled = storage.settled_key(key)
    to_delete: list[str] = []
    with db.transaction() as conn:
        row = repository.lock_attachment_by_key(conn, key, settled)
        if row is None or row["status"] == "ready":
            outcome = "unknown" if row is None else "duplicate"
            to_delete.append(key)
        else:
            size = storage.move_object(key, settled) if size <= MAX_BYTES else size
            content_type = storage.detect_type(storage.read_object(settled)) if size <= MAX_BYTES else None
            if content_type is None or content_type not in ATTACHMENT_TYPES:
                outcome = "rejected"
            else:
                try:
                    with conn.transaction():
                        users.use_storage(conn, row["user_id"], size)
                except QuotaExceeded:
                    outcome = "over-quota"
                except NotFound:  # the owner has been deleted meanwhile
                    outcome = "no-user"
                else:
                    repository.mark_attachment_ready(conn, row["id"], settled, size, content_type)
                    _changed(conn, row["user_id"], row["resume_id"], attachment_added=str(row["id"]))
                    outcome = "applied"
            if outcome != "applied":
                repository.delete_attachment(conn, row["id"])
                to_delete += [key, settled]
    for stray in to_delete:
        storage.delete_object(stray)
    if outcome != "applied":
        logger.warning("attachment upload not applied", extra={"key": key, "outcome": outcome})
    return outcome


def _owned_attachment(conn, caller: Principal, resume_id: str, attachment_id: str, for_update: bool = False):
    resume = owned(conn, caller, resume_id)
    row = repository.get_attachment(conn, parse_id(attachment_id, "Attachment"), resume["id"], for_update)
    if not row:
        raise NotFound.by_id("Attachment", attachment_id)
    return row


def list_attachments(caller: Principal, resume_id: str) -> Attachments:
    """The attachments of the caller's resume, oldest first (pending ones included); NotFound for a
    resume that is not theirs."""
    conn = db.connection()
    resume = owned(conn, caller, resume_id)
    return Attachments(items=[_view(r) for r in repository.attachments(conn, resume["id"])])


def download(caller: Principal, resume_id: str, attachment_id: str) -> AttachmentDownload:
    """The attachment with a download URL valid URL_SECONDS. Raises NotFound (not the caller's) and
    Conflict while a presigned upload is still pending."""
    row = _owned_attachment(db.connection(), caller, resume_id, attachment_id)
    if row["status"] != "ready":
        raise Conflict("The attachment is still being uploaded")
    url = storage.presigned_get(row["key"], URL_SECONDS, download_name=row["filename"])
    return AttachmentDownload(**_view(row).model_dump(), url=url, expires_in=URL_SECONDS)


def delete(caller: Principal, resume_id: str, attachment_id: str) -> None:
    """Delete the attachment and its object, giving its bytes back to the storage quota; NotFound for
    one that is not the caller's."""
    from vitae.users import service as users

    def work(conn, emitted):
        row = _owned_attachment(conn, caller, resume_id, attachment_id, for_update=True)
        repository.delete_attachment(conn, row["id"])
        users.use_storage(conn, caller.user_id, -row["size"])
        emitted.append(_changed(conn, caller.user_id, row["resume_id"], attachment_removed=str(row["id"])))
        return row["key"]

    storage.delete_object(events.transaction_then_publish(work))

