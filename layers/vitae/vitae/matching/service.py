"""The rules of matching (seed [D], DESIGN.md section 6 "Matching"): requirements and resume texts
(from JSON, a file judged by its bytes, or a presigned upload), processings that score one resume
side against one requirements text asynchronously, all owner-only (another user's id is a 404).

Texts are cached as seed [D] caches them (requirements 3 days, resume texts 1 hour) through the
platform cache, which degrades to the database. POST /processings is rate-limited per user as seed
[D] limits start_processing: a counter over a window, then a block (MATCHING_* settings).
"""

import unicodedata
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from vitae.matching import repository
from vitae.matching.models import (
    DOCX,
    MAX_TEXT_CHARS,
    PDF,
    Failure,
    ProcessingAccepted,
    ProcessingIds,
    ProcessingIn,
    ProcessingPage,
    ProcessingQuery,
    ProcessingsDeleted,
    ProcessingSummary,
    ProcessingView,
    ResumeSide,
    TextIn,
    TextPage,
    TextSummary,
    TextUploadForm,
    TextUploadRequest,
    TextView,
)
from vitae.matching.repository import TextTable
from vitae.matching.texts import profile_text, resume_text
from vitae.platform import cache, consumers, db, events, ratelimit, storage
from vitae.platform.api import PageQuery, UploadedFile, keyset_after, keyset_page
from vitae.platform.auth import Principal
from vitae.platform.config import settings
from vitae.platform.db import Connection
from vitae.platform.errors import Conflict, Invalid, NotFound, RateLimited, TooLarge, UnsupportedMedia, parse_id
from vitae.platform.observability import metrics
from vitae.platform.validation import TEXT_CONTROLS, has_visible_text

DIRECT_MAX_BYTES = 4 * 1024 * 1024  # what fits in a synchronous Lambda payload after base64
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
UPLOAD_FORM_SECONDS = 600
# S3 checks a form's expiry when an upload starts: one started just before may take this long more
UPLOAD_EXPIRES_AFTER = timedelta(seconds=UPLOAD_FORM_SECONDS + 900)
TOO_LARGE = "Files are limited to 4 MB through the API (use an upload URL up to 10 MB)"
RATE_LIMIT_BUCKET = "start_processing"  # seed [D]'s key name

# Domain events and seed [D]'s names for them (its Kafka messages), in one place: the event's
# `data.seedEvent` carries the seed's name, and `KAFKA_TOPICS` says on which of seed [D]'s topics
# the message belongs when Kafka is configured (see README, Matching).
SEED_EVENTS = {
    "matching.resume_created": "new_resume",
    "matching.requirements_created": "new_requirements",
    "matching.processing_requested": "new_request",
    "matching.processing_completed": "new_processing",
    "matching.processing_failed": "new_processing",  # seed [D]'s AI handler reports failures as results too
    "matching.processing_deleted": "delete_processing",
    "matching.requirements_deleted": "delete_requirements",
}
KAFKA_TOPICS = {event_type: "AI_handler" if seed == "new_request" else "uploading_data"
                for event_type, seed in SEED_EVENTS.items()}


def emit(conn: Connection, event_type: str, user_id: object, data: dict[str, Any]) -> uuid.UUID:
    """An outbox event of the matching domain, its seed [D] name in `data.seedEvent`."""
    return events.emit(conn, event_type, user_id, {**data, "seedEvent": SEED_EVENTS[event_type]})


@dataclass(frozen=True)
class TextKind:
    """Requirements and resume texts: the same rules over two tables."""

    table: TextTable
    label: str  # for messages: "Requirements with ID ... not found"
    prefix: str  # storage prefix of presigned uploads
    cache_name: str
    ttl_seconds: int  # seed [D]: STORAGE_TIME_REQUIREMENTS 3 days, STORAGE_TIME_RESUME 1 hour
    created_event: str
    id_field: str  # in events' data

    def cache_key(self, text_id: object) -> str:
        return cache.key("matching", self.cache_name, text_id)


REQUIREMENTS = TextKind("requirements", "Requirements", "requirements", "requirements", 3 * 24 * 3600,
                        "matching.requirements_created", "requirementsId")
RESUME_TEXTS = TextKind("resume_texts", "Resume text", "match", "resume", 3600,
                        "matching.resume_created", "resumeTextId")


# -- reading files -------------------------------------------------------------------------------

def read_document(data: bytes) -> str:
    """The text of a PDF, a DOCX (read by the CV reader, vitae.cvparse) or a plain UTF-8 text,
    judged by the bytes, never by a name or a declared type. Raises UnsupportedMedia for any other
    type (an image, an archive, binary data, text that is not UTF-8), Invalid for a document without
    visible text (an encrypted or scanned PDF, too many pages) and TooLarge past MAX_TEXT_CHARS
    characters."""
    from vitae.cvparse import DocumentRejected, read_text

    detected = storage.detect_type(data)
    if detected in (PDF, DOCX):
        try:
            text = read_text(data)
        except DocumentRejected as rejected:
            if rejected.reason in ("unsupported_type", "malformed"):
                raise UnsupportedMedia(f"The file could not be read as a PDF or DOCX: {rejected.message}") from None
            raise Invalid(rejected.message, code=rejected.reason) from None
    elif detected is not None:
        raise UnsupportedMedia(f"Only PDF, DOCX and plain text files are accepted (this file is {detected})")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UnsupportedMedia("Only PDF, DOCX and plain text (UTF-8) files are accepted") from None
        if any(unicodedata.category(c) == "Cc" and c not in TEXT_CONTROLS for c in text):
            raise UnsupportedMedia("The file is binary, not text: only PDF, DOCX and plain text files are accepted")
    if not has_visible_text(text):
        raise Invalid("The file has no text (a scan or an image has none that can be read)", code="no_text")
    if len(text) > MAX_TEXT_CHARS:
        raise TooLarge(f"The file's text is longer than {MAX_TEXT_CHARS} characters")
    return text


# -- texts ---------------------------------------------------------------------------------------


def _as_seen(row: dict[str, Any]) -> dict[str, Any]:
    """A text row as clients see it: one still awaiting an upload whose form expired long enough
    ago that no upload through it can still arrive is `failed` (`upload_expired`)."""
    if row["status"] != "awaiting_upload" or row["created_at"] > datetime.now(UTC) - UPLOAD_EXPIRES_AFTER:
        return row
    return {**row, "status": "failed", "failure_reason": "upload_expired",
            "failure_message": "Nothing was uploaded with the upload form before it expired"}


def _summary(row: dict[str, Any]) -> dict[str, Any]:
    row = _as_seen(row)
    failure = Failure(reason=row["failure_reason"], message=row["failure_message"]) if row["failure_reason"] else None
    return {"failure": failure, **{k: row[k] for k in (
        "id", "title", "source", "filename", "status", "length", "created_at", "updated_at")}}


def _create(kind: TextKind, caller: Principal, title: str | None, text: str, source: str,
            filename: str | None) -> TextView:
    def work(conn: Connection, emitted: list[uuid.UUID]) -> TextView:
        with db.registered(caller.user_id):
            row = repository.insert_text(conn, kind.table, {
                "id": uuid.uuid4(), "user_id": caller.user_id, "title": title, "text": text, "source": source,
                "filename": filename})
        emitted.append(emit(conn, kind.created_event, caller.user_id, {
            kind.id_field: str(row["id"]), "title": title, "source": source, "length": len(text)}))
        return TextView(text=text, **_summary(row))

    view = events.transaction_then_publish(work)
    metrics.add_metric(name="MatchingTextCreated", unit="Count", value=1)
    return view


def create_text(kind: TextKind, caller: Principal, body: TextIn) -> TextView:
    """A requirements or resume text from JSON (201); emits its created event."""
    return _create(kind, caller, body.title, body.text, "text", None)


def create_text_from_file(kind: TextKind, caller: Principal, file: UploadedFile, title: str | None) -> TextView:
    """A requirements or resume text from a file of up to 4 MB (see `read_document` for what is
    accepted and its errors); the file itself is not kept."""
    text = read_document(file.data)
    return _create(kind, caller, title, text, "file", storage.display_filename(file.filename, "document"))


def upload_form(kind: TextKind, caller: Principal, body: TextUploadRequest) -> TextUploadForm:
    """A presigned POST for a file up to 10 MB: the text is `awaiting_upload` until the upload's
    notification has been read by the upload worker (then `ready`, or `failed` with a reason)."""
    key = storage.new_key(kind.prefix, caller.user_id, notify=True)
    with db.transaction() as conn:
        with db.registered(caller.user_id):
            row = repository.insert_text(conn, kind.table, {
                "id": uuid.uuid4(), "user_id": caller.user_id, "title": body.title, "text": None,
                "source": "upload", "filename": storage.display_filename(body.filename, "document"),
                "status": "awaiting_upload", "upload_key": key})
        form = storage.presigned_post(key, (body.content_type,), UPLOAD_MAX_BYTES, UPLOAD_FORM_SECONDS)
    return TextUploadForm(id=row["id"], status=row["status"], url=form["url"], fields=form["fields"], key=key,
                          max_bytes=UPLOAD_MAX_BYTES, expires_in=UPLOAD_FORM_SECONDS)


def _owned_text(conn: Connection, kind: TextKind, caller: Principal, text_id: str,
                for_update: bool = False) -> dict[str, Any]:
    row = repository.owned_text(conn, kind.table, parse_id(text_id, kind.label), caller.user_id, for_update)
    if row is None:
        raise NotFound.by_id(kind.label, text_id)
    return row


def cached_text(kind: TextKind, text_id: object) -> str | None:
    """A text by id through the cache (seed [D]'s TTLs); from the database on a miss or an outage."""
    return cache.get_or_load(kind.cache_key(text_id), kind.ttl_seconds,
                             lambda: repository.text_of(db.connection(), kind.table, text_id))


def get_text(kind: TextKind, caller: Principal, text_id: str) -> TextView:
    row = _owned_text(db.connection(), kind, caller, text_id)
    text = cached_text(kind, row["id"]) if row["status"] == "ready" else None
    return TextView(text=text, **_summary(row))


def list_texts(kind: TextKind, caller: Principal, query: PageQuery) -> TextPage:
    rows = repository.page_texts(db.connection(), kind.table, caller.user_id, query.limit + 1,
                                 keyset_after(query.cursor))
    items, next_cursor = keyset_page(rows, query.limit, lambda row: TextSummary(**_summary(row)))
    return TextPage(items=items, next_cursor=next_cursor)


def delete_text(kind: TextKind, caller: Principal, text_id: str) -> None:
    """Delete a text. Requirements take their processings with them (seed [D]
    delete_requirements): `matching.requirements_deleted` and, when there were any,
    `matching.processing_deleted` name them. A resume text's processings keep their snapshot."""
    def work(conn: Connection, emitted: list[uuid.UUID]) -> dict[str, Any]:
        row = _owned_text(conn, kind, caller, text_id, for_update=True)
        processing_ids = repository.processing_ids_of(conn, row["id"]) if kind is REQUIREMENTS else []
        repository.delete_text(conn, kind.table, row["id"])
        if kind is REQUIREMENTS:
            ids = [str(i) for i in processing_ids]
            emitted.append(emit(conn, "matching.requirements_deleted", caller.user_id,
                                {"requirementsId": str(row["id"]), "processingIds": ids}))
            if ids:
                emitted.append(emit(conn, "matching.processing_deleted", caller.user_id,
                                    {"processingIds": ids, "requirementsId": str(row["id"])}))
        return row

    row = events.transaction_then_publish(work)
    cache.invalidate(kind.cache_key(row["id"]))
    if row["status"] == "awaiting_upload" and row["upload_key"]:
        storage.delete_object(row["upload_key"])  # a form not used yet: its object may come later, unwanted


# -- processings ---------------------------------------------------------------------------------


def _limit(caller: Principal) -> None:
    s = settings()
    decision = ratelimit.hit_or_block(RATE_LIMIT_BUCKET, caller.user_id, s.matching_rate_limit_max,
                                      s.matching_rate_limit_window_seconds, s.matching_block_seconds)
    if decision is not None and not decision.allowed:
        raise RateLimited(f"Too many processings started: try again in {decision.reset_seconds} s",
                          headers=decision.headers())


def resume_as_text(caller: Principal, resume_id: uuid.UUID) -> str:
    """One of the caller's Vitae resumes as text (its visible sections, through the resumes
    domain's service); NotFound for another's or a missing one."""
    from vitae.resumes import service as resumes

    return resume_text(resumes.get_resume(caller, str(resume_id)))


def profile_as_text(caller: Principal, ip_address: str | None) -> tuple[uuid.UUID, str]:
    """(candidate id, text) of the caller's candidate profile, through the candidates domain's
    service (which audits the read); NotFound when they have none."""
    from vitae.candidates import service as candidates

    profile = candidates.own_profile(candidates.Actor(caller, ip_address))
    return profile.id, profile_text(profile)


def _check_ready(row: dict[str, Any], kind: TextKind) -> None:
    """Conflict unless the text has been read (a presigned upload that is awaited, or failed)."""
    row = _as_seen(row)
    if row["status"] == "awaiting_upload":
        raise Conflict(f"{kind.label} {row['id']} has no text yet: its upload has not been read")
    if row["status"] == "failed":
        raise Conflict(f"{kind.label} {row['id']} has no text ({row['failure_message']}): upload the file again")


def _resume_side(caller: Principal, body: ProcessingIn, ip_address: str | None) -> tuple[str, uuid.UUID, str]:
    """(kind, id, text) of the processing's resume side; NotFound for anything not the caller's."""
    if body.resume_text_id is not None:
        row = _owned_text(db.connection(), RESUME_TEXTS, caller, str(body.resume_text_id))
        _check_ready(row, RESUME_TEXTS)
        text = cached_text(RESUME_TEXTS, row["id"])
        if text is None:
            raise NotFound.by_id(RESUME_TEXTS.label, row["id"])  # deleted since it was read
        return "resume_text", row["id"], text
    if body.resume_id is not None:
        return "resume", body.resume_id, resume_as_text(caller, body.resume_id)
    candidate_id, text = profile_as_text(caller, ip_address)
    return "profile", candidate_id, text


def create_processing(caller: Principal, body: ProcessingIn, ip_address: str | None = None) -> ProcessingAccepted:
    """Queue the scoring of a resume side against requirements (202). The resume side's text is
    snapshotted onto the processing now, so its result can be reproduced. Raises RateLimited past
    the per-user limit, NotFound for requirements or a resume side that are not the caller's,
    Conflict for a text whose upload has not been read."""
    requirements = _owned_text(db.connection(), REQUIREMENTS, caller, str(body.requirements_id))
    _check_ready(requirements, REQUIREMENTS)
    kind, ref, text = _resume_side(caller, body, ip_address)
    if not has_visible_text(text):
        raise Invalid("The resume side has no text to match")
    _limit(caller)  # only a request that would start a processing counts

    def work(conn: Connection, emitted: list[uuid.UUID]) -> dict[str, Any]:
        if repository.owned_text(conn, REQUIREMENTS.table, requirements["id"], caller.user_id, for_update=True) is None:
            raise NotFound.by_id(REQUIREMENTS.label, body.requirements_id)  # deleted meanwhile
        row = repository.insert_processing(conn, {
            "id": uuid.uuid4(), "user_id": caller.user_id, "requirements_id": requirements["id"],
            "resume_kind": kind, "resume_ref": ref, "resume_text": text[:MAX_TEXT_CHARS]})
        emitted.append(emit(conn, "matching.processing_requested", caller.user_id, {
            "processingId": str(row["id"]), "requirementsId": str(row["requirements_id"]),
            "resume": {"kind": kind, "id": str(ref)}}))
        return row

    row = events.transaction_then_publish(work)
    metrics.add_metric(name="MatchingProcessingRequested", unit="Count", value=1)
    return ProcessingAccepted(id=row["id"], status=row["status"])


def _side(row: dict[str, Any]) -> ResumeSide:
    return ResumeSide(kind=row["resume_kind"], id=row["resume_ref"])


def _processing_view(row: dict[str, Any]) -> ProcessingView:
    """The processing as the API shows it, validated in one call (its side, failure and result nested)."""
    failure = {"reason": row["failure_reason"], "message": row["failure_message"]} if row["failure_reason"] else None
    return ProcessingView.model_validate({
        "id": row["id"], "requirements_id": row["requirements_id"], "status": row["status"],
        "resume": {"kind": row["resume_kind"], "id": row["resume_ref"]}, "failure": failure, "result": row["result"],
        "created_at": row["created_at"], "updated_at": row["updated_at"], "completed_at": row["completed_at"]})


def get_processing(caller: Principal, processing_id: str) -> ProcessingView:
    row = repository.owned_processing(db.connection(), parse_id(processing_id, "Processing"), caller.user_id)
    if row is None:
        raise NotFound.by_id("Processing", processing_id)
    return _processing_view(row)


def list_processings(caller: Principal, query: ProcessingQuery) -> ProcessingPage:
    """The caller's processings, newest first, optionally of one requirements text."""
    rows = repository.page_processings(db.connection(), caller.user_id, query.requirements_id, query.limit + 1,
                                       keyset_after(query.cursor))

    def summary(row: dict[str, Any]) -> ProcessingSummary:
        result = row["result"] or {}
        return ProcessingSummary(resume=_side(row), score=result.get("score"), verdict=result.get("verdict"),
                                 **{k: row[k] for k in ("id", "requirements_id", "status", "created_at",
                                                        "completed_at")})

    items, next_cursor = keyset_page(rows, query.limit, summary)
    return ProcessingPage(items=items, next_cursor=next_cursor)


def forget_user(conn: Connection, event: consumers.EventEnvelope) -> None:
    """After `user.deleted`: the user's requirements, resume texts and processings go (their
    pending upload objects are purged with the user's files), so a revived account starts empty."""
    keys = [kind.cache_key(text_id) for kind in (REQUIREMENTS, RESUME_TEXTS)
            for text_id in repository.delete_user_texts(conn, kind.table, event.user_id)]
    if keys:
        cache.invalidate(*keys)


def _delete_processings(caller: Principal, ids: list[uuid.UUID]) -> list[uuid.UUID]:
    def work(conn: Connection, emitted: list[uuid.UUID]) -> list[uuid.UUID]:
        deleted = repository.delete_processings(conn, caller.user_id, ids)
        if deleted:
            emitted.append(emit(conn, "matching.processing_deleted", caller.user_id,
                                {"processingIds": [str(i) for i in deleted]}))
        return deleted

    return events.transaction_then_publish(work)


def delete_processing(caller: Principal, processing_id: str) -> None:
    """DELETE /processings/{id} (seed [D] delete_processing); NotFound unless it is the caller's."""
    if not _delete_processings(caller, [parse_id(processing_id, "Processing")]):
        raise NotFound.by_id("Processing", processing_id)


def delete_processings(caller: Principal, body: ProcessingIds) -> ProcessingsDeleted:
    """POST /processings/delete: those of `ids` that are the caller's are deleted, the others
    (unknown, or someone else's: the same answer) are listed as not found."""
    ids = list(dict.fromkeys(body.ids))
    deleted = _delete_processings(caller, ids)
    return ProcessingsDeleted(deleted=deleted, not_found=[i for i in ids if i not in set(deleted)])
