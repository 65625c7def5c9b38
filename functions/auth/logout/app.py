"""POST /v1/auth/logout: end the session the caller's token belongs to."""

from vitae.auth import service
from vitae.platform.http import Request, Response, endpoint


@endpoint()
def handler(request: Request) -> Response:
    service.logout(request.caller)
    return Response(204)
