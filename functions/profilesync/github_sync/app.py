"""POST /v1/profile/github/sync `{username?, includeForks?, maxRepos?}`: queue a GitHub sync into the
caller's profile (202, Location: the sync); it adds languages as skills and repositories as projects."""

from vitae.platform import idempotency
from vitae.platform.http import Request, Response, endpoint
from vitae.profilesync import service
from vitae.profilesync.models import GitHubSyncIn, SyncAccepted


@endpoint(body=GitHubSyncIn, response=SyncAccepted, status=202, idempotency=idempotency.by_key, errors=(404, 409),
          answers=(service.SYNC_ACCEPTED,))
def handler(request: Request) -> Response:
    return service.accepted(service.request_github_sync(request.caller, request.body))
