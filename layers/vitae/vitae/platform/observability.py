"""Powertools Logger (JSON, correlation id), Metrics (EMF, namespace Vitae) and Tracer.

The Logger and the Metrics are made at their first use (`logger.warning(...)`, `metrics.add_metric(...)`):
importing Powertools costs ~6 ms of a cold start (~39 M instructions, 47 modules), and most requests
log nothing and add no metric. Until then a stand-in handler on the stdlib logger "vitae" makes the
Logger for the first record of a module's own logger (`logging.getLogger(__name__)` under vitae).
The Tracer is built on first use too: importing the X-Ray SDK costs about a third of a second of a
cold start, so latency-sensitive API functions rely on `Tracing: Active` alone and background
functions add subsegments through `tracer()`.
"""

import functools
import logging
import os
import threading
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from aws_lambda_powertools import Logger, Metrics
    from aws_lambda_powertools.logging.formatter import BasePowertoolsFormatter


class _OnFirstUse[T]:
    """Stands for what `make()` returns, made (once, under a lock) at the first attribute read."""

    __slots__ = ("_lock", "_make", "made")

    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._lock = threading.Lock()
        self.made: T | None = None

    def get(self) -> T:
        made = self.made
        if made is None:
            with self._lock:
                if self.made is None:
                    self.made = self._make()
                made = self.made
        return made

    def __getattr__(self, name: str) -> Any:
        return getattr(self.get(), name)


class _RequestKeys(logging.Filter):
    """The log keys of the request being served (`inject_request_context`), set on the formatter
    when they are first needed: by the request's first log record (this filter, on the Logger's
    handler) or by any use of the Logger's keys (`_Logger.registered_formatter`: append_keys,
    remove_keys, get_current_keys, correlation ids...). Most requests log nothing, and the same
    records come out as when the keys were set at the start of every request.

    Threads of one request (the health check's probes) may log their first records at once: the
    keys are set under `lock`, and `pending` is dropped only once they are, so that no record is
    formatted while the formatter holds the previous request's keys, or none, or is being changed."""

    def __init__(self) -> None:
        super().__init__()
        self.pending: tuple[bool, Any, Any] | None = None  # (cold_start, Lambda context, correlation id)
        self.lock = threading.RLock()

    def apply(self, formatter: "BasePowertoolsFormatter") -> None:
        with self.lock:
            pending = self.pending
            if pending is None:  # set meanwhile by another thread
                return
            cold_start, context, correlation_id = pending
            try:
                formatter.clear_state()
                formatter.thread_safe_clear_keys()
                formatter.append_keys(cold_start=cold_start, function_name=context.function_name,
                                      function_memory_size=context.memory_limit_in_mb,
                                      function_arn=context.invoked_function_arn,
                                      function_request_id=context.aws_request_id, correlation_id=correlation_id)
            finally:  # once, even when the context lacks a key: the next record is not refused too
                if self.pending is pending:  # not replaced by the next request meanwhile
                    self.pending = None

    def filter(self, record: logging.LogRecord) -> bool:
        if self.pending is not None:
            self.apply(_formatter(logger))
        return True


_request_keys = _RequestKeys()


def _formatter(of: "Logger") -> "BasePowertoolsFormatter":
    """Powertools' own `registered_formatter` of `of`."""
    from aws_lambda_powertools import Logger

    return Logger.registered_formatter.fget(of)  # type: ignore[attr-defined]


def _make_logger() -> "Logger":
    """Powertools' Logger "vitae", whose every use of its keys goes through `registered_formatter`:
    the request's keys are set there first (`_RequestKeys`)."""
    from aws_lambda_powertools import Logger

    class _Logger(Logger):
        @property
        def registered_formatter(self) -> "BasePowertoolsFormatter":
            formatter = _formatter(self)
            if _request_keys.pending is not None:
                _request_keys.apply(formatter)
            return formatter

    made = _Logger(service="vitae")  # sets the level of "vitae" itself (Powertools' reading of it, INFO unset)
    made.registered_handler.addFilter(_request_keys)
    # Only now, in place: a record another thread logs while the Logger is being made still meets
    # `_first_record` first (it waits for the Logger, then is handled by it, once), neither "vitae"
    # without a handler at the root's level (INFO lost, WARNING unformatted on stderr) nor
    # Powertools' handler before its formatter is set.
    _vitae.removeHandler(_first_record)
    return made


def _make_metrics() -> "Metrics":
    from aws_lambda_powertools import Metrics

    return Metrics(namespace="Vitae", service="vitae")


class _MakeOnFirstRecord(logging.Handler):
    """On the stdlib logger "vitae" until the Logger is made: a record of one of its children makes
    it, and is handled as the Logger's handler and level would have handled it."""

    def handle(self, record: logging.LogRecord) -> bool:
        made = _logger.get()
        if record.levelno >= made.log_level or not _levelled_by_vitae(record.name):
            made.registered_handler.handle(record)
        return True


def _levelled_by_vitae(name: str) -> bool:
    """Whether the logger `name` takes its level from "vitae" (neither it nor a logger between sets
    one): its records were let through at the stand-in's DEBUG, not at the Logger's level. A module
    logger with a level of its own (`logging.getLogger("vitae.x").setLevel(logging.DEBUG)`) let them
    through at that level, and Powertools' handler, which has none, writes them all."""
    log: logging.Logger | None = logging.getLogger(name)
    while log is not None and log is not _vitae and log.level == logging.NOTSET:
        log = log.parent
    return log is _vitae


_vitae = logging.getLogger("vitae")
_first_record = _MakeOnFirstRecord()
_vitae.addHandler(_first_record)
_vitae.setLevel(logging.DEBUG)  # every record of its children reaches `_first_record`
_logger = _OnFirstUse(_make_logger)
_metrics = _OnFirstUse(_make_metrics)
logger = cast("Logger", _logger)
metrics = cast("Metrics", _metrics)

# Powertools' reading of its cold-start key: the first invocation of the container, never under
# provisioned concurrency (the initialisation ran before any request).
_cold_start = os.environ.get("AWS_LAMBDA_INITIALIZATION_TYPE") != "provisioned-concurrency"


LambdaHandler = Callable[[Any, Any], Any]  # (event, context) -> answer


def inject_request_context(handler: LambdaHandler) -> LambdaHandler:
    """`logger.inject_lambda_context(correlation_id_path="requestContext.requestId", clear_state=True)`
    for every handler but the authorizer's: the API's (an API Gateway event) and the workers' (an SQS,
    EventBridge, S3 or scheduled event, which has no request id: no correlation id, as Powertools'
    decorator without a path writes none). The same keys in every log record
    (cold_start, function_name, function_memory_size, function_arn, function_request_id,
    correlation_id) at a fraction of its per-call cost: no JMESPath query, no context model, and
    the formatter's keys reset only once the request logs or reads them (`_RequestKeys`). When
    POWERTOOLS_LOGGER_LOG_EVENT or a log sampling rate is set, Powertools' decorator itself runs
    (it logs the event, or draws the sample, per call)."""
    log_event = os.environ.get("POWERTOOLS_LOGGER_LOG_EVENT", "false").lower()
    if os.environ.get("POWERTOOLS_LOGGER_SAMPLE_RATE") or log_event in ("1", "y", "yes", "t", "true", "on"):
        return logger.inject_lambda_context(correlation_id_path="requestContext.requestId", clear_state=True)(handler)

    @functools.wraps(handler)
    def decorate(event: Any, context: Any) -> Any:
        global _cold_start
        cold_start, _cold_start = _cold_start, False
        request_context = event.get("requestContext") if isinstance(event, dict) else None
        _request_keys.pending = (cold_start, context, request_context.get("requestId")
                                 if isinstance(request_context, dict) else None)
        return handler(event, context)

    return decorate


@cache
def tracer():
    from aws_lambda_powertools import Tracer

    return Tracer(service="vitae")


def metrics_added() -> bool:
    """Whether this invocation added metrics (False while the Metrics are not made)."""
    return _metrics.made is not None and bool(_metrics.made.metric_set)


def flush_metrics() -> None:
    """Emit this invocation's metrics (EMF to stdout) when there are any, and drop them. Powertools
    keeps them when POWERTOOLS_METRICS_DISABLED is set (the devstack, tests): they would pile up
    across invocations, and every later call of the container would take the flush path."""
    if metrics_added():
        metrics.flush_metrics()
        metrics.clear_metrics()
