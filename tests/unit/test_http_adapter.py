"""The handler adapter: validation, the error body, pagination cursors, response building."""

import base64
import json

import pytest
from pydantic import EmailStr, Field

from vitae.platform.errors import RateLimited
from vitae.platform.http import (
    ApiModel,
    ErrorBody,
    Form,
    PageQuery,
    Request,
    Response,
    decode_cursor,
    encode_cursor,
    endpoint,
)
from vitae_devstack.container import LambdaContext

CTX = LambdaContext("TestFunction", 128, 3)


class Person(ApiModel):
    full_name: str = Field(min_length=2, max_length=100)
    email: EmailStr | None = None


def _event(body=None, query=None, b64=False, auth=None):
    event = {"rawPath": "/v1/people", "routeKey": "POST /v1/people",
             "requestContext": {"requestId": "req-1", "http": {"sourceIp": "198.51.100.7"}}, "headers": {}}
    if body is not None:
        raw = body if isinstance(body, str) else json.dumps(body)
        event["body"] = base64.b64encode(raw.encode()).decode() if b64 else raw
        event["isBase64Encoded"] = b64
    if query:
        event["queryStringParameters"] = query
    if auth:
        event["requestContext"]["authorizer"] = {"lambda": auth}
    return event


@endpoint(body=Person, status=201)
def create(request: Request) -> Person:
    return request.body


@endpoint(query=PageQuery)
def page(request: Request) -> dict:
    return {"limit": request.query.limit, "position": decode_cursor(request.query.cursor)}


@endpoint()
def explode(request: Request):
    raise KeyError("secret internal detail")


@endpoint()
def who(request: Request) -> dict:
    return {"user": request.caller.user_id, "ip": request.source_ip}


def _body(response):
    return json.loads(response["body"])


def test_camel_case_in_and_out():
    response = create(_event({"fullName": "Ada Lovelace"}, b64=True), CTX)
    assert response["statusCode"] == 201
    assert _body(response) == {"fullName": "Ada Lovelace", "email": None}


def test_validation_errors_name_each_field():
    response = create(_event({"fullName": "A", "email": "nope", "extra": 1}), CTX)
    body = _body(response)
    assert response["statusCode"] == 400
    assert body["message"] == "Validation failed"
    assert body["error"] == "Bad Request"
    assert {d["field"] for d in body["details"]} == {"fullName", "email", "extra"}
    assert body["path"] == "/v1/people" and body["traceId"] == "req-1" and body["timestamp"].endswith("Z")


@pytest.mark.parametrize("raw, message", [("{broken", "Malformed JSON body"), (None, "Request body is required")])
def test_malformed_or_missing_json(raw, message):
    event = _event(raw) if raw is not None else _event()
    response = create(event, CTX)
    assert response["statusCode"] == 400
    assert _body(response)["message"] == message


def test_oversized_body_is_413(monkeypatch):
    from vitae.platform import http

    small = http.settings().model_copy(update={"max_request_body_bytes": 10})
    monkeypatch.setattr(http, "settings", lambda: small)
    response = create(_event({"fullName": "Ada Lovelace"}), CTX)
    assert response["statusCode"] == 413


def test_unexpected_errors_are_500_without_internals():
    response = explode(_event(), CTX)
    assert response["statusCode"] == 500
    assert "secret" not in response["body"]
    assert _body(response)["message"] == "Internal server error"


def test_missing_principal_is_401_and_present_principal_is_read():
    assert who(_event(), CTX)["statusCode"] == 401
    auth = {"userId": "u-9", "email": "", "role": "admin", "expiresAt": "2030-01-01T00:00:00Z"}
    assert _body(who(_event(auth=auth), CTX)) == {"user": "u-9", "ip": "198.51.100.7"}


def test_role_checks():
    from vitae.platform.auth import Role

    @endpoint()
    def admin_only(request):
        return {"admin": request.require_role(Role.ADMIN, Role.SERVICE).user_id}

    def as_role(role):
        return _event(auth={"userId": "u-1", "email": "", "role": role, "expiresAt": "2030-01-01T00:00:00Z"})

    assert _body(admin_only(as_role("admin"), CTX)) == {"admin": "u-1"}
    assert admin_only(as_role("service"), CTX)["statusCode"] == 200
    refused = admin_only(as_role("user"), CTX)
    assert (refused["statusCode"], _body(refused)["error"]) == (403, "Forbidden")
    assert admin_only(_event(), CTX)["statusCode"] == 401


def test_cursor_round_trip_and_limits():
    cursor = encode_cursor({"createdAt": "2026-11-22T10:00:00Z", "id": "x"})
    assert _body(page(_event(query={"limit": "5", "cursor": cursor}), CTX)) == {
        "limit": 5, "position": {"createdAt": "2026-11-22T10:00:00Z", "id": "x"}}
    assert page(_event(query={"limit": "101"}), CTX)["statusCode"] == 400
    assert page(_event(query={"limit": "0"}), CTX)["statusCode"] == 400
    bad = page(_event(query={"cursor": "%%%not-a-cursor"}), CTX)
    assert (bad["statusCode"], _body(bad)["message"]) == (400, "Invalid pagination cursor")


def test_explicit_responses_and_error_headers():
    @endpoint()
    def teapot(request):
        raise RateLimited("Slow down", headers={"retry-after": "7"})

    @endpoint()
    def raw(request):
        return Response(202, b"\x00\x01", {"content-type": "application/octet-stream"})

    limited = teapot(_event(), CTX)
    assert (limited["statusCode"], limited["headers"]["retry-after"]) == (429, "7")
    assert _body(limited)["error"] == "Too Many Requests"
    binary = raw(_event(), CTX)
    assert binary["isBase64Encoded"] is True and base64.b64decode(binary["body"]) == b"\x00\x01"


class Job(ApiModel):
    job_role: str = Field(min_length=1, max_length=20)


@endpoint(form=Form("cv", ("application/pdf",), 8, "CVs stop at 8 bytes", fields=Job), status=202)
def upload(request: Request) -> dict:
    assert request.file is not None
    return {"file": request.file.data.decode(), "name": request.file.filename, "role": request.body.job_role}


def _multipart(parts: list[tuple[str, str | None, bytes]], content_type: str | None = None):
    boundary = "vitae-boundary"
    raw = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'.encode()
        + (f'; filename="{filename}"'.encode() if filename else b"") + b"\r\n\r\n" + data + b"\r\n"
        for name, filename, data in parts) + f"--{boundary}--\r\n".encode()
    event = _event()
    event["headers"] = {"content-type": content_type or f"multipart/form-data; boundary={boundary}"}
    event["body"], event["isBase64Encoded"] = base64.b64encode(raw).decode(), True
    return event


def test_a_form_endpoint_reads_its_file_and_validates_its_text_fields():
    accepted = upload(_multipart([("cv", "cv.pdf", b"%PDF-1"), ("jobRole", None, b"Engineer")]), CTX)
    assert (accepted["statusCode"], _body(accepted)) == (202, {"file": "%PDF-1", "name": "cv.pdf", "role": "Engineer"})
    invalid = upload(_multipart([("cv", "cv.pdf", b"%PDF-1"), ("jobRole", None, b"")]), CTX)
    assert (invalid["statusCode"], [d["field"] for d in _body(invalid)["details"]]) == (400, ["jobRole"])
    missing = upload(_multipart([("jobRole", None, b"Engineer")]), CTX)
    assert (missing["statusCode"], _body(missing)["message"]) == (400, "Missing file field 'cv'")
    too_large = upload(_multipart([("cv", "cv.pdf", b"%PDF-1.7 long"), ("jobRole", None, b"x")]), CTX)
    assert (too_large["statusCode"], _body(too_large)["message"]) == (413, "CVs stop at 8 bytes")
    not_a_form = upload(_multipart([("cv", "cv.pdf", b"%PDF-1")], content_type="application/json"), CTX)
    assert not_a_form["statusCode"] == 415
    assert upload.spec.form.file == "cv" and upload.spec.form.fields is Job  # what the OpenAPI document reads


def test_the_error_body_is_the_documented_model():
    body = _body(explode(_event(), CTX))
    assert ErrorBody.model_validate(body).status_code == 500
    assert set(body) == {"statusCode", "message", "error", "timestamp", "path", "traceId"}  # details only for 400s
