"""GET /v1/auth/oauth/{provider}/callback: finish sign-in and hand the tokens to the front end, in
the URL fragment (never a query string, which servers log) or as JSON when asked for."""

from urllib.parse import urlencode

from vitae.auth import callback
from vitae.auth.models import CallbackQuery
from vitae.auth.rotation import Client
from vitae.platform.config import settings
from vitae.platform.http import Request, Response, endpoint

NO_STORE = {"cache-control": "no-store", "pragma": "no-cache"}


@endpoint(query=CallbackQuery, rate_limit="auth")
def handler(request: Request) -> Response:
    wants_json = "application/json" in request.headers.get("accept", "")
    client = Client(request.headers.get("user-agent"), request.source_ip)
    try:
        pair = callback.finish_sign_in(request.path_params["provider"], request.query, client)
    except callback.SignInFailed as failed:
        if wants_json:
            return Response(400, {"statusCode": 400, "error": failed.code, "message": "Sign-in failed"}, NO_STORE)
        return _redirect({"error": failed.code})
    if wants_json:
        return Response(200, pair, NO_STORE)
    return _redirect(pair.model_dump(by_alias=True, include={"access_token", "refresh_token", "token_type",
                                                             "expires_in"}))


def _redirect(fragment: dict) -> Response:
    location = f"{settings().frontend_url}/auth/callback#{urlencode(fragment)}"
    return Response(302, None, {"location": location, **NO_STORE})
