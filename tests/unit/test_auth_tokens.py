"""Access tokens: what is signed is what is verified, and nothing else passes."""

import dataclasses
from datetime import UTC, datetime

import jwt
import pytest

from vitae.platform.auth import Role, bearer_token, principal_from_event
from vitae.platform.tokens import InvalidToken, issue_access_token, verify_access_token


def test_round_trip():
    token = issue_access_token("user-1", "a@example.com", Role.ADMIN, ttl_seconds=60)
    principal = verify_access_token(token)
    assert (principal.user_id, principal.email, principal.role) == ("user-1", "a@example.com", Role.ADMIN)
    assert 0 < (principal.expires_at - datetime.now(UTC)).total_seconds() <= 60
    event = {"requestContext": {"authorizer": {"lambda": principal.as_context()}}}
    assert principal_from_event(event) == dataclasses.replace(principal,
                                                              expires_at=principal.expires_at.replace(microsecond=0))


def test_tampered_payload_is_refused():
    header, _payload, signature = issue_access_token("user-1", None).split(".")
    claims = jwt.decode(issue_access_token("user-1", None), options={"verify_signature": False})
    claims["role"] = "admin"
    forged_payload = jwt.utils.base64url_encode(jwt.api_jws.json.dumps(claims).encode()).decode()
    with pytest.raises(InvalidToken):
        verify_access_token(f"{header}.{forged_payload}.{signature}")


def test_unknown_role_is_refused():
    from vitae.platform.config import jwt_secret, settings

    s = settings()
    now = int(datetime.now(UTC).timestamp())
    token = jwt.encode({"iss": s.jwt_issuer, "aud": s.jwt_audience, "sub": "u", "typ": "access", "role": "root",
                        "iat": now, "exp": now + 60}, jwt_secret(), algorithm="HS256")
    with pytest.raises(InvalidToken):
        verify_access_token(token)


def test_a_principal_whose_token_expired_since_authorization_is_not_accepted():
    from datetime import timedelta

    context = {"userId": "u", "email": "", "role": "user"}
    expired = {**context, "expiresAt": (datetime.now(UTC) - timedelta(seconds=1)).isoformat()}
    valid = {**context, "expiresAt": (datetime.now(UTC) + timedelta(seconds=60)).isoformat()}
    assert principal_from_event({"requestContext": {"authorizer": {"lambda": expired}}}) is None
    assert principal_from_event({"requestContext": {"authorizer": {"lambda": valid}}}).user_id == "u"


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
