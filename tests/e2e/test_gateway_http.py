"""Real HTTP through the devstack gateway (authorizer included) and the asynchronous path
outbox -> EventBridge -> rule -> SQS -> event pump -> consumer, all against LocalStack."""

import time
import uuid

import pytest
import requests

from vitae_devstack.services import wait_until


def test_health_over_http(gateway_url):
    response = requests.get(f"{gateway_url}/v1/health", timeout=10)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["components"]) == {"database", "cache", "storage", "queue", "ollama"}


def test_me_returns_the_principal_the_authorizer_saw(gateway_url, token):
    user_id = str(uuid.uuid4())
    response = requests.get(f"{gateway_url}/v1/auth/me",
                            headers={"Authorization": f"Bearer {token(user_id=user_id, email='me@example.com')}"},
                            timeout=10)
    assert response.status_code == 200
    body = response.json()
    assert (body["userId"], body["email"], body["role"]) == (user_id, "me@example.com", "user")
    assert body["tokenExpiresAt"].endswith("Z")


def test_protected_route_refuses_missing_and_bad_tokens_like_api_gateway(gateway_url, token):
    missing = requests.get(f"{gateway_url}/v1/auth/me", timeout=10)
    assert (missing.status_code, missing.json()) == (401, {"message": "Unauthorized"})
    forged = requests.get(f"{gateway_url}/v1/auth/me", headers={"Authorization": "Bearer abc.def.ghi"}, timeout=10)
    assert (forged.status_code, forged.json()) == (403, {"message": "Forbidden"})
    expired = token(ttl_seconds=1)
    wait_until(lambda: time.time() >= _exp(expired) + 1, "the token to expire", timeout=5, interval=0.1)
    stale = requests.get(f"{gateway_url}/v1/auth/me", headers={"Authorization": f"Bearer {expired}"}, timeout=10)
    assert stale.status_code == 403


def _exp(token: str) -> int:
    import jwt

    return jwt.decode(token, options={"verify_signature": False})["exp"]


@pytest.mark.parametrize("method, path", [
    ("GET", "/v1/nothing-here"), ("POST", "/v1/health"), ("DELETE", "/v1/resumes"), ("GET", "/"),
    ("PUT", "/v2/resumes/1"),
])
def test_unknown_routes_answer_404_in_the_standard_error_shape(gateway_url, method, path):
    """Issue 11, kind 7: a request no route takes got the gateway's bare {"message": "Not Found"}; the
    $default route's function answers it as every route answers errors, without a token."""
    response = requests.request(method, f"{gateway_url}{path}", timeout=10)
    body = response.json()
    assert response.status_code == 404
    assert set(body) == {"statusCode", "message", "error", "timestamp", "path", "traceId"}
    assert (body["statusCode"], body["error"], body["path"]) == (404, "Not Found", path)
    assert body["message"] == f"No route {method} {path}"
    assert response.headers["ratelimit-limit"]  # counted against the per-IP limit like any route


def test_committed_event_reaches_the_event_log_through_bus_queue_and_pump(gateway_url):
    from vitae.platform import db, events

    user_id = uuid.uuid4()
    with db.transaction() as conn:
        event_id = events.emit(conn, "test.e2e", user_id, {"path": "outbox->bus->queue->pump"})
    assert events.publish_now([event_id]) == 1

    def logged():
        return db.connection().execute(
            "SELECT event_type, user_id, data FROM event_log WHERE event_id = %s", (event_id,)).fetchone()

    row = wait_until(logged, "the event in the event log", timeout=30)
    assert row == {"event_type": "test.e2e", "user_id": user_id, "data": {"path": "outbox->bus->queue->pump"}}
    published = db.connection().execute("SELECT published_at FROM outbox WHERE id = %s", (event_id,)).fetchone()
    assert published["published_at"] is not None


def test_the_gateway_serves_every_declared_route_and_nothing_else(gateway_url, devstack):
    """Each route of the stacks reaches its function (through the authorizer where it has one); a
    path no stack declares reaches the $default route's function."""
    import re

    for route in devstack.stack.routes():
        if route.is_default:
            continue
        path = re.sub(r"\{\w+\+?\}", "x", route.path)
        response = requests.request(route.method, f"{gateway_url}{path}", timeout=30, allow_redirects=False)
        if route.authorizer:
            assert (response.status_code, response.json()) == (401, {"message": "Unauthorized"}), route.route_key
        else:  # answered by the function (an answer, an error in Vitae's shape or a redirect), not the gateway
            assert response.status_code < 500, (route.route_key, response.text)
            assert response.status_code in (200, 302) or "statusCode" in response.json(), route.route_key
    unknown = requests.get(f"{gateway_url}/v1/nothing-here", timeout=10)
    assert (unknown.status_code, unknown.json()["message"]) == (404, "No route GET /v1/nothing-here")
