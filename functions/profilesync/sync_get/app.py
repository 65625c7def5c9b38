"""GET /v1/profile/syncs/{id}: a GitHub sync or LinkedIn import of the caller's: its status (deferred
until `retryAt` when GitHub's rate limit is spent), and when done what it filled and added."""

from vitae.platform.http import Request, endpoint
from vitae.profilesync import service
from vitae.profilesync.models import SyncView


@endpoint(response=SyncView)
def handler(request: Request) -> SyncView:
    return service.get_sync(request.caller, request.path_params["id"])
