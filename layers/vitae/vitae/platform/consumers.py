"""Domain events as their consumers receive them: the envelope (`EventEnvelope`), a batch of an SQS
queue or a Kafka topic applied once per event (`consume`, with `first_delivery` in the consumer's
transaction), and a failed or waiting SQS message brought back later (`retry_later`, `send_again`).

Publishing them is `vitae.platform.events`' (the outbox and EventBridge); nothing here reads the
event bus's name, so a consumer needs no grant to it.
"""

import base64
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from typing import Any

from psycopg.types.json import Jsonb
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from vitae.platform import db
from vitae.platform.config import settings
from vitae.platform.db import Connection
from vitae.platform.observability import flush_metrics, logger
from vitae.platform.text import nul_at
from vitae.platform.validation import UtcTimestamp


def first_delivery(conn: Connection, event_id: str, consumer: str) -> bool:
    """Claim (event, consumer) inside the consumer's transaction: False means already applied."""
    row = conn.execute(
        """INSERT INTO processed_events (event_id, consumer) VALUES (%s, %s)
           ON CONFLICT DO NOTHING RETURNING event_id""",
        (event_id, consumer),
    ).fetchone()
    return row is not None


class EventEnvelope(BaseModel):
    """The envelope as consumers receive it (inside EventBridge's `detail`). Both envelope models
    build their validators on first use (`defer_build`): the routes that only emit events never do."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, defer_build=True)

    event_id: uuid.UUID
    event_type: str = Field(min_length=1)
    timestamp: UtcTimestamp
    user_id: uuid.UUID | None = None
    data: dict[str, Any]


class IncomingEvent(BaseModel):
    """An event as other services send it: the envelope, with id and time possibly missing."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, defer_build=True)

    event_id: uuid.UUID | None = None
    event_type: str = Field(min_length=1)
    timestamp: UtcTimestamp | None = None
    user_id: uuid.UUID | None = None
    data: dict[str, Any] = Field(default_factory=dict)


def parse_incoming(body: str, transport_id: str) -> EventEnvelope:
    """The envelope in a message body, raw or wrapped by EventBridge. An event without an id gets
    one derived from its transport id (EventBridge id, SQS message id, Kafka offset), which stays
    the same across redeliveries. Raises ValueError (a poison message) for a body that is not an
    event, or whose text holds a NUL character, which no consumer could store."""
    document = json.loads(body)
    if (where := nul_at(document)) is not None:
        raise ValueError(f"the event's text holds a NUL character at {where or 'its top level'}")
    if isinstance(document, dict) and "detail" in document and "detail-type" in document:
        transport_id = document.get("id") or transport_id
        document = document["detail"]
    incoming = IncomingEvent.model_validate(document)
    return EventEnvelope(
        event_id=incoming.event_id or uuid.uuid5(uuid.NAMESPACE_URL, f"vitae:event:{transport_id}"),
        event_type=incoming.event_type,
        timestamp=incoming.timestamp or datetime.now(UTC),
        user_id=incoming.user_id,
        data=incoming.data,
    )


class KafkaBatchFailed(Exception):
    """Kafka event sources have no partial batch response: failing the batch makes Lambda retry it,
    and the records already applied are skipped by their idempotency keys."""


# Failures that no retry can mend: a malformed record or one the rules refuse. On Kafka, where a
# failed batch is retried until it succeeds, such a record is logged and skipped instead of
# blocking its partition; anything else (a database or network failure) fails the batch.
PERMANENT_FAILURES = (ValueError, KeyError, TypeError)


def _messages(event: dict[str, Any]) -> tuple[bool, list[tuple[str, str]]]:
    if event.get("eventSource") in ("aws:kafka", "SelfManagedKafka"):
        return True, [
            (f"{r['topic']}:{r['partition']}:{r['offset']}", base64.b64decode(r["value"]).decode())
            for records in event.get("records", {}).values() for r in records
        ]
    return False, [(r["messageId"], r["body"]) for r in event.get("Records", [])]


def consume(event: dict[str, Any], consumer: str,
            apply: Callable[[Connection, EventEnvelope], None],
            event_types: frozenset[str] | None = None) -> dict[str, Any]:
    """Apply each event of an SQS or Kafka batch once, in its own transaction with its
    idempotency record. Events of other types are acknowledged untouched. SQS failures are
    reported per message (ReportBatchItemFailures); a Kafka failure fails the batch."""
    kafka, messages = _messages(event)
    try:
        failures = _apply_each(messages, consumer, apply, event_types)
    finally:
        flush_metrics()
    if kafka:
        retryable = [message_id for message_id, error in failures if not isinstance(error, PERMANENT_FAILURES)]
        for message_id, error in failures:
            if isinstance(error, PERMANENT_FAILURES):
                logger.error("poison Kafka record skipped", extra={"consumer": consumer, "record": message_id,
                                                                   "error": repr(error)})
        if retryable:
            raise KafkaBatchFailed(f"{len(retryable)} of {len(messages)} records failed")
    return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id, _ in failures]}


def _apply_each(messages: list[tuple[str, str]], consumer: str,
                apply: Callable[[Connection, EventEnvelope], None],
                event_types: frozenset[str] | None) -> list[tuple[str, Exception]]:
    failures = []
    for message_id, body in messages:
        try:
            envelope = parse_incoming(body, message_id)
            if event_types is not None and envelope.event_type not in event_types:
                continue
            with db.transaction() as conn:
                if first_delivery(conn, str(envelope.event_id), consumer):
                    apply(conn, envelope)
        except Exception as error:
            from vitae.platform import alerts

            logger.exception("event processing failed", extra={"consumer": consumer, "messageId": message_id})
            alerts.critical(f"consumer {consumer}", error, messageId=message_id)
            failures.append((message_id, error))
    return failures


def append_to_log(conn: Connection, event: EventEnvelope) -> None:
    """The event-log consumer's effect: one event_log row per event (made once by `consume`)."""
    conn.execute(
        """INSERT INTO event_log (event_id, event_type, user_id, occurred_at, data)
           VALUES (%s, %s, %s, %s, %s)""",
        (event.event_id, event.event_type, event.user_id, event.timestamp, Jsonb(event.data)),
    )


@cache
def _sqs():
    import boto3
    from botocore.config import Config

    s = settings()
    return boto3.client("sqs", region_name=s.aws_region,
                        config=Config(connect_timeout=s.dependency_timeout_seconds, retries={"max_attempts": 2}))


def _queue_url(client: Any, record: dict[str, Any]) -> str:
    """The URL of the queue a Lambda SQS record came from (its eventSourceARN on the client's endpoint)."""
    *_, account, name = record["eventSourceARN"].split(":")
    return f"{client.meta.endpoint_url}/{account}/{name}"


def retry_later(record: dict[str, Any], seconds: int) -> None:
    """Bring a failed SQS message (a Lambda SQS record) back after `seconds` rather than after its
    queue's visibility timeout, which is sized for the longest run, not for a retry
    (ChangeMessageVisibility; the function's role may already do it, as Lambda's SQS poller needs
    it). A failure here is logged: the message then comes back after the queue's own timeout."""
    try:
        client = _sqs()
        client.change_message_visibility(QueueUrl=_queue_url(client, record), ReceiptHandle=record["receiptHandle"],
                                         VisibilityTimeout=seconds)
    except Exception as error:
        logger.warning("message not brought back sooner", extra={"messageId": record.get("messageId"),
                                                                 "error": str(error)})


MAX_DELAY_SECONDS = 900  # SQS DelaySeconds' maximum


def send_again(record: dict[str, Any], seconds: int) -> bool:
    """Queue the message of an SQS record again, delivered in `seconds` (at most MAX_DELAY_SECONDS: a
    later run must send it again), for work that waits rather than fails: a new message starts with
    no receives, so waiting never moves it towards the queue's dead-letter queue. The function's
    role needs sqs:SendMessage on its queue. False (logged) when it could not be sent: the caller
    then keeps the record (retry_later)."""
    try:
        client = _sqs()
        client.send_message(QueueUrl=_queue_url(client, record), MessageBody=record["body"],
                            DelaySeconds=max(0, min(seconds, MAX_DELAY_SECONDS)))
    except Exception as error:
        logger.warning("message not queued again", extra={"messageId": record.get("messageId"), "error": str(error)})
        return False
    return True
