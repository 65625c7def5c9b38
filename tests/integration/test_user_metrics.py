"""The users domain's CloudWatch metrics (EMF on stdout): users created and events published by type."""

import json
import uuid

from tests.samples import sample


def _emf_metrics(output: str) -> list[dict]:
    documents = [json.loads(line) for line in output.splitlines() if line.startswith('{"_aws"')]
    return [{"names": [m["Name"] for d in doc["_aws"]["CloudWatchMetrics"] for m in d["Metrics"]], **doc}
            for doc in documents]


def test_registration_emits_users_created_and_events_published_by_type(devstack, monkeypatch, capsys):
    monkeypatch.setenv("POWERTOOLS_METRICS_DISABLED", "false")
    from vitae.platform.observability import metrics

    metrics.clear_metrics()
    user_id = str(uuid.uuid4())
    event = sample("users/create")
    event["requestContext"]["authorizer"]["lambda"].update(userId=user_id, email=f"{user_id[:8]}@example.com")
    body = json.loads(event["body"])
    body.update(email=f"{user_id[:8]}@example.com", username=f"u{user_id[:8]}")
    event["body"] = json.dumps(body)
    response = devstack.invoke_in_process("CreateUserFunction", event)
    assert response["statusCode"] == 201, response["body"]
    emitted = _emf_metrics(capsys.readouterr().out)
    created = [doc for doc in emitted if "UsersCreated" in doc["names"]]
    assert len(created) == 1 and created[0]["UsersCreated"] in (1, 1.0, [1.0])
    published = [doc for doc in emitted if "EventsPublished" in doc["names"] and doc.get("eventType") == "user.created"]
    assert len(published) == 1
    assert published[0]["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "Vitae"
