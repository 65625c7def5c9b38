"""OAuth 2.0 authorization code flow with PKCE against Google, GitHub and LinkedIn, through authlib.

Provider endpoints have sensible defaults and are configuration (OAUTH_PROVIDERS, a JSON object
per provider with clientId, clientSecret and optionally authorizeUrl, tokenUrl, userinfoUrl,
emailsUrl, scope), so tests and staging can point them at other servers.
"""

import json
from dataclasses import dataclass
from functools import cache

from vitae.platform.config import oauth_providers, settings
from vitae.platform.errors import NotConfigured
from vitae.platform.observability import logger

DEFAULTS = {
    "google": {
        "authorizeUrl": "https://accounts.google.com/o/oauth2/v2/auth",
        "tokenUrl": "https://oauth2.googleapis.com/token",
        "userinfoUrl": "https://openidconnect.googleapis.com/v1/userinfo",
        "scope": "openid email profile",
    },
    "github": {
        "authorizeUrl": "https://github.com/login/oauth/authorize",
        "tokenUrl": "https://github.com/login/oauth/access_token",
        "userinfoUrl": "https://api.github.com/user",
        "emailsUrl": "https://api.github.com/user/emails",
        "scope": "read:user user:email",
    },
    "linkedin": {
        "authorizeUrl": "https://www.linkedin.com/oauth/v2/authorization",
        "tokenUrl": "https://www.linkedin.com/oauth/v2/accessToken",
        "userinfoUrl": "https://api.linkedin.com/v2/userinfo",
        "scope": "openid profile email",
    },
}


@dataclass(frozen=True)
class Provider:
    name: str
    client_id: str
    client_secret: str
    authorize_url: str
    token_url: str
    userinfo_url: str
    scope: str
    emails_url: str | None = None


@dataclass(frozen=True)
class ProviderUser:
    provider_user_id: str
    email: str | None
    email_verified: bool
    name: str | None


class ProviderError(Exception):
    """The provider refused or failed; `code` is what the front end is told."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}")
        self.code = code


@cache
def _configured() -> dict[str, dict]:
    return json.loads(oauth_providers())


def provider(name: str) -> Provider | None:
    """The provider if it is one Vitae knows and it is configured with a client id. None as well
    when no providers are configured at all (OAUTH_PROVIDERS and OAUTH_PROVIDERS_PARAM unset, or
    that parameter does not exist): sign-in is off. Raises Unavailable when the providers'
    parameter exists but cannot be read. (NotConfigured is not cached: a parameter created later
    is found.)"""
    try:
        configured = _configured()
    except NotConfigured as off:
        logger.info("sign-in providers are not configured", extra={"reason": off.reason})
        return None
    config = configured.get(name)
    if name not in DEFAULTS or not config or not config.get("clientId"):
        return None
    merged = {**DEFAULTS[name], **config}
    return Provider(name=name, client_id=merged["clientId"], client_secret=merged.get("clientSecret", ""),
                    authorize_url=merged["authorizeUrl"], token_url=merged["tokenUrl"],
                    userinfo_url=merged["userinfoUrl"], scope=merged["scope"], emails_url=merged.get("emailsUrl"))


def _session(p: Provider, redirect_uri: str):
    from authlib.integrations.requests_client import OAuth2Session

    return OAuth2Session(client_id=p.client_id, client_secret=p.client_secret, scope=p.scope,
                         redirect_uri=redirect_uri, code_challenge_method="S256")


def authorization_url(p: Provider, redirect_uri: str, state: str, code_verifier: str) -> str:
    url, _ = _session(p, redirect_uri).create_authorization_url(p.authorize_url, state=state,
                                                                code_verifier=code_verifier)
    return url


def fetch_user(p: Provider, redirect_uri: str, code: str, code_verifier: str) -> ProviderUser:
    """Exchange the code (with the PKCE verifier) and read who signed in."""
    from authlib.common.errors import AuthlibBaseError
    from requests import RequestException

    timeout = settings().dependency_timeout_seconds * 5
    client = _session(p, redirect_uri)
    try:
        client.fetch_token(p.token_url, code=code, code_verifier=code_verifier, timeout=timeout,
                           headers={"Accept": "application/json"})
        profile = client.get(p.userinfo_url, timeout=timeout)
        profile.raise_for_status()
        data = profile.json()
        if p.name == "github":
            return _github_user(client, p, data, timeout)
    except (AuthlibBaseError, RequestException, ValueError) as exc:
        raise ProviderError("provider_error", type(exc).__name__) from None
    return ProviderUser(provider_user_id=str(data["sub"]), email=data.get("email"),
                        email_verified=bool(data.get("email_verified")), name=data.get("name"))


def _github_user(client, p: Provider, data: dict, timeout: float) -> ProviderUser:
    """GitHub profiles may hide the email: then the primary verified one comes from /user/emails."""
    email, verified = data.get("email"), False
    if p.emails_url:
        emails = client.get(p.emails_url, timeout=timeout)
        emails.raise_for_status()
        primary = next((e for e in emails.json() if e.get("primary") and e.get("verified")), None)
        if primary:
            email, verified = primary["email"], True
    return ProviderUser(provider_user_id=str(data["id"]), email=email, email_verified=verified,
                        name=data.get("name") or data.get("login"))
