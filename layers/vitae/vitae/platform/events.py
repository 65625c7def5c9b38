"""Domain events: outbox rows written in the caller's transaction, published to EventBridge.

Envelope: {eventId, eventType, timestamp, userId, data}. Publishing happens right after commit
(`publish_now`) and, for anything left behind, by the scheduled relay (`publish_pending`). Rows are
claimed with FOR UPDATE SKIP LOCKED, so concurrent publishers never send the same row twice.
Consumers make their effect idempotent with `vitae.platform.consumers.first_delivery` in the same
transaction; receiving events (`vitae.platform.consumers`) is kept apart from publishing them, so a
function that only receives or reads them needs neither the event bus's name nor a grant to it.
"""

import json
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC
from functools import cache
from typing import Any

from psycopg.types.json import Jsonb

from vitae.platform import db
from vitae.platform.config import settings
from vitae.platform.db import Connection
from vitae.platform.observability import logger

PUT_EVENTS_BATCH = 10  # EventBridge's per-call limit
MAX_PUBLISH_ATTEMPTS = 10  # past this a row stays in the outbox for inspection (last_error says why)


def emit(conn: Connection, event_type: str, user_id: object | None, data: dict[str, Any]) -> uuid.UUID:
    """Record an event in the outbox as part of the caller's open transaction."""
    event_id = uuid.uuid4()
    conn.execute(
        "INSERT INTO outbox (id, event_type, user_id, data) VALUES (%s, %s, %s, %s)",
        (event_id, event_type, user_id, Jsonb(data)),
    )
    return event_id


def envelope(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "eventId": str(row["id"]),
        "eventType": row["event_type"],
        "timestamp": row["created_at"].astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "userId": str(row["user_id"]) if row["user_id"] else None,
        "data": row["data"],
    }


@cache
def _eventbridge():
    import boto3

    return boto3.client("events", region_name=settings().aws_region)


def transaction_then_publish[T](work: Callable[[Connection, list[uuid.UUID]], T]) -> T:
    """Run `work(conn, emitted)` in a transaction (it appends the ids of the events it emits),
    then publish those events right after the commit."""
    emitted: list[uuid.UUID] = []
    with db.transaction() as conn:
        result = work(conn, emitted)
    publish_now(emitted)
    return result


def publish_now(event_ids: Sequence[uuid.UUID]) -> int:
    """Publish just-committed events; whatever fails here stays for the relay."""
    if not event_ids:
        return 0
    try:
        return publish_pending(only_ids=event_ids)
    except Exception:
        logger.exception("immediate publish failed; the outbox relay will retry")
        return 0


def publish_pending(limit: int = 100, only_ids: Sequence[uuid.UUID] | None = None) -> int:
    """Publish up to `limit` unpublished outbox rows; returns how many were published."""
    s = settings()
    published = 0
    published_types: dict[str, int] = {}
    with db.transaction() as conn:
        rows = conn.execute(
            """SELECT id, event_type, user_id, data, created_at FROM outbox
               WHERE published_at IS NULL AND attempts < %(max_attempts)s
                 AND (%(ids)s::uuid[] IS NULL OR id = ANY(%(ids)s::uuid[]))
               ORDER BY created_at LIMIT %(limit)s FOR UPDATE SKIP LOCKED""",
            {"ids": list(only_ids) if only_ids is not None else None, "limit": limit,
             "max_attempts": MAX_PUBLISH_ATTEMPTS},
        ).fetchall()
        for start in range(0, len(rows), PUT_EVENTS_BATCH):
            batch = rows[start : start + PUT_EVENTS_BATCH]
            result = _eventbridge().put_events(
                Entries=[
                    {
                        "Source": s.event_source,
                        "DetailType": row["event_type"],
                        "Detail": json.dumps(envelope(row)),
                        "EventBusName": s.event_bus_name,
                    }
                    for row in batch
                ]
            )
            for row, entry in zip(batch, result["Entries"], strict=True):
                if "EventId" in entry:
                    conn.execute("UPDATE outbox SET published_at = now() WHERE id = %s", (row["id"],))
                    published_types[row["event_type"]] = published_types.get(row["event_type"], 0) + 1
                    published += 1
                else:
                    conn.execute(
                        "UPDATE outbox SET attempts = attempts + 1, last_error = %s WHERE id = %s",
                        (f"{entry.get('ErrorCode')}: {entry.get('ErrorMessage')}", row["id"]),
                    )
                    logger.warning("event rejected by EventBridge", extra={"eventId": str(row["id"]), **entry})
    from aws_lambda_powertools.metrics import MetricUnit, single_metric  # Powertools only where events are published

    for event_type, count in published_types.items():
        with single_metric(name="EventsPublished", unit=MetricUnit.Count, value=count, namespace="Vitae") as metric:
            metric.add_dimension(name="eventType", value=event_type)
    return published
