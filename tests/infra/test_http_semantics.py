"""HTTP semantics every route keeps (issue 11, kind 7), read from the stacks' routes and the handlers
themselves: a GET creates nothing, so it never answers 201 or 202; every POST that creates (201 or
202) takes an Idempotency-Key, and no other route claims to."""

from __future__ import annotations

import ast
import importlib.util
import sys
from functools import cache
from typing import Any

from vitae.platform import idempotency
from vitae_devstack.template import Route, Stack

CREATED = (201, 202)


@cache
def _routes() -> list[Route]:
    return [route for route in Stack.root({}).routes() if not route.is_default]


@cache
def _functions():
    return Stack.root({}).functions()


def _handler(route: Route) -> Any:
    function = _functions()[route.function]
    module_name, attribute = function.handler.rsplit(".", 1)
    name = f"vitae_semantics_{route.function}"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, function.code_uri / f"{module_name}.py")
        assert spec is not None and spec.loader is not None
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return getattr(sys.modules[name], attribute)


def _explicit_statuses(route: Route) -> set[int]:
    """The statuses a handler writes as literals in `Response(<status>, ...)`."""
    source = (_functions()[route.function].code_uri / "app.py").read_text()
    return {node.args[0].value for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Response"
            and node.args and isinstance(node.args[0], ast.Constant)}


def test_no_get_route_answers_created():
    """The issue's example: `GET /v1/resumes/{id}/export?format=pdf` answered 201."""
    gets = [route for route in _routes() if route.method == "GET"]
    assert gets
    for route in gets:
        statuses = {_handler(route).spec.status} | _explicit_statuses(route)
        assert not statuses & set(CREATED), (route.route_key, statuses)


def test_every_creating_post_takes_an_idempotency_key_and_nothing_else_does():
    creating = []
    for route in _routes():
        spec = _handler(route).spec
        if route.method == "POST" and spec.status in CREATED:
            creating.append(route.route_key)
            assert spec.idempotency is idempotency.by_key, route.route_key
        else:
            assert spec.idempotency is None, route.route_key
    assert {"POST /v1/resumes", "POST /v1/candidates/{id}/cv", "POST /v1/jobs", "POST /v1/applications",
            "POST /v1/jobs/apply", "POST /v1/chat/sessions/{id}/messages", "POST /v1/chat/message",
            "POST /v1/resumes/tailor", "POST /v1/skills/gap", "POST /v1/learning-resources"} <= set(creating)
    assert len(creating) == 40
