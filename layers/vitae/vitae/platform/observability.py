"""Powertools Logger (JSON, correlation id), Metrics (EMF, namespace Vitae) and Tracer.

The Tracer is built on first use: importing the X-Ray SDK costs about a third of a second of a
cold start, so latency-sensitive API functions rely on `Tracing: Active` alone and background
functions add subsegments through `tracer()`.
"""

import functools
import os
from collections.abc import Callable
from functools import cache
from typing import Any

from aws_lambda_powertools import Logger, Metrics

logger = Logger(service="vitae")
metrics = Metrics(namespace="Vitae", service="vitae")

# Powertools' reading of its cold-start key: the first invocation of the container, never under
# provisioned concurrency (the initialisation ran before any request).
_cold_start = os.environ.get("AWS_LAMBDA_INITIALIZATION_TYPE") != "provisioned-concurrency"


LambdaHandler = Callable[[Any, Any], Any]  # (event, context) -> answer


def inject_request_context(handler: LambdaHandler) -> LambdaHandler:
    """`logger.inject_lambda_context(correlation_id_path="requestContext.requestId", clear_state=True)`
    for the API's handlers (an API Gateway event), with the same keys in every log record
    (cold_start, function_name, function_memory_size, function_arn, function_request_id,
    correlation_id) set at a fraction of its per-call cost: no JMESPath query, no context model,
    one reset of the formatter's keys. When POWERTOOLS_LOGGER_LOG_EVENT or a log sampling rate is
    set, Powertools' decorator itself runs (it logs the event, or draws the sample, per call)."""
    if logger.sampling_rate or os.environ.get("POWERTOOLS_LOGGER_LOG_EVENT", "false").lower() in (
            "1", "y", "yes", "t", "true", "on"):
        return logger.inject_lambda_context(correlation_id_path="requestContext.requestId", clear_state=True)(handler)

    formatter = logger.registered_formatter  # the Logger's own, set when it was built

    @functools.wraps(handler)
    def decorate(event: Any, context: Any) -> Any:
        global _cold_start
        cold_start, _cold_start = _cold_start, False
        formatter.clear_state()
        formatter.thread_safe_clear_keys()
        request_context = event.get("requestContext") if isinstance(event, dict) else None
        formatter.append_keys(cold_start=cold_start, function_name=context.function_name,
                              function_memory_size=context.memory_limit_in_mb,
                              function_arn=context.invoked_function_arn,
                              function_request_id=context.aws_request_id,
                              correlation_id=request_context.get("requestId")
                              if isinstance(request_context, dict) else None)
        return handler(event, context)

    return decorate


@cache
def tracer():
    from aws_lambda_powertools import Tracer

    return Tracer(service="vitae")


def flush_metrics() -> None:
    """Emit this invocation's metrics (EMF to stdout) when there are any, and drop them. Powertools
    keeps them when POWERTOOLS_METRICS_DISABLED is set (the devstack, tests): they would pile up
    across invocations, and every later call of the container would take the flush path."""
    if metrics.metric_set:
        metrics.flush_metrics()
        metrics.clear_metrics()
