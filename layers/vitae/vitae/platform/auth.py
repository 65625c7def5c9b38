"""The principal that the authorizer hands to every handler, revoked sessions and deleted users.

Handlers read the caller from `requestContext.authorizer.lambda`, never from the token itself;
signing and verifying tokens is `vitae.platform.tokens`, needed only where a token is handled.
"""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any

from vitae.platform.config import settings
from vitae.platform.errors import Unauthenticated, Unavailable


class Role(StrEnum):
    USER = "user"
    ADMIN = "admin"
    SERVICE = "service"  # internal callers (other services, schedulers)


@dataclass(frozen=True)
class Principal:
    user_id: str  # a UUID: the authorizer refuses tokens whose subject is not one
    email: str | None
    role: Role
    expires_at: datetime
    session_id: str | None = None  # Vitae sign-in sessions; None for tokens minted by tools
    external_id: str | None = None  # the `sub` of a token from the external OIDC issuer
    issued_at: datetime | None = None  # the token's `iat`: tokens issued before their user's deletion die

    def as_context(self) -> dict[str, str]:
        """The authorizer context: flat strings, as API Gateway passes them on."""
        return {
            "userId": self.user_id,
            "email": self.email or "",
            "role": self.role.value,
            "expiresAt": _timestamp(self.expires_at),
            "issuedAt": _timestamp(self.issued_at) if self.issued_at else "",
            "sessionId": self.session_id or "",
            "externalId": self.external_id or "",
        }

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles


def _timestamp(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def is_uuid(value: object) -> bool:
    """Whether `value` is a UUID in text (user and session ids are)."""
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def principal_from_event(event: dict[str, Any]) -> Principal | None:
    """The authorizer's principal, unless its token has expired since: API Gateway reuses a cached
    authorization for the same header for up to ReauthorizeEvery seconds. Raises Unauthenticated
    when the context names no user id a route could use (the authorizer refuses such tokens)."""
    context = event.get("requestContext", {}).get("authorizer", {}).get("lambda")
    if not context or not context.get("userId"):
        return None
    values = (context["userId"], context.get("sessionId"), context.get("email"), context.get("role", Role.USER),
              context.get("expiresAt", _MISSING), context.get("externalId"), context.get("issuedAt"))
    try:
        principal = _principal(*values)
    except TypeError:  # a value the cache cannot key (a list, an object: never Vitae's authorizer's): read
        principal = _principal.__wrapped__(*values)  # uncached, refused or accepted as without the cache
    return principal if principal.expires_at > datetime.now(UTC) else None


_MISSING = object()  # a context without expiresAt: refused below as ever (KeyError), after the ids are checked


@lru_cache(maxsize=256)
def _principal(user_id: str, session_id: str | None, email: str | None, role: str, expires_at: Any,
               external_id: str | None, issued_at: str | None) -> Principal:
    """The principal an authorizer context's values name (`principal_from_event`), read once per
    container for each: a warm container mostly serves the same few callers. Raises Unauthenticated
    when the user or session id is not a UUID."""
    session_id = session_id or None
    if not is_uuid(user_id) or (session_id and not is_uuid(session_id)):
        raise Unauthenticated("The token does not name a user")
    checked_role = Role(role)
    if expires_at is _MISSING:
        raise KeyError("expiresAt")
    return Principal(
        user_id=user_id,
        email=email or None,
        role=checked_role,
        expires_at=_moment(expires_at),
        session_id=session_id,
        external_id=external_id or None,
        issued_at=_moment(issued_at) if issued_at else None,
    )


def bearer_token(headers: Mapping[str, str]) -> str | None:
    """The token of an `Authorization: Bearer <token>` header (lower-case header names, as API
    Gateway's payload 2.0 gives them; the scheme in any case), or None without one."""
    scheme, _, token = headers.get("authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


# Revoked sign-in sessions and deleted users, kept in Redis for as long as their access tokens can
# live. Checked by the authorizer and again by every handler, since API Gateway caches authorizer
# decisions; the authorizer also checks the session and the user in the database.


def _revoked_key(session_id: str) -> str:
    from vitae.platform.cache import key  # a module, not a package: no importlib call per request

    return key("revoked-session", session_id)


def _deleted_user_key(user_id: str) -> str:
    from vitae.platform.cache import key

    return key("deleted-user", user_id)


def mark_sessions_revoked(session_ids: list[str], deleted_user_id: str | None = None) -> None:
    """Refuse the sessions' access tokens at once, and with `deleted_user_id` every token of that
    user issued until now (tokens without a session too: minted by tools, or of the external
    issuer). Without Redis (Unavailable): a warning, and the authorizer's database checks refuse
    the tokens once its cached decisions expire; the sessions are revoked regardless."""
    from vitae.platform import cache
    from vitae.platform.observability import logger

    ttl = settings().access_token_ttl_seconds
    try:
        with cache.connected() as redis_:
            pipe = redis_.pipeline()
            for session_id in session_ids:
                pipe.set(_revoked_key(session_id), 1, ex=ttl)
            if deleted_user_id:
                pipe.set(_deleted_user_key(deleted_user_id), datetime.now(UTC).timestamp(), ex=ttl)
            pipe.execute()
    except Unavailable as exc:
        logger.warning("could not mark sessions revoked; their access tokens live until expiry",
                       extra={"error": exc.reason})


def access_revoked(principal: Principal) -> bool:
    """Whether the principal's session was revoked or their user deleted after the token was issued
    (one Redis round trip). Fails open without Redis (Unavailable), with a warning: the session
    table stays the authority for refreshes and the authorizer's checks, and access tokens are
    short-lived."""
    from vitae.platform import cache
    from vitae.platform.observability import logger

    try:
        with cache.connected() as redis_:
            values = redis_.mget(revocation_keys(principal))
    except Unavailable as exc:
        logger.warning("session revocation not checked: cache unavailable", extra={"error": exc.reason})
        return False
    return revoked_by(principal, values)


def revocation_keys(principal: Principal) -> list[str]:
    """The Redis keys whose values decide `access_revoked` (see `revoked_by`)."""
    keys = [_deleted_user_key(principal.user_id)]
    if principal.session_id:
        keys.append(_revoked_key(principal.session_id))
    return keys


def revoked_by(principal: Principal, values: Sequence[Any]) -> bool:
    """`access_revoked`'s answer from the values of `revocation_keys(principal)`, in their order."""
    deleted_at, *session = values
    if any(session):
        return True
    return deleted_at is not None and (principal.issued_at is None
                                       or principal.issued_at.timestamp() <= float(deleted_at))
