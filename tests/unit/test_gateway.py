"""The local API Gateway: payload 2.0 events, authorizer behaviour, binary bodies, errors."""

import base64
import json
from pathlib import Path

import pytest
from werkzeug.test import Client

from vitae_devstack.gateway import Gateway
from vitae_devstack.runtime import Runtime
from vitae_devstack.template import Function, Route

HANDLERS = Path(__file__).parent / "handlers"


@pytest.fixture
def client():
    functions = {
        "Echo": Function("Echo", HANDLERS / "echo", "app.handler", timeout=1, memory=128),
        "Auth": Function("Auth", HANDLERS / "allow_good", "app.handler", timeout=1, memory=128),
    }
    runtime = Runtime(functions)
    routes = [Route("ANY", "/v1/items/{id}", "Echo", "Auth"), Route("GET", "/v1/items/special", "Echo", None),
              Route("ANY", "/v1/open/{proxy+}", "Echo", None)]
    gateway = Gateway(runtime, sorted(routes, key=lambda r: (r.path.count("{"), -len(r.path))), 300, access_log=False)
    yield Client(gateway, use_cookies=False), runtime
    runtime.shutdown()


def test_payload_v2_event_shape(client):
    c, _ = client
    response = c.post("/v1/items/42?a=1&a=2&b=x", json={"k": "v"},
                      headers={"Authorization": "Bearer good", "X-Multi": "one", "Cookie": "s=1; t=2"})
    assert response.status_code == 201
    assert response.headers["x-fn"] == "Echo"
    assert response.headers.getlist("Set-Cookie") == ["a=1; Path=/", "b=2; Path=/"]
    event = response.get_json()
    assert event["version"] == "2.0"
    assert event["routeKey"] == "ANY /v1/items/{id}"
    assert event["rawPath"] == "/v1/items/42"
    assert event["rawQueryString"] == "a=1&a=2&b=x"
    assert event["queryStringParameters"] == {"a": "1,2", "b": "x"}
    assert event["pathParameters"] == {"id": "42"}
    assert event["headers"]["x-multi"] == "one"
    assert "cookie" not in event["headers"]
    assert event["cookies"] == ["s=1", "t=2"]
    assert event["isBase64Encoded"] is False
    assert json.loads(event["body"]) == {"k": "v"}
    assert event["requestContext"]["http"]["method"] == "POST"
    assert event["requestContext"]["authorizer"] == {"lambda": {"userId": "u-1", "role": "user", "calls": 1}}


def test_binary_bodies_travel_base64_both_ways(client):
    c, _ = client
    data = bytes(range(256))
    response = c.put("/v1/open/blob?raw=1", data=data, headers={"Content-Type": "application/octet-stream"})
    assert response.status_code == 200
    assert response.data == data


def test_binary_request_is_base64_in_the_event(client):
    c, _ = client
    response = c.put("/v1/open/blob", data=b"\x89PNG\r\n\x1a\n", headers={"Content-Type": "image/png"})
    event = response.get_json()
    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == b"\x89PNG\r\n\x1a\n"


def test_literal_routes_win_over_parameters(client):
    c, _ = client
    event = c.get("/v1/items/special").get_json()
    assert event["routeKey"] == "GET /v1/items/special"
    assert "authorizer" not in event["requestContext"]


def test_authorizer_decisions_and_cache(client):
    c, _ = client
    assert c.get("/v1/items/1").status_code == 401
    assert c.get("/v1/items/1", headers={"Authorization": "Bearer bad"}).status_code == 403
    assert c.get("/v1/items/1", headers={"Authorization": "Bearer bad"}).status_code == 403
    first = c.get("/v1/items/1", headers={"Authorization": "Bearer good"})
    second = c.get("/v1/items/2", headers={"Authorization": "Bearer good"})
    assert first.status_code == second.status_code == 201
    # The authorizer ran once for "bad" and once for "good": the repeats were answered from the cache.
    assert first.get_json()["requestContext"]["authorizer"]["lambda"]["calls"] == 2
    assert second.get_json()["requestContext"]["authorizer"]["lambda"]["calls"] == 2


def test_non_proxy_results_are_json_and_failures_look_like_api_gateway(client):
    c, _ = client
    assert c.get("/v1/open/x?plain=1").get_json() == {"echo": True}
    failed = c.get("/v1/open/x?fail=1")
    assert (failed.status_code, failed.get_json()) == (500, {"message": "Internal Server Error"})
    timed_out = c.get("/v1/open/x?sleep=1.5")
    # Lambda's own timeout (under API Gateway's 30 s) is a function error: API Gateway answers 500.
    assert (timed_out.status_code, timed_out.get_json()) == (500, {"message": "Internal Server Error"})
    assert c.get("/v2/unknown").status_code == 404


def test_lambdas_payload_limits_hold_at_the_gateway(client):
    c, _ = client
    binary = {"Content-Type": "application/octet-stream"}
    too_big = c.put("/v1/open/blob", data=b"\0" * (5 * 1024 * 1024), headers=binary)  # 6.7 MB in base64
    assert (too_big.status_code, too_big.get_json()) == (413, {"message": "Request Entity Too Large"})
    fits = c.put("/v1/open/blob?raw=1", data=b"\0" * (4 * 1024 * 1024), headers=binary)
    assert fits.status_code == 200 and len(fits.data) == 4 * 1024 * 1024
