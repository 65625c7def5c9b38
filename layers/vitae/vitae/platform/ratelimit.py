"""Fixed-window request limits in Redis, answered the way clients expect: 429 with Retry-After and
the RateLimit-Limit / RateLimit-Remaining / RateLimit-Reset headers on every limited response.

A window starts with its first request and lasts `window` seconds. When Redis is unreachable the
request is let through: the limit protects the service, it must not become its outage."""

from dataclasses import dataclass

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
    key = cache.key("rl", bucket, subject)
    try:
        with cache.connected() as redis_:
            pipe = redis_.pipeline(transaction=True)
            pipe.set(key, 0, ex=window_seconds, nx=True)
            pipe.incr(key)
            pipe.ttl(key)
            _, count, ttl = pipe.execute()
    except Unavailable as exc:
        logger.warning("rate limit not applied: cache unavailable", extra={"bucket": bucket, "error": exc.reason})
        return None
    reset = ttl if ttl and ttl > 0 else window_seconds
    return Decision(count <= limit, limit, max(limit - count, 0), reset)
