"""DELETE /v1/matching/requirements/{id}: the requirements text and its processings (seed [D] delete_requirements)."""

from vitae.matching import service
from vitae.platform.http import Request, endpoint


@endpoint(status=204)
def handler(request: Request) -> None:
    service.delete_text(service.REQUIREMENTS, request.caller, request.path_params["id"])
