"""Powertools Logger (JSON, correlation id) and Metrics (EMF, namespace Vitae), one each.

No module-level Tracer: importing the X-Ray SDK costs about a third of a second of every cold
start; `Tracing: Active` in the template already traces each invocation.
"""

from aws_lambda_powertools import Logger, Metrics

logger = Logger(service="vitae")
metrics = Metrics(namespace="Vitae", service="vitae")


def flush_metrics() -> None:
    """Emit this invocation's metrics (EMF to stdout) when there are any."""
    if metrics.metric_set:
        metrics.flush_metrics()
