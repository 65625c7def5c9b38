"""Embeds jobs when they are written: `job.created` and `job.updated` events, through a queue."""

from vitae.jobs import embeddings
from vitae.platform.observability import inject_request_context


@inject_request_context
def handler(event, context):
    return embeddings.handle_job_events(event)
