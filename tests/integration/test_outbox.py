"""The outbox: events exist only if their transaction committed, and are published exactly once
even when relays race."""

import json
import threading
import uuid

import boto3
import pytest

from tests.samples import sample


@pytest.fixture
def capture_queue(devstack):
    """A queue that receives, through a rule on the bus, the events of one unique event type."""
    from vitae.platform.config import settings

    event_type = f"test.{uuid.uuid4().hex[:10]}"
    sqs, bridge = boto3.client("sqs"), boto3.client("events")
    url = sqs.create_queue(QueueName=f"capture-{uuid.uuid4().hex[:12]}")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    rule = f"capture-{uuid.uuid4().hex[:12]}"
    bus = settings().event_bus_name
    bridge.put_rule(Name=rule, EventBusName=bus, EventPattern=json.dumps({"detail-type": [event_type]}))
    bridge.put_targets(Rule=rule, EventBusName=bus, Targets=[{"Id": "capture", "Arn": arn}])

    def drain(expected: int) -> list[dict]:
        """Receive until `expected` messages arrived and the queue then stays empty for a poll."""
        from vitae_devstack.services import wait_until

        bodies: list[dict] = []

        def enough() -> bool:
            got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
            bodies.extend(json.loads(m["Body"]) for m in got)
            return len(bodies) >= expected and not got

        wait_until(enough, f"{expected} events on the capture queue", timeout=30, interval=0)
        return bodies

    yield event_type, drain
    bridge.remove_targets(Rule=rule, EventBusName=bus, Ids=["capture"])
    bridge.delete_rule(Name=rule, EventBusName=bus)
    sqs.delete_queue(QueueUrl=url)


def _outbox_rows(event_type: str) -> list[dict]:
    from vitae.platform import db

    return db.connection().execute(
        "SELECT id, published_at FROM outbox WHERE event_type = %s", (event_type,)).fetchall()


def test_event_of_a_rolled_back_transaction_is_never_published(devstack, capture_queue):
    from vitae.platform import db, events

    event_type, drain = capture_queue

    class Abort(Exception):
        pass

    with pytest.raises(Abort), db.transaction() as conn:
        events.emit(conn, event_type, None, {"n": 1})
        raise Abort
    assert _outbox_rows(event_type) == []
    events.publish_pending()
    with db.transaction() as conn:  # a committed marker proves the bus path works meanwhile
        marker = events.emit(conn, event_type, None, {"marker": True})
    events.publish_pending()
    received = drain(1)
    assert [m["detail"]["eventId"] for m in received] == [str(marker)]


def test_committed_events_are_published_exactly_once_by_racing_relays(devstack, capture_queue):
    from vitae.platform import db, events

    event_type, drain = capture_queue
    user_id = uuid.uuid4()
    with db.transaction() as conn:
        ids = {str(events.emit(conn, event_type, user_id, {"n": n})) for n in range(35)}

    barrier = threading.Barrier(2)
    published: list[int] = []

    def relay() -> None:
        barrier.wait()
        total = 0
        while count := events.publish_pending(limit=5):
            total += count
        published.append(total)
        db.close()  # this thread's connection

    threads = [threading.Thread(target=relay) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sum(published) == 35
    assert all(row["published_at"] is not None for row in _outbox_rows(event_type))
    received = drain(35)
    assert sorted(m["detail"]["eventId"] for m in received) == sorted(ids)
    first = received[0]
    assert first["source"] == "vitae" and first["detail-type"] == event_type
    assert set(first["detail"]) == {"eventId", "eventType", "timestamp", "userId", "data"}
    assert first["detail"]["userId"] == str(user_id)


def test_relay_function_publishes_what_is_left(devstack, capture_queue):
    from vitae.platform import db, events

    event_type, drain = capture_queue
    with db.transaction() as conn:
        event_id = events.emit(conn, event_type, None, {"left": "behind"})
    result = devstack.invoke_in_process("OutboxRelayFunction", sample("platform/outbox_relay"))
    assert result["published"] >= 1
    assert [m["detail"]["data"] for m in drain(1)] == [{"left": "behind"}]
    assert _outbox_rows(event_type)[0]["published_at"] is not None
    devstack.invoke_in_process("OutboxRelayFunction", sample("platform/outbox_relay"))
    assert drain(0) == []  # published rows are never sent again
    assert [row["id"] for row in _outbox_rows(event_type)] == [event_id]


def test_rows_that_keep_being_rejected_stop_blocking_the_relay(devstack, capture_queue):
    from vitae.platform import db, events

    event_type, drain = capture_queue
    with db.transaction() as conn:
        stuck = events.emit(conn, event_type, None, {"stuck": True})
        conn.execute("UPDATE outbox SET attempts = %s, last_error = 'rejected' WHERE id = %s",
                     (events.MAX_PUBLISH_ATTEMPTS, stuck))
        fresh = events.emit(conn, event_type, None, {"fresh": True})
    events.publish_pending()
    assert [m["detail"]["eventId"] for m in drain(1)] == [str(fresh)]
    row = db.connection().execute("SELECT published_at, last_error FROM outbox WHERE id = %s", (stuck,)).fetchone()
    assert row == {"published_at": None, "last_error": "rejected"}
