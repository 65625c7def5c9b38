"""Reachability of every dependency, checked concurrently with a short timeout each.

Ollama is reported but not required: without it AI features fall back or refuse on their own.
"""

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import cache
from typing import Any

from vitae.platform import ai, db, storage
from vitae.platform import cache as cache_
from vitae.platform.config import settings
from vitae.platform.observability import logger

REQUIRED = ("database", "cache", "storage", "queue")


def _database() -> None:
    with db.bounded(settings().dependency_timeout_seconds):  # a hung database is "down" in time
        db.connection().execute("SELECT 1").fetchone()


def _cache() -> None:
    cache_.client().ping()


def _storage() -> None:
    storage.bucket_reachable()


@cache
def _sqs():
    import boto3
    from botocore.config import Config

    s = settings()
    return boto3.client("sqs", region_name=s.aws_region,
                        config=Config(connect_timeout=s.dependency_timeout_seconds, retries={"max_attempts": 1}))


def _queue() -> None:
    url = settings().event_log_queue_url
    if not url:
        raise RuntimeError("EVENT_LOG_QUEUE_URL is not configured")
    _sqs().get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])


def _ollama() -> None:
    ai.reachable()


CHECKS: dict[str, Callable[[], None]] = {
    "database": _database, "cache": _cache, "storage": _storage, "queue": _queue, "ollama": _ollama,
}


def _run(name: str, check: Callable[[], None]) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        check()
        status: dict[str, Any] = {"status": "ok"}
    except Exception as exc:
        # The public answer names the failure's kind only; the log keeps the detail.
        logger.warning("health check failed", extra={"component": name, "error": repr(exc)})
        status = {"status": "down", "error": type(exc).__name__}
    status["latencyMs"] = round((time.perf_counter() - started) * 1000, 1)
    status["required"] = name in REQUIRED
    return status


def report() -> dict[str, Any]:
    # The database check stays on this thread: its connection belongs to the calling thread.
    with ThreadPoolExecutor(max_workers=len(CHECKS) - 1) as pool:
        futures = {name: pool.submit(_run, name, check) for name, check in CHECKS.items() if name != "database"}
        components = {"database": _run("database", _database)}
        components |= {name: future.result() for name, future in futures.items()}
    healthy = all(components[name]["status"] == "ok" for name in REQUIRED)
    return {
        "status": "ok" if healthy else "degraded",
        "timestamp": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "components": components,
    }
