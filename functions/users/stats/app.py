"""GET /v1/users/{id}/stats: the counters and storageUsedFormatted ("1.5 GB")."""

from vitae.platform.http import Request, endpoint
from vitae.users import service
from vitae.users.models import StatsView


@endpoint(response=StatsView)
def handler(request: Request) -> StatsView:
    return service.get_stats(request.caller, request.path_params["id"])
