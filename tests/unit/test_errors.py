"""The domain's errors and the one table that turns them into HTTP answers."""

import json
import uuid

import pytest

from vitae.platform import errors
from vitae.platform.ai import AiUnavailable
from vitae.platform.http import STATUS, endpoint
from vitae_devstack.container import LambdaContext

CTX = LambdaContext("TestFunction", 128, 3)
EVENT = {"rawPath": "/v1/things/1", "routeKey": "GET /v1/things/{id}", "headers": {},
         "requestContext": {"requestId": "req-7", "http": {"sourceIp": "198.51.100.7"}}}


def _answer(error: Exception) -> tuple[int, dict, dict]:
    @endpoint(rate_limit=None)
    def failing(request):
        raise error

    response = failing(dict(EVENT), CTX)
    return response["statusCode"], json.loads(response["body"]), response["headers"]


@pytest.mark.parametrize("error, status, name", [
    (errors.Invalid("Bad input"), 400, "Bad Request"),
    (errors.Unauthenticated(), 401, "Unauthorized"),
    (errors.Forbidden(), 403, "Forbidden"),
    (errors.QuotaExceeded("Storage quota exceeded"), 403, "Forbidden"),
    (errors.NotFound("Nothing here"), 404, "Not Found"),
    (errors.Conflict("Taken"), 409, "Conflict"),
    (errors.TooLarge("Too big"), 413, "Content Too Large"),
    (errors.UnsupportedMedia("Not a PNG"), 415, "Unsupported Media Type"),
    (errors.RateLimited("Slow down", headers={"retry-after": "3"}), 429, "Too Many Requests"),
    (errors.Unavailable("Cache down", dependency="cache"), 503, "cache_unavailable"),
    (errors.NotConfigured("No Redis URL", dependency="cache"), 503, "cache_unavailable"),
    (AiUnavailable("llama3.2 did not answer within 30s"), 503, "ai_unavailable"),
])
def test_each_domain_error_has_its_status_and_the_error_body(error, status, name):
    answered, body, _ = _answer(error)
    assert answered == status
    told = error.public_message if isinstance(error, errors.Unavailable) else error.message
    assert body["statusCode"] == status and body["error"] == name and body["message"] == told
    assert (body["path"], body["traceId"]) == ("/v1/things/1", "req-7") and body["timestamp"].endswith("Z")
    assert "details" not in body


def test_an_unavailable_dependency_is_named_to_clients_without_its_settings_hosts_or_models():
    for error in (errors.NotConfigured("database_url is not configured: set DATABASE_URL or DATABASE_URL_PARAM",
                                       dependency="database_url"),
                  AiUnavailable("Ollama is unreachable: http://10.0.0.7:11434 refused"),
                  AiUnavailable("llama3.2 did not answer within 30s")):
        _, body, _ = _answer(error)
        assert body["message"] == "A service this request needs is temporarily unavailable"
        for secret_word in ("DATABASE_URL", "10.0.0.7", "llama3.2", "Ollama"):
            assert secret_word not in json.dumps(body)
    _, body, _ = _answer(errors.Unavailable("Sign-in is temporarily unavailable", dependency="cache",
                                            code="sign_in_unavailable", public=True))
    assert (body["message"], body["error"]) == ("Sign-in is temporarily unavailable", "sign_in_unavailable")


def _subclasses(cls: type) -> set[type]:
    return {sub for direct in cls.__subclasses__() for sub in {direct, *_subclasses(direct)}}


def test_every_domain_error_is_in_the_status_table():
    defined = {cls for cls in _subclasses(errors.DomainError) if cls.__module__ == errors.__name__}
    assert defined - {errors.NotConfigured} == set(STATUS)  # NotConfigured answers as its parent


def test_codes_details_and_headers_reach_the_client():
    _, body, _ = _answer(errors.Unauthenticated("Wrong password for this share link", code="wrong_password"))
    assert (body["statusCode"], body["error"]) == (401, "wrong_password")
    details = [{"field": "sections", "message": "unknown section", "in": "body"}]
    _, body, _ = _answer(errors.Invalid("Validation failed", details=details))
    assert body["details"] == details
    status, _, headers = _answer(errors.RateLimited("Slow down", headers={"retry-after": "7"}))
    assert (status, headers["retry-after"]) == (429, "7")
    _, body, _ = _answer(errors.Unavailable("Sign-in is temporarily unavailable", dependency="cache",
                                            code="sign_in_unavailable"))
    assert (body["statusCode"], body["error"]) == (503, "sign_in_unavailable")


def test_an_unavailable_dependency_is_logged_with_its_cause_unlike_a_refusal(caplog):
    try:
        raise ConnectionRefusedError("redis at 10.0.0.7 refused")
    except ConnectionRefusedError as cause:
        outage = errors.Unavailable("The cache is unavailable", dependency="cache")
        outage.__cause__ = cause
    _, body, _ = _answer(outage)
    assert "10.0.0.7" not in json.dumps(body)  # the cause stays in the log
    (record,) = [r for r in caplog.records if r.getMessage() == "cache unavailable"]
    assert record.levelname == "ERROR" and record.exc_info[1] is outage
    assert record.routeKey == "GET /v1/things/{id}"
    caplog.clear()
    _answer(errors.NotFound("Nothing here"))
    assert caplog.records == []


def test_an_id_that_is_not_a_uuid_is_not_found():
    known = uuid.uuid4()
    assert errors.parse_id(str(known), "Resume") == known
    with pytest.raises(errors.NotFound, match=r"^Resume with ID 12'; DROP not found$"):
        errors.parse_id("12'; DROP", "Resume")
