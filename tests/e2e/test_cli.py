"""vitae-dev as a developer uses it: `up` on a machine with no services running, `token`, `invoke`."""

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import requests

from vitae_devstack.services import free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "vitae_devstack.cli"]
SERVICE_VARIABLES = ("DATABASE_URL", "REDIS_URL", "AWS_ENDPOINT_URL", "JWT_SECRET", "OLLAMA_HOST", "VITAE_STAGE",
                     "EVENT_LOG_QUEUE_URL", "FILES_BUCKET", "EVENT_BUS_NAME", "VALKEY_PREFIX")


def test_up_starts_embedded_services_and_serves_a_healthy_api_with_a_working_demo_token(tmp_path):
    """`make dev` on a machine without PostgreSQL, Redis, an AWS endpoint or sign-in providers configured."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in (*SERVICE_VARIABLES, "OAUTH_PROVIDERS")}
    env |= {"VITAE_PORT": str(port), "VITAE_STATE_DIR": str(tmp_path / "state"), "OLLAMA_HOST": ""}
    with open(tmp_path / "up.log", "w+") as log:
        process = subprocess.Popen([*CLI, "up"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            def printed_token():
                assert process.poll() is None, (tmp_path / "up.log").read_text()
                found = re.search(r"Demo user token.*\n\s+(\S+)", (tmp_path / "up.log").read_text())
                return found and found[1]

            token = wait_until(printed_token, "vitae-dev up", timeout=60)
            health = requests.get(f"http://127.0.0.1:{port}/v1/health", timeout=10)
            assert health.status_code == 200, health.text
            assert {c: v["status"] for c, v in health.json()["components"].items() if v["required"]} == {
                "database": "ok", "cache": "ok", "storage": "ok", "queue": "ok"}
            me = requests.get(f"http://127.0.0.1:{port}/v1/auth/me", headers={"Authorization": f"Bearer {token}"},
                              timeout=10)
            assert me.status_code == 200
            assert me.json()["email"] == "demo@vitae.local"
            # The template names the providers' SSM parameter; nobody created it: sign-in is off, as the README says.
            sign_in = requests.get(f"http://127.0.0.1:{port}/v1/auth/oauth/github", allow_redirects=False, timeout=10)
            assert (sign_in.status_code, sign_in.json()["message"]) == (404, "Sign-in provider github is not available")
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


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


def test_invoke_runs_one_function_with_a_sample_event(devstack):
    env = os.environ.copy()  # the test services and stage, as a developer's shell would have them
    env["VITAE_STAGE"] = devstack.stage
    result = subprocess.run([*CLI, "invoke", "HealthFunction", "-e", "events/platform/health.json"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    response = json.loads(result.stdout[result.stdout.index("{\n"):])
    assert response["statusCode"] == 200
    assert json.loads(response["body"])["status"] == "ok"


def test_migrate_reports_an_up_to_date_schema(devstack):
    result = subprocess.run([*CLI, "migrate"], cwd=ROOT, env=os.environ.copy(), capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == "applied 0 migration(s)"


def test_functions_lists_every_function_with_its_routes():
    result = subprocess.run([*CLI, "functions"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    from vitae_devstack.template import Stack

    assert set(lines) == set(Stack.root({}).functions())
    assert lines["GetUserByExternalIdFunction"].split(None, 2)[1:] == [
        "functions/users/get_by_external_id", "GET /v1/users/by-external-id/{externalId}, GET /v1/users/by-keycloak/{keycloakId}"]
    assert lines["AuthorizerFunction"].endswith("(the authorizer)")
    assert lines["ParseCvFunction"].endswith("(events and schedules)")
