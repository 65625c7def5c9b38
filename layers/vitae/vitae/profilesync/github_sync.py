"""GitHub syncs (`profile.github_sync_requested`, through a queue): GitHub's profile, repositories and
languages read with the user's token when they signed in with GitHub, conditionally (stored ETags),
within the rate limit, and merged into the profile (`vitae.profilesync.worker` runs the life cycle).

A sync whose rate limit is spent (or would be by this sync, judged from the limit GitHub last reported
for the same credentials, kept in Redis) is `deferred` with `retryAt`, and its message comes back then
(sent again with a delay, in hops of at most 15 minutes), so it is neither failed nor lost, and no
deferral counts as a failed attempt or a receive towards the dead-letter queue. GitHub
failing is retried by the queue after RETRY_SECONDS.
"""

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from vitae.platform import cache, consumers, db
from vitae.platform.config import settings
from vitae.platform.consumers import parse_incoming
from vitae.platform.db import Connection
from vitae.platform.errors import NotConfigured, NotFound, Unavailable
from vitae.platform.observability import flush_metrics, logger, metrics
from vitae.profilesync import github, proposals, repository, worker
from vitae.profilesync.service import SYNC_REQUESTED

RETRY_SECONDS = 60
RATE_TTL_SECONDS = 3600  # GitHub's window: a limit seen longer ago says nothing
ANONYMOUS_LIMIT = 60  # requests an hour without a token ("Rate limits for the REST API")
MAX_DEFERRALS = 24  # a day of hourly resets


def handle(event: dict[str, Any]) -> dict[str, Any]:
    """Run the GitHub sync of each `profile.github_sync_requested` event in an SQS batch (EventBridge
    envelopes); other events are acknowledged untouched. A deferred sync's message is sent again to
    arrive when it may run; a failing message is reported alone (ReportBatchItemFailures) and brought
    back after RETRY_SECONDS."""
    failures = []
    for message in event.get("Records", []):
        try:
            envelope = parse_incoming(message["body"], message["messageId"])
            if envelope.event_type != SYNC_REQUESTED:
                continue
            outcome, wait = run_github(envelope.data["syncId"])
            logger.info("github sync handled", extra={"syncId": envelope.data["syncId"], "outcome": outcome})
            if outcome == "deferred" and not consumers.send_again(message, wait):
                failures.append({"itemIdentifier": message["messageId"]})
                consumers.retry_later(message, wait)
        except Exception as error:
            if not isinstance(error, Unavailable):
                from vitae.platform import alerts

                alerts.critical("github sync", error, messageId=message.get("messageId"))
            logger.exception("github sync failed", extra={"messageId": message.get("messageId")})
            failures.append({"itemIdentifier": message["messageId"]})
            consumers.retry_later(message, RETRY_SECONDS)
    flush_metrics()
    return {"batchItemFailures": failures}


def _now() -> datetime:
    return datetime.now(UTC)


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


def _cost(max_repos: int) -> int:
    """Requests a sync may make: the user, a first page of repositories, and each repository's languages."""
    return 2 + max_repos


def _defer(row: dict[str, Any], retry_at: datetime,
           read: dict[str, tuple[str, Any]] | None = None) -> tuple[str, int]:
    """Defer the run until `retry_at` (a deferral is not a failed attempt: it gives its attempt
    back), keeping GitHub's answers it `read` so the next run asks conditionally; past
    MAX_DEFERRALS the sync fails `rate_limited` instead of waiting for ever."""
    with db.transaction() as conn:
        if not worker.still_ours(conn, row):  # finished elsewhere, or gone with its user
            return "duplicate", 0
        repository.put_etags(conn, row["user_id"], read or {})
        if row["deferrals"] >= MAX_DEFERRALS:
            worker.fail(conn, row, "rate_limited", "GitHub's rate limit kept this sync waiting too long: sign in "
                                                   "with GitHub for a larger limit, or ask for fewer repositories")
            return "failed", 0
        repository.set_sync(conn, row["id"], status="deferred", retry_at=retry_at, attempts=row["attempts"] - 1,
                            deferrals=row["deferrals"] + 1)
    metrics.add_metric(name="GitHubSyncDeferred", unit="Count", value=1)
    return "deferred", _seconds_until(retry_at)


def _seconds_until(when: datetime) -> int:
    """How long a message waits to run at `when`: at least a second, at most SQS's 12 hours."""
    return max(1, min(43200, int((when - _now()).total_seconds()) + 1))


def _token(user_id: object) -> str | None:
    """The user's GitHub token, None without one (or without the key to read it)."""
    from vitae.auth import provider_tokens

    with db.transaction() as conn:
        try:
            signed_in = provider_tokens.token_of(conn, user_id, "github")
        except NotConfigured:
            return None
    return signed_in.token if signed_in else None


def _forget_token(user_id: object) -> None:
    from vitae.auth import provider_tokens

    with db.transaction() as conn:
        provider_tokens.forget(conn, user_id, "github")


def _within_limit(rate: github.RateLimit, max_repos: int) -> datetime | None:
    """When the sync must wait for: the reset of a limit (as GitHub last reported it) that cannot
    pay for it; None when it may run now."""
    if rate.remaining is not None and rate.remaining < _cost(max_repos) and rate.reset_at and rate.reset_at > _now():
        return rate.reset_at
    return None


def run_github(sync_id: object) -> tuple[str, int]:
    """Run one GitHub sync: (outcome, seconds until it may run again when "deferred"). Raises
    Unavailable (GitHub or a dependency of ours failing) for the queue to retry."""
    with db.transaction() as conn:
        queued = repository.get_sync(conn, sync_id)
        if queued is not None and queued["status"] == "deferred" and queued["retry_at"] > _now():
            return "deferred", _seconds_until(queued["retry_at"])  # came back early
    outcome, row = worker.claim(sync_id, "github")
    if row is None:
        return outcome, 0
    with worker.released_on_failure(row):
        return _run(row)


def _run(row: dict[str, Any]) -> tuple[str, int]:
    request, token = row["request"], _token(row["user_id"])
    login = request["username"]
    base = settings().github_api_url.rstrip("/")
    with db.transaction() as conn:
        cached = repository.etags(conn, row["user_id"], (f"{base}/users/{login}", f"{base}/repos/{login}/"))
    store = github.MemoryEtagStore()
    store.entries.update(cached)
    while True:
        # Without a token a sync gets what the anonymous hour pays for: the user, a page, the rest repositories.
        max_repos = request["maxRepos"] if token else min(request["maxRepos"], ANONYMOUS_LIMIT - _cost(0))
        rate = _load_rate(token)
        if (wait_for := _within_limit(rate, max_repos)) is not None:
            return _defer(row, wait_for)
        client = github.GitHubClient(base, token=token, etags=store, rate=rate)
        try:
            profile = client.fetch(login, max_repos=max_repos, include_forks=request["includeForks"])
        except github.GitHubAuthError:
            if token is None:
                raise
            logger.warning("GitHub refused the stored token; syncing without it", extra={"syncId": str(row["id"])})
            _forget_token(row["user_id"])  # revoked: never sent again
            token = None
            continue
        except github.RateLimitDeferred as limited:
            _save_rate(token, client.rate)
            return _defer(row, limited.retry_at, _changed(store.entries, cached))
        except NotFound as missing:
            return worker.finish_failed(row, "not_found", missing.message), 0
        break
    _save_rate(token, client.rate)

    def work(conn: Connection) -> Any:
        repository.put_etags(conn, row["user_id"], _changed(store.entries, cached))
        return worker.merge_into_profile(conn, row, proposals.github(profile), proposals.github_data(profile))

    return worker.finish(row, work, username=profile.login, repositories=len(profile.repos), maxRepos=max_repos,
                         authenticated=token is not None), 0


def _changed(entries: dict[str, tuple[str, Any]], cached: dict[str, tuple[str, Any]]) -> dict[str, tuple[str, Any]]:
    return {url: entry for url, entry in entries.items() if cached.get(url, ("",))[0] != entry[0]}
