"""The OpenAPI document: generated, never edited (the committed file is what the generator writes),
valid OpenAPI 3.1, one operation per declared route with the route's security, and each handler's
spec (forms, headers, other answers, error statuses) carried into it."""

import json
import re

import pytest
import schemathesis
from openapi_spec_validator import OpenAPIV31SpecValidator

from tests.infra.templates import STACKS, transformed
from vitae_devstack import openapi

METHODS = {"get", "put", "post", "delete", "patch"}


@pytest.fixture(scope="module")
def document():
    return json.loads(openapi.DOCUMENT.read_text())


@pytest.fixture(scope="module")
def operations(document):
    return {f"{method.upper()} {path}": operation for path, item in document["paths"].items()
            for method, operation in item.items() if method in METHODS}


def _declared_routes() -> dict[str, bool]:
    """Route key -> whether it is behind the authorizer, from the SAM-transformed templates."""
    declared = {}
    for path in STACKS:
        for resource in transformed(path)["Resources"].values():
            if resource["Type"] == "AWS::ApiGatewayV2::Route" and resource["Properties"]["RouteKey"] != "$default":
                props = resource["Properties"]
                declared[props["RouteKey"]] = props.get("AuthorizationType", "NONE") == "CUSTOM"
    return declared


def test_the_committed_document_is_what_the_handlers_and_templates_generate():
    assert openapi.DOCUMENT.read_text() == openapi.render(openapi.build()), (
        "layers/vitae/vitae/openapi.json is stale: run `make openapi` (vitae-dev openapi) and commit it")


def test_the_document_validates_as_openapi_3_1_and_schemathesis_loads_every_operation(document, operations):
    assert document["openapi"] == "3.1.0"
    assert [error.message for error in OpenAPIV31SpecValidator(document).iter_errors()] == []
    loaded = [result.ok() for result in schemathesis.openapi.from_dict(document).get_all_operations()]
    assert sorted(f"{op.method.upper()} {op.path}" for op in loaded) == sorted(operations)


def test_operations_are_the_declared_routes_with_their_path_parameters_and_security(operations):
    declared = _declared_routes()
    assert set(operations) == set(declared)
    for key, behind_authorizer in declared.items():
        operation = operations[key]
        path_parameters = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
        assert path_parameters == set(re.findall(r"\{(\w+)\}", key)), key
        if behind_authorizer:
            assert operation["security"] == [{"bearer": []}], key
            assert {"401", "403"} <= set(operation["responses"]), key
        else:
            assert operation["security"] != [{"bearer": []}], key


def test_public_operations_say_which_credentials_they_take(operations):
    assert operations["GET /v1/health"]["security"] == [{}]
    assert operations["POST /v1/auth/refresh"]["security"] == [{}]
    assert operations["GET /v1/public/shares/{token}"]["security"] == [{}, {"bearer": []}]
    increment = operations["POST /v1/users/{id}/stats/increment-interviews"]
    assert increment["security"] == [{"internalToken": []}, {"bearer": []}]
    assert "403" in increment["responses"] and "401" not in increment["responses"]


def test_headers_forms_and_other_answers_are_described(document, operations):
    shared = operations["GET /v1/public/shares/{token}"]
    assert {"name": "X-Share-Password", "in": "header", "required": False} in [
        {key: p[key] for key in ("name", "in", "required")} for p in shared["parameters"]]
    assert "401" in shared["responses"]

    cv = operations["POST /v1/candidates/{id}/cv"]["requestBody"]["content"]["multipart/form-data"]
    assert cv["schema"]["required"] == ["cv"]
    assert {"cv", "jobRole", "jobDescription", "keySkills"} == set(cv["schema"]["properties"])
    assert "application/pdf" in cv["schema"]["properties"]["cv"]["description"]
    assert {"413", "415"} <= set(operations["POST /v1/users/{id}/avatar"]["responses"])

    start = operations["GET /v1/auth/oauth/{provider}"]["responses"]
    assert "200" not in start
    assert start["302"]["headers"] == {"location": {"required": True, "schema": {"type": "string"}}}
    callback = operations["GET /v1/auth/oauth/{provider}/callback"]["responses"]
    assert callback["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/TokenPair"}
    assert "302" in callback

    health = operations["GET /v1/health"]["responses"]
    assert health["503"]["content"] == health["200"]["content"]  # the report, not the error body
    export = operations["GET /v1/resumes/{id}/export"]["responses"]
    assert "201" not in export  # a GET never creates
    assert export["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ExportAnswer"}
    assert operations["DELETE /v1/resumes/{id}"]["responses"]["204"] == {"description": "No Content"}
    assert "409" in operations["POST /v1/candidates/{id}/skills"]["responses"]


def test_every_error_is_the_error_body_and_gateway_refusals_are_described(document):
    error = document["components"]["schemas"]["ErrorBody"]
    assert set(error["required"]) == {"statusCode", "message", "error", "timestamp", "path", "traceId"}
    assert "details" in error["properties"]
    responses = document["components"]["responses"]
    assert responses["NotFound"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorBody"}
    assert responses["Unauthorized"]["content"]["application/json"]["schema"] == {"anyOf": [
        {"$ref": "#/components/schemas/ErrorBody"}, {"$ref": "#/components/schemas/GatewayMessage"}]}
    assert set(responses["TooManyRequests"]["headers"]) >= {"Retry-After", "RateLimit-Remaining"}
