"""The root template and its nested domain stacks are deployable, complete and within CloudFormation's
limits; the devstack serves exactly what they declare. The permission contract is in
test_permissions.py."""

import json
import os
import shutil
import subprocess

import pytest

from tests.infra.templates import CHILDREN, STACKS, transformed
from vitae_devstack.openapi import DOCUMENT
from vitae_devstack.template import ROOT, TEMPLATE, Stack, load

SAM = shutil.which("sam")
RESOURCE_LIMIT = 500  # CloudFormation's, per stack
RESOURCE_BUDGET = 300  # ours: room for each domain to grow
LAYER_BUDGET_BYTES = 230 * 2**20  # of Lambda's 250 MiB for a function's code and layers, unzipped
PUBLIC_ROUTES = {"GET /v1/health", "GET /v1/openapi.json", "POST /v1/users/{id}/stats/increment-interviews",
                 "GET /v1/auth/oauth/{provider}", "GET /v1/auth/oauth/{provider}/callback", "POST /v1/auth/refresh",
                 "GET /v1/public/resumes/{username}", "GET /v1/public/shares/{token}",
                 "$default"}  # unknown routes: 404 for anyone, token or not


def _sam(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    assert SAM, "the SAM CLI is not on PATH: `make test` installs it (make sam-install)"
    env = {**os.environ, "SAM_CLI_TELEMETRY": "0", "AWS_DEFAULT_REGION": "us-east-1"}
    return subprocess.run([SAM, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def _stack() -> Stack:
    return Stack.root({})


@pytest.mark.slow
@pytest.mark.parametrize("path", STACKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_sam_validate_lint_passes(path):
    result = _sam("validate", "--lint", "--template-file", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is a valid SAM Template" in result.stdout + result.stderr


@pytest.mark.slow
def test_sam_build_packages_the_nested_stacks_every_function_and_the_layer_with_its_migrations(tmp_path):
    result = _sam("build", "--build-dir", str(tmp_path / "build"), "--cache-dir", str(tmp_path / "cache"), timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    build = tmp_path / "build"
    layer = build / "VitaeLayer" / "python"
    assert (layer / "vitae" / "migrations" / "0001.platform.sql").exists()
    # Lambda refuses a function whose code and layers unzip to more than 250 MiB; keep room for growth.
    size = sum(path.stat().st_size for path in layer.rglob("*") if path.is_file())
    print(f"layer unzipped: {size / 2**20:.1f} MiB of Lambda's 250 MiB")
    assert size < LAYER_BUDGET_BYTES
    assert (layer / "vitae" / "openapi.json").read_text() == DOCUMENT.read_text()
    assert (layer / "psycopg").is_dir() and (layer / "pydantic").is_dir()
    built = {path.parent.name: path for path in build.glob("**/app.py")}
    for name, function in _stack().functions().items():
        assert built[name].read_text() == (function.code_uri / "app.py").read_text(), name
    nested = {resource["Properties"]["Location"] for resource in load(build / "template.yaml")["Resources"].values()
              if resource["Type"] == "AWS::Serverless::Application"}
    assert nested == {f"{child.parent.name.capitalize()}Stack/template.yaml" for child in CHILDREN}
    for location in nested:
        assert (build / location).exists()


def test_every_stack_stays_well_under_the_cloudformation_resource_limit():
    counts = {str(path.relative_to(ROOT)): len(transformed(path)["Resources"]) for path in STACKS}
    print("resources per stack after the SAM transform:", json.dumps(counts, indent=2))
    assert max(counts.values()) < RESOURCE_BUDGET < RESOURCE_LIMIT, counts


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


def test_every_function_directory_is_in_a_template_and_each_domain_is_a_nested_stack():
    declared = {f.code_uri for f in _stack().functions().values()}
    on_disk = {path.parent for path in (ROOT / "functions").glob("*/*/app.py")}
    assert on_disk == declared
    assert {path.parent for path in CHILDREN} == {path.parent for path in on_disk}


def test_queues_have_dlqs_and_visibility_of_six_consumer_timeouts():
    stack = _stack()
    functions = stack.functions()
    for mapping in stack.queue_mappings():
        queue = mapping.stack.resources[mapping.queue]["Properties"]
        assert queue["VisibilityTimeout"] >= 6 * functions[mapping.function].timeout, mapping.queue
        assert 3 <= queue["RedrivePolicy"]["maxReceiveCount"] <= 5, mapping.queue
        assert mapping.reports_failures, mapping.queue


def test_every_non_public_route_uses_the_authorizer():
    for route in _stack().routes():
        if route.route_key in PUBLIC_ROUTES:
            assert route.authorizer is None, route.route_key
        else:
            assert route.authorizer == "AuthorizerFunction", route.route_key


def test_the_devstack_serves_exactly_the_routes_the_stacks_declare():
    declared = set()
    for path in STACKS:
        resources = transformed(path)["Resources"]
        for resource in resources.values():
            if resource["Type"] == "AWS::ApiGatewayV2::Route":
                integration = resources[resource["Properties"]["Target"]["Fn::Sub"].split("${")[1].rstrip("}")]
                function = integration["Properties"]["IntegrationUri"]["Fn::GetAtt"][0]
                declared.add((resource["Properties"]["RouteKey"], function))
    served = {(route.route_key, route.function) for route in _stack().routes()}
    assert served == declared
    assert len(served) == len({key for key, _ in served})  # one function per route key


def test_api_gateway_may_invoke_every_routes_function_for_that_route_only():
    """A route whose function has no Lambda::Permission for it answers 500 in AWS (and in the devstack);
    a permission names its route (the `$default` catch-all takes any)."""
    import re

    assert [r.route_key for r in _stack().routes() if not r.invokable] == []
    for path in CHILDREN:
        resources = load(path)["Resources"]
        routes = {r["Properties"]["RouteKey"]: r for r in resources.values() if r["Type"] == "AWS::ApiGatewayV2::Route"}
        permitted = [p["Properties"]["SourceArn"]["Fn::Sub"] for p in resources.values()
                     if p["Type"] == "AWS::Lambda::Permission"]
        for key in routes.keys() - {"$default"}:
            method, route = key.split(" ", 1)
            assert f"${{ApiId}}/*/{method}{re.sub(r'{[^}]+}', '*', route)}" in " ".join(permitted), key


def test_every_route_answers_within_api_gateways_30_seconds():
    """A function behind a route that could run longer than API Gateway's integration timeout would
    keep working after the client got a 503; its own timeout must come first."""
    functions = _stack().functions()
    assert {r.function: functions[r.function].timeout for r in _stack().routes()
            if functions[r.function].timeout >= 30} == {}


def test_every_route_is_limited_by_the_configured_per_ip_limit():
    """Every HTTP function counts requests per IP (vitae.platform.http), so each must see the
    deployment's RATE_LIMIT_IP_* settings; one without them keeps the defaults and, sharing the
    counter, answers 429 where the others would not."""
    functions = _stack().functions()
    settings = {"RATE_LIMIT_IP_MAX", "RATE_LIMIT_IP_WINDOW_SECONDS"}
    lacking = {r.function: sorted(settings - functions[r.function].environment.keys()) for r in _stack().routes()}
    assert {name: missing for name, missing in lacking.items() if missing} == {}


def test_samconfig_acknowledges_the_capabilities_nested_stacks_need():
    import tomllib

    deploy = tomllib.loads((ROOT / "samconfig.toml").read_text())["default"]["deploy"]["parameters"]
    assert set(deploy["capabilities"].split()) == {"CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"}


def test_every_function_logs_to_a_group_with_the_configured_retention():
    for path in STACKS:
        template = transformed(path)
        assert template["Parameters"]["LogRetentionDays"].get("Default", 30) == 30
        for name, resource in template["Resources"].items():
            if resource["Type"] == "AWS::Lambda::Function":
                group = template["Resources"][resource["Properties"]["LoggingConfig"]["LogGroup"]["Ref"]]
                assert group["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}, name
            if resource["Type"] == "AWS::Logs::LogGroup":
                assert resource["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}, name


def test_every_function_joins_the_vpc_when_subnets_are_given():
    for path in STACKS:
        template = transformed(path)
        for name, resource in template["Resources"].items():
            if resource["Type"] == "AWS::Lambda::Function":
                condition, in_vpc, _ = resource["Properties"]["VpcConfig"]["Fn::If"]
                assert condition == "HasVpc", name
                assert in_vpc == {"SubnetIds": {"Ref": "SubnetIds"}, "SecurityGroupIds": {"Ref": "SecurityGroupIds"}}
        assert template["Conditions"]["HasVpc"] == {"Fn::Not": [{"Fn::Equals": [
            {"Fn::Join": ["", {"Ref": "SubnetIds"}]}, ""]}]}


def test_migrations_run_on_every_deploy_and_a_hung_one_fails_it_in_minutes():
    migrate = load(TEMPLATE)["Resources"]["MigrateOnDeploy"]["Properties"]
    assert 60 <= migrate["ServiceTimeout"] <= 900
    assert migrate["LayerVersion"] == {"Ref": "VitaeLayer"}
    for resource in load(TEMPLATE)["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Application":
            assert resource["DependsOn"] == "MigrateOnDeploy"


def test_the_cv_worker_gives_up_before_sqs_dead_letters_the_notification():
    from vitae.candidates.cv import MAX_ATTEMPTS

    stack = _stack()
    queue = stack.owner("CvUploadsQueue").resources["CvUploadsQueue"]["Properties"]
    assert queue["RedrivePolicy"]["maxReceiveCount"] > MAX_ATTEMPTS
