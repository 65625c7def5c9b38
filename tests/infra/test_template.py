"""template.yaml is deployable, complete and least-privilege."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from vitae_devstack.template import ROOT, Stack, load

SAM = shutil.which("sam")
# Actions AWS offers no resource-level permissions for.
WILDCARD_ALLOWED = {"xray:PutTraceSegments", "xray:PutTelemetryRecords", "cloudwatch:PutMetricData"}


def _sam(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    assert SAM, "the SAM CLI is not on PATH: `make test` installs it (make sam-install)"
    env = {**os.environ, "SAM_CLI_TELEMETRY": "0", "AWS_DEFAULT_REGION": "us-east-1"}
    return subprocess.run([SAM, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def transformed() -> dict:
    """The template after the SAM transform, as CloudFormation will see it."""
    from samtranslator.translator.transform import transform

    class NoManagedPolicies:
        def load(self) -> dict:
            return {}

    template = load()
    for resource in template["Resources"].values():
        for key in ("CodeUri", "ContentUri"):
            if key in resource.get("Properties", {}):
                resource["Properties"][key] = "s3://artifacts/package.zip"  # as `sam package` rewrites them
    return transform(template, {}, NoManagedPolicies())


@pytest.mark.slow
def test_sam_validate_lint_passes():
    result = _sam("validate", "--lint")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is a valid SAM Template" in result.stdout + result.stderr


@pytest.mark.slow
def test_sam_build_packages_every_function_and_the_layer_with_its_migrations(tmp_path):
    result = _sam("build", "--build-dir", str(tmp_path / "build"), "--cache-dir", str(tmp_path / "cache"), timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    layer = tmp_path / "build" / "VitaeLayer" / "python"
    assert (layer / "vitae" / "migrations" / "0001.platform.sql").exists()
    assert (layer / "psycopg").is_dir() and (layer / "pydantic").is_dir()
    for name, function in _stack().functions().items():
        assert (tmp_path / "build" / name / "app.py").read_text() == (function.code_uri / "app.py").read_text()


def _stack() -> Stack:
    return Stack(load(), "vitae-test", {})


def test_every_function_has_its_handler_and_a_sample_event():
    for name, function in _stack().functions().items():
        module, attribute = function.handler.rsplit(".", 1)
        source = (function.code_uri / f"{module}.py").read_text()
        assert f"def {attribute}(" in source, name
        relative = function.code_uri.relative_to(ROOT / "functions")
        samples = [ROOT / "events" / f"{relative}.json", *(ROOT / "events" / relative).glob("*.json")]
        existing = [path for path in samples if path.exists()]
        assert existing, f"{name} has no sample event under events/{relative}"
        for path in existing:
            json.loads(path.read_text())


def test_every_function_directory_is_in_the_template():
    declared = {f.code_uri for f in _stack().functions().values()}
    on_disk = {path.parent for path in (ROOT / "functions").glob("*/*/app.py")}
    assert on_disk == declared


def test_queues_have_dlqs_and_visibility_of_six_consumer_timeouts():
    stack = _stack()
    for mapping in stack.queue_mappings():
        queue = stack.resources[mapping.queue]["Properties"]
        timeout = stack.functions()[mapping.function].timeout
        assert queue["VisibilityTimeout"] >= 6 * timeout, mapping.queue
        assert 3 <= queue["RedrivePolicy"]["maxReceiveCount"] <= 5, mapping.queue
        assert mapping.reports_failures, mapping.queue


def test_no_wildcard_resources_except_where_aws_requires_them(transformed):
    offenders = []
    for name, resource in transformed["Resources"].items():
        if resource["Type"] != "AWS::IAM::Role":
            continue
        for policy in _policies(resource["Properties"].get("Policies", [])):
            for statement in policy["PolicyDocument"]["Statement"]:
                resources = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
                actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
                if "*" in resources and not set(actions) <= WILDCARD_ALLOWED:
                    offenders.append((name, actions))
                if any(a.endswith(":*") or a == "*" for a in actions):
                    offenders.append((name, actions))
    assert offenders == []


def _policies(policies: list) -> list[dict]:
    """Inline policies, with both branches of a conditional one."""
    found = []
    for policy in policies:
        if "Fn::If" in policy:
            found += [branch for branch in policy["Fn::If"][1:] if isinstance(branch, dict) and "PolicyDocument" in branch]
        else:
            found.append(policy)
    return found


def test_resource_count_stays_well_under_the_cloudformation_limit(transformed):
    assert len(transformed["Resources"]) < 450


def test_every_non_public_route_uses_the_authorizer():
    stack = _stack()
    public = {"GET /v1/health", "POST /v1/users/{id}/stats/increment-interviews", "GET /v1/auth/oauth/{provider}",
              "GET /v1/auth/oauth/{provider}/callback", "POST /v1/auth/refresh", "GET /v1/public/resumes/{username}",
              "GET /v1/public/shares/{token}"}
    for route in stack.routes():
        if route.route_key in public:
            assert route.authorizer is None
        else:
            assert route.authorizer == "AuthorizerFunction", route.route_key


def test_the_cv_worker_gives_up_before_sqs_dead_letters_the_notification():
    from vitae.candidates.cv import MAX_ATTEMPTS

    queue = _stack().resources["CvUploadsQueue"]["Properties"]
    assert MAX_ATTEMPTS < queue["RedrivePolicy"]["maxReceiveCount"]
