"""The sample events under events/ are inputs the API accepts: a developer who replays one with
`vitae-dev invoke` gets the function's real answer, not a validation error."""

import json

import pytest
from pydantic import TypeAdapter

from vitae_devstack.stack import DEMO_EMAIL
from vitae_devstack.template import ROOT, Stack

STACK = Stack.root({})
ROUTED = {route.function for route in STACK.routes()}


def _sample(function) -> dict:
    return json.loads((ROOT / "events" / f"{function.code_uri.relative_to(ROOT / 'functions')}.json").read_text())


def _handler(function):
    return function.handler_of(function.load_module())


@pytest.mark.parametrize("name", sorted(ROUTED), ids=str)
def test_a_routes_sample_event_carries_a_body_and_query_its_handler_accepts(name):
    function = STACK.functions()[name]
    event = _sample(function)
    spec = _handler(function).spec
    if spec.body is not None:
        spec.body.model_validate(json.loads(event["body"]))
    if spec.query is not None:
        spec.query.model_validate(event.get("queryStringParameters") or {})
    assert event["routeKey"] in {r.route_key for r in STACK.routes() if r.function == name}


def test_the_demo_users_email_is_one_the_api_accepts():
    from pydantic import EmailStr

    assert TypeAdapter(EmailStr).validate_python(DEMO_EMAIL) == DEMO_EMAIL
