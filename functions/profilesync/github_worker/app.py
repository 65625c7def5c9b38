"""The GitHub sync worker: `profile.github_sync_requested` events, through a queue."""

from vitae.platform.observability import logger
from vitae.profilesync import worker


@logger.inject_lambda_context(clear_state=True)
def handler(event, context):
    return worker.handle(event)
