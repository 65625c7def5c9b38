"""The sample events under events/, as fresh dicts for tests to adjust."""

import json
from pathlib import Path

EVENTS = Path(__file__).resolve().parents[1] / "events"


def sample(name: str) -> dict:
    return json.loads((EVENTS / f"{name}.json").read_text())


def with_bearer(event: dict, token: str) -> dict:
    header = f"Bearer {token}"
    event["headers"]["authorization"] = header
    if "identitySource" in event:
        event["identitySource"] = [header]
    return event


def delivered(name: str, event_type: str, field: str, value: str) -> dict:
    """The SQS event sample `name` carrying the outbox event of `event_type` whose `data[field]` is
    `value`, as EventBridge delivers it to a worker's queue (a fresh message id each time)."""
    import uuid

    from vitae.platform import db
    from vitae.platform.events import envelope

    row = db.connection().execute("SELECT * FROM outbox WHERE event_type = %s AND data->>%s = %s",
                                  (event_type, field, value)).fetchone()
    assert row is not None, f"no {event_type} event with {field} {value}"
    event = sample(name)
    body = json.loads(event["Records"][0]["body"])
    body["detail"] = envelope(row)
    event["Records"][0]["body"] = json.dumps(body, default=str)
    event["Records"][0]["messageId"] = str(uuid.uuid4())
    return event
