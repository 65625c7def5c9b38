"""Powertools Logger (JSON, correlation id), Metrics (EMF, namespace Vitae) and Tracer.

The Tracer is built on first use: importing the X-Ray SDK costs about a third of a second of a
cold start, so latency-sensitive API functions rely on `Tracing: Active` alone and background
functions add subsegments through `tracer()`.
"""

from functools import cache

from aws_lambda_powertools import Logger, Metrics

logger = Logger(service="vitae")
metrics = Metrics(namespace="Vitae", service="vitae")


@cache
def tracer():
    from aws_lambda_powertools import Tracer

    return Tracer(service="vitae")


def flush_metrics() -> None:
    """Emit this invocation's metrics (EMF to stdout) when there are any."""
    if metrics.metric_set:
        metrics.flush_metrics()
