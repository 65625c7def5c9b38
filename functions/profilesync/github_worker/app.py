"""The GitHub sync worker: `profile.github_sync_requested` events, through a queue."""

from vitae.platform.observability import logger
from vitae.profilesync import github_sync


@logger.inject_lambda_context(clear_state=True)
def handler(event, context):
    return github_sync.handle(event)
