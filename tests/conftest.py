"""Shared fixtures. Unit tests need none of the services; integration and e2e tests share one
devstack per session: real PostgreSQL and Redis (embedded unless DATABASE_URL / REDIS_URL are set),
LocalStack in host mode (started here unless AWS_ENDPOINT_URL is set) and a fake Ollama."""

from __future__ import annotations

import base64
import io
import logging
import os
import secrets
import uuid

import pytest

from tests.fakes.oauth import FakeOAuthProvider
from tests.fakes.ollama import FakeOllama

# Fixed before anything reads settings: the tests sign their own tokens with this.
os.environ.setdefault("JWT_SECRET", secrets.token_urlsafe(32))
os.environ.setdefault("TOKEN_ENCRYPTION_KEY", base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())  # Fernet
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
# Every test request comes from 127.0.0.1; the rate limiter's own tests lower these limits.
os.environ.setdefault("RATE_LIMIT_IP_MAX", "1000000")
os.environ.setdefault("RATE_LIMIT_AUTH_MAX", "1000000")
os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")
os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")


def reset_platform_caches() -> None:
    """Forget clients and settings built from an earlier environment."""
    from vitae.auth import oauth
    from vitae.platform import cache, config, consumers, db, events, health, storage, tokens

    oauth._configured.cache_clear()
    tokens._jwks.cache_clear()
    config.settings.cache_clear()
    config._ssm_parameter.cache_clear()
    config._ssm.cache_clear()
    cache.client.cache_clear()
    storage.s3.cache_clear()
    events._eventbridge.cache_clear()
    consumers._sqs.cache_clear()
    health._sqs.cache_clear()
    db.close()


@pytest.fixture(scope="session")
def fake_ollama():
    with FakeOllama() as server:
        yield server


@pytest.fixture
def setting(monkeypatch):
    """setting(NAME="value", ...): environment variables set for this test and the settings read anew."""
    from vitae.platform import config

    def set_(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)
        config.settings.cache_clear()

    yield set_
    monkeypatch.undo()
    config.settings.cache_clear()


@pytest.fixture
def no_ollama(monkeypatch):
    """Ollama unreachable: OLLAMA_HOST is a port nothing listens on."""
    from vitae.platform import config
    from vitae_devstack.services import free_port

    monkeypatch.setenv("OLLAMA_HOST", f"http://127.0.0.1:{free_port()}")
    config.settings.cache_clear()
    yield
    monkeypatch.undo()
    config.settings.cache_clear()


@pytest.fixture
def ollama(fake_ollama, monkeypatch):
    """The fake Ollama as OLLAMA_HOST, with nothing scripted and test-sized AI settings."""
    from vitae.platform import config

    monkeypatch.setenv("OLLAMA_HOST", fake_ollama.url)
    monkeypatch.setenv("AI_MAX_ATTEMPTS", "2")
    monkeypatch.setenv("AI_TIMEOUT_SECONDS", "10")
    config.settings.cache_clear()
    fake_ollama.reset()
    yield fake_ollama
    fake_ollama.reset()
    monkeypatch.undo()
    config.settings.cache_clear()


@pytest.fixture(scope="session")
def oauth_provider():
    """Fake Google, GitHub and LinkedIn, and an external OIDC issuer with a JWKS endpoint."""
    with FakeOAuthProvider() as provider:
        yield provider


@pytest.fixture(scope="session")
def fake_github():
    """A fake GitHub REST API (tests.fakes.github) every function of the devstack is pointed at."""
    from tests.fakes.github import FakeGitHub

    with FakeGitHub() as server:
        yield server


@pytest.fixture(scope="session")
def localstack(tmp_path_factory):
    url = os.environ.get("AWS_ENDPOINT_URL")
    if url:
        yield url
        return
    from vitae_devstack.services import start_localstack

    url, process = start_localstack(tmp_path_factory.mktemp("localstack"))
    os.environ["AWS_ENDPOINT_URL"] = url
    yield url
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="session")
def devstack(localstack, fake_ollama, fake_github, oauth_provider, tmp_path_factory):
    """Services up, the template's resources created under a unique stage, schema migrated."""
    from vitae_devstack.stack import Devstack

    os.environ["OLLAMA_HOST"] = fake_ollama.url
    os.environ["GITHUB_API_URL"] = fake_github.url
    os.environ["OAUTH_PROVIDERS"] = oauth_provider.providers_config()
    os.environ["OIDC_ISSUER"] = oauth_provider.issuer
    os.environ["OIDC_JWKS_URL"] = f"{oauth_provider.issuer}/jwks"
    os.environ["OIDC_AUDIENCE"] = "vitae"
    os.environ["OIDC_JWKS_REFRESH_COOLDOWN_SECONDS"] = "0"  # rotations are picked up at once in tests
    stack = Devstack(stage=f"t{uuid.uuid4().hex[:8]}", state_dir=tmp_path_factory.mktemp("devstack"),
                     retry_delay_seconds=0)
    stack.start_services()
    stack.provision()
    os.environ.update(stack.local_environment())  # for the services and handlers tests call in this process
    reset_platform_caches()
    stack.migrate()
    stack.seed_demo_user()
    yield stack
    stack.stop()


@pytest.fixture(scope="module")
def gateway_url(devstack):
    """The devstack's HTTP gateway and event pump, running in background threads for one module
    (so tests elsewhere can read the template's queues without the pump competing)."""
    from vitae_devstack.services import free_port

    yield devstack.serve(port=free_port())
    devstack.stop_serving()


def username_of(user_id: str) -> str:
    """The username `new_user` gives the user `user_id` (the name of their public page)."""
    return f"u{uuid.UUID(user_id).hex[:12]}"


@pytest.fixture
def new_user(devstack):
    """Users registered straight in the database: new_user() -> the id of a new user named Ada
    Lovelace, with an email and a username (username_of(id)) of their own."""
    from vitae.platform import db

    def make() -> str:
        user_id = str(uuid.uuid4())
        with db.transaction() as conn:
            conn.execute("INSERT INTO users (id, email, username, full_name) VALUES (%s, %s, %s, 'Ada Lovelace')",
                         (user_id, f"{user_id[:12]}@example.com", username_of(user_id)))
        return user_id

    return make


@pytest.fixture
def user(new_user) -> str:
    """The id of one registered user (new_user)."""
    return new_user()


@pytest.fixture
def token():
    """Sign access tokens for arbitrary principals: token(user_id=..., role=...)."""
    from vitae.platform.auth import Role
    from vitae.platform.tokens import issue_access_token

    def make(user_id: str | None = None, email: str | None = "someone@example.com", role: str = "user",
             ttl_seconds: int | None = None) -> str:
        return issue_access_token(user_id or str(uuid.uuid4()), email, Role(role), ttl_seconds)

    return make


@pytest.fixture
def logs():
    """Every log line of the root and "vitae" loggers (Powertools' "vitae" does not propagate), at DEBUG."""
    from vitae.platform.observability import logger

    # The Logger is made at its first use and then sets the level of "vitae" (INFO): made during the
    # test it would drop its DEBUG records, and the level put back after it would be the stand-in's.
    logger.registered_handler  # noqa: B018
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    handler.setLevel(logging.DEBUG)
    loggers = [logging.getLogger(), logging.getLogger("vitae")]
    levels = [log.level for log in loggers]
    for log in loggers:
        log.addHandler(handler)
        log.setLevel(logging.DEBUG)
    yield written
    for log, level in zip(loggers, levels, strict=True):
        log.removeHandler(handler)
        log.setLevel(level)
