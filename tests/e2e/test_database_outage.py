"""Issue 11, kind 9, over real HTTP: the test database's processes paused (a stalled RDS failover).
Health says `database: down` within DEPENDENCY_TIMEOUT_SECONDS; a POST made during the pause answers
503 in the error shape within a few seconds and is not there after the database resumes; retried
with its Idempotency-Key, it creates the resource once."""

import copy
import time
import uuid

import requests

from tests.e2e.test_resumes_api import SAMPLE
from tests.outage import paused_database
from vitae_devstack.services import wait_until

ERROR_SHAPE = {"statusCode", "message", "error", "timestamp", "path", "traceId"}


def _titled(user_id: str, title: str) -> int:
    from vitae.platform import db

    return db.connection().execute("SELECT count(*) AS n FROM resumes WHERE user_id = %s AND title = %s",
                                   (user_id, title)).fetchone()["n"]


def test_a_hung_database_is_down_in_time_and_a_post_during_it_is_a_503_never_committed(registered, gateway_url):
    from vitae.platform.config import database_url, settings

    api, user = registered()
    assert api.post("/v1/resumes", json=copy.deepcopy(SAMPLE)).status_code == 201  # warm, authorized
    assert requests.get(f"{gateway_url}/v1/health", timeout=10).status_code == 200
    body, key = {**copy.deepcopy(SAMPLE), "title": "Written during the outage"}, {"Idempotency-Key": str(uuid.uuid4())}

    with paused_database(database_url()):
        started = time.monotonic()
        health = requests.get(f"{gateway_url}/v1/health", timeout=30)
        health_seconds = time.monotonic() - started
        started = time.monotonic()
        during = api.post("/v1/resumes", json=body, headers=key)
        post_seconds = time.monotonic() - started

    assert health.status_code == 503
    assert health.json()["components"]["database"]["status"] == "down"
    assert health_seconds < settings().dependency_timeout_seconds + 1, health_seconds
    assert during.status_code == 503, during.text
    assert set(during.json()) == ERROR_SHAPE
    assert (during.json()["statusCode"], during.json()["error"]) == (503, "database_unavailable")
    assert post_seconds < settings().database_statement_timeout_seconds + 2, post_seconds

    wait_until(lambda: requests.get(f"{gateway_url}/v1/health", timeout=10).status_code == 200,
               "the database to be back", timeout=30)
    assert _titled(user["id"], body["title"]) == 0
    retried = api.post("/v1/resumes", json=body, headers=key)
    assert retried.status_code == 201, retried.text
    assert "idempotent-replayed" not in retried.headers
    again = api.post("/v1/resumes", json=body, headers=key)
    assert again.json() == retried.json() and again.headers["idempotent-replayed"] == "true"
    assert _titled(user["id"], body["title"]) == 1
