"""GET /v1/profile/linkedin: the last LinkedIn import, when the profile was synced and what it keeps
from LinkedIn (seed [G] `linkedinData`, `linkedinSyncedAt`)."""

from vitae.platform.http import Request, endpoint
from vitae.profilesync import service
from vitae.profilesync.models import SourceView


@endpoint(response=SourceView)
def handler(request: Request) -> SourceView:
    return service.source_view(request.caller, "linkedin")
