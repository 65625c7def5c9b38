"""GET /v1/auth/oauth/{provider}: redirect to the provider's sign-in with state and PKCE."""

from vitae.auth import signin
from vitae.platform.http import Request, Response, endpoint


@endpoint(rate_limit="auth")
def handler(request: Request) -> Response:
    callback_url = f"{request.base_url}{request.event['rawPath'].rstrip('/')}/callback"
    url = signin.start_sign_in(request.path_params["provider"], callback_url)
    return Response(302, None, {"location": url, "cache-control": "no-store"})
