"""The provider access token a sign-in keeps for the profile sync: signed in through the fake
provider with the handlers invoked in this process (so their log lines can be read), it is stored
encrypted, refreshed by each sign-in, shown nowhere (responses, log lines, reprs), not kept without
a key, and wiped when the user is deleted."""

import json
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import requests

from tests.fakes.oauth import Person
from tests.samples import sample
from vitae.auth import provider_tokens
from vitae.platform import db
from vitae.platform.config import token_encryption_key


def _person(name: str = "Grace Hopper") -> Person:
    return Person(str(uuid.uuid4().int % 10**9), f"{uuid.uuid4().hex[:10]}@example.com", name)


def sign_in(devstack, oauth_provider, provider: str, person: Person, token: str | None = None) -> dict:
    """Sign `person` in at `provider` (start and callback handlers in this process, consent at the
    fake provider), the provider handing out `token`; the callback's response."""
    oauth_provider.people[provider] = person
    oauth_provider.next_access_token = token
    start = sample("auth/oauth_start")
    start["pathParameters"] = {"provider": provider}
    start["rawPath"] = start["requestContext"]["http"]["path"] = f"/v1/auth/oauth/{provider}"
    started = devstack.invoke_in_process("OAuthStartFunction", start)
    assert started["statusCode"] == 302, started["body"]
    consent = requests.get(started["headers"]["location"], allow_redirects=False, timeout=10)
    query = {key: values[0] for key, values in parse_qs(urlsplit(consent.headers["location"]).query).items()}
    callback = sample("auth/oauth_callback")
    callback["pathParameters"] = {"provider": provider}
    callback["queryStringParameters"] = query
    callback["rawQueryString"] = urlsplit(consent.headers["location"]).query
    callback["rawPath"] = callback["requestContext"]["http"]["path"] = f"/v1/auth/oauth/{provider}/callback"
    return devstack.invoke_in_process("OAuthCallbackFunction", callback)


def _identity(provider: str, person: Person) -> dict:
    return db.connection().execute(
        """SELECT user_id::text, access_token, access_token_expires_at, login FROM user_identities
           WHERE provider = %s AND provider_user_id = %s""", (provider, person.provider_user_id)).fetchone()


def test_sign_in_keeps_the_token_encrypted_and_shows_it_nowhere(devstack, oauth_provider, logs, capsys):
    token = f"lnk-{secrets.token_hex(16)}-tok"
    person = _person()
    response = sign_in(devstack, oauth_provider, "linkedin", person, token)
    assert response["statusCode"] == 200, response["body"]
    identity = _identity("linkedin", person)
    stored = bytes(identity["access_token"])
    assert token.encode() not in stored and token not in stored.decode("ascii")  # Fernet's base64, not the token
    kept = provider_tokens.token_of(db.connection(), identity["user_id"], "linkedin")
    assert kept is not None and kept.token == token and kept.login is None
    assert abs(kept.expires_at - (datetime.now(UTC) + timedelta(seconds=3600))) < timedelta(seconds=60)
    captured = capsys.readouterr()
    for text in (json.dumps(response), logs.getvalue(), captured.out, captured.err, repr(kept), str(kept)):
        assert token not in text and token[4:-4] not in text


def test_each_sign_in_refreshes_the_token_and_github_keeps_its_login(devstack, oauth_provider, logs):
    person = _person("Ada Lovelace")
    first, second = f"gho_{secrets.token_hex(12)}", f"gho_{secrets.token_hex(12)}"
    assert sign_in(devstack, oauth_provider, "github", person, first)["statusCode"] == 200
    user_id = _identity("github", person)["user_id"]
    assert provider_tokens.token_of(db.connection(), user_id, "github").token == first
    response = sign_in(devstack, oauth_provider, "github", person, second)
    assert response["statusCode"] == 200
    kept = provider_tokens.token_of(db.connection(), user_id, "github")
    # GitHub's OAuth app tokens have no expiry; its `login` is the user name
    assert (kept.token, kept.expires_at, kept.login) == (second, None, "adalovelace")
    for text in (json.dumps(response), logs.getvalue()):
        assert first not in text and second not in text


def test_without_a_key_sign_in_works_and_keeps_no_token(devstack, oauth_provider, setting, logs):
    setting(TOKEN_ENCRYPTION_KEY="")
    person = _person()
    token = f"nokey-{secrets.token_hex(12)}"
    response = sign_in(devstack, oauth_provider, "github", person, token)
    assert response["statusCode"] == 200, response["body"]
    identity = _identity("github", person)
    assert (identity["access_token"], identity["login"]) == (None, "gracehopper")
    assert "provider tokens are not kept" in logs.getvalue() and token not in logs.getvalue()


def test_a_token_no_key_decrypts_counts_as_absent(devstack, oauth_provider, setting, logs):
    person = _person()
    token = f"rot-{secrets.token_hex(12)}"
    assert sign_in(devstack, oauth_provider, "linkedin", person, token)["statusCode"] == 200
    user_id = _identity("linkedin", person)["user_id"]
    from cryptography.fernet import Fernet

    old = token_encryption_key()
    new = Fernet.generate_key().decode()
    setting(TOKEN_ENCRYPTION_KEY=f"{new},{old}")  # rotation: the old key still decrypts
    assert provider_tokens.token_of(db.connection(), user_id, "linkedin").token == token
    setting(TOKEN_ENCRYPTION_KEY=new)  # the old key dropped
    assert provider_tokens.token_of(db.connection(), user_id, "linkedin") is None
    assert "could not be decrypted" in logs.getvalue() and token not in logs.getvalue()


def test_an_expired_token_counts_as_absent(devstack, oauth_provider):
    person = _person()
    assert sign_in(devstack, oauth_provider, "google", person, f"goo-{secrets.token_hex(8)}")["statusCode"] == 200
    user_id = _identity("google", person)["user_id"]
    db.connection().execute("UPDATE user_identities SET access_token_expires_at = now() - interval '1 second' "
                            "WHERE provider = 'google' AND provider_user_id = %s", (person.provider_user_id,))
    assert provider_tokens.token_of(db.connection(), user_id, "google") is None


def test_deleting_the_user_wipes_their_tokens(devstack, oauth_provider):
    from vitae.platform.auth import Principal, Role
    from vitae.users import service as users

    person = _person()
    assert sign_in(devstack, oauth_provider, "github", person, f"gho_{secrets.token_hex(8)}")["statusCode"] == 200
    assert sign_in(devstack, oauth_provider, "linkedin", person, f"lnk-{secrets.token_hex(8)}")["statusCode"] == 200
    user_id = _identity("github", person)["user_id"]
    users.delete_user(Principal(user_id, person.email, Role.USER, datetime.now(UTC) + timedelta(minutes=5)), user_id)
    rows = db.connection().execute(
        "SELECT provider, access_token, access_token_expires_at, login FROM user_identities WHERE user_id = %s "
        "ORDER BY provider", (user_id,)).fetchall()
    assert [r["provider"] for r in rows] == ["github", "linkedin"]
    assert all((r["access_token"], r["access_token_expires_at"], r["login"]) == (None, None, None) for r in rows)
