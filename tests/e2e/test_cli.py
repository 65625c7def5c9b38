"""vitae-dev as a developer uses it: `up` on a machine with no services running, `token`, `invoke`."""

import json
import os
import re
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import requests

from vitae_devstack.services import free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "vitae_devstack.cli"]
SERVICE_VARIABLES = ("DATABASE_URL", "REDIS_URL", "AWS_ENDPOINT_URL", "JWT_SECRET", "OLLAMA_HOST", "VITAE_STAGE",
                     "EVENT_LOG_QUEUE_URL", "FILES_BUCKET", "EVENT_BUS_NAME", "VALKEY_PREFIX")


def test_up_serves_a_healthy_api_that_survives_invoke_and_a_redis_outage(tmp_path):
    """`make dev` on a machine without PostgreSQL, Redis or an AWS endpoint configured; then a
    second command on the same state directory, then Redis stopped mid-run."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES and k != "OAUTH_PROVIDERS"}
    env |= {"VITAE_PORT": str(port), "VITAE_STATE_DIR": str(tmp_path / "state"), "OLLAMA_HOST": ""}
    log_path = tmp_path / "up.log"
    with open(log_path, "w+") as log:
        process = subprocess.Popen([*CLI, "up"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        def printed_token():
            assert process.poll() is None, log_path.read_text()
            found = re.search(r"Demo user token.*\n\s+(\S+)", log_path.read_text())
            return found and found[1]

        token = wait_until(printed_token, "vitae-dev up", timeout=60)
        auth = {"Authorization": f"Bearer {token}"}
        health = requests.get(f"{base}/v1/health", timeout=10)
        assert health.status_code == 200, health.text
        assert _required(health) == {"database": "ok", "cache": "ok", "storage": "ok", "queue": "ok"}
        me = requests.get(f"{base}/v1/auth/me", headers=auth, timeout=10)
        assert me.status_code == 200
        assert me.json()["email"] == "demo@example.com"
        # The template names the providers' SSM parameter; nobody created it: sign-in is off, as the README says.
        github = requests.get(f"{base}/v1/auth/oauth/github", allow_redirects=False, timeout=10)
        assert (github.status_code, github.json()["message"]) == (404, "Sign-in provider github is not available")

        # A second command on the same state directory joins the running stack's services, even from
        # a shell with other settings...
        providers = json.dumps({"github": {"clientId": "x", "clientSecret": "y"}})
        invoked = subprocess.run([*CLI, "invoke", "HealthFunction", "-e", "events/platform/health.json"],
                                 cwd=ROOT, env={**env, "OAUTH_PROVIDERS": providers}, capture_output=True, text=True,
                                 timeout=120)
        assert invoked.returncode == 0, invoked.stderr
        assert json.loads(invoked.stdout[invoked.stdout.index("{\n"):])["statusCode"] == 200
        # ... and leaves them running, and their secrets as they were.
        assert _required(requests.get(f"{base}/v1/health", timeout=10))["cache"] == "ok"
        assert requests.get(f"{base}/v1/auth/oauth/github", allow_redirects=False, timeout=10).status_code == 404

        # Redis stops mid-run: every route still answers; health says the cache is down.
        import redis

        cache_url = re.search(r"cache\s+(\S+)", log_path.read_text())[1]
        redis.Redis.from_url(cache_url).shutdown(nosave=True)
        with pytest.raises(redis.ConnectionError):
            redis.Redis.from_url(cache_url).ping()
        down = requests.get(f"{base}/v1/health", timeout=30)
        assert down.status_code == 503 and _required(down)["cache"] == "down"
        assert _required(down)["database"] == "ok"
        assert requests.get(f"{base}/v1/auth/me", headers=auth, timeout=30).status_code == 200
        created = requests.post(f"{base}/v1/resumes", headers=auth, json={"title": "Written without Redis"}, timeout=30)
        assert created.status_code == 201, created.text
        listed = requests.get(f"{base}/v1/resumes", headers=auth, timeout=30).json()
        assert [r["title"] for r in listed["items"]] == ["Written without Redis"]
        wait_until(lambda: "rate limit not applied" in log_path.read_text(), "the skipped limit logged", timeout=10)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def _shell(devstack, tmp_path) -> dict[str, str]:
    """A developer's shell pointed at the test services and stage, with a state directory of its
    own: a `make dev` running in this checkout (announced in .devstack/) must not be joined."""
    return {**os.environ, "VITAE_STAGE": devstack.stage, "VITAE_STATE_DIR": str(tmp_path / "state")}


def _required(health: requests.Response) -> dict[str, str]:
    return {c: v["status"] for c, v in health.json()["components"].items() if v["required"]}


def test_token_prints_only_a_token_the_authorizer_accepts(devstack):
    from tests.samples import sample, with_bearer

    result = subprocess.run([*CLI, "token", "--user-id", "7d9c5e1e-3b0a-4a43-b1cf-0d8c5c3a9f10",
                             "--email", "ops@example.com", "--role", "admin"],
                            cwd=ROOT, env=os.environ.copy(), capture_output=True, text=True, timeout=60, check=True)
    token = result.stdout.strip()
    assert result.stdout.count("\n") == 1 and token.count(".") == 2
    answer = devstack.runtime.invoke("AuthorizerFunction", with_bearer(sample("auth/authorizer"), token))
    assert answer["isAuthorized"] is True
    assert answer["context"]["role"] == "admin"
    assert answer["context"]["email"] == "ops@example.com"


def test_invoke_runs_one_function_with_a_sample_event(devstack, tmp_path):
    env = _shell(devstack, tmp_path)
    result = subprocess.run([*CLI, "invoke", "HealthFunction", "-e", "events/platform/health.json"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    response = json.loads(result.stdout[result.stdout.index("{\n"):])
    assert response["statusCode"] == 200
    assert json.loads(response["body"])["status"] == "ok"


def test_migrate_reports_an_up_to_date_schema(devstack, tmp_path):
    result = subprocess.run([*CLI, "migrate"], cwd=ROOT, env=_shell(devstack, tmp_path), capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == "applied 0 migration(s)"


def test_functions_lists_every_function_with_its_routes():
    result = subprocess.run([*CLI, "functions"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    from vitae_devstack.template import Stack

    assert set(lines) == set(Stack.root({}).functions())
    assert lines["GetUserByExternalIdFunction"].split(None, 2)[1:] == [
        "functions/users/get_by_external_id",
        "GET /v1/users/by-external-id/{externalId}, GET /v1/users/by-keycloak/{keycloakId}"]
    assert lines["AuthorizerFunction"].endswith("(the authorizer)")
    assert lines["ParseCvFunction"].endswith("(events and schedules)")


def test_login_opens_a_session_that_refresh_sessions_and_logout_work_with(gateway_url, devstack, tmp_path):
    env = _shell(devstack, tmp_path)
    email = f"{uuid.uuid4().hex[:10]}@example.com"
    result = subprocess.run([*CLI, "login", "--email", email], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120, check=True)
    pair = json.loads(result.stdout)
    auth = {"Authorization": f"Bearer {pair['accessToken']}"}
    sessions = requests.get(f"{gateway_url}/v1/auth/sessions", headers=auth, timeout=10).json()["items"]
    assert [(s["id"], s["provider"], s["current"]) for s in sessions] == [(pair["sessionId"], "local", True)]
    assert requests.get(f"{gateway_url}/v1/users/{pair['userId']}", headers=auth, timeout=10).json()["email"] == email
    refreshed = requests.post(f"{gateway_url}/v1/auth/refresh", json={"refreshToken": pair["refreshToken"]}, timeout=10)
    assert refreshed.status_code == 200 and refreshed.json()["sessionId"] == pair["sessionId"]
    new_auth = {"Authorization": f"Bearer {refreshed.json()['accessToken']}"}
    assert requests.post(f"{gateway_url}/v1/auth/logout", headers=new_auth, timeout=10).status_code == 204
    assert requests.get(f"{gateway_url}/v1/auth/sessions", headers=new_auth, timeout=10).status_code == 401
