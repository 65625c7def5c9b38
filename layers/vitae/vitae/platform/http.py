"""API Gateway HTTP API (payload 2.0) adapter: event in -> validated input -> response out.

`endpoint(...)` wraps a plain function taking a `Request`. Every failure becomes the error body
{statusCode, message, error, timestamp, path, traceId} (+ details for validation errors): domain
errors (`vitae.platform.errors`) with the status `STATUS` gives their class, anything else 500
without internals, logged with context and sent to the alerts topic.

What no route can store is refused here, once, before any handler runs: text holding a NUL
character (PostgreSQL's text and jsonb cannot hold one) in a path parameter, the query, a header,
a cookie, a JSON body (after decoding, at any depth) or a multipart form's fields and filenames is
a 400; a JSON body sent with another media type is a 415.
"""

import base64
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from http import HTTPStatus
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from vitae.platform.api import Answer, ApiModel, Form, Response, UploadedFile
from vitae.platform.auth import Principal, Role, access_revoked, principal_from_event, revocation_keys, revoked_by
from vitae.platform.config import settings
from vitae.platform.errors import (
    Conflict,
    DomainError,
    Forbidden,
    Invalid,
    NotFound,
    QuotaExceeded,
    RateLimited,
    TooLarge,
    Unauthenticated,
    Unavailable,
    Unprocessable,
    UnsupportedMedia,
)
from vitae.platform.observability import flush_metrics, inject_request_context, logger, metrics_added
from vitae.platform.text import NUL, nul_at
from vitae.platform.validation import dotted, problems


class ErrorBody(ApiModel):
    """Every error the API answers (DESIGN 3): `error` is a machine code (else the status phrase),
    `traceId` the request id to quote in a report."""

    status_code: int
    message: str
    error: str
    timestamp: datetime
    path: str
    trace_id: str | None
    details: list[dict[str, Any]] | None = Field(
        None, description="Validation errors (one {field, message, in} per problem) and refused status "
                          "transitions (the allowed ones).")


class GatewayMessage(ApiModel):
    """What API Gateway itself answers when it refuses a request before any function runs: no token
    or a refused one, a payload over Lambda's limit, throttling, a function that timed out."""

    message: str


# The one place where the domain's failures become HTTP statuses. A subclass takes the status of
# its nearest listed ancestor (NotConfigured is an Unavailable: 503).
STATUS: dict[type[DomainError], HTTPStatus] = {
    Invalid: HTTPStatus.BAD_REQUEST,
    Unauthenticated: HTTPStatus.UNAUTHORIZED,
    Forbidden: HTTPStatus.FORBIDDEN,
    QuotaExceeded: HTTPStatus.FORBIDDEN,  # seeds [U] and [P] answer 403 for a full quota
    NotFound: HTTPStatus.NOT_FOUND,
    Conflict: HTTPStatus.CONFLICT,
    Unprocessable: HTTPStatus.UNPROCESSABLE_CONTENT,
    TooLarge: HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
    UnsupportedMedia: HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
    RateLimited: HTTPStatus.TOO_MANY_REQUESTS,
    Unavailable: HTTPStatus.SERVICE_UNAVAILABLE,
}


def status_of(error: DomainError) -> HTTPStatus:
    """The HTTP status of a domain error, from `STATUS`."""
    return next((STATUS[cls] for cls in type(error).__mro__ if cls in STATUS), HTTPStatus.INTERNAL_SERVER_ERROR)


@dataclass
class Request:
    """One API Gateway request: the raw event, the authorizer's principal (None on public routes or
    when the token has expired since), and the body and query validated against the endpoint's models
    (for a multipart endpoint: `file` and `body`, its text fields)."""

    event: dict[str, Any]
    principal: Principal | None
    body: Any = None
    query: Any = None
    path_params: dict[str, str] = field(default_factory=dict)
    file: UploadedFile | None = None  # the file of a multipart endpoint (see `Form`)

    @property
    def headers(self) -> dict[str, str]:
        return self.event.get("headers") or {}

    @property
    def source_ip(self) -> str | None:
        return self.event.get("requestContext", {}).get("http", {}).get("sourceIp")

    @property
    def base_url(self) -> str:
        """This API as the client reached it (custom domains included)."""
        scheme = self.headers.get("x-forwarded-proto", "https")
        return f"{scheme}://{self.event['requestContext']['domainName']}"

    @property
    def caller(self) -> Principal:
        """The authenticated caller; raises Unauthenticated (401) when there is none."""
        if self.principal is None:
            raise Unauthenticated()
        return self.principal

    def require_role(self, *roles: Role) -> Principal:
        """The caller, if they hold one of `roles`; raises Forbidden (403) otherwise."""
        if not self.caller.has_role(*roles):
            raise Forbidden()
        return self.caller


# -- file uploads ------------------------------------------------------------------------------


def raw_body(event: dict[str, Any]) -> bytes:
    raw = event.get("body") or ""
    return base64.b64decode(raw) if event.get("isBase64Encoded") else raw.encode()


def multipart_upload(request: Request, field_name: str, max_bytes: int,
                     too_large: str) -> tuple[UploadedFile, dict[str, str]]:
    """The file sent as `field_name` and the form's text fields (UTF-8, the first of each name).

    Raises UnsupportedMedia (not multipart/form-data), TooLarge (the file is over `max_bytes`,
    answered with the message `too_large`) and Invalid (malformed body, missing or empty file)."""
    from multipart import MultipartError, MultipartParser, parse_options_header

    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    if content_type != "multipart/form-data" or not options.get("boundary"):
        raise UnsupportedMedia("Expected a multipart/form-data body")
    body = raw_body(request.event)
    if len(body) > max_bytes + 64 * 1024:  # the part alone would be too large, whatever the framing
        raise TooLarge(too_large)
    fields: dict[str, str] = {}
    part = None
    try:
        parser = MultipartParser(io.BytesIO(body), options["boundary"], content_length=len(body),
                                 memfile_limit=len(body) + 1, strict=True)
        for candidate in parser:
            if candidate.filename is None:
                fields.setdefault(candidate.name, candidate.value)
            elif candidate.name == field_name and part is None:
                part = candidate
    except (MultipartError, UnicodeDecodeError) as exc:
        raise Invalid(f"Malformed multipart body: {exc}") from None
    if part is None:
        raise Invalid(f"Missing file field '{field_name}'")
    _refuse_nul({**fields, f"{field_name} (filename)": part.filename or ""}, "body")
    data = part.raw
    if len(data) > max_bytes:
        raise TooLarge(too_large)
    if not data:
        raise Invalid("The uploaded file is empty")
    return UploadedFile(part.filename, part.content_type, data), fields


# -- the adapter -------------------------------------------------------------------------------


class Auth(StrEnum):
    """Credentials a handler on a public route (no authorizer) accepts by itself."""

    ANONYMOUS = "anonymous"
    BEARER = "bearer"  # an access token in Authorization, checked by the handler
    INTERNAL = "internal"  # the X-Internal-Token shared secret


@dataclass(frozen=True)
class Header:
    """A request header the handler reads."""

    name: str
    description: str
    required: bool = False


# An endpoint's answer as Lambda returns it: {statusCode, headers, body[, isBase64Encoded]}.
LambdaResponse = dict[str, Any]
# Runs a creating request at most once per Idempotency-Key: (event, the caller's id, seconds the
# invocation has left, the function producing the answer) -> the answer, fresh or replayed.
Idempotency = Callable[[dict[str, Any], str, float, Callable[[], LambdaResponse]], LambdaResponse]


@dataclass(frozen=True)
class EndpointSpec:
    """What an endpoint accepts and answers; also the source of the OpenAPI document (see `endpoint`)."""

    body: type[BaseModel] | None
    query: type[BaseModel] | None
    response: type[BaseModel] | None
    status: int
    form: Form | None = None
    headers: tuple[Header, ...] = ()
    answers: tuple[Answer, ...] = ()
    errors: frozenset[int] = frozenset()
    auth: tuple[Auth, ...] = (Auth.ANONYMOUS,)
    rate_limit: str | None = "ip"
    idempotency: Idempotency | None = None


def endpoint(*, body: type[BaseModel] | None = None, query: type[BaseModel] | None = None,
             response: type[BaseModel] | None = None, status: int = 200, form: Form | None = None,
             headers: tuple[Header, ...] = (), answers: tuple[Answer, ...] = (), errors: tuple[int, ...] = (),
             auth: tuple[Auth, ...] = (Auth.ANONYMOUS,), rate_limit: str | None = "ip",
             idempotency: Idempotency | None = None):
    """Make `fn(request) -> result` a Lambda handler for API Gateway (payload 2.0).

    `body` and `query` validate the input (Invalid: 400 with details; a JSON body whose Content-Type
    is not JSON: UnsupportedMedia, 415), `form` reads a multipart body instead (`request.file`, and
    its text fields validated into `request.body`); `response` documents the result, which is a
    pydantic model, JSON-able data or None answered with `status`, or a `Response`. `rate_limit`:
    "ip" (the per-IP limit of every /v1 route), "auth" (the stricter limit of the sign-in endpoints,
    on top of the per-IP one), or None (health checks). `idempotency`: for creating POSTs,
    `vitae.platform.idempotency.by_key` (the Idempotency-Key header). Domain errors are answered
    with their `STATUS`; Unavailable is also logged and alerted.

    Documentation only (the OpenAPI document, `vitae_devstack.openapi`): `headers` the handler
    reads, `answers` besides `status` (redirects, other statuses), `errors` the statuses of domain
    errors its service raises beyond those its inputs and route imply (e.g. 409), and `auth`, the
    credentials the handler accepts when its route has no authorizer."""
    spec = EndpointSpec(body, query, response, status, form, headers, answers, frozenset(errors), auth, rate_limit,
                        idempotency)

    def wrap(fn: Callable[[Request], Any]):
        @inject_request_context  # Powertools' inject_lambda_context with the request id as correlation id
        def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
            limit_headers: dict[str, str] = {}
            try:
                try:
                    principal, refused = principal_from_event(event), None
                except Exception as exc:  # raised below, after the rate limit and the NUL checks, as ever
                    principal, refused = None, exc
                revoked: bool | None = None  # unknown until checked
                if rate_limit:
                    limit_headers, revoked = _apply_rate_limits(event, rate_limit, principal)
                _refuse_nul_outside_body(event)
                if refused is not None:
                    raise refused
                if principal and (access_revoked(principal) if revoked is None else revoked):
                    raise Unauthenticated("The session has ended")
                request = Request(event=event, principal=principal, path_params=event.get("pathParameters") or {})
                if spec.query is not None:
                    request.query = validate_input(spec.query, event.get("queryStringParameters") or {}, "query")
                if spec.body is not None:
                    request.body = validate_input(spec.body, _json_body(event), "body")
                elif spec.form is not None:
                    request.file, fields = multipart_upload(request, spec.form.file, spec.form.max_bytes,
                                                            spec.form.too_large)
                    request.body = validate_input(spec.form.fields, fields, "body")

                if spec.idempotency is None:
                    return _with_headers(_success(fn(request), spec.status), limit_headers)

                def respond() -> LambdaResponse:
                    return _success(fn(request), spec.status)

                seconds_left = context.get_remaining_time_in_millis() / 1000
                answer = spec.idempotency(event, request.caller.user_id, seconds_left, respond)
                return _with_headers(answer, limit_headers)
            except DomainError as error:
                if isinstance(error, Unavailable):
                    _report(event, error, f"{error.dependency} unavailable")
                return _with_headers(error_response(event, error), limit_headers)
            except Exception as error:
                _report(event, error, "unhandled error")
                return _error_body(event, HTTPStatus.INTERNAL_SERVER_ERROR, "Internal server error")
            finally:
                if metrics_added():  # most requests add none
                    flush_metrics()

        handler.spec = spec  # type: ignore[attr-defined]
        return handler

    return wrap


def _report(event: dict[str, Any], error: Exception, what: str) -> None:
    """Log a failure of ours with its route and traceback, and send it to the alerts topic."""
    from vitae.platform import alerts

    logger.exception(what, extra={"routeKey": event.get("routeKey")})
    alerts.critical(event.get("routeKey") or "api", error, requestId=event.get("requestContext", {}).get("requestId"))


def _apply_rate_limits(event: dict[str, Any], kind: str,
                       principal: Principal | None) -> tuple[dict[str, str], bool | None]:
    """Count the request against its limits; raises RateLimited past one. Returns the headers to
    send, and whether `principal`'s access is revoked (`access_revoked`), read in the first limit's
    round trip to Redis (None when it could not be: no principal, or the cache is unavailable)."""
    from vitae.platform.ratelimit import hit_and_read  # a module, not a package: no importlib call per request

    s = settings()
    ip = event.get("requestContext", {}).get("http", {}).get("sourceIp") or "unknown"
    limits = [("ip", s.rate_limit_ip_max, s.rate_limit_ip_window_seconds)]
    if kind == "auth":
        limits.append(("auth", s.rate_limit_auth_max, s.rate_limit_auth_window_seconds))
    headers: dict[str, str] = {}
    revoked: bool | None = None
    for bucket, limit, window in limits:
        read = revocation_keys(principal) if principal and bucket == "ip" else ()
        counted = hit_and_read(bucket, ip, limit, window, read)
        if counted is None:
            continue
        decision, values = counted
        if principal and read:
            revoked = revoked_by(principal, values)
        headers = decision.headers()  # the strictest limit checked so far is the one reported
        if not decision.allowed:
            raise RateLimited("Too many requests from this IP, please try again later", headers=headers)
    return headers, revoked


def _with_headers(response: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    response["headers"] = {**headers, **response.get("headers", {})}
    return response


def _is_json(content_type: str) -> bool:
    """application/json, or a JSON-based type (RFC 6839 `+json`: application/merge-patch+json...)."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (media_type.startswith("application/") and media_type.endswith("+json"))


def _json_body(event: dict[str, Any]) -> Any:
    content_type = (event.get("headers") or {}).get("content-type")
    if content_type is not None and not _is_json(content_type):  # no type at all: taken as JSON
        raise UnsupportedMedia("The request body must be JSON (Content-Type: application/json)")
    if not event.get("body"):
        raise Invalid("Request body is required")
    data = raw_body(event)
    if len(data) > settings().max_request_body_bytes:
        raise TooLarge(f"Request body exceeds {settings().max_request_body_bytes} bytes")
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: absurdly deep nesting
        raise Invalid("Malformed JSON body") from None


def _refuse_nul(data: Any, where: str) -> None:
    """Raises Invalid naming the field when text in `data` holds a NUL character, which
    PostgreSQL's text and jsonb cannot store: a 400, whichever route would have stored it."""
    field_path = nul_at(data)
    if field_path is not None:
        raise Invalid("Validation failed", details=[
            {"field": field_path or where, "message": "text must not contain NUL characters", "in": where}])


def _refuse_nul_outside_body(event: dict[str, Any]) -> None:
    """The edge's rule for everything but the body (checked where it is decoded): path
    parameters, query parameters, header values and cookies (screened together, then each)."""
    path, query = event.get("pathParameters") or {}, event.get("queryStringParameters") or {}
    headers, cookies = event.get("headers") or {}, event.get("cookies") or []
    try:  # payload 2.0 gives them as text (cookies a list): joined in C, screened in one search
        if isinstance(cookies, list) and NUL not in "".join(
                [*path, *path.values(), *query, *query.values(), *headers, *headers.values(), *cookies]):
            return
    except (TypeError, AttributeError):  # not text, or not a mapping (never API Gateway's event): screened as ever
        pass
    parts = ((path, "path"), (query, "query"), (headers, "header"), (cookies, "cookie"))
    if nul_at([data for data, _ in parts]) is None:
        return
    for data, where in parts:
        _refuse_nul(data, where)


def validate_input(model: type[BaseModel] | None, data: Any, where: str) -> Any:
    """`data` validated as `model` (None without a model). Raises Invalid("Validation failed")
    with one {field, message, in: `where`} per problem, `field` a JSON path (`sections[0].title`);
    text holding NUL characters is refused, as sent and as validated (a form field may carry JSON
    whose strings hold escaped NULs)."""
    if model is None:
        return None
    _refuse_nul(data, where)
    try:
        validated = model.model_validate(data)
    except ValidationError as exc:
        raise Invalid("Validation failed", details=[
            {"field": dotted(problem.path) or where, "message": problem.message, "in": where}
            for problem in problems(exc, data)]) from None
    _refuse_nul(validated.model_dump(by_alias=True), where)
    return validated


def _success(result: Any, default_status: int) -> dict[str, Any]:
    """The Lambda response of a handler's result: a model is encoded by its own serializer in one
    pass (compact JSON, as error bodies are), other data by `json.dumps`."""
    if isinstance(result, BaseModel):  # the usual answer, without a Response around it
        return {"statusCode": default_status, "headers": {"content-type": "application/json"},
                "body": result.model_dump_json(by_alias=True)}
    response = result if isinstance(result, Response) else Response(default_status, result)
    headers = {"content-type": "application/json", **response.headers}
    body = response.body
    if isinstance(body, BaseModel):
        return {"statusCode": response.status, "headers": headers, "body": body.model_dump_json(by_alias=True)}
    if body is None:
        return {"statusCode": response.status, "headers": headers, "body": ""}
    if isinstance(body, bytes):
        return {"statusCode": response.status, "headers": headers, "isBase64Encoded": True,
                "body": base64.b64encode(body).decode()}
    return {"statusCode": response.status, "headers": headers, "body": json.dumps(body, default=str)}


def error_response(event: dict[str, Any], error: DomainError) -> dict[str, Any]:
    """The response for a domain error: its status from `STATUS`, `error` its code (else the
    status phrase), `details` for Invalid and the headers of RateLimited. An Unavailable tells its
    public message: its own may name settings and hosts."""
    message = error.public_message if isinstance(error, Unavailable) else error.message
    return _error_body(event, status_of(error), message, error.code, getattr(error, "details", None),
                       getattr(error, "headers", None))


def _error_body(event: dict[str, Any], status: HTTPStatus, message: str, code: str | None = None,
                details: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None) -> dict[str, Any]:
    body = ErrorBody(status_code=int(status), message=message, error=code or status.phrase,
                     timestamp=datetime.now(UTC), path=event.get("rawPath", ""),
                     trace_id=event.get("requestContext", {}).get("requestId"), details=details)
    return {
        "statusCode": int(status),
        "headers": {"content-type": "application/json", **(headers or {})},
        "body": body.model_dump_json(by_alias=True, exclude={"details"} if details is None else None),
    }
