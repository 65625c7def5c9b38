"""The SAM application as the devstack sees it: the root template.yaml and the domain stacks it nests
(`AWS::Serverless::Application` with a local `Location`), read the way CloudFormation would deploy them.

A `Stack` is one template bound to parameter values. It finds functions, routes (ApiGatewayV2 routes
attached to the root's API and authorizer), SQS mappings and schedules in itself and every nested
stack, and resolves intrinsic functions to local values. Resources are created on first reference
(a queue before the rule that targets it, a DLQ before its queue's redrive policy, a nested stack
before the bucket notification that needs its queue), so every reference resolves to a real local
name, URL or ARN.
"""

from __future__ import annotations

import fnmatch
import importlib.util
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "template.yaml"


class _CfnLoader(yaml.SafeLoader):
    pass


def _tag(loader: yaml.Loader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    name = suffix if suffix in ("Ref", "Condition") else f"Fn::{suffix}"
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if name == "Fn::GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return {name: value}


_CfnLoader.add_multi_constructor("!", _tag)


def load(path: Path = TEMPLATE) -> dict[str, Any]:
    """A template with its short-form intrinsics (`!Ref`, `!Sub`...) as their long forms."""
    return yaml.load(path.read_text(), Loader=_CfnLoader)


DEFAULT_ROUTE_KEY = "$default"  # API Gateway's catch-all: what no other route takes


@dataclass(frozen=True)
class Route:
    """One API Gateway route: `authorizer` is the authorizer function's logical id, None if public;
    `invokable` says whether a Lambda::Permission lets API Gateway invoke the function for this route
    (without one, AWS answers the route with a 500). The `$default` route has the method ANY and
    the path `$default`."""

    method: str
    path: str
    function: str
    authorizer: str | None
    invokable: bool = True

    @property
    def is_default(self) -> bool:
        return self.path == DEFAULT_ROUTE_KEY

    @property
    def route_key(self) -> str:
        """`METHOD /path`, as API Gateway names a route (`$default` for the catch-all)."""
        return DEFAULT_ROUTE_KEY if self.is_default else f"{self.method} {self.path}"

    def match(self, method: str, path: str) -> dict[str, str] | None:
        """The path parameters when this route takes `method path`, else None (always for
        `$default`, which takes what the others do not)."""
        if self.is_default or self.method not in ("ANY", method):
            return None
        pattern = "^" + re.sub(
            r"\{(\w+)(\+?)\}", lambda m: f"(?P<{m[1]}>.+)" if m[2] else f"(?P<{m[1]}>[^/]+)", self.path
        ) + "$"
        found = re.match(pattern, path)
        return found.groupdict() if found else None


def by_specificity(routes: list[Route]) -> list[Route]:
    """Most specific first, as API Gateway matches: literal segments beat parameters, `$default` last."""
    return sorted(routes, key=lambda r: (r.is_default, r.path.count("{"), -len(r.path)))


@dataclass(frozen=True)
class QueueMapping:
    """An SQS event source of a function: its queue (in `stack`), batch size and window."""
    stack: Stack
    function: str
    queue: str  # logical id in `stack`
    batch_size: int
    window_seconds: int
    reports_failures: bool

    @property
    def queue_url(self) -> str:
        return self.stack.physical(self.queue)["Ref"]

    @property
    def queue_arn(self) -> str:
        """The queue's local ARN."""
        return self.stack.physical(self.queue)["Arn"]


@dataclass(frozen=True)
class Schedule:
    """A `rate(...)` schedule of a function."""
    function: str
    name: str
    every_seconds: int


@dataclass
class Function:
    """A Lambda function: its code directory, handler, limits and resolved environment."""

    logical_id: str
    code_uri: Path
    handler: str
    timeout: int
    memory: int
    environment: dict[str, str] = field(default_factory=dict)
    events: dict[str, Any] = field(default_factory=dict)

    def load_module(self) -> ModuleType:
        """The handler's module, freshly loaded into this process (as `vitae_fn_<logical id>`)."""
        spec = importlib.util.spec_from_file_location(f"vitae_fn_{self.logical_id}",
                                                      self.code_uri / f"{self.handler.rsplit('.', 1)[0]}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module

    def handler_of(self, module: ModuleType) -> Any:
        """The handler function in `module` (from `load_module`)."""
        return getattr(module, self.handler.rsplit(".", 1)[1])


_RATE = re.compile(r"rate\((\d+) (minute|minutes|hour|hours|day|days)\)")
_UNIT = {"minute": 60, "hour": 3600, "day": 86400}
_FUNCTION_ARN = re.compile(r"arn:aws:lambda:[^:]+:\d+:function:[\w-]+")


def rate_seconds(expression: str) -> int:
    """The period of a `rate(N unit)` schedule expression in seconds; ValueError for anything else."""
    found = _RATE.fullmatch(expression.strip())
    if not found:
        raise ValueError(f"only rate() schedules run locally, not {expression!r}")
    return int(found[1]) * _UNIT[found[2].rstrip("s")]


class Stack:
    """A template bound to parameter values, with a provisioner that creates its resources locally
    (`create(stack, logical_id, resource) -> attributes | None`); without one, every resource is
    named after its logical id. Nested stacks share the provisioner and the region and account."""

    def __init__(self, template: dict[str, Any], name: str, parameters: dict[str, str],
                 provisioner: Any = None, region: str = "us-east-1", account: str = "000000000000",
                 base_dir: Path = ROOT, application: str | None = None):
        self.template = template
        self.name = name
        self.application = application or name  # the root stack's name: function names start with it
        self.region = region
        self.account = account
        self.base_dir = base_dir
        self.resources: dict[str, dict[str, Any]] = template.get("Resources", {})
        self.parameters = {
            key: str(parameters.get(key, spec.get("Default", "")))
            for key, spec in template.get("Parameters", {}).items()
        }
        self.provisioner = provisioner
        self._physical: dict[str, dict[str, Any]] = {}
        self._children: dict[str, Stack] = {}

    @classmethod
    def root(cls, parameters: dict[str, str], provisioner: Any = None, name: str = "vitae",
             region: str = "us-east-1", path: Path = TEMPLATE) -> Stack:
        """The root template bound to `parameters`; its nested stacks are read on first use."""
        return cls(load(path), name, parameters, provisioner, region, base_dir=path.parent)

    # -- the tree of stacks ----------------------------------------------------------------------

    def stacks(self) -> Iterator[Stack]:
        """This stack and every stack nested in it, depth first."""
        yield self
        for logical_id, resource in self.resources.items():
            if resource["Type"] == "AWS::Serverless::Application":
                yield from self.child(logical_id).stacks()

    def child(self, logical_id: str) -> Stack:
        """The stack nested as `logical_id` (an AWS::Serverless::Application with a local Location),
        bound to the parameters this stack passes it."""
        if logical_id not in self._children:
            props = self.resources[logical_id]["Properties"]
            location = props["Location"]
            if not isinstance(location, str):
                raise NotImplementedError(f"{logical_id}: only local nested templates run locally")
            path = (self.base_dir / location).resolve()
            parameters = {key: self._parameter_text(self.resolve(value))
                          for key, value in props.get("Parameters", {}).items()}
            self._children[logical_id] = Stack(load(path), f"{self.name}-{logical_id}", parameters,
                                               self.provisioner, self.region, self.account, path.parent,
                                               self.application)
        return self._children[logical_id]

    @staticmethod
    def _parameter_text(value: Any) -> str:
        return ",".join(map(str, value)) if isinstance(value, list) else str(value)

    # -- functions and their event sources ---------------------------------------------------

    def own_functions(self) -> dict[str, Function]:
        """The functions this template declares (not its nested stacks')."""
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
                code_uri=self.base_dir / props["CodeUri"],
                handler=props["Handler"],
                timeout=int(props.get("Timeout", 3)),
                memory=int(props.get("MemorySize", 128)),
                environment={key: _env_text(self.resolve(value)) for key, value in env.items()},
                events=props.get("Events", {}),
            )
        return result

    def functions(self) -> dict[str, Function]:
        """Every function in the tree, by logical id (unique across stacks, as `vitae-dev invoke` names them)."""
        result: dict[str, Function] = {}
        for stack in self.stacks():
            for name, function in stack.own_functions().items():
                if name in result:
                    raise ValueError(f"function {name} is declared by two stacks")
                result[name] = function
        return result

    def routes(self) -> list[Route]:
        """Every `AWS::ApiGatewayV2::Route` in the tree, most specific first."""
        functions_by_arn = {
            stack.physical(name)["Arn"]: name for stack in self.stacks() for name in stack.own_functions()
        }
        authorizers = {stack.physical(name)["Ref"]: (stack, name) for stack in self.stacks()
                       for name, r in stack.resources.items() if r["Type"] == "AWS::ApiGatewayV2::Authorizer"}
        routes = []
        for stack in self.stacks():
            integrations = {stack.physical(name)["Ref"]: r["Properties"] for name, r in stack.resources.items()
                            if r["Type"] == "AWS::ApiGatewayV2::Integration"}
            permissions = [stack.resolve(r["Properties"]) for r in stack.resources.values()
                           if r["Type"] == "AWS::Lambda::Permission"]
            for resource in stack.resources.values():
                if resource["Type"] != "AWS::ApiGatewayV2::Route":
                    continue
                props = resource["Properties"]
                method, path = (("ANY", DEFAULT_ROUTE_KEY) if props["RouteKey"] == DEFAULT_ROUTE_KEY
                                else props["RouteKey"].split(" ", 1))
                integration = integrations[stack.resolve(props["Target"]).removeprefix("integrations/")]
                function = functions_by_arn[stack.resolve(integration["IntegrationUri"])]
                authorizer = None
                if props.get("AuthorizationType", "NONE") == "CUSTOM":
                    owner, logical_id = authorizers[stack.resolve(props["AuthorizerId"])]
                    uri = owner.resolve(owner.resources[logical_id]["Properties"]["AuthorizerUri"])
                    found = _FUNCTION_ARN.search(uri)
                    if found is None or found[0] not in functions_by_arn:
                        raise ValueError(f"authorizer {logical_id} does not invoke a function of this application")
                    authorizer = functions_by_arn[found[0]]
                invoked_as = (f"arn:aws:execute-api:{stack.region}:{stack.account}:"
                              f"{stack.resolve(props['ApiId'])}/$default/{method.upper()}{path}")
                invokable = any(
                    p["Action"] == "lambda:InvokeFunction" and p["Principal"] == "apigateway.amazonaws.com"
                    and p["FunctionName"] == stack.physical(function)["Ref"]
                    and fnmatch.fnmatchcase(invoked_as, p.get("SourceArn", "*"))
                    for p in permissions)
                routes.append(Route(method.upper(), path, function, authorizer, invokable))
        return by_specificity(routes)

    def authorizer_cache_seconds(self) -> int:
        """How long the API caches an authorizer's decision (AuthorizerResultTtlInSeconds)."""
        for stack in self.stacks():
            for resource in stack.resources.values():
                if resource["Type"] == "AWS::ApiGatewayV2::Authorizer":
                    return int(resource["Properties"].get("AuthorizerResultTtlInSeconds", 300))
        return 0

    def queue_mappings(self) -> list[QueueMapping]:
        """Every SQS event source of every function in the tree."""
        mappings = []
        for stack in self.stacks():
            for function in stack.own_functions().values():
                for event in function.events.values():
                    if event["Type"] == "SQS":
                        props = event["Properties"]
                        mappings.append(QueueMapping(
                            stack=stack,
                            function=function.logical_id,
                            queue=props["Queue"]["Fn::GetAtt"][0],
                            batch_size=int(props.get("BatchSize", 10)),
                            window_seconds=int(props.get("MaximumBatchingWindowInSeconds", 0)),
                            reports_failures="ReportBatchItemFailures" in props.get("FunctionResponseTypes", []),
                        ))
        return mappings

    def schedules(self) -> list[Schedule]:
        """Every schedule of every function in the tree."""
        schedules = []
        for function in self.functions().values():
            for name, event in function.events.items():
                if event["Type"] in ("Schedule", "ScheduleV2"):
                    props = event["Properties"]
                    expression = props.get("Schedule") or props["ScheduleExpression"]
                    schedules.append(Schedule(function.logical_id, name, rate_seconds(expression)))
        return schedules

    # -- resources -------------------------------------------------------------------------------

    def physical(self, logical_id: str) -> dict[str, Any]:
        """The attributes of a resource (`Ref`, `Arn`, `Outputs.X`...), creating it on first use."""
        if logical_id not in self._physical:
            resource = self.resources[logical_id]
            kind = resource["Type"]
            if kind == "AWS::Serverless::Application":
                child = self.child(logical_id)
                made = {"Ref": child.name, **{f"Outputs.{key}": child.resolve(output["Value"])
                                               for key, output in child.template.get("Outputs", {}).items()}}
            elif kind == "AWS::Serverless::Function":
                name = f"{self.application}-{logical_id}"
                made = {"Ref": name, "Arn": f"arn:aws:lambda:{self.region}:{self.account}:function:{name}"}
            else:
                create = getattr(self.provisioner, "create", None)
                made = (create(self, logical_id, resource) if create else None) or {
                    "Ref": logical_id, "Arn": f"arn:local:{logical_id}"}
            self._physical[logical_id] = made
        return self._physical[logical_id]

    def owner(self, logical_id: str) -> Stack:
        """The stack in this tree that declares `logical_id`."""
        for stack in self.stacks():
            if logical_id in stack.resources:
                return stack
        raise KeyError(f"no resource {logical_id} in {self.name} or its nested stacks")

    def queue_url(self, logical_id: str) -> str:
        """The queue's local URL."""
        return self.owner(logical_id).physical(logical_id)["Ref"]

    def provision_all(self) -> None:
        """Create every resource of this stack and its nested stacks."""
        for stack in self.stacks():
            for logical_id in stack.resources:
                stack.physical(logical_id)

    # -- intrinsic functions ---------------------------------------------------------------------

    def condition(self, name: str) -> bool:
        """The value of the template's condition `name`."""
        return bool(self.resolve(self.template["Conditions"][name]))

    def resolve(self, value: Any) -> Any:
        """`value` with its intrinsic functions (Ref, GetAtt, Sub, Join, Split, Select, If...) replaced by
        local values."""
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
            case "Fn::Split":
                return self.resolve(arg[1]).split(self.resolve(arg[0]))
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
            if spec["Type"] == "CommaDelimitedList":
                return raw.split(",") if raw else [""]
            return raw
        return self.physical(name)["Ref"]

    def _sub_var(self, name: str, variables: dict[str, Any]) -> Any:
        if name in variables:
            return variables[name]
        if "." in name and not name.startswith("AWS::"):
            logical_id, attribute = name.split(".", 1)
            return self.physical(logical_id)[attribute]
        return self._ref(name)


def _env_text(value: Any) -> str:
    """An environment value as Lambda sets it: always a string."""
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)
