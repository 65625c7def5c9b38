"""`ai.reachable`, the health check's Ollama probe by the standard library: against the fake Ollama
(an in-process HTTP server), each way the server can fail named as before (the client's
ConnectionError for a refused connection), and the server's address made as the client makes it."""

import re
import sys

import pytest

from vitae.platform import ai
from vitae_devstack.services import free_port


def test_a_server_listing_its_models_is_reachable(ollama):
    assert ai.reachable() is None
    assert [path for path, _ in ollama.requests] == ["/api/tags"]


def test_an_error_status_is_not_reachable(ollama):
    ollama.fault("error", 500)
    with pytest.raises(ai.ResponseError) as raised:
        ai.reachable()
    assert raised.value.status_code == 500


def _failure(probe) -> str:
    try:
        probe()
    except Exception as error:
        return type(error).__name__
    return "none"


@pytest.mark.parametrize("fault", [("error", 500), ("error", 404), ("slow", 1.0), ("malformed", None)])
def test_each_failure_is_named_as_the_client_named_it(ollama, setting, fault):
    """The health check answers a failing component's `error` with the exception's name: the probe
    by the standard library keeps the names the client gave (ResponseError, not urllib's HTTPError;
    httpx's ReadTimeout, not TimeoutError)."""
    setting(DEPENDENCY_TIMEOUT_SECONDS="0.2")
    ollama.fault(*fault)
    assert _failure(ai.reachable) == _failure(ai.ping) != "none"


def test_a_refused_connection_is_named_as_the_client_named_it(setting):
    setting(OLLAMA_HOST=f"http://127.0.0.1:{free_port()}")
    assert _failure(ai.reachable) == _failure(ai.ping) == "ConnectionError"


def test_an_api_key_is_sent_as_the_client_sends_it(ollama, monkeypatch):
    """OLLAMA_API_KEY (an Ollama behind a gateway, or ollama.com): the client sends it as a bearer
    token; a probe without it was refused (401) by a server the AI features reach."""
    monkeypatch.setenv("OLLAMA_API_KEY", "key-1")
    ai.reachable()
    ai.ping()
    assert ollama.authorizations == ["Bearer key-1", "Bearer key-1"]


@pytest.mark.parametrize("reply", [{"error": "nothing here"}, ["llama3.2"]])
def test_an_answer_without_a_list_of_models_is_not_reachable(ollama, reply):
    ollama.reply("/api/tags", reply)
    with pytest.raises(ValueError, match="without a list of models"):
        ai.reachable()


def test_malformed_json_is_not_reachable(ollama):
    ollama.fault("malformed")
    with pytest.raises(ValueError):
        ai.reachable()


def test_a_refused_connection_is_a_connection_error_as_the_client_raises(setting):
    setting(OLLAMA_HOST=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(ConnectionError, match="Failed to connect to Ollama"):
        ai.reachable()


def test_a_server_slower_than_the_dependency_timeout_is_a_timeout(ollama, setting):
    setting(DEPENDENCY_TIMEOUT_SECONDS="0.2")
    ollama.fault("slow", 1.0)
    with pytest.raises(TimeoutError):
        ai.reachable()


def test_without_a_host_ollama_is_unavailable(setting, monkeypatch):
    monkeypatch.delenv("OLLAMA_HOST", raising=False)
    setting()
    with pytest.raises(ai.AiUnavailable, match="OLLAMA_HOST is not configured"):
        ai.reachable()


def test_the_address_is_the_one_the_client_makes_of_ollama_host():
    import ollama._client  # noqa: F401  (the module: `ollama._client` the attribute is a Client)

    parse_host = sys.modules["ollama._client"]._parse_host
    cases = re.findall(r">>> _parse_host\('([^']*)'\)\n\s*'([^']*)'", parse_host.__doc__)
    assert len(cases) > 20
    for host, expected in [*cases, ("http://127.0.0.1:9", "http://127.0.0.1:9"), ("localhost", None)]:
        assert ai.base_url(host) == parse_host(host) == (expected or parse_host(host)), host
