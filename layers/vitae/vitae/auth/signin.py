"""Sign-in with an OAuth provider (seed [G]), its first half: the redirect to the provider with a
single-use state and a PKCE challenge (RFC 7636). The callback finishes it: `vitae.auth.callback`."""

import hashlib
import json
import secrets

from vitae.auth import oauth
from vitae.platform import cache
from vitae.platform.errors import NotFound, Unavailable

STATE_TTL_SECONDS = 600


def _sign_in_unavailable(cause: Unavailable) -> Unavailable:
    return Unavailable("Sign-in is temporarily unavailable", dependency=cause.dependency, code="sign_in_unavailable",
                       public=True)


def configured_provider(name: str) -> oauth.Provider:
    """The configured provider; NotFound when it is not configured (or none is), Unavailable
    (sign_in_unavailable) when the providers' configuration cannot be read."""
    try:
        found = oauth.provider(name)
    except Unavailable as exc:
        raise _sign_in_unavailable(exc) from exc
    if found is None:
        raise NotFound(f"Sign-in provider {name} is not available")
    return found


def state_key(state: str) -> str:
    """The Redis key of a sign-in's state (its hash: the state itself is a bearer secret)."""
    return cache.key("oauth-state", hashlib.sha256(state.encode()).hexdigest())


def start_sign_in(provider_name: str, redirect_uri: str) -> str:
    """The provider's authorization URL, with a single-use state (in Redis, STATE_TTL_SECONDS) and a
    PKCE challenge. Raises NotFound for a provider that is not configured, Unavailable
    (sign_in_unavailable) when the providers' configuration or Redis cannot be reached."""
    provider = configured_provider(provider_name)
    state, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(64)
    try:
        with cache.connected() as redis_:
            redis_.set(state_key(state), json.dumps(
                {"provider": provider.name, "verifier": verifier, "redirectUri": redirect_uri}), ex=STATE_TTL_SECONDS)
    except Unavailable as exc:
        raise _sign_in_unavailable(exc) from exc
    return oauth.authorization_url(provider, redirect_uri, state, verifier)
