"""The rules of applications (seed [G] `applications` and `POST /jobs/apply`, DESIGN.md section 6
"Jobs and applications"): a user's tracked applications to catalogue jobs (checked through the jobs
domain's service) or to external ones, a status machine whose every change is in the history, the
JSON Resume snapshot of the resume sent, and figures. Owner-only: another user's id is a 404.

Status machine: saved -> applied -> screening -> interviewing -> offer -> accepted, and rejected or
withdrawn from any open state (every one but accepted, rejected and withdrawn, which are final).

Response figures: an application is *applied* once it became `applied` (`applied_at`); it is
*responded* once the employer answered after that: it reached `screening` (and so anything beyond),
or became `rejected` while applied. Withdrawing is the user's act, not an answer. The response rate
is responded / applied; the days to first response are `responded_at - applied_at`.
"""

import uuid
from datetime import datetime
from typing import Any, get_args

import psycopg

from vitae.applications import repository
from vitae.applications.lookups import tracked_job_ids as tracked_job_ids
from vitae.applications.models import (
    ApplicationHistory,
    ApplicationIn,
    ApplicationPage,
    ApplicationPatch,
    ApplicationQuery,
    ApplicationStats,
    ApplicationSummary,
    ApplicationView,
    ApplyIn,
    HistoryEntry,
    JobSnapshot,
    Status,
)
from vitae.platform import consumers, db, events
from vitae.platform.api import keyset_after, keyset_page
from vitae.platform.auth import Principal
from vitae.platform.db import Connection
from vitae.platform.errors import Conflict, NotFound, parse_id
from vitae.platform.observability import metrics

STATUSES: tuple[Status, ...] = get_args(Status)
FINAL: frozenset[str] = frozenset({"accepted", "rejected", "withdrawn"})
_FORWARD: dict[str, Status] = {"saved": "applied", "applied": "screening", "screening": "interviewing",
                               "interviewing": "offer", "offer": "accepted"}
# status -> the statuses it may move to, in the order of the machine
TRANSITIONS: dict[str, tuple[Status, ...]] = {
    status: () if status in FINAL else (_FORWARD[status], "rejected", "withdrawn") for status in STATUSES}
RESPONSE_STATUSES = frozenset({"screening", "rejected"})  # the first answer is one of these, once applied
SECONDS_PER_DAY = 86_400


class IllegalTransition(Conflict):
    """A status change the machine does not allow (409); `details` lists the allowed next statuses."""

    def __init__(self, current: str, wanted: str):
        allowed = TRANSITIONS[current]
        listed = ", ".join(allowed) if allowed else f"none ({current} is final)"
        super().__init__(f"An application cannot go from {current} to {wanted}: allowed next statuses are {listed}",
                         code="illegal_status_transition")
        self.details = [{"field": "status", "in": "body", "message": f"allowed from {current}: {listed}",
                         "currentStatus": current, "allowedStatuses": list(allowed)}]


def allowed_next(status: str) -> list[Status]:
    """The statuses an application in `status` may move to (empty for a final one)."""
    return list(TRANSITIONS[status])


# -- views ---------------------------------------------------------------------------------------


def _job(row: dict[str, Any]) -> JobSnapshot:
    return JobSnapshot(id=row["job_id"], title=row["job_title"], company=row["job_company"], url=row["job_url"],
                       location=row["job_location"])


_SUMMARY_FIELDS = ("id", "status", "resume_id", "applied_at", "responded_at", "created_at", "updated_at")


def _summary(row: dict[str, Any]) -> ApplicationSummary:
    return ApplicationSummary(job=_job(row), **{k: row[k] for k in _SUMMARY_FIELDS})


def _view(row: dict[str, Any]) -> ApplicationView:
    return ApplicationView(job=_job(row), resume_version=row["resume_version"], cover_letter=row["cover_letter"],
                           notes=row["notes"], allowed_statuses=allowed_next(row["status"]),
                           **{k: row[k] for k in _SUMMARY_FIELDS})


def _owned(conn: Connection, caller: Principal, application_id: str, for_update: bool = False) -> dict[str, Any]:
    row = repository.owned_application(conn, parse_id(application_id, "Application"), caller.user_id, for_update)
    if row is None:
        raise NotFound.by_id("Application", application_id)
    return row


# -- other domains, through their services ----------------------------------------------------------


def _catalogue_job(job_id: uuid.UUID) -> dict[str, Any]:
    """The snapshot columns of a catalogue job, through the jobs domain's service; NotFound when
    there is no such job."""
    from vitae.jobs import service as jobs

    job = jobs.get_job(str(job_id))
    return {"job_id": job.id, "job_title": job.title, "job_company": job.company, "job_url": job.url,
            "job_location": job.location}


def _check_resume(caller: Principal, resume_id: uuid.UUID) -> None:
    """NotFound unless `resume_id` is one of the caller's resumes (through the resumes service)."""
    from vitae.resumes import service as resumes

    resumes.get_resume(caller, str(resume_id))


def _resume_version(caller: Principal, resume_id: uuid.UUID) -> dict[str, Any]:
    """The JSON Resume document of one of the caller's resumes (through the resumes service)."""
    from vitae.resumes import service as resumes

    return resumes.json_resume(caller, str(resume_id))


# -- changes ---------------------------------------------------------------------------------------


def _history(conn: Connection, application_id: Any, at: datetime, kind: str, from_status: str | None,
             to_status: str, fields: list[str] | None = None, note: str | None = None) -> None:
    repository.insert_history(conn, {"id": uuid.uuid4(), "application_id": application_id, "kind": kind,
                                     "from_status": from_status, "to_status": to_status, "fields": fields or [],
                                     "note": note, "changed_at": at})


def _event_data(row: dict[str, Any]) -> dict[str, Any]:
    return {"applicationId": str(row["id"]), "jobId": str(row["job_id"]) if row["job_id"] else None,
            "status": row["status"]}


def create_application(caller: Principal, body: ApplicationIn | ApplyIn, status: str | None = None) -> ApplicationView:
    """A new application (201) in `status`, else the body's (`saved` by default); POST /jobs/apply
    passes `applied` (seed [G]). Raises NotFound for an unknown catalogue job or a resume that is
    not the caller's, Conflict when the caller already has an application to that catalogue job.
    Created as applied, its resume's JSON Resume snapshot is kept now. Emits `application.created`;
    the history starts with the creation."""
    initial = status or (body.status if isinstance(body, ApplicationIn) else "applied")
    if body.job_id is not None:
        job = _catalogue_job(body.job_id)
    else:
        assert body.job is not None  # the model requires exactly one of them
        job = {"job_id": None, "job_title": body.job.title, "job_company": body.job.company,
               "job_url": body.job.url, "job_location": body.job.location}
    resume_version = None
    if body.resume_id is not None:
        if initial == "applied":
            resume_version = _resume_version(caller, body.resume_id)
        else:
            _check_resume(caller, body.resume_id)

    def work(conn: Connection, emitted: list[uuid.UUID]) -> dict[str, Any]:
        if job["job_id"] is not None:
            _refuse_duplicate(conn, caller, job["job_id"])
        try:
            with conn.transaction():
                row = repository.insert_application(conn, {
                    "id": uuid.uuid4(), "user_id": caller.user_id, **job, "resume_id": body.resume_id,
                    "resume_version": resume_version, "cover_letter": body.cover_letter, "notes": body.notes,
                    "status": initial})
        except psycopg.errors.UniqueViolation:
            _refuse_duplicate(conn, caller, job["job_id"])  # a concurrent request won the race
            raise
        except psycopg.errors.ForeignKeyViolation as error:
            if error.diag.constraint_name == "applications_job_id_fkey":
                raise NotFound.by_id("Job", body.job_id) from None  # deleted meanwhile
            raise NotFound(f"User with ID {caller.user_id} not found: register first (POST /v1/users)") from None
        if initial == "applied":
            row = repository.update_application(conn, row["id"], applied_at=row["created_at"])
        _history(conn, row["id"], row["created_at"], "created", None, initial)
        emitted.append(events.emit(conn, "application.created", caller.user_id, _event_data(row)))
        return row

    row = events.transaction_then_publish(work)
    metrics.add_metric(name="ApplicationCreated", unit="Count", value=1)
    return _view(row)


def _refuse_duplicate(conn: Connection, caller: Principal, job_id: Any) -> None:
    existing = repository.application_for_job(conn, caller.user_id, job_id)
    if existing is not None:
        raise Conflict(f"You already have an application to job {job_id}: {existing['id']} ({existing['status']})",
                       code="already_applied")


def update_application(caller: Principal, application_id: str, patch: ApplicationPatch) -> ApplicationView:
    """PATCH: a status change along the machine (IllegalTransition, 409, otherwise), notes, cover
    letter, and the resume while the application is still saved (Conflict after; NotFound for a
    resume that is not the caller's). Becoming applied freezes the resume's JSON Resume snapshot
    (Conflict when the resume no longer exists) and sets appliedAt; the employer's first answer sets
    respondedAt. Each call is one history entry (a status change, else an update of fields, with
    `note`); a status change emits `application.status_changed`."""
    fields = patch.model_fields_set - {"note"}
    if "resume_id" in fields and patch.resume_id is not None:
        _check_resume(caller, patch.resume_id)

    def work(conn: Connection, emitted: list[uuid.UUID]) -> dict[str, Any]:
        row = _owned(conn, caller, application_id, for_update=True)
        current, now = row["status"], db.clock(conn)
        changes: dict[str, Any] = {}
        for name in ("notes", "cover_letter"):
            if name in fields and getattr(patch, name) != row[name]:
                changes[name] = getattr(patch, name)
        if "resume_id" in fields and patch.resume_id != row["resume_id"]:
            if current != "saved":
                raise Conflict(f"The resume of an application that is {current} cannot change: it was sent",
                               code="resume_already_sent")
            changes["resume_id"] = patch.resume_id
        moving = "status" in fields and patch.status != current
        if "status" in fields and not moving:
            raise IllegalTransition(current, current)
        if moving:
            assert patch.status is not None
            if patch.status not in TRANSITIONS[current]:
                raise IllegalTransition(current, patch.status)
            changes["status"] = patch.status
            resume_id = changes.get("resume_id", row["resume_id"])
            if patch.status == "applied":
                changes["applied_at"] = now
                if resume_id is not None:
                    changes["resume_version"] = _snapshot_when_applied(caller, resume_id)
            if patch.status in RESPONSE_STATUSES and row["applied_at"] is not None and row["responded_at"] is None:
                changes["responded_at"] = now
        if not changes:
            return row  # nothing differs: no change to record
        updated = repository.update_application(conn, row["id"], **changes)
        named = sorted(_API_NAMES[k] for k in changes if k in _API_NAMES)
        if moving:
            _history(conn, row["id"], now, "status_changed", current, updated["status"], named, patch.note)
            emitted.append(events.emit(conn, "application.status_changed", caller.user_id,
                                       {**_event_data(updated), "fromStatus": current, "toStatus": updated["status"],
                                        "note": patch.note}))
        else:
            _history(conn, row["id"], now, "updated", current, current, named, patch.note)
        return updated

    return _view(events.transaction_then_publish(work))


_API_NAMES = {"status": "status", "notes": "notes", "cover_letter": "coverLetter", "resume_id": "resumeId"}


def _snapshot_when_applied(caller: Principal, resume_id: uuid.UUID) -> dict[str, Any]:
    try:
        return _resume_version(caller, resume_id)
    except NotFound:
        raise Conflict(f"The application's resume {resume_id} no longer exists: choose another resumeId "
                       "(or clear it) before applying", code="resume_missing") from None


def get_application(caller: Principal, application_id: str) -> ApplicationView:
    return _view(_owned(db.connection(), caller, application_id))


def list_applications(caller: Principal, query: ApplicationQuery) -> ApplicationPage:
    """The caller's applications, newest first, optionally of one status, cursor-paginated."""
    rows = repository.page_applications(db.connection(), caller.user_id, query.status, query.limit + 1,
                                        keyset_after(query.cursor))
    items, next_cursor = keyset_page(rows, query.limit, _summary)
    return ApplicationPage(items=items, next_cursor=next_cursor)


def application_history(caller: Principal, application_id: str) -> ApplicationHistory:
    """Every change of one of the caller's applications, oldest first (its creation first)."""
    conn = db.connection()
    row = _owned(conn, caller, application_id)
    return ApplicationHistory(application_id=row["id"], items=[
        HistoryEntry(id=h["id"], kind=h["kind"], from_status=h["from_status"], to_status=h["to_status"],
                     fields=h["fields"], note=h["note"], at=h["changed_at"])
        for h in repository.history(conn, row["id"])])


def delete_application(caller: Principal, application_id: str) -> None:
    """Delete one of the caller's applications and its history; emits `application.deleted`."""
    target = parse_id(application_id, "Application")

    def work(conn: Connection, emitted: list[uuid.UUID]) -> None:
        row = repository.delete_application(conn, target, caller.user_id)
        if row is None:
            raise NotFound.by_id("Application", application_id)
        emitted.append(events.emit(conn, "application.deleted", caller.user_id, _event_data(row)))

    events.transaction_then_publish(work)


def stats(caller: Principal) -> ApplicationStats:
    """Counts by status (every status, zeros included) and the response figures defined in this
    module's docstring."""
    conn = db.connection()
    counts = repository.status_counts(conn, caller.user_id)
    figures = repository.response_figures(conn, caller.user_id)
    applied, responded = figures["applied"], figures["responded"]
    median_seconds = figures["median_seconds"]
    return ApplicationStats(
        total=sum(counts.values()), by_status={s: counts.get(s, 0) for s in STATUSES}, applied=applied,
        responded=responded, response_rate=round(responded / applied, 4) if applied else None,
        median_days_to_first_response=None if median_seconds is None
        else round(float(median_seconds) / SECONDS_PER_DAY, 2))


def forget_user(conn: Connection, event: consumers.EventEnvelope) -> None:
    """After `user.deleted`: the user's applications and their history go, so a revived account
    starts empty."""
    repository.delete_user_applications(conn, event.user_id)
