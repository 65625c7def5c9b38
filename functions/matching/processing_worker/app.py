"""The processing worker: `matching.processing_requested` events, through a queue."""

from vitae.matching import worker
from vitae.platform.observability import logger


@logger.inject_lambda_context(clear_state=True)
def handler(event, context):
    return worker.handle_requests(event)
