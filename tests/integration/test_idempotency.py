"""Idempotency-Key records against PostgreSQL: a key in progress, a key left by an invocation that
died, expiry and the hourly purge, and what the table keeps."""

import json
import uuid

import pytest

from tests.samples import sample
from vitae.platform.errors import Conflict, Invalid, Unprocessable


def _event(body: dict, key: str) -> dict:
    event = sample("resumes/create")
    event["body"] = json.dumps(body)
    event["headers"]["idempotency-key"] = f'"{key}"'
    return event


def _answer(n: int) -> dict:
    return {"statusCode": 201, "headers": {"content-type": "application/json"}, "body": json.dumps({"n": n})}


def _record() -> list[dict]:
    from vitae.platform import db

    return db.connection().execute("SELECT key_digest, fingerprint, locked_until, response, expires_at "
                                   "FROM idempotency_keys ORDER BY created_at DESC LIMIT 1").fetchall()


@pytest.fixture
def scope(devstack):
    return str(uuid.uuid4())


def test_a_key_whose_first_request_still_runs_is_409_and_then_replays(scope):
    from vitae.platform.idempotency import by_key

    event, calls = _event({"title": "A"}, "k-1"), []

    def respond():
        calls.append(1)
        with pytest.raises(Conflict) as in_use:  # the same request arriving meanwhile
            by_key(event, scope, 10, lambda: _answer(99))
        assert in_use.value.code == "idempotency_key_in_use"
        return _answer(1)

    assert by_key(event, scope, 10, respond) == _answer(1)
    replayed = by_key(event, scope, 10, lambda: _answer(2))
    assert json.loads(replayed["body"]) == {"n": 1} and replayed["headers"]["idempotent-replayed"] == "true"
    assert calls == [1]
    with pytest.raises(Unprocessable):
        by_key(_event({"title": "B"}, "k-1"), scope, 10, lambda: _answer(3))


def test_the_table_keeps_neither_the_key_nor_a_readable_answer(scope):
    from vitae.platform.idempotency import by_key

    secret_answer = {**_answer(1), "body": json.dumps({"token": "share-token-in-clear"})}
    by_key(_event({"title": "A"}, "the-key-itself"), scope, 10, lambda: secret_answer)
    (row,) = _record()
    stored = bytes(row["key_digest"]) + bytes(row["fingerprint"]) + bytes(row["response"])
    for clear in (b"the-key-itself", scope.encode(), b"share-token-in-clear", b"statusCode"):
        assert clear not in stored
    assert row["locked_until"] is None


def test_a_key_left_in_progress_by_an_invocation_that_died_is_free_once_its_time_is_up(scope):
    """A killed container releases nothing: its claim stays in progress for the time the invocation
    had left, then the same request may run again (another one is still refused)."""
    from vitae.platform import idempotency
    from vitae_devstack.services import wait_until

    event = _event({"title": "A"}, "k-died")
    idempotency._claim(idempotency._derived("key", scope, "k-died"), idempotency.fingerprint(event), 0.5)
    with pytest.raises(Conflict):
        idempotency.by_key(event, scope, 10, lambda: _answer(1))

    def retried():
        try:
            return idempotency.by_key(event, scope, 10, lambda: _answer(2))
        except Conflict:
            return None

    assert wait_until(retried, "the dead invocation's claim to lapse", timeout=5, interval=0.1) == _answer(2)
    with pytest.raises(Unprocessable):
        idempotency.by_key(_event({"title": "B"}, "k-died"), scope, 10, lambda: _answer(3))


def test_an_expired_key_may_be_used_again_and_the_purge_deletes_expired_records(devstack, scope):
    from vitae.platform import db
    from vitae.platform.idempotency import by_key

    by_key(_event({"title": "A"}, "k-old"), scope, 10, lambda: _answer(1))
    db.connection().execute("UPDATE idempotency_keys SET expires_at = now() - interval '1 second'")
    assert by_key(_event({"title": "B"}, "k-old"), scope, 10, lambda: _answer(2)) == _answer(2)
    db.connection().execute("UPDATE idempotency_keys SET expires_at = now() - interval '1 second'")
    result = devstack.invoke_in_process("PurgeIdempotencyKeysFunction", sample("platform/purge_idempotency_keys"))
    assert result["deleted"] >= 1
    assert db.connection().execute("SELECT count(*) AS n FROM idempotency_keys WHERE expires_at <= now()"
                                   ).fetchone()["n"] == 0


def test_no_key_runs_the_request_and_a_bad_one_runs_nothing(scope):
    from vitae.platform.idempotency import by_key

    event = sample("resumes/create")
    assert by_key(event, scope, 10, lambda: _answer(5)) == _answer(5)
    event["headers"]["idempotency-key"] = '"unterminated'
    with pytest.raises(Invalid):
        by_key(event, scope, 10, lambda: pytest.fail("ran"))
