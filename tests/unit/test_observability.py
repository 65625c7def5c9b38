"""The API handlers' log keys (`vitae.platform.observability.inject_request_context`): every record
a request logs carries that request's keys, whenever the keys are set."""

import io
import json
import threading

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


class _SignallingLock:
    """The filter's lock, telling `blocked` when a thread finds it held (and then waits for it)."""

    def __init__(self, blocked: threading.Event) -> None:
        self._lock, self._blocked = threading.RLock(), blocked

    def __enter__(self) -> None:
        if not self._lock.acquire(blocking=False):
            self._blocked.set()
            self._lock.acquire()

    def __exit__(self, *exc: object) -> None:
        self._lock.release()


def test_a_thread_logging_while_another_sets_the_keys_waits_for_them(logged, monkeypatch):
    """The health check's probes log from threads: a record formatted while the first one's keys
    are being set carried none of them (or the previous request's)."""
    from vitae.platform import observability

    context = LambdaContext("LogFunction", 256, 3)
    _logs(_event("req-old", "before"), context)  # the formatter holds req-old's keys
    progressed = threading.Event()  # the other thread logged, or waits for the keys
    monkeypatch.setattr(observability._request_keys, "lock", _SignallingLock(progressed), raising=False)
    formatter = observability._formatter(logger)
    append_keys = formatter.append_keys
    other = threading.Thread(target=lambda: logger.warning("from a probe", extra={"step": "thread"}))

    def append_keys_meanwhile(**keys):
        if not other.is_alive() and not progressed.is_set():
            other.start()
            assert progressed.wait(10)
        append_keys(**keys)

    monkeypatch.setattr(formatter, "append_keys", append_keys_meanwhile)

    @inject_request_context
    def probes(event, context):
        logger.warning("from the handler", extra={"step": "main"})

    real_emit = logger.registered_handler.emit

    def emit(record):
        real_emit(record)
        if getattr(record, "step", None) == "thread":
            progressed.set()  # logged: it did not wait

    monkeypatch.setattr(logger.registered_handler, "emit", emit)
    probes(_event("req-new", "ignored"), context)
    other.join(10)
    records = {r["step"]: r for r in _records(logged)}
    assert records["main"]["correlation_id"] == "req-new"
    assert records["thread"]["correlation_id"] == "req-new"
    assert records["thread"]["function_request_id"] == context.aws_request_id


def test_a_worker_logs_the_keys_powertools_decorator_writes_and_loads_it_only_when_it_logs(logged):
    """A worker's event (SQS, EventBridge: no request id) gives its records the keys of Powertools'
    `inject_lambda_context(clear_state=True)`, no correlation id; a worker's module imports no Powertools."""
    import subprocess
    import sys
    from pathlib import Path

    @inject_request_context
    def ours(event, context):
        logger.warning("worker")

    @logger.inject_lambda_context(clear_state=True)
    def powertools(event, context):
        logger.warning("worker")

    context = LambdaContext("WorkerFunction", 512, 30)
    ours({"Records": [{"messageId": "m-1"}]}, context)
    powertools({"Records": [{"messageId": "m-1"}]}, context)
    first, second = _records(logged)
    assert "correlation_id" not in first
    volatile = ("timestamp", "location", "cold_start")
    assert {k: v for k, v in first.items() if k not in volatile} == {
        k: v for k, v in second.items() if k not in volatile}
    assert first["function_name"] == "WorkerFunction" and first["function_request_id"] == context.aws_request_id

    worker = Path(__file__).resolve().parents[2] / "functions" / "assistant" / "on_user_deleted"
    program = "import sys, app; print('loaded' if 'aws_lambda_powertools' in sys.modules else 'not loaded')"
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True, cwd=worker,
                            env={"PYTHONPATH": str(worker), "POWERTOOLS_METRICS_DISABLED": "true"})
    assert result.stdout.splitlines() == ["not loaded"]


def test_an_api_function_loads_powertools_only_when_it_logs_or_adds_a_metric():
    """Importing the HTTP adapter does not import Powertools (~6 ms of a cold start); the first
    record of the Logger, or of a module's own logger under "vitae", makes it, formatted as ever."""
    import subprocess
    import sys

    program = """
import io, json, logging, sys
import vitae.platform.http
print("loaded" if "aws_lambda_powertools" in sys.modules else "not loaded")
from vitae.platform import observability
logging.getLogger("vitae.some.module").debug("below the level")
logging.getLogger("vitae.some.module").warning("from a module: %s", "its own logger")
print("made" if observability._logger.made is not None else "not made")
print("metrics", observability.metrics_added())
"""
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                            env={"POWERTOOLS_LOG_LEVEL": "INFO", "POWERTOOLS_METRICS_DISABLED": "true"})
    lines = result.stdout.splitlines()
    assert lines[0] == "not loaded"
    record = json.loads(lines[1])
    assert record["level"] == "WARNING" and record["message"] == "from a module: its own logger"
    assert record["service"] == "vitae"
    assert lines[2:] == ["made", "metrics False"]
    assert result.stderr == ""  # no record went to the root logger's handler too


_MADE_WHILE_ANOTHER_THREAD_LOGS = """
import logging, sys, threading
from aws_lambda_powertools.logging import logger as powertools
from vitae.platform import observability

logging.getLogger().addHandler(logging.StreamHandler(sys.stderr))  # as the Lambda runtime's root handler
reached = threading.Event()  # the other thread logged, or waits for the Logger being made


class SignallingLock:
    def __init__(self, lock):
        self.lock = lock

    def __enter__(self):
        if threading.current_thread() is not threading.main_thread():
            reached.set()
        self.lock.acquire()

    def __exit__(self, *exc):
        self.lock.release()


observability._logger._lock = SignallingLock(observability._logger._lock)
other = threading.Thread(target=lambda: (logging.getLogger("vitae.other").info("info meanwhile"),
                                          logging.getLogger("vitae.other").warning("warning meanwhile"),
                                          reached.set()))
step = getattr(powertools.Logger, sys.argv[1])


def meanwhile(self, *args, **kwargs):
    if other.ident is None:
        other.start()
        reached.wait()
    return step(self, *args, **kwargs)


setattr(powertools.Logger, sys.argv[1], meanwhile)
logging.getLogger("vitae.first").warning("first")
other.join()
"""


@pytest.mark.parametrize("step", ["_init_logger", "structure_logs"])
def test_a_record_another_thread_logs_while_the_logger_is_made_comes_out_once_formatted(step):
    """While the first record makes the Logger (at the start of Powertools' configuration of
    "vitae", and after its handler is added but before its formatter is set), another thread's
    records waited for it: they were lost (INFO, "vitae" had no handler and the root's level),
    written unformatted by the root's handler (WARNING), or by Powertools' handler without its
    JSON formatter."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", _MADE_WHILE_ANOTHER_THREAD_LOGS, step], capture_output=True,
                            text=True, check=True, env={"POWERTOOLS_METRICS_DISABLED": "true"})
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted((r["level"], r["message"], r["service"]) for r in records) == [
        ("INFO", "info meanwhile", "vitae"), ("WARNING", "first", "vitae"), ("WARNING", "warning meanwhile", "vitae")]
    assert result.stderr == ""  # the root's handler (SuppressFilter) passed none of them on


def test_a_module_logger_with_a_level_of_its_own_is_written_at_it_before_the_logger_is_made():
    """A module logger's own level decides which of its records Powertools' handler writes, the
    Logger's only the others': the stand-in dropped the DEBUG records of a module set to DEBUG
    until the Logger was made."""
    import subprocess
    import sys

    program = """
import logging
from vitae.platform import observability
chatty = logging.getLogger("vitae.chatty")
chatty.setLevel(logging.DEBUG)
chatty.debug("detail")
logging.getLogger("vitae.chatty.part").debug("detail of a part")
logging.getLogger("vitae.quiet").debug("below the level")
logging.getLogger("vitae.quiet").info("shown")
assert observability._logger.made is not None
"""
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                            env={"POWERTOOLS_METRICS_DISABLED": "true"})
    assert [(r["level"], r["message"]) for r in map(json.loads, result.stdout.splitlines())] == [
        ("DEBUG", "detail"), ("DEBUG", "detail of a part"), ("INFO", "shown")]
