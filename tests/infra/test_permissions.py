"""The permission contract, proven from the SAM-transformed templates.

For every function: what its code uses (the resource settings its import closure reads, see
uses.py) is exactly what its environment declares, and each declared variable names the resource it
means; what its environment declares (secrets, FILES_ACCESS, the bus, the topic, the event log
queue) and its event sources consume is granted by its role, and its role grants nothing else. Every
policy that reaches a role counts: inline, managed, and standalone ones attached to it. No statement
has `Resource: "*"` except the actions AWS offers no resource-level permissions for, and no role
carries an AWS managed policy (they grant on `*`: AWSLambdaBasicExecutionRole, SAM's SQS poller...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.infra.templates import STACKS, TEMPLATE, transformed
from tests.infra.templates import text as symbolic
from tests.infra.uses import environment_needed
from vitae.platform.config import RESOURCE_SETTINGS, Settings
from vitae.platform.storage import parse_access
from vitae_devstack.template import ROOT, Stack

# AWS documents no resource-level permissions for these, so `*` is the only way to grant them:
# X-Ray's write API, CloudWatch's PutMetricData, and the EC2 calls Lambda makes to attach a function
# to a VPC (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-permissions).
WILDCARD_ALLOWED = {
    "xray:PutTraceSegments", "xray:PutTelemetryRecords", "cloudwatch:PutMetricData",
    "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
    "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
}
S3_OBJECT_ACTIONS = {"get": "s3:GetObject", "put": "s3:PutObject", "delete": "s3:DeleteObject"}
SQS_CONSUMER_ACTIONS = {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                        "sqs:GetQueueAttributes"}
LOG_ACTIONS = {"logs:CreateLogStream", "logs:PutLogEvents"}
BUCKET = "vitae-${Stage}-files-${AWS::AccountId}-${AWS::Region}"
BUCKET_ARN = f"arn:${{AWS::Partition}}:s3:::{BUCKET}"
SSM_PARAMETER_ARN = "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter"
RESOURCE_VARIABLES = {
    (f"{name}_param" if f"{name}_param" in Settings.model_fields else name).upper() for name in RESOURCE_SETTINGS
}
# What each resource variable must name, in the root's terms (a secret: its own SSM parameter).
MEANT = {"FILES_BUCKET": BUCKET, "EVENT_BUS_NAME": "${EventBus}", "ALERTS_TOPIC_ARN": "${AlertsTopic}",
         "EVENT_LOG_QUEUE_URL": "${EventLogQueue}"}


@dataclass(frozen=True)
class Grant:
    action: str
    resource: str  # in the root's terms
    prefixes: tuple[str, ...] | None = None  # an s3:prefix condition (ListBucket), None without one


@dataclass
class Function:
    name: str
    template: Path
    handler: Path
    environment: dict[str, str]
    log_group: str  # the ARN of its log group, symbolically
    grants: list[Grant]  # everything its role is granted, from every policy that reaches it
    managed_arns: list[str] = field(default_factory=list)  # AWS managed policies (forbidden)
    consumes: list[str] = field(default_factory=list)  # queues its event source mappings read
    reads_secret_arns: list[str] = field(default_factory=list)  # Kafka credentials its mappings use


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _branches(value: Any) -> list[Any]:
    """Both branches of an `Fn::If` (a statement or policy that exists under a condition)."""
    if isinstance(value, dict) and "Fn::If" in value:
        return [b for b in value["Fn::If"][1:] if not (isinstance(b, dict) and b.get("Ref") == "AWS::NoValue")]
    return [value]


def _grants(document: dict[str, Any], path: Path) -> list[Grant]:
    grants = []
    for raw in _as_list(document["Statement"]):
        for statement in _branches(raw):
            assert statement["Effect"] == "Allow", statement
            condition = statement.get("Condition", {})
            prefixes = condition.get("StringLike", {}).get("s3:prefix")
            assert set(condition) <= {"StringLike"}, f"unexpected condition {condition}"
            for action in _as_list(statement["Action"]):
                for resource in _as_list(statement["Resource"]):
                    grants.append(Grant(action, symbolic(resource, path),
                                        tuple(_as_list(prefixes)) if prefixes is not None else None))
    return grants


def _managed_policy(reference: str, path: Path) -> tuple[dict[str, Any], Path] | None:
    """The AWS::IAM::ManagedPolicy `${X}` names: in the function's own template, else the root's."""
    found = re.fullmatch(r"\$\{(\w+)\}", reference)
    for where in (path, TEMPLATE):
        resource = transformed(where)["Resources"].get(found[1]) if found else None
        if resource and resource["Type"] == "AWS::IAM::ManagedPolicy":
            return resource, where
    return None


def _attached_elsewhere(resources: dict[str, Any], role: str, path: Path) -> list[Grant]:
    """Policies that attach themselves to `role` (AWS::IAM::Policy, RolePolicy, a ManagedPolicy's Roles)."""
    grants = []
    for resource in resources.values():
        props = resource.get("Properties", {})
        roles = _as_list(props.get("Roles", [])) + ([props["RoleName"]] if "RoleName" in props else [])
        if resource["Type"] in ("AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::ManagedPolicy") and \
                {"Ref": role} in roles:
            grants += _grants(props["PolicyDocument"], path)
    return grants


def _functions() -> list[Function]:
    functions = []
    code_dirs = {name: f.code_uri for name, f in Stack.root({}).functions().items()}
    for path in STACKS:
        resources = transformed(path)["Resources"]
        for name, resource in resources.items():
            if resource["Type"] != "AWS::Lambda::Function":
                continue
            props = resource["Properties"]
            role_ref = props["Role"]
            assert "Fn::GetAtt" in role_ref, f"{name}: its role must be declared beside it"
            role_name = role_ref["Fn::GetAtt"][0]
            role = resources[role_name]["Properties"]
            grants, managed = _attached_elsewhere(resources, role_name, path), []
            for policy in _as_list(role.get("Policies", [])):
                for branch in _branches(policy):
                    grants += _grants(branch["PolicyDocument"], path)
            for arn in _as_list(role.get("ManagedPolicyArns", [])):
                for branch in _branches(arn):
                    reference = symbolic(branch, path)
                    found = _managed_policy(reference, path)
                    if found is None:
                        managed.append(reference)
                    else:
                        grants += _grants(found[0]["Properties"]["PolicyDocument"], found[1])
            variables = props.get("Environment", {}).get("Variables", {})
            function = Function(
                name=name, template=path, handler=code_dirs[name] / "app.py",
                environment={k: symbolic(v, path) for k, v in variables.items()},
                log_group="${" + props["LoggingConfig"]["LogGroup"]["Ref"] + ".Arn}", grants=grants,
                managed_arns=managed,
            )
            for mapping in resources.values():
                if mapping["Type"] == "AWS::Lambda::EventSourceMapping" and \
                        mapping["Properties"]["FunctionName"] == {"Ref": name}:
                    mp = mapping["Properties"]
                    if "EventSourceArn" in mp:
                        function.consumes.append(symbolic(mp["EventSourceArn"], path))
                    for access in _branches(mp.get("SourceAccessConfigurations", [])):
                        function.reads_secret_arns += [symbolic(a["URI"], path) for a in _as_list(access)]
            functions.append(function)
    return functions


FUNCTIONS = _functions()


def _arn(reference: str) -> str:
    """`${X}` -> `${X.Arn}`."""
    return reference.replace("}", ".Arn}")


def _files_access(function: Function) -> list[tuple[str, set[str]]]:
    return parse_access(function.environment.get("FILES_ACCESS", ""))


def _needed_grants(function: Function) -> list[Grant]:
    """What at least one statement must grant, each exactly."""
    env = function.environment
    needs = [Grant("ssm:GetParameter", f"{SSM_PARAMETER_ARN}{value}")
             for key, value in env.items() if key.endswith("_PARAM")]
    if "ALERTS_TOPIC_ARN" in env:
        needs.append(Grant("sns:Publish", env["ALERTS_TOPIC_ARN"]))
    if "EVENT_BUS_NAME" in env:
        needs.append(Grant("events:PutEvents", _arn(env["EVENT_BUS_NAME"])))
    if "EVENT_LOG_QUEUE_URL" in env:
        needs.append(Grant("sqs:GetQueueAttributes", _arn(env["EVENT_LOG_QUEUE_URL"])))
    for prefix, operations in _files_access(function):
        for operation in operations:
            if operation == "list":
                needs.append(Grant("s3:ListBucket", BUCKET_ARN, (f"{prefix}*",) if prefix else None))
            else:
                needs.append(Grant(S3_OBJECT_ACTIONS[operation], f"{BUCKET_ARN}/{prefix}*"))
    for queue in function.consumes:
        needs += [Grant(action, queue) for action in ("sqs:ReceiveMessage", "sqs:DeleteMessage",
                                                      "sqs:GetQueueAttributes")]
    needs += [Grant("secretsmanager:GetSecretValue", arn) for arn in function.reads_secret_arns]
    needs += [Grant(action, function.log_group) for action in sorted(LOG_ACTIONS)]
    return needs


def _allowed(function: Function, grant: Grant) -> bool:
    """Whether one granted (action, resource[, prefixes]) is justified by the function's environment,
    event sources and log group."""
    action, resource, env = grant.action, grant.resource, function.environment
    if action == "ssm:GetParameter":
        return resource.removeprefix(SSM_PARAMETER_ARN) in {v for k, v in env.items() if k.endswith("_PARAM")}
    if action == "sns:Publish":
        return resource == env.get("ALERTS_TOPIC_ARN")
    if action == "events:PutEvents":
        return "EVENT_BUS_NAME" in env and resource == _arn(env["EVENT_BUS_NAME"])
    access = _files_access(function)
    if action in S3_OBJECT_ACTIONS.values():
        return any(resource == f"{BUCKET_ARN}/{prefix}*" and S3_OBJECT_ACTIONS.get(op) == action
                   for prefix, operations in access for op in operations)
    if action == "s3:ListBucket":
        listed = {prefix for prefix, operations in access if "list" in operations}
        if resource != BUCKET_ARN:
            return False
        return "" in listed if grant.prefixes is None else {p.removesuffix("*") for p in grant.prefixes} <= listed
    if action in SQS_CONSUMER_ACTIONS and resource in function.consumes:
        return True
    if action == "sqs:SendMessage" and resource in function.consumes:
        return True  # a message of its own queue sent again, delayed (consumers.send_again): work that waits
    if action == "sqs:GetQueueAttributes":
        return "EVENT_LOG_QUEUE_URL" in env and resource == _arn(env["EVENT_LOG_QUEUE_URL"])
    if action == "secretsmanager:GetSecretValue":
        return resource in function.reads_secret_arns
    if action in LOG_ACTIONS:
        return resource == function.log_group
    return resource == "*" and action in WILDCARD_ALLOWED


def _covers(grant: Grant, need: Grant) -> bool:
    if (grant.action, grant.resource) != (need.action, need.resource):
        return False
    if need.prefixes is None or grant.prefixes is None:
        return need.prefixes == grant.prefixes
    return set(need.prefixes) <= set(grant.prefixes)


def _describe(grant: Grant) -> str:
    return f"{grant.action} on {grant.resource}" + (f" for {list(grant.prefixes)}" if grant.prefixes else "")


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.name)
def test_a_function_is_granted_what_its_environment_declares(function):
    missing = [_describe(need) for need in _needed_grants(function)
               if not any(_covers(grant, need) for grant in function.grants)]
    assert missing == [], f"{function.name} ({function.template.relative_to(ROOT)}) lacks: {missing}"


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.name)
def test_a_function_is_granted_nothing_else(function):
    extra = sorted({_describe(grant) for grant in function.grants if not _allowed(function, grant)})
    assert extra == [], f"{function.name} ({function.template.relative_to(ROOT)}) is granted more than it uses: {extra}"
    assert function.managed_arns == [], f"{function.name} carries AWS managed policies (they grant on *)"


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.name)
def test_a_functions_environment_declares_exactly_the_resources_its_code_reads(function):
    needed = environment_needed(function.handler)
    declared = {key for key in function.environment if key in RESOURCE_VARIABLES}
    undeclared = {key: sorted(needed[key]) for key in needed.keys() - declared}
    assert undeclared == {}, f"{function.name}'s code reads settings its environment lacks: {undeclared}"
    unread = sorted(declared - needed.keys())
    assert unread == [], f"{function.name} declares resources its code never reads: {unread}"
    # What it may do in the bucket is declared with the bucket, even when it is nothing ("").
    assert ("FILES_ACCESS" in function.environment) == ("FILES_BUCKET" in function.environment), function.name


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.name)
def test_a_functions_environment_names_the_resources_it_means(function):
    wrong = {}
    for key, value in function.environment.items():
        if key.endswith("_PARAM") and key in RESOURCE_VARIABLES:
            meant = "/${SsmPrefix}/" + key.removesuffix("_PARAM").lower().replace("_", "-")
        else:
            meant = MEANT.get(key, value)
        if value != meant:
            wrong[key] = (value, meant)
    assert wrong == {}, f"{function.name}: variable -> (names, should name): {wrong}"


def test_no_statement_anywhere_grants_a_wildcard_resource_beyond_what_aws_requires():
    offenders = []
    for path in STACKS:
        for name, resource in transformed(path)["Resources"].items():
            documents = []
            if resource["Type"] in ("AWS::IAM::ManagedPolicy", "AWS::IAM::Policy", "AWS::IAM::RolePolicy"):
                documents.append(resource["Properties"]["PolicyDocument"])
            elif resource["Type"] == "AWS::IAM::Role":
                for policy in _as_list(resource["Properties"].get("Policies", [])):
                    documents += [branch["PolicyDocument"] for branch in _branches(policy)]
                offenders += [(name, arn) for arn in _as_list(resource["Properties"].get("ManagedPolicyArns", []))
                              if isinstance(arn, str) and arn.startswith("arn:")]
            for document in documents:
                for grant in _grants(document, path):
                    if (grant.resource == "*" and grant.action not in WILDCARD_ALLOWED) or grant.action.endswith("*"):
                        offenders.append((name, _describe(grant)))
    assert offenders == []


def test_the_contract_covers_every_function():
    assert {f.name for f in FUNCTIONS} == set(Stack.root({}).functions())


def test_the_purge_of_a_deleted_users_files_reaches_every_prefix():
    """Every prefix objects are stored under (storage.PREFIXES, new ones too) is one the purge of a
    deleted user's files may list and delete (in-process tests run without FILES_ACCESS)."""
    from vitae.platform.storage import PREFIXES, parse_access

    purge = next(f for f in FUNCTIONS if f.name == "PurgeUserFilesFunction")
    access = dict(parse_access(purge.environment["FILES_ACCESS"]))
    assert {prefix: access.get(f"{prefix}/") for prefix in PREFIXES} == {prefix: {"delete", "list"}
                                                                          for prefix in PREFIXES}
