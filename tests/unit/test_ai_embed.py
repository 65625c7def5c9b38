"""`ai.embed` against the fake Ollama (an in-process HTTP server): the request Ollama's /api/embed
takes, vectors checked for count, size and finiteness, bounded retries."""

import pytest

from tests.fakes.ollama import EMBED, hashed_embedding
from vitae.platform import ai, config


@pytest.fixture
def ollama(ollama, monkeypatch):
    monkeypatch.setenv("OLLAMA_EMBED_MODEL", "embedder:v2")
    config.settings.cache_clear()
    return ollama


def test_texts_are_embedded_in_order_by_the_configured_model_at_768_dimensions(ollama):
    vectors = ai.embed(["registered nurse", "backend engineer"])
    assert vectors == [pytest.approx(hashed_embedding("registered nurse")),
                       pytest.approx(hashed_embedding("backend engineer"))]
    [(path, request)] = ollama.requests
    assert path == EMBED
    assert request == {"model": "embedder:v2", "input": ["registered nurse", "backend engineer"], "truncate": True,
                       "dimensions": 768}


@pytest.mark.parametrize(("embeddings", "message"), [
    ([[0.1] * 1024], r"1 embeddings of \[1024\] dimensions for 1 texts; recommendations need 768"),
    ([], r"0 embeddings of \[\] dimensions for 1 texts"),
    ([[float("nan")] + [0.0] * 767], "NaN, infinite or out-of-range"),
    ([[1e39] + [0.0] * 767], "NaN, infinite or out-of-range"),
    ([[0.0] * 768], "a zero vector"),
])
def test_a_reply_of_the_wrong_count_size_or_values_is_refused(ollama, embeddings, message):
    ollama.reply(EMBED, {"model": "embedder:v2", "embeddings": embeddings})
    with pytest.raises(ai.AiInvalidReply, match=message):
        ai.embed(["a nurse"])


def test_server_errors_are_retried_up_to_the_attempts_then_unavailable(ollama):
    ollama.fault("error", 500)
    with pytest.raises(ai.AiUnavailable, match=r"Ollama failed \(500\)"):
        ai.embed(["a nurse"])
    assert len(ollama.requests) == 2  # AI_MAX_ATTEMPTS in the fixture


def test_without_ollama_host_it_is_unavailable(monkeypatch):
    monkeypatch.delenv("OLLAMA_HOST", raising=False)
    config.settings.cache_clear()
    with pytest.raises(ai.AiUnavailable, match="OLLAMA_HOST is not configured"):
        ai.embed(["a nurse"])
    config.settings.cache_clear()


def test_every_client_verifies_tls_with_one_context_made_as_httpx_makes_it(ollama, monkeypatch):
    import ssl

    import httpx

    made = []
    real = httpx.create_ssl_context
    monkeypatch.setattr(httpx, "create_ssl_context", lambda *args, **kwargs: made.append(args) or real(*args, **kwargs))
    ai._tls_context.cache_clear()
    try:
        ai.embed(["a nurse"])
        ai.embed(["an engineer"])
        assert len(ollama.requests) == 2 and made == [()]  # one context for both clients, httpx's defaults
        context, default = ai._tls_context(), real()
        assert context.verify_mode == default.verify_mode == ssl.CERT_REQUIRED
        assert context.check_hostname and context.cert_store_stats() == default.cert_store_stats()
        assert context.minimum_version == default.minimum_version
    finally:
        ai._tls_context.cache_clear()
