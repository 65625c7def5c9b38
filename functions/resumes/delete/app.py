"""DELETE /v1/resumes/{id}."""

from vitae.platform.http import Request, Response, endpoint
from vitae.resumes import service


@endpoint()
def handler(request: Request) -> Response:
    service.delete_resume(request.caller, request.path_params["id"])
    return Response(204)
