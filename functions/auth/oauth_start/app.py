"""GET /v1/auth/oauth/{provider}: redirect to the provider's sign-in with state and PKCE."""

from vitae.auth import signin
from vitae.platform.http import Answer, Request, Response, endpoint

REDIRECT = Answer(302, "To the provider's sign-in page (`location`), with a single-use state and a PKCE challenge.",
                  headers=("location",))


@endpoint(answers=(REDIRECT,), rate_limit="auth")
def handler(request: Request) -> Response:
    callback_url = f"{request.base_url}{request.event['rawPath'].rstrip('/')}/callback"
    url = signin.start_sign_in(request.path_params["provider"], callback_url)
    return Response(302, None, {"location": url, "cache-control": "no-store"})
