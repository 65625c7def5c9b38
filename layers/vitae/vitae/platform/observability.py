"""Powertools Logger (JSON, correlation id), Metrics (EMF, namespace Vitae) and Tracer, one each."""

from aws_lambda_powertools import Logger, Metrics, Tracer

logger = Logger(service="vitae")
metrics = Metrics(namespace="Vitae", service="vitae")
tracer = Tracer(service="vitae")


def flush_metrics() -> None:
    """Emit this invocation's metrics (EMF to stdout) when there are any."""
    if metrics.metric_set:
        metrics.flush_metrics()
