"""Scheduled every minute: publishes outbox rows that were not published right after commit."""

from vitae.platform import events
from vitae.platform.observability import flush_metrics, inject_request_context, logger, tracer

PAGE = 100


@inject_request_context
@tracer().capture_lambda_handler
def handler(event, context):
    total = 0
    while published := events.publish_pending(limit=PAGE):
        total += published
        if published < PAGE:
            break
    logger.info("outbox relay finished", extra={"published": total})
    flush_metrics()
    return {"published": total}
