"""template.yaml as the devstack sees it: functions, routes, queue mappings, schedules, resources.

Resources are created on first reference (a queue before the rule that targets it, a DLQ before
its queue's redrive policy), so intrinsic functions resolve to the real local names, URLs and ARNs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "template.yaml"


class _CfnLoader(yaml.SafeLoader):
    pass


def _tag(loader: yaml.Loader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    name = suffix if suffix in ("Ref", "Condition") else f"Fn::{suffix}"
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
        if name == "Fn::GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


_CfnLoader.add_multi_constructor("!", _tag)


def load(path: Path = TEMPLATE) -> dict[str, Any]:
    return yaml.load(path.read_text(), Loader=_CfnLoader)


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    function: str
    authorizer: str | None  # logical id of the authorizer function, None for public routes

    @property
    def route_key(self) -> str:
        return f"{self.method} {self.path}"

    def match(self, method: str, path: str) -> dict[str, str] | None:
        if self.method not in ("ANY", method):
            return None
        pattern = "^" + re.sub(
            r"\{(\w+)(\+?)\}", lambda m: f"(?P<{m[1]}>.+)" if m[2] else f"(?P<{m[1]}>[^/]+)", self.path
        ) + "$"
        found = re.match(pattern, path)
        return found.groupdict() if found else None


@dataclass(frozen=True)
class QueueMapping:
    function: str
    queue: str  # logical id
    batch_size: int
    window_seconds: int
    reports_failures: bool


@dataclass(frozen=True)
class Schedule:
    function: str
    name: str
    every_seconds: int


@dataclass
class Function:
    logical_id: str
    code_uri: Path
    handler: str
    timeout: int
    memory: int
    environment: dict[str, Any] = field(default_factory=dict)
    events: dict[str, Any] = field(default_factory=dict)


_RATE = re.compile(r"rate\((\d+) (minute|minutes|hour|hours|day|days)\)")
_UNIT = {"minute": 60, "hour": 3600, "day": 86400}


def rate_seconds(expression: str) -> int:
    found = _RATE.fullmatch(expression.strip())
    if not found:
        raise ValueError(f"only rate() schedules run locally, not {expression!r}")
    return int(found[1]) * _UNIT[found[2].rstrip("s")]


class Stack:
    """The template bound to local parameter values and a provisioner for its resources."""

    def __init__(self, template: dict[str, Any], name: str, parameters: dict[str, str],
                 provisioner: Any = None, region: str = "us-east-1", account: str = "000000000000"):
        self.template = template
        self.name = name
        self.region = region
        self.account = account
        self.resources: dict[str, dict[str, Any]] = template.get("Resources", {})
        self.parameters = {
            key: str(parameters.get(key, spec.get("Default", "")))
            for key, spec in template.get("Parameters", {}).items()
        }
        self.provisioner = provisioner
        self._physical: dict[str, dict[str, Any]] = {}

    # -- functions and their event sources ---------------------------------------------------

    def functions(self) -> dict[str, Function]:
        globals_ = self.template.get("Globals", {}).get("Function", {})
        result = {}
        for logical_id, resource in self.resources.items():
            if resource["Type"] != "AWS::Serverless::Function":
                continue
            props = {**globals_, **resource["Properties"]}
            env = {
                **globals_.get("Environment", {}).get("Variables", {}),
                **resource["Properties"].get("Environment", {}).get("Variables", {}),
            }
            result[logical_id] = Function(
                logical_id=logical_id,
                code_uri=ROOT / props["CodeUri"],
                handler=props["Handler"],
                timeout=int(props.get("Timeout", 3)),
                memory=int(props.get("MemorySize", 128)),
                environment=env,
                events=props.get("Events", {}),
            )
        return result

    def environment(self) -> dict[str, str]:
        """Every function's resolved environment, merged; a name must mean one value everywhere."""
        merged: dict[str, str] = {}
        for function in self.functions().values():
            for key, raw in function.environment.items():
                value = str(self.resolve(raw))
                if merged.get(key, value) != value:
                    raise ValueError(f"environment variable {key} differs between functions")
                merged[key] = value
        return merged

    def routes(self) -> list[Route]:
        routes = []
        for function in self.functions().values():
            for event in function.events.values():
                if event["Type"] != "HttpApi":
                    continue
                props = event["Properties"]
                api = self.resources[props["ApiId"]["Ref"]]["Properties"]
                auth = api.get("Auth", {})
                name = props.get("Auth", {}).get("Authorizer", auth.get("DefaultAuthorizer"))
                authorizer = None
                if name and name != "NONE":
                    authorizer = auth["Authorizers"][name]["FunctionArn"]["Fn::GetAtt"][0]
                routes.append(Route(props["Method"].upper(), props["Path"], function.logical_id, authorizer))
        # Most specific first, as API Gateway matches: literal segments beat parameters.
        return sorted(routes, key=lambda r: (r.path.count("{"), -len(r.path)))

    def authorizer_cache_seconds(self) -> int:
        for resource in self.resources.values():
            if resource["Type"] == "AWS::Serverless::HttpApi":
                for spec in resource["Properties"].get("Auth", {}).get("Authorizers", {}).values():
                    return int(spec.get("Identity", {}).get("ReauthorizeEvery", 300))
        return 0

    def queue_mappings(self) -> list[QueueMapping]:
        mappings = []
        for function in self.functions().values():
            for event in function.events.values():
                if event["Type"] == "SQS":
                    props = event["Properties"]
                    mappings.append(QueueMapping(
                        function=function.logical_id,
                        queue=props["Queue"]["Fn::GetAtt"][0],
                        batch_size=int(props.get("BatchSize", 10)),
                        window_seconds=int(props.get("MaximumBatchingWindowInSeconds", 0)),
                        reports_failures="ReportBatchItemFailures" in props.get("FunctionResponseTypes", []),
                    ))
        return mappings

    def schedules(self) -> list[Schedule]:
        schedules = []
        for function in self.functions().values():
            for name, event in function.events.items():
                if event["Type"] in ("Schedule", "ScheduleV2"):
                    props = event["Properties"]
                    expression = props.get("Schedule") or props["ScheduleExpression"]
                    schedules.append(Schedule(function.logical_id, name, rate_seconds(expression)))
        return schedules

    def queue_url(self, logical_id: str) -> str:
        return self.physical(logical_id)["Ref"]

    # -- intrinsic functions ---------------------------------------------------------------------

    def physical(self, logical_id: str) -> dict[str, Any]:
        if logical_id not in self._physical:
            resource = self.resources[logical_id]
            create = getattr(self.provisioner, "create", None)
            made = create(self, logical_id, resource) if create else None
            self._physical[logical_id] = made or {"Ref": logical_id}
        return self._physical[logical_id]

    def provision_all(self) -> None:
        for logical_id in self.resources:
            self.physical(logical_id)

    def condition(self, name: str) -> bool:
        return bool(self.resolve(self.template["Conditions"][name]))

    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if not isinstance(value, dict):
            return value
        if len(value) != 1:
            return {k: self.resolve(v) for k, v in value.items()}
        (name, arg), = value.items()
        match name:
            case "Ref":
                return self._ref(arg)
            case "Fn::GetAtt":
                logical_id, attribute = arg if isinstance(arg, list) else arg.split(".", 1)
                return self.physical(logical_id)[attribute]
            case "Fn::Sub":
                text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], self.resolve(arg[1]))
                return re.sub(r"\$\{([^}]+)\}", lambda m: str(self._sub_var(m[1], variables)), text)
            case "Fn::Join":
                return self.resolve(arg[0]).join(str(v) for v in self.resolve(arg[1]))
            case "Fn::Select":
                return self.resolve(arg[1])[int(self.resolve(arg[0]))]
            case "Fn::If":
                return self.resolve(arg[1] if self.condition(arg[0]) else arg[2])
            case "Fn::Equals":
                return self.resolve(arg[0]) == self.resolve(arg[1])
            case "Fn::Not":
                return not self.resolve(arg[0])
            case "Fn::And":
                return all(self.resolve(a) for a in arg)
            case "Fn::Or":
                return any(self.resolve(a) for a in arg)
            case "Condition":
                return self.condition(arg)
        return {name: self.resolve(arg)}

    def _ref(self, name: str) -> Any:
        pseudo = {
            "AWS::Region": self.region, "AWS::AccountId": self.account, "AWS::StackName": self.name,
            "AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com", "AWS::NoValue": None,
        }
        if name in pseudo:
            return pseudo[name]
        if name in self.parameters:
            spec = self.template["Parameters"][name]
            raw = self.parameters[name]
            return raw.split(",") if spec["Type"] == "CommaDelimitedList" else raw
        return self.physical(name)["Ref"]

    def _sub_var(self, name: str, variables: dict[str, Any]) -> Any:
        if name in variables:
            return variables[name]
        if "." in name and not name.startswith("AWS::"):
            logical_id, attribute = name.split(".", 1)
            return self.physical(logical_id)[attribute]
        return self._ref(name)
