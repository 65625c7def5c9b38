"""The GitHub sync worker: `profile.github_sync_requested` events, through a queue."""

from vitae.platform.observability import inject_request_context
from vitae.profilesync import github_sync


@inject_request_context
def handler(event, context):
    return github_sync.handle(event)
