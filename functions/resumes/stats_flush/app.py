"""Scheduled: moves the view and download counters from Redis to PostgreSQL."""

from vitae.platform.observability import logger
from vitae.resumes import stats


@logger.inject_lambda_context(clear_state=True)
def handler(event, context):
    flushed = total = stats.flush()
    while flushed:
        flushed = stats.flush()
        total += flushed
    return {"flushed": total}
