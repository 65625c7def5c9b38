"""API Gateway HTTP API (payload 2.0) adapter: event in -> validated input -> response out.

`endpoint(...)` wraps a plain function taking a `Request`. Every failure becomes the error body
{statusCode, message, error, timestamp, path, traceId} (+ details for validation errors);
unexpected exceptions are logged with context and answered 500 without internals.
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

from vitae.platform.auth import InvalidToken, Principal, Role, principal_from_event, session_revoked, verify_token
from vitae.platform.config import settings
from vitae.platform.observability import flush_metrics, logger


class ApiModel(BaseModel):
    """Base of every request and response body: camelCase on the wire, unknown fields refused."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


class ApiError(Exception):
    def __init__(self, status: int, message: str, error: str | None = None, details: Any = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.error = error or HTTPStatus(status).phrase
        self.details = details
        self.headers = headers or {}


def conflict(message: str) -> ApiError:
    return ApiError(409, message)


def not_found(message: str) -> ApiError:
    return ApiError(404, message)


def forbidden(message: str = "You are not allowed to do this") -> ApiError:
    return ApiError(403, message)


def unauthorized(message: str = "Authentication required") -> ApiError:
    return ApiError(401, message)


@dataclass
class Response:
    """An explicit response, for statuses, headers or bodies the default JSON path does not cover."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Request:
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
    def optional_caller(self) -> Principal | None:
        """On public routes (no authorizer): the caller if they sent a valid token, else None."""
        scheme, _, token = self.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        try:
            return verify_token(token.strip())
        except InvalidToken:
            return None

    @property
    def caller(self) -> Principal:
        if self.principal is None:
            raise unauthorized()
        return self.principal

    def require_role(self, *roles: Role) -> Principal:
        """The caller, if they hold one of `roles`; 403 otherwise."""
        if not self.caller.has_role(*roles):
            raise forbidden()
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
    """The one file sent as `field_name` in a multipart/form-data body; 413 beyond `max_bytes`."""
    return multipart_upload(request, field_name, max_bytes, too_large)[0]


def multipart_upload(request: Request, field_name: str, max_bytes: int,
                     too_large: str) -> tuple[UploadedFile, dict[str, str]]:
    """The file sent as `field_name` and the form's text fields (UTF-8, the first of each name)."""
    from multipart import MultipartParser, MultipartError, parse_options_header

    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    if content_type != "multipart/form-data" or not options.get("boundary"):
        raise ApiError(415, "Expected a multipart/form-data body")
    body = raw_body(request.event)
    if len(body) > max_bytes + 64 * 1024:  # the part alone would be too large, whatever the framing
        raise ApiError(413, too_large)
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
        raise ApiError(400, f"Malformed multipart body: {exc}") from None
    if part is None:
        raise ApiError(400, f"Missing file field '{field_name}'")
    data = part.raw
    if len(data) > max_bytes:
        raise ApiError(413, too_large)
    if not data:
        raise ApiError(400, "The uploaded file is empty")
    return UploadedFile(part.filename, part.content_type, data), fields


# -- cursor pagination -------------------------------------------------------------------------


class PageQuery(ApiModel):
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = None


def encode_cursor(position: dict[str, Any]) -> str:
    raw = json.dumps(position, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> dict[str, Any] | None:
    if not cursor:
        return None
    try:
        position = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise ApiError(400, "Invalid pagination cursor") from None
    if not isinstance(position, dict):
        raise ApiError(400, "Invalid pagination cursor")
    return position


def keyset_after(cursor: str | None) -> tuple[str, str] | None:
    """The (createdAt, id) position after which a newest-first page starts, from its cursor."""
    position = decode_cursor(cursor)
    if position is None:
        return None
    try:
        return datetime.fromisoformat(position["createdAt"]).isoformat(), str(uuid.UUID(position["id"]))
    except (KeyError, ValueError, TypeError):
        raise ApiError(400, "Invalid pagination cursor") from None


def keyset_page[T](rows: list[dict[str, Any]], limit: int, view: Callable[[dict[str, Any]], T]) -> tuple[list[T], str | None]:
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
    """`rate_limit`: "ip" (the per-IP limit of every /v1 route), "auth" (the stricter limit of
    the sign-in endpoints, on top of the per-IP one), or None (health checks)."""
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
                    raise unauthorized("The session has ended")
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
            except ApiError as exc:
                return _with_headers(error_response(event, exc), limit_headers)
            except Exception as error:
                from vitae.platform import alerts

                logger.exception("unhandled error", extra={"routeKey": event.get("routeKey")})
                alerts.critical(event.get("routeKey") or "api", error,
                                requestId=event.get("requestContext", {}).get("requestId"))
                return error_response(event, ApiError(500, "Internal server error"))
            finally:
                flush_metrics()

        handler.spec = spec  # type: ignore[attr-defined]
        return handler

    return wrap


def _apply_rate_limits(event: dict[str, Any], kind: str) -> dict[str, str]:
    """Count the request against its limits; raise 429 past one. Returns the headers to send."""
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
            raise ApiError(429, "Too many requests from this IP, please try again later", headers=headers)
    return headers


def _with_headers(response: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    response["headers"] = {**headers, **response.get("headers", {})}
    return response


def _json_body(event: dict[str, Any]) -> Any:
    if not event.get("body"):
        raise ApiError(400, "Request body is required")
    data = raw_body(event)
    if len(data) > settings().max_request_body_bytes:
        raise ApiError(413, f"Request body exceeds {settings().max_request_body_bytes} bytes")
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: absurdly deep nesting
        raise ApiError(400, "Malformed JSON body") from None


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
    if model is None:
        return None
    if _has_nul(data):
        raise ApiError(400, "Validation failed", details=[
            {"field": where, "message": "text must not contain NUL characters", "in": where}])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        details = [
            {"field": ".".join(str(p) for p in err["loc"]) or where, "message": err["msg"], "in": where}
            for err in exc.errors(include_url=False, include_context=False, include_input=False)
        ]
        raise ApiError(400, "Validation failed", details=details) from None


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


def error_response(event: dict[str, Any], exc: ApiError) -> dict[str, Any]:
    body: dict[str, Any] = {
        "statusCode": exc.status,
        "message": exc.message,
        "error": exc.error,
        "timestamp": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "path": event.get("rawPath", ""),
        "traceId": event.get("requestContext", {}).get("requestId"),
    }
    if exc.details is not None:
        body["details"] = exc.details
    return {
        "statusCode": exc.status,
        "headers": {"content-type": "application/json", **exc.headers},
        "body": json.dumps(body),
    }
