"""Database reconnection, cache degradation and S3 uploads against the real services."""

import io
import uuid

import psycopg
import pytest
import redis
import requests

from vitae.platform.errors import Unavailable
from vitae_devstack.services import free_port

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def test_a_broken_connection_is_replaced_on_the_next_use(devstack):
    from vitae.platform import db

    first = db.connection()
    pid = first.info.backend_pid
    with psycopg.connect(devstack_url()) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with pytest.raises(Unavailable) as lost:
        db.connection().execute("SELECT 1")
    assert (lost.value.dependency, lost.value.code) == ("database", "database_unavailable")
    again = db.connection()
    assert again is not first
    assert again.execute("SELECT 1 AS one").fetchone() == {"one": 1}
    assert again.info.backend_pid != pid


def devstack_url() -> str:
    from vitae.platform.config import database_url

    return database_url()


def test_the_connection_is_reused_across_invocations(devstack):
    from vitae.platform import db

    assert db.connection() is db.connection()


def test_cache_serves_hits_and_degrades_to_the_loader_when_redis_is_down(devstack, monkeypatch):
    from vitae.platform import cache

    key = cache.key("test", uuid.uuid4())
    assert key.startswith(devstack.stage + ":")
    calls = []

    def loader():
        calls.append(1)
        return {"v": len(calls)}

    assert cache.get_or_load(key, 60, loader) == {"v": 1}
    assert cache.get_or_load(key, 60, loader) == {"v": 1}  # served from Redis
    assert len(calls) == 1
    assert cache.client().ttl(key) > 0

    dead = redis.Redis(port=free_port(), socket_connect_timeout=0.5)
    monkeypatch.setattr(cache, "client", lambda: dead)
    assert cache.get_or_load(key, 60, loader) == {"v": 2}  # from the loader, no error
    cache.invalidate(key)  # swallowed during the outage


def test_presigned_post_enforces_size_and_type(devstack):
    from vitae.platform import storage

    key = storage.new_key("avatars", uuid.uuid4())
    form = storage.presigned_post(key, ("image/png",), max_bytes=len(PNG))

    def upload(data: bytes, content_type: str) -> requests.Response:
        return requests.post(form["url"], data={**form["fields"], "Content-Type": content_type},
                             files={"file": ("any-name.gif", io.BytesIO(data), content_type)}, timeout=10)

    too_big = upload(PNG + b"\0", "image/png")
    assert too_big.status_code == 400 and "EntityTooLarge" in too_big.text
    wrong_type = upload(PNG, "text/plain")
    assert wrong_type.status_code == 403
    assert upload(PNG, "image/png").status_code == 204

    stored = storage.s3().get_object(Bucket=devstack_bucket(), Key=key)["Body"].read()
    assert storage.detect_type(stored) == "image/png"
    download = requests.get(storage.presigned_get(key, expires_seconds=60), timeout=10)
    assert download.status_code == 200 and download.content == PNG
    storage.delete_object(key)


def devstack_bucket() -> str:
    from vitae.platform.config import settings

    return settings().files_bucket
