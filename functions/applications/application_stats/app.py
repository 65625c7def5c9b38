"""GET /v1/applications/stats: the caller's applications by status, response rate and median days
to the first response."""

from vitae.applications import service
from vitae.applications.models import ApplicationStats
from vitae.platform.http import Request, endpoint


@endpoint(response=ApplicationStats)
def handler(request: Request) -> ApplicationStats:
    return service.stats(request.caller)
