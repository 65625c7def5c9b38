"""The Lambda authorizer against real tokens: only a valid Vitae access token passes."""

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from tests.samples import sample, with_bearer


@pytest.fixture
def authorize(devstack):
    def run(token: str | None, header: str | None = None) -> dict:
        event = sample("auth/authorizer")
        if token is not None:
            with_bearer(event, token)
        elif header is not None:
            event["headers"]["authorization"] = header
        else:
            del event["headers"]["authorization"]
        return devstack.invoke_in_process("AuthorizerFunction", event)

    return run


def _claims(**overrides) -> dict:
    from vitae.platform.config import settings

    now = datetime.now(UTC)
    claims = {"iss": settings().jwt_issuer, "aud": settings().jwt_audience, "sub": str(uuid.uuid4()),
              "email": "a@example.com", "role": "user", "typ": "access", "iat": now, "exp": now + timedelta(minutes=5)}
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def _secret() -> str:
    from vitae.platform.config import jwt_secret

    return jwt_secret()


def test_valid_token_passes_with_the_principal_as_context(authorize, token):
    user_id = str(uuid.uuid4())
    answer = authorize(token(user_id=user_id, email="ada@example.com", role="admin"))
    assert answer["isAuthorized"] is True
    context = answer["context"]
    assert context["userId"] == user_id
    assert context["email"] == "ada@example.com"
    assert context["role"] == "admin"
    expires = datetime.fromisoformat(context["expiresAt"].replace("Z", "+00:00"))
    assert timedelta(minutes=14) < expires - datetime.now(UTC) <= timedelta(minutes=15)


def test_missing_or_malformed_header_is_refused(authorize, token):
    assert authorize(None) == {"isAuthorized": False}
    assert authorize(None, header="Basic dXNlcjpwYXNz") == {"isAuthorized": False}
    assert authorize(None, header="Bearer") == {"isAuthorized": False}
    assert authorize("not-a-jwt") == {"isAuthorized": False}


def test_expired_token_is_refused(authorize):
    past = datetime.now(UTC) - timedelta(hours=1)
    expired = jwt.encode(_claims(iat=past - timedelta(minutes=15), exp=past), _secret(), algorithm="HS256")
    assert authorize(expired) == {"isAuthorized": False}


def test_token_signed_with_another_key_is_refused(authorize):
    forged = jwt.encode(_claims(), "an-attacker-secret-that-is-long-enough", algorithm="HS256")
    assert authorize(forged) == {"isAuthorized": False}


def test_alg_none_token_is_refused(authorize):
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data, default=str).encode()).decode().rstrip("=")

    claims = _claims()
    claims["iat"], claims["exp"] = int(claims["iat"].timestamp()), int(claims["exp"].timestamp())
    unsigned = f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."
    assert authorize(unsigned) == {"isAuthorized": False}


@pytest.mark.parametrize("override", [
    {"aud": "another-api"}, {"iss": "https://evil.example.com"}, {"typ": "refresh"}, {"sub": None},
])
def test_wrong_audience_issuer_type_or_missing_subject_is_refused(authorize, override):
    assert authorize(jwt.encode(_claims(**override), _secret(), algorithm="HS256")) == {"isAuthorized": False}
