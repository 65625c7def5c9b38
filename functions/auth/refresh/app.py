"""POST /v1/auth/refresh: a new token pair for a refresh token, which is then spent."""

from vitae.auth import rotation
from vitae.auth.models import RefreshRequest, TokenPair
from vitae.platform.http import Request, Response, endpoint


@endpoint(body=RefreshRequest, response=TokenPair, errors=(401,), rate_limit="auth")
def handler(request: Request) -> Response:
    client = rotation.Client(request.headers.get("user-agent"), request.source_ip)
    return Response(200, rotation.refresh(request.body.refresh_token, client), {"cache-control": "no-store"})
