"""Scheduled every minute: publishes outbox rows that were not published right after commit."""

from vitae.platform import events
from vitae.platform.observability import flush_metrics, logger


@logger.inject_lambda_context(clear_state=True)
def handler(event, context):
    published = total = events.publish_pending()
    while published == 100:  # a full page: there may be more behind it
        published = events.publish_pending()
        total += published
    logger.info("outbox relay finished", extra={"published": total})
    flush_metrics()
    return {"published": total}
