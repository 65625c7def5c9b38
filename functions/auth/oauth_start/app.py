"""GET /v1/auth/oauth/{provider}: redirect to the provider's sign-in with state and PKCE."""

from vitae.auth import service
from vitae.platform.http import Request, Response, endpoint


def callback_url(request: Request) -> str:
    """This API's callback for the provider, as the browser reaches it (custom domains included)."""
    http = request.event["requestContext"]
    scheme = request.headers.get("x-forwarded-proto", "https")
    return f"{scheme}://{http['domainName']}{request.event['rawPath'].rstrip('/')}/callback"


@endpoint(rate_limit="auth")
def handler(request: Request) -> Response:
    url = service.start_sign_in(request.path_params["provider"], callback_url(request))
    return Response(302, None, {"location": url, "cache-control": "no-store"})
