"""The event pump against LocalStack's SQS: deletes only what succeeded, and a message that keeps
failing ends in the DLQ after the template's maxReceiveCount."""

import json
import uuid

import boto3

from vitae_devstack.pump import EventPump
from vitae_devstack.services import wait_until


def _eventbridge_body(event_id: str) -> str:
    return json.dumps({"version": "0", "id": str(uuid.uuid4()), "detail-type": "test.pumped", "source": "vitae",
                       "account": "000000000000", "time": "2026-11-22T10:00:00Z", "region": "us-east-1",
                       "resources": [], "detail": {"eventId": event_id, "eventType": "test.pumped",
                                                   "timestamp": "2026-11-22T10:00:00Z", "userId": None,
                                                   "data": {}}})


def test_pump_deletes_successes_and_dead_letters_a_poison_message(devstack):
    from vitae.platform import db

    stack = devstack.stack
    mapping = next(m for m in stack.queue_mappings() if m.function == "EventLogFunction")
    assert (mapping.batch_size, mapping.reports_failures) == (10, True)
    redrive = stack.owner("EventLogQueue").resources["EventLogQueue"]["Properties"]["RedrivePolicy"]["maxReceiveCount"]
    sqs = boto3.client("sqs")
    queue_url, dlq_url = stack.queue_url("EventLogQueue"), stack.queue_url("EventLogDLQ")

    good_id = str(uuid.uuid4())
    poison = f"poison-{uuid.uuid4()}"
    sqs.send_message(QueueUrl=queue_url, MessageBody=_eventbridge_body(good_id))
    sqs.send_message(QueueUrl=queue_url, MessageBody=poison)

    pump = EventPump(stack, devstack.runtime, "us-east-1", retry_delay_seconds=0)
    receives: list[dict] = []

    def poison_dead_lettered() -> list[dict]:
        receives.append(pump.poll_once(mapping, wait_seconds=1))
        got = sqs.receive_message(QueueUrl=dlq_url, MaxNumberOfMessages=10, AttributeNames=["All"]).get("Messages", [])
        return [m for m in got if m["Body"] == poison]

    dead = wait_until(poison_dead_lettered, "the poison message in the DLQ", timeout=60, interval=0)
    assert len(dead) == 1
    assert int(dead[0]["Attributes"]["ApproximateReceiveCount"]) >= redrive
    assert sum(r["failed"] for r in receives) == redrive  # one failed attempt per allowed receive
    logged = db.connection().execute("SELECT count(*) AS n FROM event_log WHERE event_id = %s", (good_id,)).fetchone()
    assert logged["n"] == 1
    # Nothing of ours is left on the source queue: the success was deleted, the poison moved.
    assert pump.poll_once(mapping, wait_seconds=1)["received"] == 0


def test_schedule_fires_the_outbox_relay(devstack):
    from vitae.platform import db, events

    schedule = next(s for s in devstack.stack.schedules() if s.function == "OutboxRelayFunction")
    with db.transaction() as conn:
        event_id = events.emit(conn, "test.scheduled", None, {})
    pump = EventPump(devstack.stack, devstack.runtime, "us-east-1")
    assert pump.fire(schedule)["published"] >= 1
    row = db.connection().execute("SELECT published_at FROM outbox WHERE id = %s", (event_id,)).fetchone()
    assert row["published_at"] is not None
