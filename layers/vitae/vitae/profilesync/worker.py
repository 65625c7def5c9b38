"""The profile sync workers: GitHub syncs (`profile.github_sync_requested`, through a queue) and
LinkedIn imports (the export's bucket notification, through a queue).

A sync moves queued -> running -> done | failed; a GitHub sync whose rate limit is spent (or would be
by this sync, judged from the limit GitHub last reported for the same credentials, kept in Redis) is
`deferred` with `retryAt`, and its message comes back then (ChangeMessageVisibility), so it is
neither failed nor lost. It is claimed and committed first (clients see `running`), read outside any
transaction, and finished under a lock that checks it is still the run this delivery claimed; a
redelivered message does nothing once it is finished. GitHub or storage failing is retried by the
queue (after RETRY_SECONDS); the MAX_ATTEMPTS-th failure fails the sync. A hostile or unreadable
export fails at once with the reason `linkedin.read_export` gives, and nothing is merged. The
export's object is deleted once read (what it held is kept in `linkedinData`).
"""

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from vitae.candidates import merge
from vitae.candidates import service as candidates
from vitae.platform import cache, db, events, storage
from vitae.platform.config import settings
from vitae.platform.db import Connection
from vitae.platform.errors import DomainError, NotConfigured, NotFound, Unavailable
from vitae.platform.events import parse_incoming
from vitae.platform.observability import flush_metrics, logger, metrics
from vitae.profilesync import github, linkedin, proposals, repository
from vitae.profilesync.service import SYNC_REQUESTED

MAX_ATTEMPTS = 3  # below the queues' maxReceiveCount, so a sync fails before its message dead-letters
RETRY_SECONDS = 60
RATE_TTL_SECONDS = 3600  # GitHub's window: a limit seen longer ago says nothing


def handle(event: dict[str, Any]) -> dict[str, Any]:
    """Run the GitHub sync of each `profile.github_sync_requested` event in an SQS batch (EventBridge
    envelopes); other events are acknowledged untouched. A failing or deferred message is reported
    alone (ReportBatchItemFailures) and brought back when it may run again."""
    failures = []
    for message in event.get("Records", []):
        try:
            envelope = parse_incoming(message["body"], message["messageId"])
            if envelope.event_type != SYNC_REQUESTED:
                continue
            outcome, wait = run_github(envelope.data["syncId"])
            logger.info("github sync handled", extra={"syncId": envelope.data["syncId"], "outcome": outcome})
            if outcome == "deferred":
                failures.append({"itemIdentifier": message["messageId"]})
                events.retry_later(message, wait)
        except Exception as error:
            if not isinstance(error, Unavailable):
                from vitae.platform import alerts

                alerts.critical("github sync", error, messageId=message.get("messageId"))
            logger.exception("github sync failed", extra={"messageId": message.get("messageId")})
            failures.append({"itemIdentifier": message["messageId"]})
            events.retry_later(message, RETRY_SECONDS)
    flush_metrics()
    return {"batchItemFailures": failures}


def _now() -> datetime:
    return datetime.now(UTC)


def _fail(conn: Connection, row: dict[str, Any], reason: str, message: str) -> None:
    repository.set_sync(conn, row["id"], status="failed", failure_reason=reason, failure_message=message,
                        retry_at=None, completed_at=db.clock(conn))
    metrics.add_metric(name="ProfileSyncFailed", unit="Count", value=1)


def _claim(sync_id: object, source: str) -> tuple[str, dict[str, Any] | None]:
    """Take a queued (or deferred, or interrupted) sync for this run: ("claimed", row with the
    attempt counted), or (outcome, None) when there is nothing to run."""
    with db.transaction() as conn:
        row = repository.lock_sync(conn, sync_id)
        if row is None or row["source"] != source or row["status"] in ("done", "failed"):
            return "duplicate", None
        if row["attempts"] >= MAX_ATTEMPTS:
            _fail(conn, row, f"{source}_unavailable" if source == "github" else "internal_error",
                  "The sync could not be completed; please try again later")
            return "gave-up", None
        repository.set_sync(conn, row["id"], status="running", attempts=row["attempts"] + 1, retry_at=None)
        return "claimed", {**row, "status": "running", "attempts": row["attempts"] + 1}


def _finish(row: dict[str, Any], work: Callable[[Connection, list], dict[str, Any]]) -> str:
    """Finish a claimed sync with `work(conn, emitted) -> result` if it is still this run's."""
    def finish(conn: Connection, emitted: list) -> str:
        current = repository.lock_sync(conn, row["id"])
        if current is None or current["status"] != "running" or current["attempts"] != row["attempts"]:
            return "duplicate"
        result = work(conn, emitted)
        repository.set_sync(conn, row["id"], status="done", result=result, completed_at=db.clock(conn))
        emitted.append(events.emit(conn, "profile.synced", row["user_id"], {
            "syncId": str(row["id"]), "source": row["source"], "added": result["added"], "filled": result["filled"]}))
        return "done"

    outcome = events.transaction_then_publish(finish)
    if outcome == "done":
        metrics.add_metric(name="ProfileSynced", unit="Count", value=1)
    return outcome


def _finish_failed(row: dict[str, Any], reason: str, message: str) -> str:
    with db.transaction() as conn:
        current = repository.lock_sync(conn, row["id"])
        if current is None or current["status"] != "running" or current["attempts"] != row["attempts"]:
            return "duplicate"
        _fail(conn, row, reason, message)
    return "failed"


def _merge(conn: Connection, row: dict[str, Any], proposal: merge.Proposal,
           data: Callable[[dict[str, Any]], dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """Merge into the user's profile (created if they have none) by the CV rules, skipping what this
    source added before; keep `data(candidate)` as the source's data. Returns the sync's result."""
    candidate = candidates.own_candidate(conn, row["user_id"])
    merged = merge.into_profile(conn, candidate, proposal, source=row["source"],
                                skip=repository.contributed(conn, row["user_id"], row["source"]))
    repository.set_synced(conn, candidate["id"], row["source"], data(candidate))
    candidates.audit(conn, None, candidate["id"], f"profile.{row['source']}_synced", syncId=str(row["id"]),
                     filled=merged.filled, added=merged.added)
    return {**merged.summary(), "keys": merged.keys, **extra}


# -- GitHub --------------------------------------------------------------------------------------


def _rate_key(token: str | None) -> str:
    """Where the limit last seen for these credentials is kept: one for all anonymous calls (GitHub
    counts them per address), one per token (by its hash: the token itself is never a key)."""
    who = hashlib.sha256(token.encode()).hexdigest()[:32] if token else "anonymous"
    return cache.key("github-rate", who)


def _load_rate(token: str | None) -> github.RateLimit:
    try:
        with cache.connected() as redis_:
            stored = redis_.get(_rate_key(token))
    except Unavailable:
        return github.RateLimit()
    if not stored:
        return github.RateLimit()
    saved = json.loads(stored)
    return github.RateLimit(limit=saved["limit"], remaining=saved["remaining"],
                            reset_at=datetime.fromtimestamp(saved["reset"], UTC) if saved["reset"] else None)


def _save_rate(token: str | None, rate: github.RateLimit) -> None:
    if rate.remaining is None:
        return
    value = json.dumps({"limit": rate.limit, "remaining": rate.remaining,
                        "reset": int(rate.reset_at.timestamp()) if rate.reset_at else None})
    try:
        with cache.connected() as redis_:
            redis_.set(_rate_key(token), value, ex=RATE_TTL_SECONDS)
    except Unavailable:
        logger.info("github rate limit not kept: Redis is unavailable")


def _cost(request: dict[str, Any]) -> int:
    """Requests a sync may make: the user, a first page of repositories, and each repository's languages."""
    return 2 + int(request["maxRepos"])


def _defer(row: dict[str, Any], retry_at: datetime) -> tuple[str, int]:
    with db.transaction() as conn:
        current = repository.lock_sync(conn, row["id"])
        if current is None or current["status"] != "running" or current["attempts"] != row["attempts"]:
            return "duplicate", 0
        # A deferral is not a failed attempt: it gives its attempt back.
        repository.set_sync(conn, row["id"], status="deferred", retry_at=retry_at, attempts=row["attempts"] - 1)
    metrics.add_metric(name="GitHubSyncDeferred", unit="Count", value=1)
    return "deferred", max(1, min(43200, int((retry_at - _now()).total_seconds()) + 1))  # SQS: at most 12 hours


def run_github(sync_id: object) -> tuple[str, int]:
    """Run one GitHub sync: (outcome, seconds until it may run again when "deferred"). Raises
    Unavailable (GitHub or a dependency of ours failing) for the queue to retry."""
    from vitae.auth import provider_tokens

    with db.transaction() as conn:
        queued = repository.get_sync(conn, sync_id)
        if queued is not None and queued["status"] == "deferred" and queued["retry_at"] > _now():
            return "deferred", max(1, int((queued["retry_at"] - _now()).total_seconds()) + 1)  # came back early
    outcome, row = _claim(sync_id, "github")
    if row is None:
        return outcome, 0
    request = row["request"]
    with db.transaction() as conn:
        try:
            signed_in = provider_tokens.token_of(conn, row["user_id"], "github")
        except NotConfigured:  # no key to read tokens with: the sync goes without
            signed_in = None
        cached = repository.etags(conn, row["user_id"])
    token = signed_in.token if signed_in else None
    rate = _load_rate(token)
    if rate.remaining is not None and rate.remaining < _cost(request) and rate.reset_at and rate.reset_at > _now():
        return _defer(row, rate.reset_at)
    store = github.MemoryEtagStore()
    store.entries.update(cached)
    client = github.GitHubClient(settings().github_api_url, token=token, etags=store, rate=rate)
    try:
        try:
            profile = client.fetch(request["username"], max_repos=request["maxRepos"],
                                   include_forks=request["includeForks"])
        except github.GitHubAuthError:
            if token is None:
                raise
            logger.warning("GitHub refused the stored token; syncing without it", extra={"syncId": str(row["id"])})
            token, client = None, github.GitHubClient(settings().github_api_url, etags=store, rate=_load_rate(None))
            profile = client.fetch(request["username"], max_repos=request["maxRepos"],
                                   include_forks=request["includeForks"])
    except github.RateLimitDeferred as limited:
        _save_rate(token, client.rate)
        _keep_etags(row, store.entries, cached)
        return _defer(row, limited.retry_at)
    except NotFound as missing:
        return _finish_failed(row, "not_found", missing.message), 0
    _save_rate(token, client.rate)

    def work(conn: Connection, emitted: list) -> dict[str, Any]:
        repository.put_etags(conn, row["user_id"], _changed(store.entries, cached))
        return _merge(conn, row, proposals.github(profile), lambda _: proposals.github_data(profile),
                      username=profile.login, repositories=len(profile.repos), authenticated=token is not None)

    return _finish(row, work), 0


def _changed(entries: dict[str, tuple[str, Any]], cached: dict[str, tuple[str, Any]]) -> dict[str, tuple[str, Any]]:
    return {url: entry for url, entry in entries.items() if cached.get(url, ("",))[0] != entry[0]}


def _keep_etags(row: dict[str, Any], entries: dict[str, tuple[str, Any]], cached: dict[str, tuple[str, Any]]) -> None:
    """What a deferred sync read is kept, so its next run asks conditionally."""
    with db.transaction() as conn:
        repository.put_etags(conn, row["user_id"], _changed(entries, cached))


# -- LinkedIn ------------------------------------------------------------------------------------


def process_export(key: str, size: int) -> str:
    """Import the LinkedIn export uploaded at `key` (S3 notification) into its user's profile."""
    outcome, row = _claim_export(key, size)
    if row is None:
        return outcome
    try:
        export = linkedin.read_export(storage.read_object(key))
    except DomainError as refused:
        outcome = _finish_failed(row, refused.code or "malformed", refused.message)
        storage.delete_object(key)
        return "rejected" if outcome == "failed" else outcome

    def work(conn: Connection, emitted: list) -> dict[str, Any]:
        return _merge(conn, row, proposals.linkedin(export),
                      lambda candidate: {**(candidate["linkedin_data"] or {}), "export": proposals.linkedin_data(export)},
                      filesFound=list(export.files_found), filesMissing=list(export.files_missing))

    outcome = _finish(row, work)
    storage.delete_object(key)  # read and kept (or a concurrent delivery kept it): the file has served
    return outcome


def _claim_export(key: str, size: int) -> tuple[str, dict[str, Any] | None]:
    with db.transaction() as conn:
        found = repository.sync_by_key(conn, key)
        if found is not None and found["status"] == "awaiting_upload":
            repository.set_sync(conn, found["id"], status="queued", size=size)
    if found is None or found["status"] in ("done", "failed"):
        storage.delete_object(key)  # no import wants these bytes: a deleted user's, or a form used again
        return ("unknown" if found is None else "duplicate"), None
    if size > linkedin.MAX_ARCHIVE_BYTES:
        with db.transaction() as conn:
            _fail(conn, found, "too_large", "The export is larger than 50 MB")
        storage.delete_object(key)
        return "rejected", None
    outcome, row = _claim(found["id"], "linkedin")
    if row is None:
        storage.delete_object(key)
    return outcome, row
