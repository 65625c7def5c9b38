"""POST /v1/users/{id}/stats/increment-interviews: internal callers only (X-Internal-Token or a
service-role token), so API Gateway leaves the route open and this handler decides."""

from vitae.platform.errors import Forbidden
from vitae.platform.http import Auth, Request, endpoint
from vitae.platform.internal import internal_caller
from vitae.users import service
from vitae.users.models import StatsView


@endpoint(response=StatsView, errors=(403,), auth=(Auth.INTERNAL, Auth.BEARER))
def handler(request: Request) -> StatsView:
    if not internal_caller(request.headers):
        raise Forbidden("This endpoint is for internal services")
    return service.increment_interviews(request.path_params["id"])
