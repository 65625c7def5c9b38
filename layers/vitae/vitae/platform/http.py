"""API Gateway HTTP API (payload 2.0) adapter: event in -> validated input -> response out.

`endpoint(...)` wraps a plain function taking a `Request`. Every failure becomes the error body
{statusCode, message, error, timestamp, path, traceId} (+ details for validation errors): domain
errors (`vitae.platform.errors`) with the status `STATUS` gives their class, anything else 500
without internals, logged with context and sent to the alerts topic.
"""

import base64
import binascii
import io
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.alias_generators import to_camel

from vitae.platform.auth import Principal, Role, principal_from_event, session_revoked
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
    UnsupportedMedia,
)
from vitae.platform.observability import flush_metrics, logger
from vitae.platform.validation import dotted, problems


class ApiModel(BaseModel):
    """Base of every request and response body: camelCase on the wire, unknown fields refused."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


# The one place where the domain's failures become HTTP statuses. A subclass takes the status of
# its nearest listed ancestor (NotConfigured is an Unavailable: 503).
STATUS: dict[type[DomainError], HTTPStatus] = {
    Invalid: HTTPStatus.BAD_REQUEST,
    Unauthenticated: HTTPStatus.UNAUTHORIZED,
    Forbidden: HTTPStatus.FORBIDDEN,
    QuotaExceeded: HTTPStatus.FORBIDDEN,  # seeds [U] and [P] answer 403 for a full quota
    NotFound: HTTPStatus.NOT_FOUND,
    Conflict: HTTPStatus.CONFLICT,
    TooLarge: HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
    UnsupportedMedia: HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
    RateLimited: HTTPStatus.TOO_MANY_REQUESTS,
    Unavailable: HTTPStatus.SERVICE_UNAVAILABLE,
}


def status_of(error: DomainError) -> HTTPStatus:
    """The HTTP status of a domain error, from `STATUS`."""
    return next((STATUS[cls] for cls in type(error).__mro__ if cls in STATUS), HTTPStatus.INTERNAL_SERVER_ERROR)


@dataclass
class Response:
    """An explicit response, for statuses, headers or bodies the default JSON path does not cover."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Request:
    """One API Gateway request: the raw event, the authorizer's principal (None on public routes or
    when the token has expired since), and the body and query validated against the endpoint's models."""

    event: dict[str, Any]
    principal: Principal | None
    body: Any = None
    query: Any = None
    path_params: dict[str, str] = field(default_factory=dict)

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


@dataclass(frozen=True)
class UploadedFile:
    filename: str | None
    declared_type: str | None  # what the client said; never trusted for the file's type
    data: bytes


def raw_body(event: dict[str, Any]) -> bytes:
    raw = event.get("body") or ""
    return base64.b64decode(raw) if event.get("isBase64Encoded") else raw.encode()


def multipart_file(request: Request, field_name: str, max_bytes: int, too_large: str) -> UploadedFile:
    """The one file sent as `field_name` in a multipart/form-data body; see `multipart_upload`."""
    return multipart_upload(request, field_name, max_bytes, too_large)[0]


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
    data = part.raw
    if len(data) > max_bytes:
        raise TooLarge(too_large)
    if not data:
        raise Invalid("The uploaded file is empty")
    return UploadedFile(part.filename, part.content_type, data), fields


# -- cursor pagination -------------------------------------------------------------------------


class PageQuery(ApiModel):
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = None


def encode_cursor(position: dict[str, Any]) -> str:
    raw = json.dumps(position, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> dict[str, Any] | None:
    """The position an opaque cursor encodes (None for no cursor); raises Invalid for anything else."""
    if not cursor:
        return None
    try:
        position = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise Invalid("Invalid pagination cursor") from None
    if not isinstance(position, dict):
        raise Invalid("Invalid pagination cursor")
    return position


def keyset_after(cursor: str | None) -> tuple[str, str] | None:
    """The (createdAt, id) position after which a newest-first page starts, from its cursor."""
    position = decode_cursor(cursor)
    if position is None:
        return None
    try:
        return datetime.fromisoformat(position["createdAt"]).isoformat(), str(uuid.UUID(position["id"]))
    except (KeyError, ValueError, TypeError):
        raise Invalid("Invalid pagination cursor") from None


def keyset_page[T](rows: list[dict[str, Any]], limit: int,
                   view: Callable[[dict[str, Any]], T]) -> tuple[list[T], str | None]:
    """A page of `limit` items from `limit + 1` rows ordered by (created_at, id) descending, and
    the cursor of the next page (None on the last)."""
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor({"createdAt": last["created_at"].isoformat(), "id": str(last["id"])})
    return [view(row) for row in rows[:limit]], next_cursor


# -- the adapter -------------------------------------------------------------------------------


@dataclass(frozen=True)
class EndpointSpec:
    """What an endpoint accepts and returns; also the source of the OpenAPI document."""

    body: type[BaseModel] | None
    query: type[BaseModel] | None
    response: type[BaseModel] | None
    status: int


def endpoint(*, body: type[BaseModel] | None = None, query: type[BaseModel] | None = None,
             response: type[BaseModel] | None = None, status: int = 200, rate_limit: str | None = "ip"):
    """Make `fn(request) -> result` a Lambda handler for API Gateway (payload 2.0).

    `body` and `query` validate the input (Invalid: 400 with details), `response` documents the
    result; the result is a pydantic model, JSON-able data or None answered with `status`, or a
    `Response`. `rate_limit`: "ip" (the per-IP limit of every /v1 route), "auth" (the stricter
    limit of the sign-in endpoints, on top of the per-IP one), or None (health checks).
    Domain errors are answered with their `STATUS`; Unavailable is also logged and alerted."""
    spec = EndpointSpec(body, query, response, status)

    def wrap(fn: Callable[[Request], Any]):
        @logger.inject_lambda_context(correlation_id_path="requestContext.requestId", clear_state=True)
        def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
            limit_headers: dict[str, str] = {}
            try:
                if rate_limit:
                    limit_headers = _apply_rate_limits(event, rate_limit)
                principal = principal_from_event(event)
                if principal and principal.session_id and session_revoked(principal.session_id):
                    raise Unauthenticated("The session has ended")
                request = Request(
                    event=event,
                    principal=principal,
                    path_params=event.get("pathParameters") or {},
                    query=validate_input(spec.query, event.get("queryStringParameters") or {}, "query"),
                )
                if spec.body is not None:
                    request.body = validate_input(spec.body, _json_body(event), "body")
                result = fn(request)
                return _with_headers(_success(result, spec.status), limit_headers)
            except DomainError as error:
                if isinstance(error, Unavailable):
                    _report(event, error, f"{error.dependency} unavailable")
                return _with_headers(error_response(event, error), limit_headers)
            except Exception as error:
                _report(event, error, "unhandled error")
                return _error_body(event, HTTPStatus.INTERNAL_SERVER_ERROR, "Internal server error")
            finally:
                flush_metrics()

        handler.spec = spec  # type: ignore[attr-defined]
        return handler

    return wrap


def _report(event: dict[str, Any], error: Exception, what: str) -> None:
    """Log a failure of ours with its route and traceback, and send it to the alerts topic."""
    from vitae.platform import alerts

    logger.exception(what, extra={"routeKey": event.get("routeKey")})
    alerts.critical(event.get("routeKey") or "api", error, requestId=event.get("requestContext", {}).get("requestId"))


def _apply_rate_limits(event: dict[str, Any], kind: str) -> dict[str, str]:
    """Count the request against its limits; raises RateLimited past one. Returns the headers to send."""
    from vitae.platform import ratelimit

    s = settings()
    ip = event.get("requestContext", {}).get("http", {}).get("sourceIp") or "unknown"
    limits = [("ip", s.rate_limit_ip_max, s.rate_limit_ip_window_seconds)]
    if kind == "auth":
        limits.append(("auth", s.rate_limit_auth_max, s.rate_limit_auth_window_seconds))
    headers: dict[str, str] = {}
    for bucket, limit, window in limits:
        decision = ratelimit.hit(bucket, ip, limit, window)
        if decision is None:
            continue
        headers = decision.headers()  # the strictest limit checked so far is the one reported
        if not decision.allowed:
            raise RateLimited("Too many requests from this IP, please try again later", headers=headers)
    return headers


def _with_headers(response: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    response["headers"] = {**headers, **response.get("headers", {})}
    return response


def _json_body(event: dict[str, Any]) -> Any:
    if not event.get("body"):
        raise Invalid("Request body is required")
    data = raw_body(event)
    if len(data) > settings().max_request_body_bytes:
        raise TooLarge(f"Request body exceeds {settings().max_request_body_bytes} bytes")
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: absurdly deep nesting
        raise Invalid("Malformed JSON body") from None


def _has_nul(data: Any) -> bool:
    """Whether any string in `data` holds a NUL character, which PostgreSQL text cannot store."""
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def validate_input(model: type[BaseModel] | None, data: Any, where: str) -> Any:
    """`data` validated as `model` (None without a model). Raises Invalid("Validation failed")
    with one {field, message, in: `where`} per problem, `field` a JSON path (`sections[0].title`);
    text holding NUL characters is refused."""
    if model is None:
        return None
    if _has_nul(data):
        raise Invalid("Validation failed", details=[
            {"field": where, "message": "text must not contain NUL characters", "in": where}])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise Invalid("Validation failed", details=[
            {"field": dotted(problem.path) or where, "message": problem.message, "in": where}
            for problem in problems(exc, data)]) from None


def _success(result: Any, default_status: int) -> dict[str, Any]:
    response = result if isinstance(result, Response) else Response(default_status, result)
    headers = {"content-type": "application/json", **response.headers}
    body = response.body
    if isinstance(body, BaseModel):
        body = body.model_dump(mode="json", by_alias=True)
    if body is None:
        return {"statusCode": response.status, "headers": headers, "body": ""}
    if isinstance(body, bytes):
        return {"statusCode": response.status, "headers": headers, "isBase64Encoded": True,
                "body": base64.b64encode(body).decode()}
    return {"statusCode": response.status, "headers": headers, "body": json.dumps(body, default=str)}


def error_response(event: dict[str, Any], error: DomainError) -> dict[str, Any]:
    """The response for a domain error: its status from `STATUS`, `error` its code (else the
    status phrase), `details` for Invalid and the headers of RateLimited."""
    return _error_body(event, status_of(error), error.message, error.code, getattr(error, "details", None),
                       getattr(error, "headers", None))


def _error_body(event: dict[str, Any], status: HTTPStatus, message: str, code: str | None = None,
                details: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "statusCode": int(status),
        "message": message,
        "error": code or status.phrase,
        "timestamp": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "path": event.get("rawPath", ""),
        "traceId": event.get("requestContext", {}).get("requestId"),
    }
    if details is not None:
        body["details"] = details
    return {
        "statusCode": int(status),
        "headers": {"content-type": "application/json", **(headers or {})},
        "body": json.dumps(body),
    }
