"""Access tokens: what is signed is what is verified, and nothing else passes."""

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from vitae.platform.auth import Role, bearer_token, principal_from_event
from vitae.platform.errors import Unauthenticated
from vitae.platform.tokens import InvalidToken, issue_access_token, verify_access_token

USER = str(uuid.uuid4())


def test_round_trip():
    session = str(uuid.uuid4())
    token = issue_access_token(USER, "a@example.com", Role.ADMIN, ttl_seconds=60, session_id=session)
    principal = verify_access_token(token)
    assert (principal.user_id, principal.email, principal.role, principal.session_id) == (
        USER, "a@example.com", Role.ADMIN, session)
    assert 0 < (principal.expires_at - datetime.now(UTC)).total_seconds() <= 60
    assert timedelta(0) <= datetime.now(UTC) - principal.issued_at < timedelta(seconds=2)
    event = {"requestContext": {"authorizer": {"lambda": principal.as_context()}}}
    assert principal_from_event(event) == dataclasses.replace(principal,
                                                              expires_at=principal.expires_at.replace(microsecond=0))


def _signed(**claims) -> str:
    from vitae.platform.config import jwt_secret, settings

    s = settings()
    now = int(datetime.now(UTC).timestamp())
    return jwt.encode({"iss": s.jwt_issuer, "aud": s.jwt_audience, "sub": USER, "typ": "access", "role": "user",
                       "iat": now, "exp": now + 60, **claims}, jwt_secret(), algorithm="HS256")


@pytest.mark.parametrize("claims", [
    {"sub": "admin"}, {"sub": "user-1"}, {"sub": ""}, {"sub": "00000000-0000-0000-0000-00000000000g"},
    {"sid": "not-a-session"}, {"sid": 7}, {"exp": 10**20}, {"email": {"a": 1}},
])
def test_a_signed_token_naming_no_user_or_session_or_absurd_claims_is_refused(claims):
    """Examples of issue 11, kind 3: a valid signature on a subject that is not a UUID passed, and
    every data route then answered 500."""
    with pytest.raises(InvalidToken):
        verify_access_token(_signed(**claims))


def test_a_context_naming_no_user_is_unauthenticated_not_a_crash():
    context = {"userId": "admin", "email": "", "role": "user", "expiresAt": "2999-01-01T00:00:00Z"}
    with pytest.raises(Unauthenticated):
        principal_from_event({"requestContext": {"authorizer": {"lambda": context}}})
    with pytest.raises(Unauthenticated):
        principal_from_event({"requestContext": {"authorizer": {"lambda": {
            **context, "userId": USER, "sessionId": "s-1"}}}})


def test_tampered_payload_is_refused():
    header, _payload, signature = issue_access_token(USER, None).split(".")
    claims = jwt.decode(issue_access_token(USER, None), options={"verify_signature": False})
    claims["role"] = "admin"
    forged_payload = jwt.utils.base64url_encode(jwt.api_jws.json.dumps(claims).encode()).decode()
    with pytest.raises(InvalidToken):
        verify_access_token(f"{header}.{forged_payload}.{signature}")


def test_unknown_role_is_refused():
    with pytest.raises(InvalidToken):
        verify_access_token(_signed(role="root"))


def test_a_principal_whose_token_expired_since_authorization_is_not_accepted():
    context = {"userId": USER, "email": "", "role": "user"}
    expired = {**context, "expiresAt": (datetime.now(UTC) - timedelta(seconds=1)).isoformat()}
    valid = {**context, "expiresAt": (datetime.now(UTC) + timedelta(seconds=60)).isoformat()}
    assert principal_from_event({"requestContext": {"authorizer": {"lambda": expired}}}) is None
    assert principal_from_event({"requestContext": {"authorizer": {"lambda": valid}}}).user_id == USER


@pytest.mark.parametrize("header, token", [
    ("Bearer abc.def.ghi", "abc.def.ghi"), ("bearer  abc.def.ghi ", "abc.def.ghi"), ("BEARER t", "t"),
    ("Basic dXNlcjpwYXNz", None), ("Bearer", None), ("Bearer   ", None), ("", None), ("abc.def.ghi", None),
])
def test_bearer_tokens_are_read_from_the_authorization_header(header, token):
    assert bearer_token({"authorization": header}) == token
    assert bearer_token({}) is None


def test_rs256_tokens_are_refused_without_an_issuer_and_its_jwks_url(monkeypatch):
    from cryptography.hazmat.primitives.asymmetric import rsa

    from vitae.platform import config
    from vitae.platform.tokens import verify_token

    issuer = "https://keycloak.example.com/realms/vitae"
    now = int(datetime.now(UTC).timestamp())
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = jwt.encode({"iss": issuer, "sub": "kc-1", "iat": now, "exp": now + 60}, key, algorithm="RS256")
    for issuer_set, jwks_set in ((None, None), (issuer, None), (None, f"{issuer}/certs")):
        for name, value in (("OIDC_ISSUER", issuer_set), ("OIDC_JWKS_URL", jwks_set)):
            if value:
                monkeypatch.setenv(name, value)
            else:
                monkeypatch.delenv(name, raising=False)
        config.settings.cache_clear()
        with pytest.raises(InvalidToken, match="tokens signed with 'RS256' are not accepted"):
            verify_token(token)
    monkeypatch.undo()
    config.settings.cache_clear()


def test_a_context_with_values_the_principal_cache_cannot_key_is_read_as_without_it():
    """The per-container cache of principals keys on the context's values: one that is a list or an
    object is no crash (a 500 on every route), but refused or read as it was before the cache."""
    expires = (datetime.now(UTC) + timedelta(seconds=60)).isoformat()
    with pytest.raises(Unauthenticated):
        principal_from_event({"requestContext": {"authorizer": {"lambda": {"userId": [USER], "expiresAt": expires}}}})
    principal = principal_from_event({"requestContext": {"authorizer": {"lambda": {
        "userId": USER, "expiresAt": expires, "email": ["a@example.com"]}}}})
    assert principal.user_id == USER
