"""Vitae access tokens: signing and verifying them, and tokens of an external OIDC issuer.

Tokens are HS256 JWTs with issuer, audience, expiry and a `typ` of "access" (RFC 7519), signed with
JWT_SECRET. Only the functions that handle tokens import this module (the authorizer, sign-in and
refresh, public pages that recognise their owner): it is what needs the signing secret.
"""

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from vitae.platform.auth import Principal, Role, bearer_token, is_uuid
from vitae.platform.config import jwt_secret, settings

if TYPE_CHECKING:  # imported on first use: most functions never verify external tokens
    import jwt


def issue_access_token(user_id: str, email: str | None, role: Role = Role.USER,
                       ttl_seconds: int | None = None, session_id: str | None = None) -> str:
    """A signed access token for the user (their id, a UUID, as `sub`), living `ttl_seconds`
    (ACCESS_TOKEN_TTL_SECONDS by default), of the sign-in session `session_id` when there is one."""
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
        # In milliseconds (a NumericDate may be fractional, RFC 7519): a token issued after its user
        # was deleted, even within the same second, is told apart from one issued before.
        "iat": int(now.timestamp() * 1000) / 1000,
        "exp": now + timedelta(seconds=ttl_seconds or s.access_token_ttl_seconds),
        "jti": str(uuid.uuid4()),
    }
    if session_id:
        claims["sid"] = str(session_id)
    return jwt.encode(claims, jwt_secret(), algorithm="HS256")


class InvalidToken(Exception):
    pass


def verify_access_token(token: str) -> Principal:
    """The principal of a valid Vitae access token; InvalidToken for anything else, including a
    subject (`sub`) or session (`sid`) that is not a UUID: every user and session id is one, and a
    token naming something else could only fail further in."""
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
        if not is_uuid(claims["sub"]) or ("sid" in claims and not is_uuid(claims["sid"])):
            raise InvalidToken("the subject or the session is not a UUID")
        return Principal(
            user_id=str(uuid.UUID(claims["sub"])),
            email=_email(claims),
            role=Role(claims.get("role", Role.USER)),
            expires_at=datetime.fromtimestamp(claims["exp"], UTC),
            session_id=str(uuid.UUID(claims["sid"])) if "sid" in claims else None,
            issued_at=datetime.fromtimestamp(claims["iat"], UTC),
        )
    except (jwt.PyJWTError, ValueError, OverflowError, OSError) as exc:  # OverflowError: absurd times
        raise InvalidToken(str(exc)) from exc


def _email(claims: dict) -> str | None:
    email = claims.get("email")
    if email is not None and not isinstance(email, str):
        raise InvalidToken("the email claim is not text")
    return email


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
        subject = str(claims["sub"])
        if not subject or "\x00" in subject:  # it is looked up as a user's external id
            raise InvalidToken("the subject is empty or not text")
        return Principal(
            user_id=str(uuid.uuid5(EXTERNAL_USERS, f"{s.oidc_issuer}|{subject}")),
            email=_email(claims),
            role=Role.USER,
            expires_at=datetime.fromtimestamp(claims["exp"], UTC),
            external_id=subject,
            issued_at=datetime.fromtimestamp(claims["iat"], UTC),
        )
    except (jwt.PyJWTError, ValueError, OverflowError, OSError) as exc:  # OverflowError: absurd times
        raise InvalidToken(str(exc)) from exc


def optional_caller(headers: Mapping[str, str]) -> Principal | None:
    """On public routes (no authorizer): the caller if they sent a valid token, else None."""
    token = bearer_token(headers)
    if token is None:
        return None
    try:
        return verify_token(token)
    except InvalidToken:
        return None
