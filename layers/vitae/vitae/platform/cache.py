"""Redis (ElastiCache/Valkey in AWS) for caching and counters.

Every key carries the configured prefix. The cache is an optimisation: when Redis is unreachable,
reads fall through to the loader (the database) and writes are skipped, never turned into errors.
"""

import json
from collections.abc import Callable
from functools import cache
from typing import Any

import redis

from vitae.platform.config import redis_url, settings
from vitae.platform.observability import logger

VERSION_TTL_SECONDS = 7 * 24 * 3600  # longer than any cached value lives


@cache
def client() -> redis.Redis:
    """The container's client; its connection pool is thread-safe and reconnects by itself."""
    timeout = settings().dependency_timeout_seconds
    return redis.Redis.from_url(
        redis_url(),
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        health_check_interval=30,
        decode_responses=True,
    )


def key(*parts: object) -> str:
    return settings().valkey_prefix + ":".join(str(p) for p in parts)


def _version_key(cache_key: str) -> str:
    return f"{cache_key}:version"


def get_or_load(cache_key: str, ttl_seconds: int, loader: Callable[[], Any]) -> Any:
    """The cached JSON value, else `loader()` stored for `ttl_seconds` (None results are not cached).

    A value loaded while the key is invalidated (a write racing the read) is not stored: the
    key's version, bumped by every invalidation, must be what it was before the load."""
    try:
        cached = client().get(cache_key)
        version = client().get(_version_key(cache_key))
    except redis.RedisError as exc:
        logger.warning("cache read failed, using the database", extra={"key": cache_key, "error": str(exc)})
        return loader()
    if cached is not None:
        return json.loads(cached)
    value = loader()
    if value is not None:
        try:
            _store_unless_invalidated(cache_key, version, json.dumps(value, default=str), ttl_seconds)
        except redis.RedisError as exc:
            logger.warning("cache write failed", extra={"key": cache_key, "error": str(exc)})
    return value


def _store_unless_invalidated(cache_key: str, version: str | None, value: str, ttl_seconds: int) -> None:
    with client().pipeline() as pipe:
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
    try:
        pipe = client().pipeline(transaction=True)
        for cache_key in cache_keys:
            pipe.incr(_version_key(cache_key))
            pipe.expire(_version_key(cache_key), VERSION_TTL_SECONDS)
        pipe.delete(*cache_keys)
        pipe.execute()
    except redis.RedisError as exc:
        # A stale entry outliving an outage expires by its TTL; the write itself already succeeded.
        logger.warning("cache invalidation failed", extra={"keys": list(cache_keys), "error": str(exc)})
