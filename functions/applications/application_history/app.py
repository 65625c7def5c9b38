"""GET /v1/applications/{id}/history: every change of the application, oldest first."""

from vitae.applications import service
from vitae.applications.models import ApplicationHistory
from vitae.platform.http import Request, endpoint


@endpoint(response=ApplicationHistory)
def handler(request: Request) -> ApplicationHistory:
    return service.application_history(request.caller, request.path_params["id"])
