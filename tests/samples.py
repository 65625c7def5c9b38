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
