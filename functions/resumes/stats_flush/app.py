"""Scheduled: moves the view and download counters from Redis to PostgreSQL."""

from vitae.platform.observability import inject_request_context
from vitae.resumes import stats


@inject_request_context
def handler(event, context):
    flushed = total = stats.flush()
    while flushed:
        flushed = stats.flush()
        total += flushed
    return {"flushed": total}
