"""The principal that the authorizer hands to every handler, and revoked sessions.

Handlers read the caller from `requestContext.authorizer.lambda`, never from the token itself;
signing and verifying tokens is `vitae.platform.tokens`, needed only where a token is handled.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from vitae.platform.config import settings
from vitae.platform.errors import Unavailable


class Role(StrEnum):
    USER = "user"
    ADMIN = "admin"
    SERVICE = "service"  # internal callers (other services, schedulers)


@dataclass(frozen=True)
class Principal:
    user_id: str
    email: str | None
    role: Role
    expires_at: datetime
    session_id: str | None = None  # Vitae sign-in sessions; None for tokens minted by tools
    external_id: str | None = None  # the `sub` of a token from the external OIDC issuer

    def as_context(self) -> dict[str, str]:
        """The authorizer context: flat strings, as API Gateway passes them on."""
        return {
            "userId": self.user_id,
            "email": self.email or "",
            "role": self.role.value,
            "expiresAt": self.expires_at.isoformat().replace("+00:00", "Z"),
            "sessionId": self.session_id or "",
            "externalId": self.external_id or "",
        }

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles


def principal_from_event(event: dict[str, Any]) -> Principal | None:
    """The authorizer's principal, unless its token has expired since: API Gateway reuses a cached
    authorization for the same header for up to ReauthorizeEvery seconds."""
    context = event.get("requestContext", {}).get("authorizer", {}).get("lambda")
    if not context or not context.get("userId"):
        return None
    principal = Principal(
        user_id=context["userId"],
        email=context.get("email") or None,
        role=Role(context.get("role", Role.USER)),
        expires_at=datetime.fromisoformat(context["expiresAt"].replace("Z", "+00:00")),
        session_id=context.get("sessionId") or None,
        external_id=context.get("externalId") or None,
    )
    return principal if principal.expires_at > datetime.now(UTC) else None


def bearer_token(headers: Mapping[str, str]) -> str | None:
    """The token of an `Authorization: Bearer <token>` header (lower-case header names, as API
    Gateway's payload 2.0 gives them; the scheme in any case), or None without one."""
    scheme, _, token = headers.get("authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


# Revoked sign-in sessions, kept in Redis for as long as their access tokens can live. Checked by
# the authorizer and again by every handler, since API Gateway caches authorizer decisions.


def _revoked_key(session_id: str) -> str:
    from vitae.platform import cache

    return cache.key("revoked-session", session_id)


def mark_sessions_revoked(session_ids: list[str]) -> None:
    """Refuse the sessions' access tokens at once. Without Redis (Unavailable): a warning, and the
    tokens live until they expire (ACCESS_TOKEN_TTL_SECONDS); the sessions are revoked regardless."""
    from vitae.platform import cache
    from vitae.platform.observability import logger

    try:
        with cache.connected() as redis_:
            pipe = redis_.pipeline()
            for session_id in session_ids:
                pipe.set(_revoked_key(session_id), 1, ex=settings().access_token_ttl_seconds)
            pipe.execute()
    except Unavailable as exc:
        logger.warning("could not mark sessions revoked; their access tokens live until expiry",
                       extra={"error": exc.reason})


def session_revoked(session_id: str) -> bool:
    """Whether the session was revoked. Fails open without Redis (Unavailable), with a warning:
    the session table stays the authority for refreshes, and access tokens are short-lived."""
    from vitae.platform import cache
    from vitae.platform.observability import logger

    try:
        with cache.connected() as redis_:
            return bool(redis_.exists(_revoked_key(session_id)))
    except Unavailable as exc:
        logger.warning("session revocation not checked: cache unavailable", extra={"error": exc.reason})
        return False
