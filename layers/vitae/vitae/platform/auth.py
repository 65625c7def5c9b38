"""Vitae access tokens and the principal that the authorizer hands to every handler.

Tokens are HS256 JWTs with issuer, audience, expiry and a `typ` of "access". The authorizer verifies
them; handlers read the result from `requestContext.authorizer.lambda`, never the token itself.
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any

from vitae.platform.config import jwt_secret, settings
from vitae.platform.errors import Unavailable

if TYPE_CHECKING:  # imported on first use: most functions never verify external tokens
    import jwt


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


def issue_access_token(user_id: str, email: str | None, role: Role = Role.USER,
                       ttl_seconds: int | None = None, session_id: str | None = None) -> str:
    import jwt

    s = settings()
    now = datetime.now(UTC)
    claims = {
        "iss": s.jwt_issuer,
        "aud": s.jwt_audience,
        "sub": str(user_id),
        "email": email,
        "role": Role(role).value,
        "typ": "access",
        "iat": now,
        "exp": now + timedelta(seconds=ttl_seconds or s.access_token_ttl_seconds),
        "jti": str(uuid.uuid4()),
    }
    if session_id:
        claims["sid"] = str(session_id)
    return jwt.encode(claims, jwt_secret(), algorithm="HS256")


class InvalidToken(Exception):
    pass


def verify_access_token(token: str) -> Principal:
    """The principal of a valid Vitae access token; InvalidToken for anything else."""
    import jwt

    s = settings()
    try:
        claims = jwt.decode(
            token,
            jwt_secret(),
            algorithms=["HS256"],
            audience=s.jwt_audience,
            issuer=s.jwt_issuer,
            options={"require": ["exp", "iat", "sub", "iss", "aud"]},
        )
        if claims.get("typ") != "access":
            raise InvalidToken("not an access token")
        return Principal(
            user_id=claims["sub"],
            email=claims.get("email"),
            role=Role(claims.get("role", Role.USER)),
            expires_at=datetime.fromtimestamp(claims["exp"], UTC),
            session_id=claims.get("sid"),
        )
    except (jwt.PyJWTError, ValueError) as exc:
        raise InvalidToken(str(exc)) from exc


# Users signed in at the external issuer get a stable Vitae id derived from issuer and subject
# until a user record links their external id (then the authorizer uses that record's id).
EXTERNAL_USERS = uuid.UUID("8f5b8a3e-7c1d-4f2a-9b6e-0d4c3a2b1e0f")


def verify_token(token: str) -> Principal:
    """A Vitae access token (HS256), or an RS256 token of the external OIDC issuer when one is
    configured with its JWKS (OIDC_ISSUER and OIDC_JWKS_URL). InvalidToken for anything else."""
    import jwt

    try:
        algorithm = jwt.get_unverified_header(token).get("alg")
    except jwt.PyJWTError as exc:
        raise InvalidToken(str(exc)) from exc
    if algorithm == "HS256":
        return verify_access_token(token)
    s = settings()
    if algorithm == "RS256" and s.oidc_issuer and s.oidc_jwks_url:
        return _verify_external(token, s.oidc_jwks_url)
    raise InvalidToken(f"tokens signed with {algorithm!r} are not accepted")


@cache
def _jwks(url: str) -> "jwt.PyJWKClient":
    import jwt

    s = settings()
    # Keys are cached; a token with an unknown key id makes the client fetch the set again, which
    # is how a key rotation at the issuer is picked up.
    return jwt.PyJWKClient(url, cache_jwk_set=True, lifespan=s.oidc_jwks_cache_seconds,
                           timeout=s.dependency_timeout_seconds,
                           cooldown_duration=s.oidc_jwks_refresh_cooldown_seconds)


def _verify_external(token: str, jwks_url: str) -> Principal:
    import jwt

    s = settings()
    try:
        key = _jwks(jwks_url).get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token, key.key, algorithms=["RS256"], issuer=s.oidc_issuer, audience=s.oidc_audience or None,
            options={"require": ["exp", "iat", "sub", "iss"], "verify_aud": bool(s.oidc_audience)},
        )
    except (jwt.PyJWTError, ValueError) as exc:
        raise InvalidToken(str(exc)) from exc
    return Principal(
        user_id=str(uuid.uuid5(EXTERNAL_USERS, f"{s.oidc_issuer}|{claims['sub']}")),
        email=claims.get("email"),
        role=Role.USER,
        expires_at=datetime.fromtimestamp(claims["exp"], UTC),
        external_id=claims["sub"],
    )


def bearer_token(headers: Mapping[str, str]) -> str | None:
    """The token of an `Authorization: Bearer <token>` header (lower-case header names, as API
    Gateway's payload 2.0 gives them; the scheme in any case), or None without one."""
    scheme, _, token = headers.get("authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def internal_caller(headers: Mapping[str, str]) -> bool:
    """An internal service: the shared X-Internal-Token, or a Vitae token with the service role.
    For routes that API Gateway leaves public so that both kinds of caller can reach them."""
    import hmac

    from vitae.platform.config import internal_token

    offered = headers.get("x-internal-token")
    if offered:
        return hmac.compare_digest(offered.encode(), internal_token().encode())
    token = bearer_token(headers)
    if token is None:
        return False
    try:
        return verify_access_token(token).role == Role.SERVICE
    except InvalidToken:
        return False


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
