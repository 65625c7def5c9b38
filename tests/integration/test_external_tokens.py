"""The authorizer with RS256 tokens of the external OIDC issuer (Keycloak in seed [U]), verified
against its JWKS; the token's subject is the user's external id."""

import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.samples import sample, with_bearer


@pytest.fixture
def authorize(devstack):
    return lambda token: devstack.invoke_in_process("AuthorizerFunction", with_bearer(sample("auth/authorizer"), token))


def test_a_token_of_the_issuer_passes_with_its_subject_as_external_id(authorize, oauth_provider):
    sub = str(uuid.uuid4())
    answer = authorize(oauth_provider.mint(sub, email="kc@example.com"))
    assert answer["isAuthorized"] is True
    context = answer["context"]
    assert (context["externalId"], context["email"], context["role"]) == (sub, "kc@example.com", "user")
    assert uuid.UUID(context["userId"])  # stable until a user record links the external id
    assert authorize(oauth_provider.mint(sub))["context"]["userId"] == context["userId"]


def test_a_linked_external_id_maps_to_the_users_own_id(authorize, oauth_provider):
    from vitae.platform import db

    sub, user_id = str(uuid.uuid4()), uuid.uuid4()
    with db.transaction() as conn:
        conn.execute("INSERT INTO users (id, external_id, email, full_name) VALUES (%s, %s, %s, 'Kc User')",
                     (user_id, sub, f"{sub[:8]}@example.com"))
    assert authorize(oauth_provider.mint(sub))["context"]["userId"] == str(user_id)


def test_tokens_of_unknown_issuers_keys_or_audiences_are_refused(authorize, oauth_provider):
    sub = str(uuid.uuid4())
    stranger_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert authorize(oauth_provider.mint(sub, issuer="https://evil.example.com/realms/x")) == {"isAuthorized": False}
    assert authorize(oauth_provider.mint(sub, key=stranger_key)) == {"isAuthorized": False}  # known kid, wrong key
    assert authorize(oauth_provider.mint(sub, key=stranger_key, kid="unknown")) == {"isAuthorized": False}
    assert authorize(oauth_provider.mint(sub, aud="another-client")) == {"isAuthorized": False}
    assert authorize(oauth_provider.mint(sub, ttl=-60)) == {"isAuthorized": False}


def test_key_rotation_at_the_issuer_is_picked_up(authorize, oauth_provider):
    sub = str(uuid.uuid4())
    old_token = oauth_provider.mint(sub)
    assert authorize(old_token)["isAuthorized"] is True
    oauth_provider.rotate_key()
    new_token = oauth_provider.mint(sub)
    assert authorize(new_token)["isAuthorized"] is True  # unknown kid: the JWKS is fetched again
    assert authorize(old_token) == {"isAuthorized": False}  # the retired key is gone from the set


def test_self_registration_with_an_external_token_links_its_subject(devstack, oauth_provider):
    import json

    from vitae.platform import db

    sub = str(uuid.uuid4())
    context = devstack.invoke_in_process("AuthorizerFunction", with_bearer(
        sample("auth/authorizer"), oauth_provider.mint(sub, email=f"{sub[:8]}@example.com")))["context"]
    event = sample("users/create")
    event["requestContext"]["authorizer"]["lambda"] = context
    event["body"] = json.dumps({"email": f"{sub[:8]}@example.com", "keycloakId": sub,
                                "profile": {"fullName": "Kc Self"}})
    response = devstack.invoke_in_process("CreateUserFunction", event)
    assert response["statusCode"] == 201, response["body"]
    row = db.connection().execute("SELECT id::text, external_id FROM users WHERE external_id = %s", (sub,)).fetchone()
    assert row == {"id": context["userId"], "external_id": sub}
    someone_else = sample("users/create")
    someone_else["requestContext"]["authorizer"]["lambda"] = {**context, "userId": str(uuid.uuid4())}
    someone_else["body"] = json.dumps({"email": f"{sub[:8]}@example.com", "keycloakId": "kc-not-mine",
                                       "profile": {"fullName": "Kc Self"}})
    assert devstack.invoke_in_process("CreateUserFunction", someone_else)["statusCode"] == 403
