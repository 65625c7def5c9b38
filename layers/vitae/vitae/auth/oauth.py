"""OAuth 2.0 authorization code flow with PKCE against Google, GitHub and LinkedIn, through authlib.

Provider endpoints have sensible defaults and are configuration (OAUTH_PROVIDERS, a JSON object
per provider with clientId, clientSecret and optionally authorizeUrl, tokenUrl, userinfoUrl,
emailsUrl, scope), so tests and staging can point them at other servers.
"""

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
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
    """Who signed in, as the provider says, with the access token it gave (never in the repr):
    `access_token_expires_at` is None when the provider gave no expiry (GitHub's OAuth app tokens
    do not expire); `login` is the provider's user name (GitHub's `login`; None elsewhere)."""

    provider_user_id: str
    email: str | None
    email_verified: bool
    name: str | None
    access_token: str | None = field(default=None, repr=False)
    access_token_expires_at: datetime | None = None
    login: str | None = None


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
    """Exchange the code (with the PKCE verifier) and read who signed in, with the access token the
    exchange gave, its expiry (from `expires_in`; None without one, as GitHub's OAuth app tokens) and
    GitHub's `login`. Raises ProviderError ("provider_error", naming only the failure's type, never
    the token) when the provider fails or its answer names nobody (no subject).

    An email is verified only when the provider says so with the JSON boolean true (OpenID Connect
    Core 1.0, section 5.1, defines `email_verified` as a boolean): the string "false" is truthy in
    Python, and "true", 1 or "yes" are not what the standard sends, so none of them verifies the
    email that decides which account a sign-in enters. An email that is not one is no email."""
    from authlib.common.errors import AuthlibBaseError
    from requests import RequestException

    timeout = settings().dependency_timeout_seconds * 5
    client = _session(p, redirect_uri)
    try:
        token = client.fetch_token(p.token_url, code=code, code_verifier=code_verifier, timeout=timeout,
                                   headers={"Accept": "application/json"})
        profile = client.get(p.userinfo_url, timeout=timeout)
        profile.raise_for_status()
        data = _document(profile.json(), dict)
        if p.name == "github":
            who = _github_user(client, p, data, timeout)
        else:
            who = ProviderUser(provider_user_id=_subject(data.get("sub")), email=_email(data.get("email")),
                               email_verified=data.get("email_verified") is True, name=claim_text(data.get("name")))
        return replace(who, access_token=claim_text(token.get("access_token")), access_token_expires_at=_expiry(token))
    except (AuthlibBaseError, RequestException, ValueError, TypeError, OverflowError) as exc:
        raise ProviderError("provider_error", type(exc).__name__) from None


def _expiry(token: dict) -> datetime | None:
    """When the access token expires (aware UTC): authlib turns the answer's `expires_in` (seconds,
    RFC 6749 section 5.1) into `expires_at` (epoch seconds); None when the provider gave no expiry."""
    expires_at = token.get("expires_at")
    return datetime.fromtimestamp(int(expires_at), UTC) if expires_at else None


def _github_user(client, p: Provider, data: dict, timeout: float) -> ProviderUser:
    """GitHub profiles may hide the email: then the primary verified one comes from /user/emails."""
    email, verified = _email(data.get("email")), False
    if p.emails_url:
        emails = client.get(p.emails_url, timeout=timeout)
        emails.raise_for_status()
        primary = next((e for e in _document(emails.json(), list)
                        if isinstance(e, dict) and e.get("primary") is True and e.get("verified") is True), None)
        if primary and _email(primary.get("email")):
            email, verified = primary["email"], True
    return ProviderUser(provider_user_id=_subject(data.get("id")), email=email, email_verified=verified,
                        name=claim_text(data.get("name")) or claim_text(data.get("login")),
                        login=claim_text(data.get("login")))


def _document[T](data: object, kind: type[T]) -> T:
    """The provider's JSON as the `kind` it must be; ValueError otherwise."""
    if not isinstance(data, kind):
        raise ValueError(f"the provider answered a {type(data).__name__}, not a {kind.__name__}")
    return data


def claim_text(value: object) -> str | None:
    """A claim as text: None unless a non-empty string PostgreSQL can store."""
    return value if isinstance(value, str) and value.strip() and "\x00" not in value else None


def _email(value: object) -> str | None:
    """An email claim: None unless it is an email address."""
    from email_validator import EmailNotValidError, validate_email

    text = claim_text(value)
    try:
        return validate_email(text, check_deliverability=False).original if text else None
    except EmailNotValidError:
        return None


def _subject(value: object) -> str:
    """Who the person is at the provider (a string, or GitHub's number); ValueError without one."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    subject = claim_text(value)
    if subject is None:
        raise ValueError("the provider's answer has no subject")
    return subject
