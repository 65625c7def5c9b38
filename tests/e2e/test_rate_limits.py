"""The per-IP rate limit (seed [G]) over real HTTP, with several gateway threads at once."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests


@pytest.fixture
def limits(devstack):
    """A gateway whose functions run with small limits (their containers see these values, as a
    deployment with other parameters would), and fresh counters for this machine's address."""
    from werkzeug.serving import make_server

    from vitae.platform import cache

    started = []

    def apply(ip_max: int, auth_max: int = 1000) -> str:
        for key in cache.client().scan_iter(cache.key("rl", "*")):
            cache.client().delete(key)
        runtime = devstack.new_runtime({"RATE_LIMIT_IP_MAX": str(ip_max), "RATE_LIMIT_IP_WINDOW_SECONDS": "300",
                                        "RATE_LIMIT_AUTH_MAX": str(auth_max)})
        server = make_server("127.0.0.1", 0, devstack.gateway(runtime), threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append((server, runtime))
        return f"http://127.0.0.1:{server.server_port}"

    yield apply
    for server, runtime in started:
        server.shutdown()
        runtime.shutdown()
    for key in cache.client().scan_iter(cache.key("rl", "*")):
        cache.client().delete(key)


def test_exactly_the_limit_passes_and_the_rest_is_refused_with_headers(token, limits):
    gateway_url = limits(ip_max=15)
    headers = {"Authorization": f"Bearer {token()}"}
    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(lambda _: requests.get(f"{gateway_url}/v1/auth/me", headers=headers, timeout=30),
                                  range(25)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] * 15 + [429] * 10
    allowed = [r for r in responses if r.status_code == 200]
    assert sorted(int(r.headers["RateLimit-Remaining"]) for r in allowed) == list(range(15))
    refused = [r for r in responses if r.status_code == 429]
    for response in refused:
        assert response.headers["RateLimit-Limit"] == "15"
        assert response.headers["RateLimit-Remaining"] == "0"
        assert 0 < int(response.headers["Retry-After"]) <= 300
        assert response.headers["Retry-After"] == response.headers["RateLimit-Reset"]
        assert response.json()["statusCode"] == 429
    # The health check is exempt from the limit; whether its dependencies answer in time on a loaded machine
    # (200 or 503) is tests/integration/test_health.py's concern, not this test's.
    health = requests.get(f"{gateway_url}/v1/health", timeout=10)
    assert health.status_code != 429 and "RateLimit-Limit" not in health.headers


def test_sign_in_endpoints_have_a_stricter_limit(limits):
    gateway_url = limits(ip_max=100, auth_max=3)
    statuses = [requests.post(f"{gateway_url}/v1/auth/refresh", json={"refreshToken": "x" * 43}, timeout=10).status_code
                for _ in range(5)]
    assert statuses == [401, 401, 401, 429, 429]
