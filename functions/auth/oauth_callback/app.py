"""GET /v1/auth/oauth/{provider}/callback: finish sign-in and hand the tokens to the front end, in
the URL fragment (never a query string, which servers log) or as JSON when asked for."""

from urllib.parse import urlencode

from vitae.auth import callback
from vitae.auth.models import CallbackQuery, TokenPair
from vitae.auth.rotation import Client
from vitae.platform.config import settings
from vitae.platform.errors import Invalid
from vitae.platform.http import Answer, Request, Response, endpoint

NO_STORE = {"cache-control": "no-store", "pragma": "no-cache"}
REDIRECT = Answer(302, "To `FRONTEND_URL/auth/callback#accessToken=...&refreshToken=...`, or `#error=<code>` "
                       "when sign-in failed.", headers=("location",))


@endpoint(query=CallbackQuery, response=TokenPair, answers=(REDIRECT,), rate_limit="auth")
def handler(request: Request) -> Response:
    """The token pair as JSON (200) when the request accepts application/json, else a redirect (302)."""
    wants_json = "application/json" in request.headers.get("accept", "")
    client = Client(request.headers.get("user-agent"), request.source_ip)
    try:
        pair = callback.finish_sign_in(request.path_params["provider"], request.query, client)
    except callback.SignInFailed as failed:
        if wants_json:
            raise Invalid("Sign-in failed", code=failed.code) from None
        return _redirect({"error": failed.code})
    if wants_json:
        return Response(200, pair, NO_STORE)
    return _redirect(pair.model_dump(by_alias=True, include={"access_token", "refresh_token", "token_type",
                                                             "expires_in"}))


def _redirect(fragment: dict) -> Response:
    location = f"{settings().frontend_url}/auth/callback#{urlencode(fragment)}"
    return Response(302, None, {"location": location, **NO_STORE})
