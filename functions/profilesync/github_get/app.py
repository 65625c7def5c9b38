"""GET /v1/profile/github: the last GitHub sync, when the profile was synced and what it keeps from
GitHub (seed [G] `githubData`, `githubSyncedAt`)."""

from vitae.platform.http import Request, endpoint
from vitae.profilesync import service
from vitae.profilesync.models import SourceView


@endpoint(response=SourceView)
def handler(request: Request) -> SourceView:
    return service.source_view(request.caller, "github")
