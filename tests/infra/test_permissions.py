"""The permission contract, proven from the SAM-transformed templates.

For every function: what its code uses (the resource settings its import closure reads, see
uses.py) is exactly what its environment declares; what its environment declares and its event
sources consume is granted by its role; and its role grants nothing else. No statement has
`Resource: "*"` except the actions AWS offers no resource-level permissions for, and no role carries
an AWS managed policy (they grant on `*`: AWSLambdaBasicExecutionRole, the SQS poller policy...).
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
from vitae_devstack.template import ROOT, Stack

# AWS documents no resource-level permissions for these, so `*` is the only way to grant them:
# X-Ray's write API, CloudWatch's PutMetricData, and the EC2 calls Lambda makes to attach a function
# to a VPC (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-permissions).
WILDCARD_ALLOWED = {
    "xray:PutTraceSegments", "xray:PutTelemetryRecords", "cloudwatch:PutMetricData",
    "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
    "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
}
S3_OBJECT_ACTIONS = {"s3:GetObject", "s3:PutObject", "s3:DeleteObject"}
SQS_CONSUMER_ACTIONS = {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                        "sqs:GetQueueAttributes"}
LOG_ACTIONS = {"logs:CreateLogStream", "logs:PutLogEvents"}
BUCKET = "vitae-${Stage}-files-${AWS::AccountId}-${AWS::Region}"
SSM_PARAMETER_ARN = "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter"
RESOURCE_VARIABLES = {
    (f"{name}_param" if f"{name}_param" in Settings.model_fields else name).upper() for name in RESOURCE_SETTINGS
}


@dataclass
class Function:
    name: str
    template: Path
    handler: Path
    environment: dict[str, str]
    log_group: str
    statements: list[tuple[str, str]]  # (action, resource) pairs its role grants, in the root's terms
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


def _statements(document: dict[str, Any], path: Path) -> list[tuple[str, str]]:
    pairs = []
    for raw in _as_list(document["Statement"]):
        for statement in _branches(raw):
            assert statement["Effect"] == "Allow", statement
            for action in _as_list(statement["Action"]):
                for resource in _as_list(statement["Resource"]):
                    pairs.append((action, symbolic(resource, path)))
    return pairs


def _root_managed_policy(reference: str) -> dict[str, Any] | None:
    found = re.fullmatch(r"\$\{(\w+)\}", reference)
    resource = transformed(TEMPLATE)["Resources"].get(found[1]) if found else None
    return resource if resource and resource["Type"] == "AWS::IAM::ManagedPolicy" else None


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
            role = resources[role_ref["Fn::GetAtt"][0]]["Properties"]
            statements, managed = [], []
            for policy in _as_list(role.get("Policies", [])):
                for branch in _branches(policy):
                    statements += _statements(branch["PolicyDocument"], path)
            for arn in _as_list(role.get("ManagedPolicyArns", [])):
                for branch in _branches(arn):
                    reference = symbolic(branch, path)
                    policy = _root_managed_policy(reference)
                    if policy is None:
                        managed.append(reference)
                    else:
                        statements += _statements(policy["Properties"]["PolicyDocument"], TEMPLATE)
            variables = props.get("Environment", {}).get("Variables", {})
            log_group = resources[props["LoggingConfig"]["LogGroup"]["Ref"]]["Properties"]["LogGroupName"]
            function = Function(
                name=name, template=path, handler=code_dirs[name] / "app.py",
                environment={k: symbolic(v, path) for k, v in variables.items()},
                log_group=symbolic(log_group, path), statements=statements, managed_arns=managed,
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


def _needed_grants(function: Function) -> list[tuple[set[str], str]]:
    """(acceptable actions, resource) that must each be granted by at least one statement."""
    env = function.environment
    needs: list[tuple[set[str], str]] = []
    for key, value in env.items():
        if key.endswith("_PARAM"):
            needs.append(({"ssm:GetParameter"}, f"{SSM_PARAMETER_ARN}{value}"))
    if "ALERTS_TOPIC_ARN" in env:
        needs.append(({"sns:Publish"}, env["ALERTS_TOPIC_ARN"]))
    if "EVENT_BUS_NAME" in env:
        needs.append(({"events:PutEvents"}, env["EVENT_BUS_NAME"].replace("}", ".Arn}")))
    if "EVENT_LOG_QUEUE_URL" in env:
        needs.append(({"sqs:GetQueueAttributes"}, env["EVENT_LOG_QUEUE_URL"].replace("}", ".Arn}")))
    for prefix in filter(None, env.get("FILES_PREFIXES", "").split(",")):
        needs.append((S3_OBJECT_ACTIONS, f"arn:${{AWS::Partition}}:s3:::{BUCKET}/{prefix}*"))
    for queue in function.consumes:
        needs += [({action}, queue) for action in ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")]
    needs += [({"secretsmanager:GetSecretValue"}, arn) for arn in function.reads_secret_arns]
    needs.append(({"logs:PutLogEvents"}, function.log_group))
    return needs


def _allowed(function: Function, action: str, resource: str) -> bool:
    """Whether one granted (action, resource) is justified by the function's environment, event
    sources and log group."""
    env = function.environment
    if action == "ssm:GetParameter" and resource.startswith(SSM_PARAMETER_ARN):
        return resource.removeprefix(SSM_PARAMETER_ARN) in {v for k, v in env.items() if k.endswith("_PARAM")}
    if action == "sns:Publish":
        return resource == env.get("ALERTS_TOPIC_ARN")
    if action == "events:PutEvents":
        return "EVENT_BUS_NAME" in env and resource == env["EVENT_BUS_NAME"].replace("}", ".Arn}")
    if action in S3_OBJECT_ACTIONS:
        prefixes = filter(None, env.get("FILES_PREFIXES", "").split(","))
        return resource in {f"arn:${{AWS::Partition}}:s3:::{BUCKET}/{p}*" for p in prefixes}
    if action == "s3:ListBucket":  # names of objects, for health's bucket check and the purge
        return "FILES_BUCKET" in env and resource == f"arn:${{AWS::Partition}}:s3:::{BUCKET}"
    if action in SQS_CONSUMER_ACTIONS and resource in function.consumes:
        return True
    if action == "sqs:GetQueueAttributes":
        return "EVENT_LOG_QUEUE_URL" in env and resource == env["EVENT_LOG_QUEUE_URL"].replace("}", ".Arn}")
    if action == "secretsmanager:GetSecretValue":
        return resource in function.reads_secret_arns
    if action in LOG_ACTIONS:
        return _log_group_covers(resource, function.log_group)
    return resource == "*" and action in WILDCARD_ALLOWED


def _log_group_covers(granted: str, group: str) -> bool:
    found = re.fullmatch(r"arn:\$\{AWS::Partition\}:logs:\$\{AWS::Region\}:\$\{AWS::AccountId\}:log-group:(.+):\*",
                         granted)
    return bool(found) and re.fullmatch(re.escape(found[1]).replace(r"\*", ".*"), group) is not None


def _granted(function: Function, actions: set[str], resource: str) -> bool:
    if any(action in actions and r == resource for action, r in function.statements):
        return True
    return "logs:PutLogEvents" in actions and any(
        a == "logs:PutLogEvents" and _log_group_covers(r, resource) for a, r in function.statements)


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.name)
def test_a_function_is_granted_what_its_environment_declares(function):
    missing = [f"{'|'.join(sorted(actions))} on {resource}" for actions, resource in _needed_grants(function)
               if not _granted(function, actions, resource)]
    assert missing == [], f"{function.name} ({function.template.relative_to(ROOT)}) lacks: {missing}"


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.name)
def test_a_function_is_granted_nothing_else(function):
    extra = sorted({f"{action} on {resource}" for action, resource in function.statements
                    if not _allowed(function, action, resource)})
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
    assert ("FILES_PREFIXES" in function.environment) <= ("FILES_BUCKET" in function.environment)


def test_no_statement_anywhere_grants_a_wildcard_resource_beyond_what_aws_requires():
    offenders = []
    for path in STACKS:
        for name, resource in transformed(path)["Resources"].items():
            documents = []
            if resource["Type"] == "AWS::IAM::ManagedPolicy":
                documents.append(resource["Properties"]["PolicyDocument"])
            elif resource["Type"] == "AWS::IAM::Role":
                for policy in _as_list(resource["Properties"].get("Policies", [])):
                    documents += [branch["PolicyDocument"] for branch in _branches(policy)]
                offenders += [(name, arn) for arn in _as_list(resource["Properties"].get("ManagedPolicyArns", []))
                              if isinstance(arn, str) and arn.startswith("arn:")]
            for document in documents:
                for action, granted in _statements(document, path):
                    if (granted == "*" and action not in WILDCARD_ALLOWED) or action.endswith("*"):
                        offenders.append((name, f"{action} on {granted}"))
    assert offenders == []


def test_the_contract_covers_every_function():
    assert {f.name for f in FUNCTIONS} == set(Stack.root({}).functions())
