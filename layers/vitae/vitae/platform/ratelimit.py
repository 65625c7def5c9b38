"""Fixed-window request limits in Redis, answered the way clients expect: 429 with Retry-After and
the RateLimit-Limit / RateLimit-Remaining / RateLimit-Reset headers on every limited response.

A window starts with its first request and lasts `window` seconds. When Redis is unreachable the
request is let through: the limit protects the service, it must not become its outage."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from vitae.platform import cache
from vitae.platform.errors import Unavailable
from vitae.platform.observability import logger


@dataclass(frozen=True)
class Decision:
    """One request counted: whether it may pass, and what the RateLimit-* headers say."""

    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int

    def headers(self) -> dict[str, str]:
        """RateLimit-Limit/Remaining/Reset, and Retry-After when refused."""
        headers = {"ratelimit-limit": str(self.limit), "ratelimit-remaining": str(self.remaining),
                   "ratelimit-reset": str(self.reset_seconds)}
        if not self.allowed:
            headers["retry-after"] = str(self.reset_seconds)
        return headers


def hit(bucket: str, subject: str, limit: int, window_seconds: int) -> Decision | None:
    """Count one request of `subject` in `bucket` against `limit` per `window_seconds`.
    None, with a warning, when the count could not be taken (the cache is Unavailable)."""
    counted = hit_and_read(bucket, subject, limit, window_seconds, ())
    return counted[0] if counted else None


def hit_and_read(bucket: str, subject: str, limit: int, window_seconds: int,
                 read: Sequence[str]) -> tuple[Decision, list[Any]] | None:
    """`hit`, reading the keys `read` in the same round trip to Redis (a request's other checks, see
    `vitae.platform.http`): the decision and the values read (None for a missing key), or None,
    with a warning, when the cache is Unavailable."""
    key = cache.key("rl", bucket, subject)
    try:
        with cache.connected() as redis_:
            pipe = redis_.pipeline(transaction=True)
            pipe.set(key, 0, ex=window_seconds, nx=True)
            pipe.incr(key)
            pipe.ttl(key)
            if read:
                pipe.mget(list(read))
            _, count, ttl, *values = pipe.execute()
    except Unavailable as exc:
        logger.warning("rate limit not applied: cache unavailable", extra={"bucket": bucket, "error": exc.reason})
        return None
    reset = ttl if ttl and ttl > 0 else window_seconds
    return Decision(count <= limit, limit, max(limit - count, 0), reset), (values[0] if read else [])


def hit_or_block(bucket: str, subject: str, limit: int, window_seconds: int, block_seconds: int) -> Decision | None:
    """Count one request of `subject` against `limit` per `window_seconds` (a window starts with its
    first request); the request past the limit starts a block of `block_seconds` during which every
    request is refused, and the count starts afresh after it (seed [D]: a counter key and a block
    key per user). A refused Decision's `reset_seconds` (Retry-After) is what is left of the block.
    None, with a warning, when the cache is Unavailable: the request is let through."""
    counter, block = cache.key("rl", bucket, subject), cache.key("rl", f"{bucket}_block", subject)
    try:
        with cache.connected() as redis_:
            blocked = redis_.ttl(block)
            if blocked > 0:
                return Decision(False, limit, 0, blocked)
            pipe = redis_.pipeline(transaction=True)
            pipe.set(counter, 0, ex=window_seconds, nx=True)
            pipe.incr(counter)
            pipe.ttl(counter)
            _, count, ttl = pipe.execute()
            if count > limit:
                pipe = redis_.pipeline(transaction=True)
                pipe.set(block, 1, ex=block_seconds, nx=True)
                pipe.delete(counter)
                pipe.ttl(block)
                *_, blocked = pipe.execute()
                return Decision(False, limit, 0, blocked if blocked > 0 else block_seconds)
    except Unavailable as exc:
        logger.warning("rate limit not applied: cache unavailable", extra={"bucket": bucket, "error": exc.reason})
        return None
    return Decision(True, limit, max(limit - count, 0), ttl if ttl and ttl > 0 else window_seconds)
