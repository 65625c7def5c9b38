"""Profile sync (seed [G], DESIGN.md 6): the requests. A GitHub sync is queued through the outbox
(`profile.github_sync_requested`) for `vitae.profilesync.worker`; a LinkedIn export is stored under
`linkedin/` (through the API up to 4 MB, a presigned POST up to linkedin.MAX_ARCHIVE_BYTES) and its
bucket notification queues the import. Each sync is polled at /v1/profile/syncs/{id}."""

import io
import zipfile
from datetime import timedelta
from typing import Any

import psycopg

from vitae.platform import consumers, db, events, storage
from vitae.platform.api import Answer, Response, UploadedFile
from vitae.platform.auth import Principal
from vitae.platform.config import settings
from vitae.platform.db import Connection
from vitae.platform.errors import Conflict, Invalid, NotFound, UnsupportedMedia, parse_id
from vitae.platform.observability import metrics
from vitae.profilesync import repository
from vitae.profilesync.models import (
    Failure,
    GitHubSyncIn,
    LinkedInUploadRequest,
    SourceView,
    SyncAccepted,
    SyncView,
    UploadForm,
)

DIRECT_MAX_BYTES = 4 * 1024 * 1024  # what fits in a synchronous Lambda payload after base64
TOO_LARGE = "Exports are limited to 4 MB through the API (use an upload URL up to 50 MB)"
ZIP = "application/zip"
UPLOAD_FORM_SECONDS = 600
# Past this, an unfinished sync has lost its worker (a crash, a dead-lettered message): a queue
# brings a message back within its visibility timeout (30 min) times its receives (5).
STALE_AFTER = timedelta(hours=3)
SYNC_REQUESTED = "profile.github_sync_requested"
SYNC_ACCEPTED = Answer(202, "Queued: poll the sync at Location until it is done or failed", SyncAccepted,
                       headers=("Location",))


def accepted(answer: SyncAccepted) -> Response:
    """202 with the Location to poll."""
    return Response(202, answer, {"location": f"/v1/profile/syncs/{answer.id}"})


def _accepted(row: dict[str, Any]) -> SyncAccepted:
    return SyncAccepted(id=row["id"], source=row["source"], status=row["status"])


def _in_progress(conn: Connection, caller: Principal, source: str) -> Conflict | None:
    """The refusal of a second sync of `source` while one of the caller's is unfinished; a sync
    unfinished past STALE_AFTER (its worker died, its message dead-lettered) is failed `abandoned`
    first, so it never blocks its user for good."""
    repository.abandon_stale(conn, caller.user_id, source, STALE_AFTER)
    running = repository.in_progress(conn, caller.user_id, source)
    if running is None:
        return None
    return Conflict(f"A {'GitHub sync' if source == 'github' else 'LinkedIn import'} of yours is still in progress "
                    f"(/v1/profile/syncs/{running['id']}): wait for it to finish", code="sync_in_progress")


def _start(conn: Connection, caller: Principal, source: str, status: str, request: dict[str, Any],
           key: str | None = None, size: int = 0) -> dict[str, Any]:
    """A new sync of the caller's, refused (Conflict `sync_in_progress`) while another of `source` is
    unfinished, however many requests race (the database holds one unfinished sync per user and
    source); NotFound for an unregistered caller."""
    if (refusal := _in_progress(conn, caller, source)) is not None:
        raise refusal
    try:
        with db.registered(caller.user_id):
            return repository.insert_sync(conn, caller.user_id, source, status, request, key=key, size=size)
    except psycopg.errors.UniqueViolation:  # a concurrent request started one meanwhile
        raise _in_progress(conn, caller, source) or Conflict("A sync of yours has just started",
                                                             code="sync_in_progress") from None


def _github_login(conn: Connection, caller: Principal) -> str:
    """The GitHub user name of the account the caller signed in with; Invalid when there is none."""
    from vitae.auth import service as auth

    login = auth.provider_login(conn, caller.user_id, "github")
    if not login:
        raise Invalid("Give the GitHub username to sync (or sign in with GitHub to sync your own account)",
                      details=[{"field": "username", "message": "required without a GitHub sign-in", "in": "body"}])
    return login


def request_github_sync(caller: Principal, body: GitHubSyncIn) -> SyncAccepted:
    """Queue a GitHub sync of `body.username` (default: the caller's GitHub sign-in) into the caller's
    profile. Raises Invalid without a username to use, Conflict `sync_in_progress` while another of
    the caller's GitHub syncs is unfinished, NotFound for an unregistered caller."""
    def work(conn: Connection, emitted: list) -> SyncAccepted:
        request = {"username": body.username or _github_login(conn, caller), "includeForks": body.include_forks,
                   "maxRepos": body.max_repos or settings().github_max_repos}
        row = _start(conn, caller, "github", "queued", request)
        emitted.append(events.emit(conn, SYNC_REQUESTED, caller.user_id, {"syncId": str(row["id"])}))
        return _accepted(row)

    answer = events.transaction_then_publish(work)
    metrics.add_metric(name="GitHubSyncRequested", unit="Count", value=1)
    return answer


def import_linkedin(caller: Principal, file: UploadedFile) -> SyncAccepted:
    """Store a LinkedIn data export sent through the API; its notification queues the import. Raises
    UnsupportedMedia unless the bytes are a ZIP, Conflict `sync_in_progress` while another import is
    unfinished."""
    if not zipfile.is_zipfile(io.BytesIO(file.data)):
        raise UnsupportedMedia("Send the ZIP LinkedIn gave you (Settings > Data privacy > Get a copy of your data)")
    key = storage.new_key("linkedin", caller.user_id, notify=True)
    with db.transaction() as conn:
        row = _start(conn, caller, "linkedin", "queued",
                     {"filename": storage.display_filename(file.filename, "export.zip")}, key=key, size=len(file.data))
    try:  # the row exists before the object, so the notification always finds its import
        storage.put_object(key, file.data, ZIP)
    except BaseException:
        with db.transaction() as conn:
            repository.fail_sync(conn, row["id"], "internal_error", "The export could not be stored; send it again")
        raise
    metrics.add_metric(name="LinkedInImportRequested", unit="Count", value=1)
    return _accepted(row)


def linkedin_upload_form(caller: Principal, body: LinkedInUploadRequest) -> UploadForm:
    """A presigned POST for an export up to linkedin.MAX_ARCHIVE_BYTES; the upload's notification
    starts the import. Raises Conflict `sync_in_progress` like `import_linkedin` (and the upload of a
    form fails that way when another import started meanwhile)."""
    from vitae.profilesync import linkedin  # here only: the other profile-sync routes never read an export

    key = storage.new_key("linkedin", caller.user_id, notify=True)
    with db.transaction() as conn:
        row = _start(conn, caller, "linkedin", "awaiting_upload",
                     {"filename": storage.display_filename(body.filename, "export.zip")}, key=key)
        form = storage.presigned_post(key, (ZIP,), linkedin.MAX_ARCHIVE_BYTES, UPLOAD_FORM_SECONDS)
    return UploadForm(id=row["id"], source="linkedin", status=row["status"], url=form["url"], fields=form["fields"],
                      max_bytes=linkedin.MAX_ARCHIVE_BYTES, expires_in=UPLOAD_FORM_SECONDS)


def _view(row: dict[str, Any]) -> SyncView:
    failure = Failure(reason=row["failure_reason"], message=row["failure_message"]) if row["failure_reason"] else None
    return SyncView(failure=failure, **{k: row[k] for k in (
        "id", "source", "status", "request", "result", "retry_at", "created_at", "updated_at", "completed_at")})


def get_sync(caller: Principal, sync_id: str) -> SyncView:
    """A sync of the caller's; anyone else's is NotFound, like one that does not exist."""
    row = repository.get_sync(db.connection(), parse_id(sync_id, "Sync"))
    if row is None or str(row["user_id"]) != caller.user_id:
        raise NotFound.by_id("Sync", sync_id)
    return _view(row)


def source_view(caller: Principal, source: str) -> SourceView:
    """GET /v1/profile/github or /linkedin: the last sync, when the profile was synced and what it
    holds from the source (nothing before the first sync)."""
    from vitae.candidates import service as candidates  # the candidates models: only this read needs them

    conn = db.connection()
    last = repository.latest_sync(conn, caller.user_id, source)
    kept = candidates.source_data(conn, caller.user_id, source)
    return SourceView(source=source, synced_at=kept and kept["synced_at"], data=kept and kept["data"],
                      last_sync=_view(last) if last else None)


def forget_user(conn: Connection, event: consumers.EventEnvelope) -> None:
    """After `user.deleted`: the user's syncs and cached GitHub answers go (the export files go with
    the user's files, the synced data with their profile)."""
    repository.forget_user(conn, event.user_id)
