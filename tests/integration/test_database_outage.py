"""A database that hangs (its processes paused, as a stalled RDS failover looks): every call ends
within its client-side bound as Unavailable, health says `down` in time, and what a transaction cut
off this way had written is never committed."""

import json
import time
import uuid

import pytest

from tests.outage import paused_database
from tests.samples import sample
from vitae.platform.errors import Unavailable


@pytest.fixture
def bounds(devstack, monkeypatch):
    """One-second bounds, and this process's connection open and warm."""
    from vitae.platform import config, db

    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT_SECONDS", "1")
    monkeypatch.setenv("DEPENDENCY_TIMEOUT_SECONDS", "1")
    config.settings.cache_clear()
    db.connection().execute("SELECT 1")
    yield config.database_url()
    monkeypatch.undo()
    config.settings.cache_clear()


def _outbox_row(event_id: uuid.UUID):
    from vitae.platform import db

    return db.connection().execute("SELECT id FROM outbox WHERE id = %s", (event_id,)).fetchone()


def test_a_statement_on_a_hung_database_ends_within_its_bound_and_its_transaction_never_commits(bounds):
    from vitae.platform import db, events

    with pytest.raises(Unavailable) as hung, db.transaction() as conn:
        event_id = events.emit(conn, "test.outage", None, {"written": "before the pause"})
        with paused_database(bounds):
            started = time.monotonic()
            conn.execute("SELECT 1")
    elapsed = time.monotonic() - started
    assert 0.9 <= elapsed < 2, elapsed
    assert (hung.value.dependency, hung.value.code, hung.value.message) == (
        "database", "database_unavailable", "The database did not answer in time")
    assert _outbox_row(event_id) is None  # a new connection: the server rolled the cut-off one back
    with db.transaction() as conn:  # and the database serves writes again
        event_id = events.emit(conn, "test.outage", None, {"written": "after the pause"})
    assert _outbox_row(event_id) is not None


def test_connecting_to_a_hung_database_ends_within_libpqs_connect_timeout(bounds):
    from vitae.platform import db

    db.close()
    with paused_database(bounds):
        started = time.monotonic()
        with pytest.raises(Unavailable) as hung:
            db.connection()
        elapsed = time.monotonic() - started
    assert elapsed < 3, elapsed  # connect_timeout: psycopg, like libpq, waits 2 s at least
    assert hung.value.message == "The database did not answer in time"
    assert db.connection().execute("SELECT 1 AS one").fetchone() == {"one": 1}


def test_a_bounded_block_shares_one_budget_between_its_calls(bounds, monkeypatch):
    from vitae.platform import config, db

    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT_SECONDS", "30")
    config.settings.cache_clear()
    with paused_database(bounds):
        started = time.monotonic()
        with pytest.raises(Unavailable), db.bounded(0.5):
            db.connection().execute("SELECT 1")
        elapsed = time.monotonic() - started
    assert 0.4 <= elapsed < 1.5, elapsed


def test_health_reports_the_database_down_within_the_dependency_timeout(devstack, bounds):
    """Issue 11, kind 9: health waited the function's full 10 s timeout."""
    with paused_database(bounds):
        started = time.monotonic()
        response = devstack.invoke_in_process("HealthFunction", sample("platform/health"))
        elapsed = time.monotonic() - started
    body = json.loads(response["body"])
    assert response["statusCode"] == 503 and body["status"] == "degraded"
    assert body["components"]["database"] == {**body["components"]["database"], "status": "down",
                                              "error": "Unavailable"}
    assert elapsed < 1.5, elapsed  # DEPENDENCY_TIMEOUT_SECONDS is 1 here
    assert body["components"]["cache"]["status"] == "ok"


def test_the_authorizer_admits_vitae_tokens_on_their_signature_while_the_database_hangs(devstack, bounds, token,
                                                                                          oauth_provider):
    """Its database checks are bounded by DEPENDENCY_TIMEOUT_SECONDS: a Vitae token passes on its
    signature and the Redis marks (the route answers 503 if it needs the database); a token of the
    external issuer fails the authorization, since only the database knows whose it is."""
    from tests.samples import with_bearer
    from vitae_devstack.runtime import InvocationError

    user_id = str(uuid.uuid4())

    def authorize(access_token: str) -> dict:
        return devstack.invoke_in_process("AuthorizerFunction", with_bearer(sample("auth/authorizer"), access_token))

    with paused_database(bounds):
        started = time.monotonic()
        answer = authorize(token(user_id=user_id))
        elapsed = time.monotonic() - started
        with pytest.raises(InvocationError, match="Unavailable"):
            authorize(oauth_provider.mint(str(uuid.uuid4())))
    assert answer["isAuthorized"] is True and answer["context"]["userId"] == user_id
    assert elapsed < 1.5, elapsed  # DEPENDENCY_TIMEOUT_SECONDS is 1 here
