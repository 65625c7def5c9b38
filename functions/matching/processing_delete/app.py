"""DELETE /v1/matching/processings/{id} (seed [D] delete_processing)."""

from vitae.matching import service
from vitae.platform.http import Request, endpoint


@endpoint(status=204)
def handler(request: Request) -> None:
    service.delete_processing(request.caller, request.path_params["id"])
