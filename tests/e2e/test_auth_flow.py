"""Sign-in, sessions and tokens over real HTTP, against a fake OAuth provider (a real local server
with authorize, token and userinfo endpoints) for Google, GitHub and LinkedIn."""

import json
import re
import time
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.fakes.oauth import Person

PROVIDERS = ["google", "github", "linkedin"]


def _person(provider: str, **overrides) -> Person:
    numeric = str(uuid.uuid4().int % 10**9)  # GitHub ids are numbers
    fields = {"provider_user_id": numeric, "email": f"{uuid.uuid4().hex[:10]}@example.com", "name": "Grace Hopper"}
    return Person(**{**fields, **overrides})


class Flow:
    def __init__(self, gateway_url: str, provider: str):
        self.gateway_url, self.provider = gateway_url, provider

    def start(self) -> str:
        response = requests.get(f"{self.gateway_url}/v1/auth/oauth/{self.provider}", allow_redirects=False, timeout=10)
        assert response.status_code == 302, response.text
        return response.headers["location"]

    def consent(self, authorize_url: str) -> str:
        response = requests.get(authorize_url, allow_redirects=False, timeout=10)
        assert response.status_code == 302, response.text
        return response.headers["location"]

    def callback(self, callback_url: str, json_mode: bool = True, user_agent: str = "pytest") -> requests.Response:
        headers = {"User-Agent": user_agent, **({"Accept": "application/json"} if json_mode else {})}
        return requests.get(callback_url, headers=headers, allow_redirects=False, timeout=10)

    def sign_in(self, user_agent: str = "pytest") -> dict:
        response = self.callback(self.consent(self.start()), user_agent=user_agent)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def flow(gateway_url, oauth_provider):
    def make(provider: str, person: Person | None = None) -> Flow:
        oauth_provider.people[provider] = person or _person(provider)
        return Flow(gateway_url, provider)
    return make


def _me(gateway_url: str, access_token: str) -> requests.Response:
    return requests.get(f"{gateway_url}/v1/auth/me", headers={"Authorization": f"Bearer {access_token}"}, timeout=10)


def _users_with_email(email: str) -> list[dict]:
    from vitae.platform import db

    return db.connection().execute(
        "SELECT id::text, full_name FROM users WHERE lower(email) = lower(%s) AND deleted_at IS NULL",
        (email,)).fetchall()


# -- sign-in -----------------------------------------------------------------------------------


@pytest.mark.parametrize("provider", PROVIDERS)
def test_sign_in_creates_the_user_once_and_matches_them_when_they_return(provider, flow, gateway_url):
    person = _person(provider, hide_email=(provider == "github"))
    sign_in = flow(provider, person)
    authorize_url = sign_in.start()
    query = parse_qs(urlsplit(authorize_url).query)
    assert query["code_challenge_method"] == ["S256"] and len(query["state"][0]) >= 32
    first = sign_in.callback(sign_in.consent(authorize_url)).json()
    assert set(first) >= {"accessToken", "refreshToken", "tokenType", "expiresIn", "userId", "sessionId"}
    assert first["expiresIn"] == 900
    (user,) = _users_with_email(person.email)
    assert user == {"id": first["userId"], "full_name": "Grace Hopper"}
    me = _me(gateway_url, first["accessToken"]).json()
    assert (me["userId"], me["email"]) == (first["userId"], person.email)
    second = flow(provider, person).sign_in()
    assert second["userId"] == first["userId"]
    assert second["sessionId"] != first["sessionId"]
    assert len(_users_with_email(person.email)) == 1


def test_sign_in_with_a_second_provider_links_to_the_same_user_by_verified_email(flow):
    person = _person("google")
    google = flow("google", person).sign_in()
    linkedin = flow("linkedin", Person(str(uuid.uuid4().int % 10**9), person.email, "G. Hopper")).sign_in()
    assert linkedin["userId"] == google["userId"]


def test_unverified_email_is_refused(flow):
    response = flow("google", _person("google", email_verified=False))
    result = response.callback(response.consent(response.start()))
    assert (result.status_code, result.json()["error"]) == (400, "email_not_verified")


def test_browser_sign_in_puts_tokens_in_the_fragment_only(flow):
    sign_in = flow("github")
    response = sign_in.callback(sign_in.consent(sign_in.start()), json_mode=False)
    assert response.status_code == 302
    location = urlsplit(response.headers["location"])
    assert location.path == "/auth/callback" and location.query == ""
    fragment = parse_qs(location.fragment)
    assert set(fragment) == {"accessToken", "refreshToken", "tokenType", "expiresIn"}
    assert response.headers["cache-control"] == "no-store"


def test_denied_consent_ends_in_a_redirect_with_an_error(flow, oauth_provider):
    sign_in = flow("linkedin")
    oauth_provider.deny_next = True
    response = sign_in.callback(sign_in.consent(sign_in.start()), json_mode=False)
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.headers["location"]).fragment) == {"error": ["access_denied"]}


def test_state_is_single_use_and_must_match(flow, gateway_url):
    sign_in = flow("google")
    callback_url = sign_in.consent(sign_in.start())
    assert sign_in.callback(callback_url).status_code == 200
    replay = sign_in.callback(callback_url)
    assert (replay.status_code, replay.json()["error"]) == (400, "invalid_state")
    code = parse_qs(urlsplit(callback_url).query)["code"][0]
    base = f"{gateway_url}/v1/auth/oauth/google/callback"
    assert sign_in.callback(f"{base}?code={code}").json()["error"] == "invalid_state"
    assert sign_in.callback(f"{base}?code={code}&state=forged").json()["error"] == "invalid_state"
    other = flow("github")
    github_callback = other.consent(other.start())
    swapped = github_callback.replace("/github/", "/google/")  # a state issued for another provider
    assert sign_in.callback(swapped).json()["error"] == "invalid_state"


def test_a_wrong_pkce_verifier_is_refused_by_the_provider(flow):
    from vitae.auth import signin
    from vitae.platform import cache

    sign_in = flow("github")
    callback_url = sign_in.consent(sign_in.start())
    state = parse_qs(urlsplit(callback_url).query)["state"][0]
    key = signin.state_key(state)
    stored = json.loads(cache.client().get(key))
    cache.client().set(key, json.dumps({**stored, "verifier": "x" * 64}), ex=60)
    response = sign_in.callback(callback_url)
    assert (response.status_code, response.json()["error"]) == (400, "provider_error")


def test_unknown_providers_are_404(gateway_url):
    response = requests.get(f"{gateway_url}/v1/auth/oauth/myspace", allow_redirects=False, timeout=10)
    assert (response.status_code, response.json()["message"]) == (404, "Sign-in provider myspace is not available")


# -- refresh, sessions, logout -------------------------------------------------------------------


def _refresh(gateway_url: str, refresh_token: str) -> requests.Response:
    return requests.post(f"{gateway_url}/v1/auth/refresh", json={"refreshToken": refresh_token}, timeout=10)


def test_refresh_rotates_and_reuse_revokes_the_whole_family(flow, gateway_url):
    tokens = flow("google").sign_in()
    rotated = _refresh(gateway_url, tokens["refreshToken"])
    assert rotated.status_code == 200
    pair = rotated.json()
    assert pair["refreshToken"] != tokens["refreshToken"] and pair["sessionId"] == tokens["sessionId"]
    assert _me(gateway_url, pair["accessToken"]).status_code == 200
    stolen = _refresh(gateway_url, tokens["refreshToken"])  # the old token, used again
    assert (stolen.status_code, stolen.json()["message"]) == (
        401, "Refresh token reuse detected: the session has been revoked")
    assert _refresh(gateway_url, pair["refreshToken"]).status_code == 401  # the owner's current one too
    assert _me(gateway_url, pair["accessToken"]).status_code == 401  # its access tokens, despite the authorizer cache
    assert _refresh(gateway_url, "x" * 43).json()["message"] == "Invalid refresh token"
    assert _refresh(gateway_url, "short").status_code == 400


def test_sessions_are_per_device_and_logout_ends_only_the_current_one(flow, gateway_url):
    person = _person("google")
    laptop = flow("google", person).sign_in(user_agent="Laptop Firefox")
    phone = flow("google", person).sign_in(user_agent="Phone Safari")
    listed = requests.get(f"{gateway_url}/v1/auth/sessions",
                          headers={"Authorization": f"Bearer {laptop['accessToken']}"}, timeout=10).json()["items"]
    assert {s["userAgent"] for s in listed} == {"Laptop Firefox", "Phone Safari"}
    assert [s["current"] for s in listed if s["id"] == laptop["sessionId"]] == [True]
    assert all(s["provider"] == "google" and s["createdAt"] and s["lastUsedAt"] for s in listed)

    out = requests.post(f"{gateway_url}/v1/auth/logout", headers={"Authorization": f"Bearer {laptop['accessToken']}"},
                        timeout=10)
    assert out.status_code == 204
    # The logout request itself left an authorization for this header in the gateway's cache, so
    # the handler, which checks revocations too, is what refuses it now.
    assert _me(gateway_url, laptop["accessToken"]).status_code == 401
    assert _refresh(gateway_url, laptop["refreshToken"]).json()["message"] == "The session has ended"
    assert _me(gateway_url, phone["accessToken"]).status_code == 200
    still = requests.get(f"{gateway_url}/v1/auth/sessions", headers={"Authorization": f"Bearer {phone['accessToken']}"},
                         timeout=10).json()["items"]
    assert [s["id"] for s in still] == [phone["sessionId"]]


def test_logout_all_ends_every_session(flow, gateway_url):
    person = _person("linkedin")
    first, second = flow("linkedin", person).sign_in(), flow("linkedin", person).sign_in()
    response = requests.post(f"{gateway_url}/v1/auth/logout-all",
                             headers={"Authorization": f"Bearer {first['accessToken']}"}, timeout=10)
    assert (response.status_code, response.json()) == (200, {"revokedSessions": 2})
    assert _me(gateway_url, first["accessToken"]).status_code == 401  # cached authorization, refused by the handler
    assert _me(gateway_url, second["accessToken"]).status_code == 403  # refused by the authorizer
    for tokens in (first, second):
        assert _refresh(gateway_url, tokens["refreshToken"]).status_code == 401


def test_no_token_secret_or_code_reaches_the_logs(flow, gateway_url, capfd):
    from tests.fakes.oauth import CLIENT_SECRET

    sign_in = flow("github")
    authorize_url = sign_in.start()
    callback_url = sign_in.consent(authorize_url)
    query = parse_qs(urlsplit(callback_url).query)
    tokens = sign_in.callback(callback_url).json()
    rotated = _refresh(gateway_url, tokens["refreshToken"]).json()
    _refresh(gateway_url, tokens["refreshToken"])  # reuse: logged as a warning, without the token
    forged = {"Authorization": f"Bearer {rotated['accessToken']}x"}
    requests.get(f"{gateway_url}/v1/auth/me", headers=forged, timeout=10)
    out, err = capfd.readouterr()
    logs = out + err
    assert "[gateway] GET /v1/auth/oauth/github/callback -> 200" in logs  # the logs were captured
    for secret in (tokens["accessToken"], tokens["refreshToken"], rotated["accessToken"], rotated["refreshToken"],
                   query["code"][0], query["state"][0], CLIENT_SECRET):
        assert secret not in logs


# -- issue 11, kind 3: identity edge cases -------------------------------------------------------


def _bearer(access_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token}"}


@pytest.mark.parametrize("verified", ["false", "False", "true", "0", 1, "yes", None, [True]])
def test_a_provider_saying_email_verified_other_than_true_signs_nobody_in(verified, flow, gateway_url, token):
    """The issue's example: `email_verified: "false"` (a string, truthy in Python) counted as verified
    and signed the caller into the existing account with that email."""
    from vitae.platform import db

    existing_id, email = str(uuid.uuid4()), f"{uuid.uuid4().hex[:10]}@example.com"
    owner = requests.post(f"{gateway_url}/v1/users", headers=_bearer(token(user_id=existing_id, email=email)),
                          json={"email": email, "profile": {"fullName": "Account Owner"}}, timeout=10)
    assert owner.status_code == 201, owner.text
    sign_in = flow("google", _person("google", email=email, claims={"email_verified": verified}))
    response = sign_in.callback(sign_in.consent(sign_in.start()), json_mode=False)
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.headers["location"]).fragment) == {"error": ["email_not_verified"]}
    sessions = db.connection().execute("SELECT count(*) AS n FROM auth_sessions WHERE user_id = %s",
                                       (existing_id,)).fetchone()
    assert sessions["n"] == 0
    assert _users_with_email(email) == [{"id": existing_id, "full_name": "Account Owner"}]


@pytest.mark.parametrize("provider, claims, error", [
    ("google", {"sub": None}, "provider_error"),
    ("linkedin", {"sub": ""}, "provider_error"),
    ("linkedin", {"sub": {"id": 1}}, "provider_error"),
    ("github", {"id": None}, "provider_error"),
    ("google", {"email": None}, "email_not_verified"),
    ("linkedin", {"email": 42}, "email_not_verified"),
    ("google", {"email": "not an email"}, "email_not_verified"),
    ("google", {"email": "a\u0000@example.com"}, "email_not_verified"),
])
def test_userinfo_without_a_subject_or_an_email_ends_in_the_error_redirect(provider, claims, error, flow):
    """The issue's example: userinfo without `sub` (or without an email) answered 500."""
    person = _person(provider, claims=claims)
    sign_in = flow(provider, person)
    response = sign_in.callback(sign_in.consent(sign_in.start()), json_mode=False)
    assert response.status_code == 302, response.text
    assert parse_qs(urlsplit(response.headers["location"]).fragment) == {"error": [error]}


def test_a_token_naming_a_session_that_never_existed_or_another_users_is_refused(flow, gateway_url):
    """The issue's example: an access token naming a session that never existed was accepted."""
    from vitae.platform.tokens import issue_access_token

    real = flow("google").sign_in()
    user_id = str(uuid.uuid4())
    invented = issue_access_token(user_id, "x@example.com", session_id=str(uuid.uuid4()))
    stolen_session = issue_access_token(user_id, "x@example.com", session_id=real["sessionId"])
    for access_token in (invented, stolen_session):
        assert _me(gateway_url, access_token).status_code == 403
        assert requests.post(f"{gateway_url}/v1/users", headers=_bearer(access_token), timeout=10,
                             json={"email": "x@example.com", "profile": {"fullName": "Nobody"}}).status_code == 403
    assert _users_with_email("x@example.com") == []
    assert _me(gateway_url, real["accessToken"]).status_code == 200


@pytest.mark.parametrize("subject", ["admin", "1", "../users", "kc-7f3e"])
def test_a_valid_token_whose_subject_is_not_a_uuid_is_refused_everywhere(subject, gateway_url, devstack):
    """The issue's example: such a token passed the authorizer and every data route answered 500."""
    import jwt

    from vitae.platform.config import jwt_secret, settings

    now = int(time.time())
    forged_by_us = jwt.encode({"iss": settings().jwt_issuer, "aud": settings().jwt_audience, "sub": subject,
                               "typ": "access", "role": "user", "iat": now, "exp": now + 300},
                              jwt_secret(), algorithm="HS256")
    for route in devstack.stack.routes():
        if route.authorizer:
            path = re.sub(r"\{\w+\+?\}", str(uuid.uuid4()), route.path)
            response = requests.request(route.method, f"{gateway_url}{path}", headers=_bearer(forged_by_us),
                                        json={}, timeout=10)
            assert (response.status_code, response.json()) == (403, {"message": "Forbidden"}), route.route_key


def test_deleting_a_user_ends_every_session_and_token_at_once(flow, gateway_url, token, oauth_provider):
    """The issue's example: a deleted user's access tokens kept working for reads and writes and
    their sessions stayed listed. Every kind of token is refused, whether the gateway has a cached
    authorization for it (the handler refuses) or not (the authorizer does)."""
    from vitae.platform import db

    email, external_id = f"{uuid.uuid4().hex[:10]}@example.com", f"kc-{uuid.uuid4()}"
    service = {"Authorization": f"Bearer {token(role='service')}"}
    user = requests.post(f"{gateway_url}/v1/users", headers=service, timeout=10, json={
        "email": email, "keycloakId": external_id, "profile": {"fullName": "Grace Hopper"}}).json()
    person = _person("google", email=email)
    laptop, phone = flow("google", person).sign_in(), flow("google", person).sign_in()
    assert laptop["userId"] == user["id"] == phone["userId"]
    tokens = {
        "laptop session": laptop["accessToken"], "phone session": phone["accessToken"],
        "tool token": token(user_id=user["id"], email=email),
        "external issuer": oauth_provider.mint(external_id, email=email, jti=str(uuid.uuid4())),
        "external issuer, first used after": oauth_provider.mint(external_id, email=email, jti=str(uuid.uuid4())),
        "tool token, first used after": token(user_id=user["id"], email=email),
    }
    for name, access_token in tokens.items():
        if "first used after" not in name:  # leaves an authorization in the gateway's cache
            assert _me(gateway_url, access_token).json()["userId"] == user["id"], name

    assert requests.delete(f"{gateway_url}/v1/users/{user['id']}", headers=_bearer(laptop["accessToken"]),
                           timeout=10).status_code == 200

    for name, access_token in tokens.items():
        read = requests.get(f"{gateway_url}/v1/resumes", headers=_bearer(access_token), timeout=10)
        write = requests.post(f"{gateway_url}/v1/resumes", headers=_bearer(access_token), timeout=10,
                              json={"title": f"Written by the {name}"})
        expected = 403 if "first used after" in name else 401
        assert (read.status_code, write.status_code) == (expected, expected), name
        assert requests.get(f"{gateway_url}/v1/auth/sessions", headers=_bearer(access_token),
                            timeout=10).status_code == expected, name
    written = db.connection().execute("SELECT count(*) AS n FROM resumes WHERE user_id = %s", (user["id"],)).fetchone()
    assert written["n"] == 0
    sessions = db.connection().execute(
        "SELECT revoke_reason FROM auth_sessions WHERE user_id = %s", (user["id"],)).fetchall()
    assert [s["revoke_reason"] for s in sessions] == ["user_deleted", "user_deleted"]
    for pair in (laptop, phone):
        assert _refresh(gateway_url, pair["refreshToken"]).json()["message"] == "The session has ended"


def test_a_new_sign_in_after_deletion_is_a_new_account_whose_tokens_work(flow, gateway_url):
    person = _person("github")
    first = flow("github", person).sign_in()
    assert requests.delete(f"{gateway_url}/v1/users/{first['userId']}", headers=_bearer(first["accessToken"]),
                           timeout=10).status_code == 200
    second = flow("github", person).sign_in()
    assert second["userId"] != first["userId"]
    assert _me(gateway_url, second["accessToken"]).json()["userId"] == second["userId"]
    assert _me(gateway_url, first["accessToken"]).status_code == 401
