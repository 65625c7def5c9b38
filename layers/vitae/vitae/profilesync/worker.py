"""The profile sync workers' life cycle, shared by GitHub syncs (`vitae.profilesync.github_sync`) and
LinkedIn imports (here: the export's bucket notification, through a queue).

A sync moves queued -> running -> done | failed (a GitHub sync may be `deferred` on the way). It is
claimed and committed first (clients see `running`), read outside any transaction, and finished
under a lock that checks it is still the run this delivery claimed; a redelivered message does
nothing once it is finished, nor while another delivery runs it (a run is held for LEASE; one whose
worker died is taken over after it). A run that fails gives its claim back for the queue's retry;
the MAX_ATTEMPTS-th run fails the sync. A hostile or unreadable export fails at once with the
reason `linkedin.read_export` gives, and nothing is merged. The export's object is deleted once
read (what it held is kept in `linkedinData`).
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import psycopg

from vitae.candidates import merge
from vitae.candidates import service as candidates
from vitae.platform import db, events, storage
from vitae.platform.db import Connection
from vitae.platform.errors import DomainError, NotFound
from vitae.platform.observability import metrics
from vitae.profilesync import proposals, repository

MAX_ATTEMPTS = 3  # below the queues' maxReceiveCount, so a sync fails before its message dead-letters
LEASE = timedelta(minutes=6)  # longer than the workers' timeouts (GitHub 300 s, LinkedIn 120 s)
GAVE_UP = {"github": "github_unavailable", "linkedin": "internal_error"}


def fail(conn: Connection, row: dict[str, Any], reason: str, message: str) -> None:
    """Mark the sync failed with `reason` (a code) and `message` (for people)."""
    repository.fail_sync(conn, row["id"], reason, message)
    metrics.add_metric(name="ProfileSyncFailed", unit="Count", value=1)


def claim(sync_id: object, source: str) -> tuple[str, dict[str, Any] | None]:
    """Take a queued or deferred sync (or one whose run outlived LEASE) for this run: ("claimed",
    row with the attempt counted), or (outcome, None) when there is nothing to run: "duplicate"
    (finished or unknown), "busy" (another delivery runs it), "gave-up" (failed now, MAX_ATTEMPTS)."""
    with db.transaction() as conn:
        row = repository.lock_sync(conn, sync_id)
        if row is None or row["source"] != source or row["status"] in ("done", "failed"):
            return "duplicate", None
        if row["status"] == "running" and row["updated_at"] > db.clock(conn) - LEASE:
            return "busy", None
        if row["attempts"] >= MAX_ATTEMPTS:
            fail(conn, row, GAVE_UP[source], "The sync could not be completed; please try again later")
            return "gave-up", None
        repository.set_sync(conn, row["id"], status="running", attempts=row["attempts"] + 1, retry_at=None)
        return "claimed", {**row, "status": "running", "attempts": row["attempts"] + 1}


def still_ours(conn: Connection, row: dict[str, Any]) -> bool:
    """Lock the sync and tell whether it is still the run `row` claimed (not finished, deferred or
    claimed again meanwhile)."""
    current = repository.lock_sync(conn, row["id"])
    return current is not None and current["status"] == "running" and current["attempts"] == row["attempts"]


@contextmanager
def released_on_failure(row: dict[str, Any]) -> Iterator[None]:
    """Run a claimed sync; when the run raises, its claim is given back (queued, its attempt still
    counted) so the queue's retry takes it at once instead of waiting out LEASE."""
    try:
        yield
    except BaseException:
        with db.transaction() as conn:
            if still_ours(conn, row):
                repository.set_sync(conn, row["id"], status="queued")
        raise


def finish(row: dict[str, Any], work: Callable[[Connection], merge.Merged], **result: Any) -> str:
    """Finish a claimed sync if it is still this run's: `work(conn)` merges, and the sync's
    result is what it filled and added, with `result`. "done", or "duplicate"."""
    def done(conn: Connection, emitted: list) -> str:
        if not still_ours(conn, row):
            return "duplicate"
        merged = work(conn)
        summary = {**merged.summary(), **result}
        repository.set_sync(conn, row["id"], status="done", result=summary, contributed=merged.keys,
                            completed_at=db.clock(conn))
        emitted.append(events.emit(conn, "profile.synced", row["user_id"], {
            "syncId": str(row["id"]), "source": row["source"], "added": merged.added, "filled": merged.filled}))
        return "done"

    try:
        outcome = events.transaction_then_publish(done)
    except NotFound as gone:  # the user was deleted while the sync ran: nothing of it is kept
        return finish_failed(row, "not_found", gone.message)
    if outcome == "done":
        metrics.add_metric(name="ProfileSynced", unit="Count", value=1)
    return outcome


def finish_failed(row: dict[str, Any], reason: str, message: str) -> str:
    """Fail a claimed sync if it is still this run's: "failed", or "duplicate"."""
    with db.transaction() as conn:
        if not still_ours(conn, row):
            return "duplicate"
        fail(conn, row, reason, message)
    return "failed"


def merge_into_profile(conn: Connection, row: dict[str, Any], proposal: merge.Proposal,
                       data: dict[str, Any]) -> merge.Merged:
    """Merge into the user's profile (created if they have none) by the CV rules, skipping what this
    source added before, and keep `data` (top-level keys) as what the profile holds from the source."""
    candidate = candidates.own_candidate(conn, row["user_id"])
    merged = merge.into_profile(conn, candidate, proposal, source=row["source"],
                                skip=repository.contributed(conn, row["user_id"], row["source"]))
    candidates.keep_source_data(conn, candidate["id"], row["source"], data)
    candidates.audit(conn, None, candidate["id"], f"profile.{row['source']}_synced", syncId=str(row["id"]),
                     filled=merged.filled, added=merged.added)
    return merged


# -- LinkedIn ------------------------------------------------------------------------------------


def process_export(key: str, size: int) -> str:
    """Import the LinkedIn export uploaded at `key` (S3 notification) into its user's profile."""
    from vitae.profilesync import linkedin  # here and below: the GitHub sync worker never reads an export

    outcome, row = _claim_export(key, size)
    if row is None:
        return outcome
    with released_on_failure(row):
        try:
            export = linkedin.read_export(storage.read_object(key))
        except DomainError as refused:
            outcome = finish_failed(row, refused.code or "malformed", refused.message)
            if outcome == "failed":
                storage.delete_object(key)
            return "rejected" if outcome == "failed" else outcome

        def work(conn: Connection) -> merge.Merged:
            kept = {"export": proposals.linkedin_data(export)}
            return merge_into_profile(conn, row, proposals.linkedin(export), kept)

        outcome = finish(row, work, filesFound=list(export.files_found), filesMissing=list(export.files_missing))
    if outcome == "done":
        storage.delete_object(key)  # read and kept: the file has served
    return outcome


def _claim_export(key: str, size: int) -> tuple[str, dict[str, Any] | None]:
    """The import of the object at `key` claimed for this run, or (outcome, None); the object of an
    import that will not run is deleted."""
    from vitae.profilesync import linkedin

    with db.transaction() as conn:
        found = repository.sync_by_key(conn, key)
        if found is not None and found["status"] == "awaiting_upload":  # a presigned upload arrived
            try:
                with conn.transaction():
                    repository.set_sync(conn, found["id"], status="queued", size=size)
            except psycopg.errors.UniqueViolation:  # another import of the user's started meanwhile
                fail(conn, found, "sync_in_progress", "Another LinkedIn import of yours was still in progress")
                found = {**found, "status": "failed"}
    if found is None or found["status"] in ("done", "failed"):
        storage.delete_object(key)  # no import wants these bytes: a deleted user's, or a form used again
        return ("unknown" if found is None else "duplicate"), None
    outcome, row = claim(found["id"], "linkedin")
    if row is None:
        if outcome != "busy":
            storage.delete_object(key)
        return outcome, None
    if size > linkedin.MAX_ARCHIVE_BYTES:
        finish_failed(row, "too_large", f"The export is larger than {linkedin.MAX_ARCHIVE_BYTES // linkedin.MIB} MB")
        storage.delete_object(key)
        return "rejected", None
    return outcome, row
