"""The processing worker: `matching.processing_requested` events, through a queue."""

from vitae.matching import worker
from vitae.platform.observability import inject_request_context


@inject_request_context
def handler(event, context):
    return worker.handle_requests(event)
