"""How the OpenAPI generator reads an endpoint's spec and its route (the document itself is checked in
tests/infra/test_openapi.py): the error statuses each can answer, and a spec that documents no success."""

import pytest

from vitae.platform.api import PageQuery
from vitae.platform.http import Answer, Auth, EndpointSpec, Form, Header
from vitae_devstack import openapi
from vitae_devstack.template import Route

FORM = Form("file", ("image/png",), 10, "too large")


def _op(spec: EndpointSpec, path: str = "/v1/things", authorizer: str | None = None) -> openapi.Operation:
    return openapi.Operation(Route("POST", path, "ThingFunction", authorizer), spec, "things", "POST /v1/things: x.")


def _spec(**fields) -> EndpointSpec:
    return EndpointSpec(**{"body": None, "query": None, "response": None, "status": 204, **fields})


@pytest.mark.parametrize("operation, statuses", [
    (_op(_spec(rate_limit=None)), [503]),  # no input, public, not limited: only a dependency can fail
    (_op(_spec()), [429, 503]),
    (_op(_spec(), authorizer="AuthorizerFunction"), [401, 403, 429, 503]),
    (_op(_spec(), path="/v1/things/{id}"), [400, 404, 429, 503]),
    (_op(_spec(query=PageQuery)), [400, 429, 503]),
    (_op(_spec(form=FORM)), [400, 413, 415, 429, 503]),
    (_op(_spec(headers=(Header("X-Thing", "a thing"),), errors=frozenset({401, 409}))), [400, 401, 409, 429, 503]),
])
def test_error_statuses_follow_from_inputs_route_and_spec(operation, statuses):
    assert openapi._error_statuses(operation) == statuses


def test_an_error_status_without_a_description_is_refused():
    with pytest.raises(ValueError, match=r"POST /v1/things: describe error status \[418\] in openapi.ERRORS"):
        openapi._error_statuses(_op(_spec(errors=frozenset({418}))))


def test_an_endpoint_documenting_no_success_answer_is_refused():
    components = openapi._Components.of([])
    with pytest.raises(ValueError, match="POST /v1/things: its endpoint\\(\\) documents no success answer"):
        openapi._responses(_op(_spec(status=200)), components)
    redirect = openapi._responses(_op(_spec(status=200, answers=(Answer(302, "away", headers=("location",)),))),
                                  components)
    assert redirect["302"]["headers"] == {"location": {"required": True, "schema": {"type": "string"}}}
    assert "200" not in redirect


def test_public_routes_list_the_credentials_their_handler_takes():
    assert openapi._security(_op(_spec())) == [{}]
    assert openapi._security(_op(_spec(auth=(Auth.INTERNAL, Auth.BEARER)))) == [{"internalToken": []}, {"bearer": []}]
    assert openapi._security(_op(_spec(auth=(Auth.ANONYMOUS,)), authorizer="AuthorizerFunction")) == [{"bearer": []}]
