"""Critical errors to the `alerts` SNS topic (seed [C]'s email notifications), each error
fingerprint at most once per window: a failure repeated by every request or retry is one email.

The window is kept in Redis (shared by every container); while Redis is unreachable each container
remembers what it sent. Alerting never raises: it must not turn one failure into two.
"""

import hashlib
import json
import re
import threading
import time
import traceback
from functools import cache
from typing import Any

from vitae.platform.config import settings
from vitae.platform.errors import Unavailable
from vitae.platform.observability import logger

WINDOW_SECONDS = 600
_VOLATILE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|0x[0-9a-f]+|\d+", re.I)
_sent_here: dict[str, float] = {}
_lock = threading.Lock()


@cache
def _sns():
    import boto3
    from botocore.config import Config

    timeout = settings().dependency_timeout_seconds  # alerts go out from requests that are failing already
    return boto3.client("sns", region_name=settings().aws_region,
                        config=Config(connect_timeout=timeout, read_timeout=timeout, retries={"max_attempts": 2}))


def fingerprint(where: str, error: BaseException) -> str:
    """The same failure at the same place has the same fingerprint, whatever ids or numbers its
    message carries."""
    frames = traceback.extract_tb(error.__traceback__)
    origin = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].name}" if frames else ""
    message = _VOLATILE.sub("#", str(error))[:300]
    return hashlib.sha256(f"{where}|{type(error).__qualname__}|{origin}|{message}".encode()).hexdigest()[:32]


def _first_in_window(fp: str) -> bool:
    """Whether `fp` opens a new window: in Redis, else (Unavailable) in this container's memory."""
    from vitae.platform import cache

    try:
        with cache.connected() as redis_:
            return bool(redis_.set(cache.key("alert", fp), "1", nx=True, ex=WINDOW_SECONDS))
    except Unavailable:
        now = time.monotonic()
        with _lock:
            if now - _sent_here.get(fp, -WINDOW_SECONDS) < WINDOW_SECONDS:
                return False
            _sent_here[fp] = now
            return True


def _reopen_window(fp: str) -> None:
    """After a failed publish: the next occurrence may try again."""
    from vitae.platform import cache

    with _lock:
        _sent_here.pop(fp, None)
    try:
        with cache.connected() as redis_:
            redis_.delete(cache.key("alert", fp))
    except Unavailable:
        pass  # the window was kept in memory, or expires by itself


def critical(where: str, error: BaseException, **context: Any) -> bool:
    """Report a critical error; True when it was published (not a repeat within the window)."""
    topic = settings().alerts_topic_arn
    if not topic:
        return False
    fp = fingerprint(where, error)
    try:
        if not _first_in_window(fp):
            return False
        _sns().publish(
            TopicArn=topic,
            Subject=f"[vitae {settings().stage}] {where}: {type(error).__name__}"[:100],
            Message=json.dumps({"where": where, "error": type(error).__name__, "message": str(error)[:2000],
                                "fingerprint": fp, "stage": settings().stage, "context": context}, default=str),
            MessageAttributes={"fingerprint": {"DataType": "String", "StringValue": fp}},
        )
        return True
    except Exception:
        logger.exception("alert not published", extra={"where": where})
        _reopen_window(fp)
        return False
