"""Secrets from the environment or SSM (moto in-process), and the one failure path they share: a
secret that is not there is NotConfigured, one that cannot be read in time is Unavailable. Sign-in
shows how callers degrade on each: no providers is 404 as the README promises, unreadable is 503."""

import importlib.util
import json
import socket
import threading
import time
from pathlib import Path

import pytest
from botocore.stub import Stubber
from moto import mock_aws

from tests.samples import sample
from vitae.platform import config
from vitae.platform.errors import NotConfigured, Unavailable
from vitae_devstack.container import LambdaContext

PARAM = "/vitae/test/oauth-providers"
PROVIDERS = {"github": {"clientId": "gh-client", "clientSecret": "gh-secret"}}


@pytest.fixture
def env(monkeypatch):
    """env(NAME=value, OTHER=None): set (None: remove) environment variables, with every client and
    setting built from the old environment forgotten, then and after the test."""
    from vitae.auth import oauth
    from vitae.platform import cache

    def forget() -> None:
        for cached in (config.settings, config._ssm, config._ssm_parameter, oauth._configured, cache.client):
            cached.cache_clear()

    def apply(**variables: str | None) -> None:
        for name, value in variables.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        forget()

    apply(AWS_ENDPOINT_URL=None, OAUTH_PROVIDERS=None, OAUTH_PROVIDERS_PARAM=None)
    yield apply
    monkeypatch.undo()
    forget()


@pytest.fixture
def ssm(env):
    with mock_aws():
        import boto3

        yield boto3.client("ssm", region_name=config.settings().aws_region)


def test_a_secret_given_directly_is_used_without_asking_ssm(env, ssm):
    env(OAUTH_PROVIDERS='{"direct": {}}', OAUTH_PROVIDERS_PARAM="/nowhere")
    assert config.oauth_providers() == '{"direct": {}}'


def test_a_secret_comes_decrypted_from_its_ssm_parameter(env, ssm):
    ssm.put_parameter(Name=PARAM, Value=json.dumps(PROVIDERS), Type="SecureString")
    env(OAUTH_PROVIDERS_PARAM=PARAM)
    assert json.loads(config.oauth_providers()) == PROVIDERS


def test_a_secret_set_nowhere_or_a_missing_parameter_is_not_configured(env, ssm):
    with pytest.raises(NotConfigured, match="oauth_providers is not configured: set OAUTH_PROVIDERS or "
                                            "OAUTH_PROVIDERS_PARAM") as unset:
        config.oauth_providers()
    assert unset.value.dependency == "oauth_providers"
    env(OAUTH_PROVIDERS_PARAM=PARAM)
    with pytest.raises(NotConfigured) as missing:
        config.oauth_providers()
    assert missing.value.dependency == "ssm" and "ParameterNotFound" in missing.value.reason
    assert PARAM not in missing.value.message  # the message may reach a client; the reason is for logs


@pytest.mark.parametrize("code", ["AccessDeniedException", "ThrottlingException", "InternalServerError"])
def test_a_parameter_that_cannot_be_read_is_unavailable_not_missing(env, ssm, code):
    env(OAUTH_PROVIDERS_PARAM=PARAM)
    with Stubber(config._ssm()) as stub:
        stub.add_client_error("get_parameter", service_error_code=code, http_status_code=400)
        with pytest.raises(Unavailable) as refused:
            config.oauth_providers()
    assert not isinstance(refused.value, NotConfigured)
    assert refused.value.dependency == "ssm" and code in refused.value.reason


@pytest.fixture
def silent_endpoint():
    """An endpoint that accepts connections and never answers; yields (url, connections accepted)."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:  # the server socket was closed: the test is over
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", accepted
    server.shutdown(socket.SHUT_RDWR)  # wakes the accept() up
    server.close()
    thread.join(timeout=5)
    for connection in accepted:
        connection.close()


def test_ssm_reads_are_bounded_by_the_dependency_timeout_with_one_retry(env, silent_endpoint):
    url, accepted = silent_endpoint
    env(AWS_ENDPOINT_URL=url, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
        DEPENDENCY_TIMEOUT_SECONDS="0.2", OAUTH_PROVIDERS_PARAM=PARAM)
    started = time.monotonic()
    with pytest.raises(Unavailable) as timed_out:
        config.oauth_providers()
    assert time.monotonic() - started < 5  # botocore's defaults: 60 s per read, several retries
    assert "ReadTimeoutError" in timed_out.value.reason
    assert len(accepted) == 2  # the first attempt and one retry


# -- sign-in degrades on each ------------------------------------------------------------------------


def _oauth_start():
    path = Path(__file__).resolve().parents[2] / "functions" / "auth" / "oauth_start" / "app.py"
    spec = importlib.util.spec_from_file_location("oauth_start_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.handler


def _start_sign_in() -> tuple[int, dict]:
    response = _oauth_start()(sample("auth/oauth_start"), LambdaContext("OAuthStartFunction", 128, 3))
    return response["statusCode"], json.loads(response["body"] or "null")


def test_sign_in_without_providers_is_404_whether_unset_or_the_parameter_is_missing(env, ssm):
    status, body = _start_sign_in()
    assert (status, body["message"]) == (404, "Sign-in provider github is not available")
    env(OAUTH_PROVIDERS_PARAM=PARAM)  # named by the template, never created (a plain `make dev`)
    status, body = _start_sign_in()
    assert (status, body["message"]) == (404, "Sign-in provider github is not available")


def test_sign_in_answers_503_when_the_providers_cannot_be_read(env, ssm):
    env(OAUTH_PROVIDERS_PARAM=PARAM)
    with Stubber(config._ssm()) as stub:
        stub.add_client_error("get_parameter", service_error_code="AccessDeniedException", http_status_code=400)
        status, body = _start_sign_in()
    assert (status, body["error"], body["message"]) == (
        503, "sign_in_unavailable", "Sign-in is temporarily unavailable")


def test_providers_read_from_ssm_are_used_and_redis_down_is_503(env, ssm):
    from vitae.auth import oauth

    ssm.put_parameter(Name=PARAM, Value=json.dumps(PROVIDERS), Type="SecureString")
    env(OAUTH_PROVIDERS_PARAM=PARAM, REDIS_URL="redis://127.0.0.1:1/0", REDIS_URL_PARAM=None)
    assert (oauth.provider("github").client_id, oauth.provider("google")) == ("gh-client", None)
    status, body = _start_sign_in()  # the single-use state cannot be kept
    assert (status, body["error"]) == (503, "sign_in_unavailable")
