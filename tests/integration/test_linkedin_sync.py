"""POST /v1/profile/linkedin/sync, its handler invoked with its sample event against PostgreSQL, Redis,
LocalStack and the fake LinkedIn (a real HTTP server whose userinfo checks the Bearer token): what
it fills by the merge rules, what it keeps, and its refusals (no LinkedIn sign-in, a revoked token,
LinkedIn down)."""

import json
import secrets
import uuid

import pytest

from tests.fakes.oauth import Person
from tests.samples import sample, with_bearer
from vitae.auth import provider_tokens
from vitae.platform import db

FUNCTION = "LinkedInSyncFunction"


@pytest.fixture
def linkedin(oauth_provider):
    oauth_provider.reset()
    yield oauth_provider
    oauth_provider.reset()


@pytest.fixture
def call(devstack, token):
    """The handler invoked as `user_id`; the response with its body parsed under "json"."""
    def invoke(user_id: str) -> dict:
        event = with_bearer(sample("profilesync/linkedin_sync"), token(user_id=user_id))
        event["requestContext"]["authorizer"]["lambda"].update(userId=user_id, email=None)
        response = devstack.invoke_in_process(FUNCTION, event)
        return {**response, "json": json.loads(response["body"]) if response["body"] else None}

    return invoke


def signed_in_with_linkedin(linkedin, user_id: str, name: str = "Grace Brewster Hopper", **claims) -> str:
    """The user's LinkedIn identity with a token the fake LinkedIn accepts, as a sign-in stores it."""
    person = Person(str(uuid.uuid4()), f"{uuid.uuid4().hex[:10]}@example.com", name, claims=claims)
    token = linkedin.issue("linkedin", person, f"lnk-{secrets.token_hex(16)}")
    with db.transaction() as conn:
        conn.execute("INSERT INTO user_identities (provider, provider_user_id, user_id, email) VALUES "
                     "('linkedin', %s, %s, %s)", (person.provider_user_id, user_id, person.email))
        provider_tokens.store(conn, "linkedin", person.provider_user_id, token, None, None)
    return token


def _candidate(user_id: str) -> dict | None:
    return db.connection().execute("SELECT * FROM candidates WHERE user_id = %s", (user_id,)).fetchone()


def test_sync_creates_the_profile_fills_names_and_keeps_the_userinfo(call, linkedin, user):
    token = signed_in_with_linkedin(linkedin, user, given_name="Grace", family_name="Hopper")
    response = call(user)
    assert response["statusCode"] == 200, response["body"]
    body = response["json"]
    assert body["filled"] == ["firstName", "lastName"]
    assert body["picture"].startswith(linkedin.url) and body["picture"].endswith(".jpg")
    assert "POST /v1/profile/linkedin/import" in body["history"]
    assert linkedin.userinfo_requests == [f"Bearer {token}"]
    candidate = _candidate(user)
    assert (candidate["first_name"], candidate["last_name"], candidate["edited_fields"]) == ("Grace", "Hopper", [])
    open_id = candidate["linkedin_data"]["openId"]
    assert open_id["given_name"] == "Grace" and open_id["locale"] == {"country": "US", "language": "en"}
    assert candidate["linkedin_synced_at"] is not None
    assert token not in json.dumps(body) and token not in json.dumps(candidate["linkedin_data"])


def test_sync_fills_only_empty_fields_never_edited_and_keeps_the_export_data(call, linkedin, user):
    signed_in_with_linkedin(linkedin, user, given_name="Grace", family_name="Hopper")
    with db.transaction() as conn:  # the person wrote their first name and cleared their last name
        conn.execute("""INSERT INTO candidates (id, user_id, first_name, edited_fields, linkedin_data)
                        VALUES (%s, %s, 'Amazing', '{first_name,last_name}', '{"positions": [1]}')""",
                     (uuid.uuid4(), user))
    response = call(user)
    assert (response["statusCode"], response["json"]["filled"]) == (200, [])
    candidate = _candidate(user)
    assert (candidate["first_name"], candidate["last_name"]) == ("Amazing", None)
    assert set(candidate["linkedin_data"]) == {"positions", "openId"}


def test_without_a_linkedin_sign_in_the_sync_is_refused(call, linkedin, user):
    response = call(user)
    assert (response["statusCode"], response["json"]["error"]) == (409, "linkedin_sign_in_required")
    assert "Sign in with LinkedIn" in response["json"]["message"]
    assert linkedin.userinfo_requests == [] and _candidate(user) is None


def test_a_revoked_token_is_refused_and_wiped(call, linkedin, user):
    token = signed_in_with_linkedin(linkedin, user)
    linkedin.revoke(token)
    response = call(user)
    assert (response["statusCode"], response["json"]["error"]) == (409, "linkedin_sign_in_required")
    assert provider_tokens.token_of(db.connection(), user, "linkedin") is None
    assert _candidate(user) is None


@pytest.mark.parametrize("status", [500, 503, 429])
def test_linkedin_down_answers_503_and_keeps_the_token(call, linkedin, user, status, logs):
    token = signed_in_with_linkedin(linkedin, user)
    linkedin.userinfo_status = status
    response = call(user)
    written = logs
    assert (response["statusCode"], response["json"]["error"]) == (503, "linkedin_unavailable")
    assert provider_tokens.token_of(db.connection(), user, "linkedin").token == token
    assert token not in written.getvalue() and token not in response["body"]
    assert "LinkedIn" in written.getvalue()  # the failure is logged, without the token


def test_linkedin_unreachable_answers_503(call, linkedin, user, setting):
    from vitae.auth import oauth
    from vitae_devstack.services import free_port

    signed_in_with_linkedin(linkedin, user)
    config = json.loads(linkedin.providers_config())
    config["linkedin"]["userinfoUrl"] = f"http://127.0.0.1:{free_port()}/linkedin/userinfo"
    setting(OAUTH_PROVIDERS=json.dumps(config))
    oauth._configured.cache_clear()
    try:
        response = call(user)
    finally:
        oauth._configured.cache_clear()
    assert (response["statusCode"], response["json"]["error"]) == (503, "linkedin_unavailable")


def test_without_linkedin_sign_in_configured_the_answer_says_to_import_the_export(call, user, setting):
    from vitae.auth import oauth

    setting(OAUTH_PROVIDERS="{}")
    oauth._configured.cache_clear()
    try:
        response = call(user)
    finally:
        oauth._configured.cache_clear()
    assert (response["statusCode"], response["json"]["error"]) == (409, "linkedin_sign_in_required")
    assert "/v1/profile/linkedin/import" in response["json"]["message"]
    assert _candidate(user) is None
