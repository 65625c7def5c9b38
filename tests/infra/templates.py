"""The templates as CloudFormation receives them (after the SAM transform), and a symbolic reading
of their values in the root stack's terms, for the checks in tests/infra."""

from __future__ import annotations

import copy
import os
from functools import cache
from pathlib import Path
from typing import Any

from vitae_devstack.template import ROOT, TEMPLATE, load

CHILDREN = sorted((ROOT / "functions").glob("*/template.yaml"))
STACKS = [TEMPLATE, *CHILDREN]


@cache
def transformed(path: Path) -> dict[str, Any]:
    """`path` after the SAM transform, with code locations as `sam package` rewrites them."""
    from samtranslator.translator.transform import transform

    class NoManagedPolicies:  # SAM may not resolve managed policy names: every ARN stays visible
        def load(self) -> dict:
            return {}

    template = copy.deepcopy(load(path))
    for resource in template["Resources"].values():
        props = resource.get("Properties", {})
        for key in ("CodeUri", "ContentUri"):
            if key in props:
                props[key] = "s3://artifacts/package.zip"
        if resource["Type"] == "AWS::Serverless::Application":
            props["Location"] = "https://s3.amazonaws.com/artifacts/nested.yaml"
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    return transform(template, {}, NoManagedPolicies())


@cache
def passed_parameters(child: Path) -> dict[str, Any]:
    """What the root passes `child` (its AWS::Serverless::Application's Parameters)."""
    for resource in load(TEMPLATE)["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Application" and \
                (ROOT / resource["Properties"]["Location"]).resolve() == child.resolve():
            return resource["Properties"].get("Parameters", {})
    raise LookupError(f"{child} is not nested in the root template")


def text(value: Any, path: Path = TEMPLATE) -> str:
    """A value as a string with `${...}` placeholders in the root's terms: `!Ref X` -> `${X}`,
    `!GetAtt X.Arn` -> `${X.Arn}`, `!Sub` as written; a nested stack's parameters are replaced by
    what the root passes for them."""
    if isinstance(value, str):
        result = value
    elif isinstance(value, (int, float)):
        result = str(value)
    elif "Ref" in value:
        result = "${" + value["Ref"] + "}"
    elif "Fn::GetAtt" in value:
        target = value["Fn::GetAtt"]
        result = "${" + ".".join(target if isinstance(target, list) else [target]) + "}"
    elif "Fn::Sub" in value:
        result = value["Fn::Sub"] if isinstance(value["Fn::Sub"], str) else value["Fn::Sub"][0]
    elif "Fn::Join" in value:
        separator, items = value["Fn::Join"]
        result = separator.join(text(item, path) for item in items)
    else:
        raise ValueError(f"cannot read {value!r} symbolically")
    if path != TEMPLATE:
        parameters = passed_parameters(path)
        for name, passed in parameters.items():
            result = result.replace("${" + name + "}", text(passed))
    return result
