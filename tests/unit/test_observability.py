"""The API handlers' log keys (`vitae.platform.observability.inject_request_context`): every record
a request logs carries that request's keys, whenever the keys are set."""

import io
import json

import pytest

from vitae.platform.observability import inject_request_context, logger
from vitae_devstack.container import LambdaContext


@pytest.fixture
def logged():
    """What the Logger writes during the test (its handler's stream, swapped)."""
    stream = io.StringIO()
    previous = logger.registered_handler.setStream(stream)
    yield stream
    logger.registered_handler.setStream(previous)


def _records(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@inject_request_context
def _logs(event, context):
    logger.warning("served", extra={"step": event.get("step")})
    return logger.get_correlation_id()


@inject_request_context
def _silent(event, context):
    return None


@inject_request_context
def _appends_then_logs(event, context):
    logger.append_keys(tenant="acme")
    logger.warning("with a key of its own")


def _event(request_id: str, step: str) -> dict:
    return {"requestContext": {"requestId": request_id}, "step": step}


def test_each_record_carries_its_own_requests_keys(logged):
    first, second = LambdaContext("LogFunction", 256, 3), LambdaContext("LogFunction", 256, 3)
    assert _logs(_event("req-a", "one"), first) == "req-a"
    _silent(_event("req-silent", "none"), first)  # a request that logs nothing leaves no keys behind
    assert _logs(_event("req-b", "two"), second) == "req-b"
    records = _records(logged)
    assert [(r["step"], r["correlation_id"], r["function_request_id"]) for r in records] == [
        ("one", "req-a", first.aws_request_id), ("two", "req-b", second.aws_request_id)]
    for record in records:
        assert record["function_name"] == "LogFunction" and record["function_memory_size"] == 256
        assert record["function_arn"] == first.invoked_function_arn
        assert record["cold_start"] in (True, False)
    assert records[1]["cold_start"] is False


def test_keys_a_request_appends_before_logging_are_kept_and_cleared_by_the_next_request(logged):
    context = LambdaContext("LogFunction", 256, 3)
    _appends_then_logs(_event("req-c", "three"), context)
    _logs(_event("req-d", "four"), context)
    first, second = _records(logged)
    assert first["tenant"] == "acme" and first["correlation_id"] == "req-c"
    assert "tenant" not in second and second["correlation_id"] == "req-d"
