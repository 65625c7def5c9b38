"""DELETE /v1/user-preferences: back to the defaults."""

from vitae.platform.http import Request, Response, endpoint
from vitae.resumes import service


@endpoint()
def handler(request: Request) -> Response:
    service.delete_preferences(request.caller)
    return Response(204)
