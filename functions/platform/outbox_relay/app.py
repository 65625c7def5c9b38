"""Scheduled every minute: publishes outbox rows that were not published right after commit."""

from vitae.platform import events
from vitae.platform.observability import flush_metrics, logger, tracer

PAGE = 100


@logger.inject_lambda_context(clear_state=True)
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
