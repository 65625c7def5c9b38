"""The handler adapter: validation, the error body, pagination cursors, response building."""

import base64
import json
import uuid
from datetime import UTC, datetime

import pytest
from pydantic import EmailStr, Field

from vitae.platform.api import PageQuery, decode_cursor, encode_cursor, keyset_after, keyset_page
from vitae.platform.db import keyset_parameters
from vitae.platform.errors import RateLimited
from vitae.platform.http import ApiModel, ErrorBody, Form, Request, Response, endpoint
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


USER = "0b7c2a8e-5d3f-4e1a-9c6b-2f8d7e6a5b4c"


def test_missing_principal_is_401_and_present_principal_is_read():
    assert who(_event(), CTX)["statusCode"] == 401
    auth = {"userId": USER, "email": "", "role": "admin", "expiresAt": "2030-01-01T00:00:00Z"}
    assert _body(who(_event(auth=auth), CTX)) == {"user": USER, "ip": "198.51.100.7"}


def test_a_principal_naming_no_user_is_401_on_every_route_never_500():
    """Issue 11, kind 3: a context whose user id is not a UUID (a token the authorizer let
    through, or a cached decision) made every data route fail with 500."""
    auth = {"userId": "admin", "email": "", "role": "user", "expiresAt": "2030-01-01T00:00:00Z"}
    for handler in (who, create, page):
        response = handler(_event({"fullName": "Ada Lovelace"}, auth=auth), CTX)
        assert (response["statusCode"], _body(response)["message"]) == (401, "The token does not name a user")


def test_role_checks():
    from vitae.platform.auth import Role

    @endpoint()
    def admin_only(request):
        return {"admin": request.require_role(Role.ADMIN, Role.SERVICE).user_id}

    def as_role(role):
        return _event(auth={"userId": USER, "email": "", "role": role, "expiresAt": "2030-01-01T00:00:00Z"})

    assert _body(admin_only(as_role("admin"), CTX)) == {"admin": USER}
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


def test_a_next_page_cursor_becomes_the_keyset_query_parameters_after_its_last_row():
    rows = [{"created_at": datetime(2026, 11, 22, 10, n, tzinfo=UTC), "id": uuid.uuid4()} for n in (3, 2, 1)]
    items, cursor = keyset_page(rows, 2, lambda row: row["id"])
    assert items == [rows[0]["id"], rows[1]["id"]]
    assert keyset_parameters(keyset_after(cursor)) == {"created": "2026-11-22T10:02:00+00:00",
                                                       "after_id": str(rows[1]["id"])}
    assert keyset_parameters(keyset_after(None)) == {"created": None, "after_id": None}  # the first page


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


# -- issue 11: what no route can store, and bodies that are not JSON --------------------------------


def _called():
    calls = []

    @endpoint(body=Person, status=201)
    def wrapped(request: Request):
        calls.append(request)
        return request.body

    return wrapped, calls


@pytest.mark.parametrize("place, where, field", [
    ({"pathParameters": {"username": "\x00"}}, "path", "username"),
    ({"queryStringParameters": {"cursor": "a\x00b"}}, "query", "cursor"),
    ({"queryStringParameters": {"x\x00": "1"}}, "query", "x\x00"),
    ({"headers": {"user-agent": "curl\x00/8"}}, "header", "user-agent"),
    ({"headers": {"x-tenant-id": "acme\x00"}}, "header", "x-tenant-id"),
    ({"cookies": ["session=a\x00b"]}, "cookie", "0"),
    # Shapes API Gateway's payload 2.0 never sends (a test's or another invoker's event): screened all the same
    ({"queryStringParameters": {"tag": ["a", "b\x00"]}}, "query", "tag.1"),
    ({"headers": {"x-count": 12, "x-tenant-id": "acme\x00"}}, "header", "x-tenant-id"),
    ({"cookies": {"session": "a\x00b"}}, "cookie", "session"),
])
def test_nul_outside_the_body_is_400_before_the_handler_runs(place, where, field):
    """Issue 11, kind 1: `GET /v1/public/resumes/%00` answered 500; a NUL in any text a route
    could store is refused at the edge, whatever the route."""
    handler, calls = _called()
    event = _event({"fullName": "Ada Lovelace"})
    event["headers"] = {**event["headers"], **place.pop("headers", {})}
    event.update(place)
    response = handler(event, CTX)
    assert response["statusCode"] == 400
    assert _body(response)["details"] == [{"field": field, "message": "text must not contain NUL characters",
                                            "in": where}]
    assert calls == []


@pytest.mark.parametrize("raw, field", [
    ('{"fullName": "Ada\\u0000 Lovelace"}', "fullName"),
    ('{"fullName": "Ada Lovelace", "email": "a\\u0000@example.com"}', "email"),
])
def test_nul_escaped_anywhere_in_a_json_body_is_400(raw, field):
    handler, calls = _called()
    response = handler(_event(raw), CTX)
    assert response["statusCode"] == 400
    assert {d["field"] for d in _body(response)["details"]} == {field}
    assert calls == []


def test_nul_inside_json_carried_by_a_form_field_is_refused_after_decoding():
    """The issue's example: `keySkills=["Py\\u0000thon"]` on CV upload, a JSON array in a form field
    whose text holds no NUL until it is decoded."""
    from vitae.candidates.models import CvJob
    from vitae.platform.errors import Invalid
    from vitae.platform.http import validate_input

    with pytest.raises(Invalid) as refused:
        validate_input(CvJob, {"keySkills": '["Py\\u0000thon"]'}, "body")
    assert refused.value.details == [{"field": "keySkills.0", "message": "text must not contain NUL characters",
                                      "in": "body"}]
    assert validate_input(CvJob, {"keySkills": '["Python"]'}, "body").key_skills == ["Python"]


def _form_body(fields: dict[str, str], filename: str) -> tuple[str, str]:
    boundary = "b0undary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
             for name, value in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                 "Content-Type: application/pdf\r\n\r\n%PDF-1.4 bytes\r\n")
    return "".join(parts) + f"--{boundary}--\r\n", f"multipart/form-data; boundary={boundary}"


@pytest.mark.parametrize("fields, filename, field", [
    ({"jobRole": "Engineer\x00"}, "cv.pdf", "jobRole"),
    ({"jobRole": "Engineer"}, "c\x00v.pdf", "file (filename)"),
])
def test_nul_in_multipart_fields_and_filenames_is_400(fields, filename, field):
    from vitae.platform.http import multipart_upload

    @endpoint(status=201)
    def upload(request: Request):
        return {"fields": multipart_upload(request, "file", 1024, "too large")[1]}

    body, content_type = _form_body(fields, filename)
    event = _event(body)
    event["headers"]["content-type"] = content_type
    response = upload(event, CTX)
    assert (response["statusCode"], _body(response)["details"][0]["field"]) == (400, field)
    clean_body, _ = _form_body({"jobRole": "Engineer"}, "cv.pdf")
    event["body"] = clean_body
    assert _body(upload(event, CTX)) == {"fields": {"jobRole": "Engineer"}}


@pytest.mark.parametrize("content_type, status", [
    ("text/plain", 415), ("application/x-www-form-urlencoded", 415), ("multipart/form-data; boundary=x", 415),
    ("application/json", 201), ("application/json; charset=utf-8", 201), ("Application/JSON", 201),
    ("application/merge-patch+json", 201), (None, 201),
])
def test_json_bodies_with_another_media_type_are_415(content_type, status):
    """Issue 11, kind 7: a JSON body sent as text/plain (as an HTML form or `curl -d` sends it) was
    parsed as JSON anyway."""
    handler, calls = _called()
    event = _event({"fullName": "Ada Lovelace"})
    if content_type:
        event["headers"]["content-type"] = content_type
    response = handler(event, CTX)
    assert response["statusCode"] == status
    if status == 415:
        assert _body(response)["error"] == "Unsupported Media Type" and calls == []
    else:
        assert _body(response) == {"fullName": "Ada Lovelace", "email": None}


def test_nul_screen_reads_values_json_cannot_write_as_their_text():
    """A validated model's dump holds UUIDs and datetimes: screened as their text, they neither hide a
    NUL in a string beside them nor send NUL-free data to the walk (vitae.platform.text.nul_at)."""
    import datetime
    import uuid

    from vitae.platform.text import nul_at

    data = {"id": uuid.uuid4(), "at": datetime.datetime.now(datetime.UTC), "items": [{"name": "ok"}]}
    assert nul_at(data) is None
    data["items"].append({"name": "bad\x00"})
    assert nul_at(data) == "items.1.name"
    assert nul_at({("tuple", "key"): "x\x00"}) == "('tuple', 'key')"  # a key json cannot write: walked
