"""The per-IP rate limit (seed [G]) over real HTTP, with several gateway threads at once."""

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests


@pytest.fixture
def limits(devstack, monkeypatch):
    """Small limits, and fresh counters for this machine's address."""
    from vitae.platform import cache, http

    def apply(ip_max: int, auth_max: int = 1000) -> None:
        small = http.settings().model_copy(update={"rate_limit_ip_max": ip_max, "rate_limit_ip_window_seconds": 300,
                                                   "rate_limit_auth_max": auth_max})
        monkeypatch.setattr(http, "settings", lambda: small)
        for key in cache.client().scan_iter(cache.key("rl", "*")):
            cache.client().delete(key)

    yield apply
    from vitae.platform import cache as cache_

    for key in cache_.client().scan_iter(cache_.key("rl", "*")):
        cache_.client().delete(key)


def test_exactly_the_limit_passes_and_the_rest_is_refused_with_headers(gateway_url, token, limits):
    limits(ip_max=15)
    headers = {"Authorization": f"Bearer {token()}"}
    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(lambda _: requests.get(f"{gateway_url}/v1/auth/me", headers=headers, timeout=10),
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
    health = requests.get(f"{gateway_url}/v1/health", timeout=10)
    assert health.status_code == 200 and "RateLimit-Limit" not in health.headers


def test_sign_in_endpoints_have_a_stricter_limit(gateway_url, limits):
    limits(ip_max=100, auth_max=3)
    statuses = [requests.post(f"{gateway_url}/v1/auth/refresh", json={"refreshToken": "x" * 43}, timeout=10).status_code
                for _ in range(5)]
    assert statuses == [401, 401, 401, 429, 429]
