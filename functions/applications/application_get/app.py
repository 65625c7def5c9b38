"""GET /v1/applications/{id}: one of the caller's applications, with its resume version and the
statuses it may move to."""

from vitae.applications import service
from vitae.applications.models import ApplicationView
from vitae.platform.http import Request, endpoint


@endpoint(response=ApplicationView)
def handler(request: Request) -> ApplicationView:
    return service.get_application(request.caller, request.path_params["id"])
