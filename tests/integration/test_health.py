"""GET /v1/health against the real dependencies, and with each one taken away."""

import json

import pytest
import redis

from tests.samples import sample
from vitae_devstack.services import free_port


@pytest.fixture
def health(devstack):
    def run() -> tuple[int, dict]:
        response = devstack.invoke_in_process("HealthFunction", sample("platform/health"))
        return response["statusCode"], json.loads(response["body"])

    return run


def test_everything_up_is_ok(health, fake_ollama):
    fake_ollama.fault(None)
    status, body = health()
    assert status == 200
    assert body["status"] == "ok"
    assert {name: c["status"] for name, c in body["components"].items()} == {
        "database": "ok", "cache": "ok", "storage": "ok", "queue": "ok", "ollama": "ok"}
    assert body["components"]["ollama"]["required"] is False
    assert all(c["latencyMs"] >= 0 for c in body["components"].values())


def test_ollama_down_is_reported_but_not_unhealthy(health, fake_ollama):
    fake_ollama.fault("error", 500)
    try:
        status, body = health()
    finally:
        fake_ollama.fault(None)
    assert status == 200
    assert body["status"] == "ok"
    assert body["components"]["ollama"]["status"] == "down"
    assert body["components"]["ollama"]["error"] == "ResponseError"  # as the client named an error status


def test_cache_down_is_degraded(health, monkeypatch):
    from vitae.platform import cache

    dead = redis.Redis(port=free_port(), socket_connect_timeout=0.5)
    monkeypatch.setattr(cache, "client", lambda: dead)
    status, body = health()
    assert status == 503
    assert body["status"] == "degraded"
    assert body["components"]["cache"] == {**body["components"]["cache"], "status": "down", "error": "ConnectionError"}
    assert body["components"]["database"]["status"] == "ok"


def test_database_down_is_degraded(health, monkeypatch):
    import psycopg

    from vitae.platform import db

    monkeypatch.setattr(db, "connection", lambda: psycopg.connect(f"postgresql://127.0.0.1:{free_port()}/x",
                                                                  connect_timeout=1))
    status, body = health()
    assert status == 503
    assert body["components"]["database"]["status"] == "down"
    assert body["components"]["database"]["error"] == "OperationalError"


def test_missing_bucket_and_queue_are_degraded(health, monkeypatch):
    from vitae.platform import health as health_module
    from vitae.platform import storage

    real = health_module.settings()
    broken = real.model_copy(update={"files_bucket": f"{real.files_bucket}-gone",
                                     "event_log_queue_url": real.event_log_queue_url + "-gone"})
    monkeypatch.setattr(health_module, "settings", lambda: broken)
    monkeypatch.setattr(storage, "settings", lambda: broken)
    status, body = health()
    assert status == 503
    assert body["components"]["storage"]["status"] == "down"
    assert body["components"]["queue"]["status"] == "down"
    assert body["components"]["database"]["status"] == "ok"
