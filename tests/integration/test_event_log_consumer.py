"""The event log consumer: idempotent per event, failures isolated to their own record."""

import copy
import json
import uuid

import pytest

from tests.samples import sample


def _record(envelope: dict | None, body: str | None = None) -> dict:
    record = copy.deepcopy(sample("platform/event_log")["Records"][0])
    record["messageId"] = str(uuid.uuid4())
    if body is None:
        eventbridge = json.loads(record["body"])
        eventbridge["detail"] = envelope
        eventbridge["detail-type"] = envelope["eventType"]
        body = json.dumps(eventbridge)
    record["body"] = body
    return record


def _envelope(**overrides) -> dict:
    return {"eventId": str(uuid.uuid4()), "eventType": "test.logged", "timestamp": "2026-11-22T10:00:00Z",
            "userId": str(uuid.uuid4()), "data": {"k": "v"}, **overrides}


def _logged(event_id: str) -> list[dict]:
    from vitae.platform import db

    return db.connection().execute(
        "SELECT event_type, user_id::text, data, occurred_at FROM event_log WHERE event_id = %s", (event_id,)
    ).fetchall()


@pytest.fixture
def consume(devstack):
    return lambda records: devstack.invoke_in_process("EventLogFunction", {"Records": records})


def test_the_same_event_delivered_twice_is_logged_once(consume):
    envelope = _envelope()
    assert consume([_record(envelope)]) == {"batchItemFailures": []}
    assert consume([_record(envelope)]) == {"batchItemFailures": []}  # a redelivery
    rows = _logged(envelope["eventId"])
    assert len(rows) == 1
    assert rows[0]["event_type"] == "test.logged"
    assert rows[0]["user_id"] == envelope["userId"]
    assert rows[0]["data"] == {"k": "v"}
    assert rows[0]["occurred_at"].isoformat() == "2026-11-22T10:00:00+00:00"


def test_a_malformed_record_fails_alone(consume):
    good, also_good = _envelope(), _envelope()
    bad_json = _record(None, body="{not json")
    bad_envelope = _record(_envelope(eventId="not-a-uuid"))
    result = consume([_record(good), bad_json, _record(also_good), bad_envelope])
    assert sorted(f["itemIdentifier"] for f in result["batchItemFailures"]) == sorted(
        [bad_json["messageId"], bad_envelope["messageId"]])
    assert len(_logged(good["eventId"])) == 1
    assert len(_logged(also_good["eventId"])) == 1


def test_a_timestamp_that_leaves_the_range_in_utc_fails_alone(consume):
    """Issue 11, kind 2: 9999-12-31T23:00-05:00 is in the year 10000 in UTC; PostgreSQL stored it and
    every later read of the row failed in psycopg. Now the record is refused as malformed."""
    good, late = _envelope(), _envelope(timestamp="9999-12-31T23:00:00-05:00")
    bad = _record(late)
    result = consume([_record(good), bad])
    assert result["batchItemFailures"] == [{"itemIdentifier": bad["messageId"]}]
    assert len(_logged(good["eventId"])) == 1 and _logged(late["eventId"]) == []


def test_the_sample_event_is_consumed(consume):
    sample_event = sample("platform/event_log")
    event_id = json.loads(sample_event["Records"][0]["body"])["detail"]["eventId"]
    assert consume(sample_event["Records"]) == {"batchItemFailures": []}
    assert len(_logged(event_id)) == 1
