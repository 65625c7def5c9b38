"""Sign-in, sessions and token rotation.

A session is one signed-in device. Each refresh token is single use: refreshing returns a new pair
and retires the old token. Presenting a retired token again means it was copied, so the whole
session (its token family) is revoked: the thief and the owner both have to sign in again.
"""

import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from vitae.auth import oauth, repository
from vitae.auth.models import CallbackQuery, Session, Sessions, TokenPair
from vitae.platform import cache, db, events
from vitae.platform.auth import Principal, Role, issue_access_token, mark_sessions_revoked
from vitae.platform.config import settings
from vitae.platform.errors import Invalid, NotFound, Unauthenticated, Unavailable
from vitae.platform.observability import logger, metrics
from vitae.users import service as users

STATE_TTL_SECONDS = 600


@dataclass(frozen=True)
class Client:
    """Who is asking, for the session list."""

    user_agent: str | None
    ip: str | None


class SignInFailed(Exception):
    """Sign-in ends in a redirect with this code, never in a 500."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _sign_in_unavailable(cause: Unavailable) -> Unavailable:
    return Unavailable("Sign-in is temporarily unavailable", dependency=cause.dependency, code="sign_in_unavailable")


def _provider(name: str) -> oauth.Provider:
    """The configured provider; NotFound when it is not configured (or none is), Unavailable
    (sign_in_unavailable) when the providers' configuration cannot be read."""
    try:
        provider = oauth.provider(name)
    except Unavailable as exc:
        raise _sign_in_unavailable(exc) from exc
    if provider is None:
        raise NotFound(f"Sign-in provider {name} is not available")
    return provider


def _state_key(state: str) -> str:
    return cache.key("oauth-state", hashlib.sha256(state.encode()).hexdigest())


def start_sign_in(provider_name: str, redirect_uri: str) -> str:
    """The provider's authorization URL, with a single-use state (in Redis, STATE_TTL_SECONDS) and a
    PKCE challenge. Raises NotFound for a provider that is not configured, Unavailable
    (sign_in_unavailable) when the providers' configuration or Redis cannot be reached."""
    provider = _provider(provider_name)
    state, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(64)
    try:
        with cache.connected() as redis_:
            redis_.set(_state_key(state), json.dumps(
                {"provider": provider.name, "verifier": verifier, "redirectUri": redirect_uri}), ex=STATE_TTL_SECONDS)
    except Unavailable as exc:
        raise _sign_in_unavailable(exc) from exc
    return oauth.authorization_url(provider, redirect_uri, state, verifier)


def finish_sign_in(provider_name: str, query: CallbackQuery, client: Client) -> TokenPair:
    """The provider's answer checked (state, PKCE, verified email), the user found or created and
    a session opened. Raises NotFound for a provider that is not configured, and SignInFailed with
    the code the front end is told for everything else (temporarily_unavailable without Redis)."""
    try:
        provider = _provider(provider_name)
    except Unavailable:
        raise SignInFailed("temporarily_unavailable") from None
    if query.error:
        raise SignInFailed("access_denied" if query.error == "access_denied" else "provider_error")
    if not query.state:
        raise SignInFailed("invalid_state")
    try:
        with cache.connected() as redis_:
            stored = redis_.getdel(_state_key(query.state))  # single use, whatever happens next
    except Unavailable:
        raise SignInFailed("temporarily_unavailable") from None
    flow = json.loads(stored) if stored else None
    if flow is None or flow["provider"] != provider.name:
        raise SignInFailed("invalid_state")
    if not query.code:
        raise SignInFailed("invalid_request")
    try:
        who = oauth.fetch_user(provider, flow["redirectUri"], query.code, flow["verifier"])
    except oauth.ProviderError as exc:
        logger.warning("provider refused the sign-in", extra={"provider": provider.name, "reason": str(exc)})
        raise SignInFailed(exc.code) from None
    if not who.email or not who.email_verified:
        raise SignInFailed("email_not_verified")

    emitted: list[uuid.UUID] = []
    with db.transaction() as conn:
        user = repository.identity_user(conn, provider.name, who.provider_user_id)
        if user is None:
            user, created = users.user_for_sign_in(conn, who.email, who.name)
            if created:
                emitted.append(created)
            repository.link_identity(conn, provider.name, who.provider_user_id, user["id"], who.email)
        pair = _open_session(conn, user, provider.name, client)
    events.publish_now(emitted)
    metrics.add_metric(name="SignIns", unit="Count", value=1)
    return pair


def _open_session(conn, user: dict[str, Any], provider: str | None, client: Client) -> TokenPair:
    session_id = uuid.uuid4()
    repository.create_session(conn, session_id, user["id"], provider, client.user_agent, client.ip,
                              settings().refresh_token_ttl_seconds)
    return _issue(conn, session_id, user)


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def _issue(conn, session_id: Any, user: dict[str, Any]) -> TokenPair:
    s = settings()
    refresh_token = secrets.token_urlsafe(32)
    repository.add_refresh_token(conn, _digest(refresh_token), session_id)
    return TokenPair(
        access_token=issue_access_token(str(user["id"]), user["email"], Role(user["role"]),
                                        session_id=str(session_id)),
        refresh_token=refresh_token,
        expires_in=s.access_token_ttl_seconds,
        refresh_expires_in=s.refresh_token_ttl_seconds,
        user_id=str(user["id"]),
        session_id=str(session_id),
    )


def refresh(refresh_token: str, client: Client) -> TokenPair:
    """A new pair for a refresh token that has never been used; reuse revokes the session."""
    digest = _digest(refresh_token)
    with db.transaction() as conn:
        row = repository.claim_refresh_token(conn, digest)
        if row is None:
            outcome = "unknown"
        elif row["revoked_at"] is not None or not row["live"] or row["deleted_at"] is not None:
            outcome = "ended"
        elif row["used_at"] is not None:
            repository.revoke_sessions(conn, row["user_id"], "refresh_token_reuse", row["session_id"])
            outcome, reused_session = "reused", str(row["session_id"])
        else:
            repository.mark_used(conn, digest)
            repository.touch_session(conn, row["session_id"], client.user_agent, client.ip)
            user = {"id": row["user_id"], "email": row["email"], "role": row["role"]}
            return _issue(conn, row["session_id"], user)
    if outcome == "reused":
        mark_sessions_revoked([reused_session])
        logger.warning("refresh token reuse: session revoked", extra={"sessionId": reused_session})
        raise Unauthenticated("Refresh token reuse detected: the session has been revoked")
    raise Unauthenticated("Invalid refresh token" if outcome == "unknown" else "The session has ended")


def logout(caller: Principal, everywhere: bool = False) -> int:
    """End the caller's session (or, `everywhere`, all of their sessions) and refuse their access
    tokens at once (see mark_sessions_revoked); returns how many sessions were revoked. Raises Invalid
    when the token belongs to no sign-in session (one minted by a tool)."""
    if not everywhere and not caller.session_id:
        raise Invalid("This token does not belong to a sign-in session")
    with db.transaction() as conn:
        revoked = repository.revoke_sessions(conn, caller.user_id, "logout_all" if everywhere else "logout",
                                             None if everywhere else caller.session_id)
    mark_sessions_revoked(revoked + ([caller.session_id] if caller.session_id else []))
    return len(revoked)


def sessions(caller: Principal) -> Sessions:
    rows = repository.live_sessions(db.connection(), caller.user_id)
    return Sessions(items=[
        Session(id=str(r["id"]), provider=r["provider"], user_agent=r["user_agent"], ip=r["ip"],
                created_at=r["created_at"], last_used_at=r["last_used_at"], expires_at=r["expires_at"],
                current=str(r["id"]) == caller.session_id)
        for r in rows
    ])
