"""Redis down (an unreachable REDIS_URL): every caller of the cache degrades as DESIGN.md 3 says,
against the real PostgreSQL. Requests are answered, rate limits skipped and logged, cached reads
come from the database and writes skip the cache, counts go straight to PostgreSQL, the session
revocation check fails open, and sign-in alone answers 503 (its single-use state lives in Redis)."""

import json
import socket
import threading
import uuid

import pytest

from tests.samples import sample, with_bearer
from vitae.platform import db
from vitae_devstack.services import free_port


@pytest.fixture(params=["unreachable", "url-not-configured", "url-parameter-unreadable"])
def redis_down(request, devstack, monkeypatch, caplog):
    """No Redis for this test: its URL points nowhere, is not set at all, or is an SSM parameter
    that cannot be read (the test LocalStack runs no SSM). Returns the warnings logged so far."""
    from vitae.platform import cache, config

    if request.param == "unreachable":
        monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    else:
        monkeypatch.delenv("REDIS_URL")
        if request.param == "url-not-configured":
            monkeypatch.delenv("REDIS_URL_PARAM", raising=False)
        else:
            monkeypatch.setenv("REDIS_URL_PARAM", "/vitae/test/redis-url")

    def forget() -> None:
        for cached in (config.settings, config._ssm, config._ssm_parameter, cache.client):
            cached.cache_clear()

    forget()
    yield lambda: [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    monkeypatch.undo()
    forget()


def _rows(sql: str, *args) -> list[dict]:
    return db.connection().execute(sql, args).fetchall()


def _invoke(devstack, token, function: str, name: str, user_id: str | None = None, session_id: str = "",
            body=None, path: dict | None = None) -> dict:
    """`function` invoked with the sample event `name`, as `user_id` (None: the sample's caller)."""
    event = sample(name)
    if user_id:
        with_bearer(event, token(user_id=user_id))
        event["requestContext"]["authorizer"]["lambda"].update(userId=user_id, sessionId=session_id)
    if body is not None:
        event["body"] = json.dumps(body)
    if path is not None:
        event["pathParameters"] = path
    response = devstack.invoke_in_process(function, event)
    return {**response, "json": json.loads(response["body"]) if response.get("body") else None}


def test_preferences_are_saved_and_read_from_postgresql_with_the_limit_and_cache_skipped(devstack, token, user,
                                                                                       redis_down):
    saved = _invoke(devstack, token, "SavePreferencesFunction", "resumes/preferences_save", user,
                    body={"theme": "dark", "timezone": "Europe/Paris"})
    assert saved["statusCode"] == 200, saved["json"]
    assert _rows("SELECT theme, timezone FROM user_preferences WHERE user_id = %s", user) == [
        {"theme": "dark", "timezone": "Europe/Paris"}]
    read = _invoke(devstack, token, "GetPreferencesFunction", "resumes/preferences_get", user)
    assert (read["statusCode"], read["json"]["theme"]) == (200, "dark")
    assert "RateLimit-Limit" not in read["headers"] and "ratelimit-limit" not in read["headers"]
    warnings = redis_down()
    assert warnings.count("rate limit not applied: cache unavailable") == 2
    assert {"cache invalidation failed", "cache read failed, using the database"} <= set(warnings)


def test_downloads_are_counted_in_postgresql_and_statistics_still_answer(devstack, token, user, redis_down):
    created = _invoke(devstack, token, "CreateResumeFunction", "resumes/create", user)
    assert created["statusCode"] == 201, created["json"]
    resume_id = created["json"]["id"]
    exported = _invoke(devstack, token, "ExportResumeFunction", "resumes/export", user, path={"id": resume_id})
    assert exported["statusCode"] == 200 and exported["json"]["format"] == "pdf"
    assert _rows("SELECT views, downloads FROM resume_statistics WHERE resume_id = %s", resume_id) == [
        {"views": 0, "downloads": 1}]
    statistics = _invoke(devstack, token, "ResumeStatisticsFunction", "resumes/statistics", user,
                         path={"id": resume_id})
    assert (statistics["statusCode"], statistics["json"]["downloads"]) == (200, 1)
    assert {"statistics counted in the database: cache unavailable",
            "statistics without the counts waiting in the cache"} <= set(redis_down())


def test_logout_ends_the_session_in_postgresql_and_the_revocation_check_fails_open(devstack, token, user,
                                                                                   redis_down):
    session_id = str(uuid.uuid4())
    with db.transaction() as conn:
        conn.execute("INSERT INTO auth_sessions (id, user_id, expires_at) VALUES (%s, %s, now() + interval '1 day')",
                     (session_id, user))
    out = _invoke(devstack, token, "LogoutFunction", "auth/logout", user, session_id=session_id)
    assert out["statusCode"] == 204, out["json"]
    assert _rows("SELECT revoke_reason FROM auth_sessions WHERE id = %s", session_id) == [{"revoke_reason": "logout"}]
    warnings = redis_down()
    assert "session revocation not checked: cache unavailable" in warnings
    assert "could not mark sessions revoked; their access tokens live until expiry" in warnings


def test_sign_in_is_503_and_its_callback_redirects_with_temporarily_unavailable(devstack, redis_down):
    started = devstack.invoke_in_process("OAuthStartFunction", sample("auth/oauth_start"))
    body = json.loads(started["body"])
    assert (started["statusCode"], body["error"], body["message"]) == (
        503, "sign_in_unavailable", "Sign-in is temporarily unavailable")
    callback = devstack.invoke_in_process("OAuthCallbackFunction", sample("auth/oauth_callback"))
    assert (callback["statusCode"], json.loads(callback["body"])["error"]) == (400, "temporarily_unavailable")


class HungRedis:
    """A TCP server that takes connections and never answers, as a Redis that hangs (stopped, or
    behind a network black hole) does; counts the connections made to it."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.url = f"redis://127.0.0.1:{self.server.getsockname()[1]}/0"
        self.accepted: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                self.accepted.append(self.server.accept()[0])
            except OSError:  # closed
                return

    def close(self) -> None:
        self.server.close()
        for connection in self.accepted:
            connection.close()


@pytest.fixture
def hung_redis(devstack, monkeypatch):
    from vitae.platform import cache, config

    hung = HungRedis()
    monkeypatch.setenv("REDIS_URL", hung.url)
    monkeypatch.setenv("DEPENDENCY_TIMEOUT_SECONDS", "0.2")

    def forget() -> None:
        for cached in (config.settings, cache.client):
            cached.cache_clear()

    forget()
    yield hung
    monkeypatch.undo()
    forget()
    hung.close()


@pytest.mark.parametrize("retry_after", ["60", "0"])
def test_a_hung_redis_costs_one_timeout_then_is_left_alone_for_a_while(devstack, token, user, hung_redis,
                                                                       monkeypatch, retry_after):
    from vitae.platform.config import settings

    monkeypatch.setenv("CACHE_RETRY_AFTER_SECONDS", retry_after)
    settings.cache_clear()
    for _ in range(2):  # each touches Redis several times: session revocation, the IP limit, the cached read
        read = _invoke(devstack, token, "GetPreferencesFunction", "resumes/preferences_get", user)
        assert read["statusCode"] == 200 and read["json"]["theme"] == "system"
    if retry_after == "60":  # one timeout, no retries; then Redis is left alone
        assert len(hung_redis.accepted) == 1
    else:  # without the pause, every call waits for its own timeout
        assert len(hung_redis.accepted) >= 4
