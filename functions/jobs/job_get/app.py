"""GET /v1/jobs/{id}: one catalogue job (any signed-in user)."""

from vitae.jobs import service
from vitae.jobs.models import JobView
from vitae.platform.http import Request, endpoint


@endpoint(response=JobView)
def handler(request: Request) -> JobView:
    request.caller  # noqa: B018 - signed-in users only, as the authorizer already ensures
    return service.get_job(request.path_params["id"])
