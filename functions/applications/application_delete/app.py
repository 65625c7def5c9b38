"""DELETE /v1/applications/{id}: the application and its history (204)."""

from vitae.applications import service
from vitae.platform.http import Request, endpoint


@endpoint(status=204)
def handler(request: Request) -> None:
    service.delete_application(request.caller, request.path_params["id"])
