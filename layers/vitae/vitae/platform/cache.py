"""Redis (ElastiCache/Valkey in AWS) for caching and counters.

Every key carries the configured prefix. Every Redis call goes through `connected()`, so a Redis
outage, a timeout or a Redis URL that is missing or unreadable is one error, Unavailable, on which
each caller degrades (DESIGN.md 3): the cache is an optimisation, reads fall through to the
loader (the database) and writes are skipped, never turned into errors.

redis-py is imported on first use (about 50 ms of a cold start, asyncio included): a consumer that
imports a domain's service for its database work does not pay for it.
"""

import json
import time
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from vitae.platform.config import redis_url, settings
from vitae.platform.errors import Unavailable
from vitae.platform.observability import logger

if TYPE_CHECKING:
    import redis

VERSION_TTL_SECONDS = 7 * 24 * 3600  # longer than any cached value lives
# The client that failed last and until when it rests (see `connected`): a client built afresh
# (`client.cache_clear()` in tests) is not resting.
_resting: tuple[object, float] = (None, 0.0)


@cache
def client() -> "redis.Redis":
    """The container's client; its connection pool is thread-safe and reconnects by itself. It
    does not retry (redis-py's default since 6.0 retries three times with backoff): a Redis that
    hangs costs one DEPENDENCY_TIMEOUT_SECONDS, and callers degrade. Raises NotConfigured or
    Unavailable when the Redis URL is missing or unreadable."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    timeout = settings().dependency_timeout_seconds
    return redis.Redis.from_url(
        redis_url(),
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        retry=Retry(NoBackoff(), 0),
        health_check_interval=30,
        decode_responses=True,
    )


class connected:  # named as the function it was: `with cache.connected() as redis_:`
    """The client, for a block of Redis calls. Raises Unavailable (dependency "cache") for any
    Redis failure in the block, and NotConfigured or Unavailable when there is no usable Redis URL.

    After a connection failure or a timeout, Redis is not tried again for
    CACHE_RETRY_AFTER_SECONDS: a request touches the cache several times (rate limits, cached
    reads, invalidations) and would otherwise wait one timeout each, reaching the function's own
    timeout while Redis hangs; this way one timeout per container per period is the price.

    A class rather than a generator under `contextlib.contextmanager`: every request enters it
    (the rate limit), and this is half the Python calls."""

    __slots__ = ("_redis",)

    def __enter__(self) -> "redis.Redis":
        self._redis = redis_ = client()
        resting, until = _resting
        if resting is redis_ and time.monotonic() < until:
            raise Unavailable("The cache is unavailable (failed recently)", dependency="cache")
        return redis_

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, traceback: Any) -> None:
        if error is None:
            return
        import redis

        if not isinstance(error, redis.RedisError):
            return
        if isinstance(error, redis.ConnectionError | redis.TimeoutError):
            global _resting
            retry_after = settings().cache_retry_after_seconds
            _resting = (self._redis, time.monotonic() + retry_after)
            logger.warning("cache unavailable: not tried again for a while",
                           extra={"retryAfterSeconds": retry_after, "error": type(error).__name__})
        raise Unavailable("The cache is unavailable", dependency="cache") from error


def key(*parts: object) -> str:
    """A cache key: the configured prefix (VALKEY_PREFIX) and `parts` joined by ":"."""
    return settings().valkey_prefix + ":".join(map(str, parts))


def _version_key(cache_key: str) -> str:
    return f"{cache_key}:version"


def get_or_load(cache_key: str, ttl_seconds: int, loader: Callable[[], Any]) -> Any:
    """The cached JSON value, else `loader()` stored for `ttl_seconds` (None results are not cached).
    Without Redis: `loader()`, not stored, with a warning; never an error.

    A value loaded while the key is invalidated (a write racing the read) is not stored: the
    key's version, bumped by every invalidation, must be what it was before the load."""
    try:
        with connected() as redis_:
            cached, version = redis_.mget([cache_key, _version_key(cache_key)])
    except Unavailable as exc:
        logger.warning("cache read failed, using the database", extra={"key": cache_key, "error": exc.reason})
        return loader()
    if cached is not None:
        return json.loads(cached)
    value = loader()
    if value is not None:
        try:
            _store_unless_invalidated(cache_key, version, json.dumps(value, default=str), ttl_seconds)
        except Unavailable as exc:
            logger.warning("cache write failed", extra={"key": cache_key, "error": exc.reason})
    return value


def _store_unless_invalidated(cache_key: str, version: object, value: str, ttl_seconds: int) -> None:
    import redis

    with connected() as redis_, redis_.pipeline() as pipe:
        try:
            pipe.watch(_version_key(cache_key))
            if pipe.get(_version_key(cache_key)) != version:
                return
            pipe.multi()
            pipe.set(cache_key, value, ex=ttl_seconds)
            pipe.execute()
        except redis.WatchError:
            pass  # invalidated between our check and the write: the next read loads afresh


def invalidate(*cache_keys: str) -> None:
    """Drop `cache_keys` and bump their versions (see `get_or_load`). Without Redis: a warning;
    a stale entry outliving the outage expires by its TTL, and the write itself already succeeded."""
    try:
        with connected() as redis_:
            pipe = redis_.pipeline(transaction=True)
            for cache_key in cache_keys:
                pipe.incr(_version_key(cache_key))
                pipe.expire(_version_key(cache_key), VERSION_TTL_SECONDS)
            pipe.delete(*cache_keys)
            pipe.execute()
    except Unavailable as exc:
        logger.warning("cache invalidation failed", extra={"keys": list(cache_keys), "error": exc.reason})
