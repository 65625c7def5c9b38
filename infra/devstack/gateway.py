"""The local API Gateway (HTTP API, payload format 2.0), as a werkzeug WSGI application.

Matches requests to the template's routes (a request none takes goes to the `$default` route when
the API has one, else it is the gateway's own 404), runs the Lambda authorizer as API Gateway does
(401 without the identity header, 403 when refused, results cached by the header for the template's
ReauthorizeEvery), builds the 2.0 event, invokes the handler and writes its response back.
"""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from werkzeug.datastructures import Headers
from werkzeug.wrappers import Request, Response

from vitae_devstack.runtime import InvocationError, PayloadTooLarge, Runtime
from vitae_devstack.template import Route, by_specificity

TEXT_TYPES = ("text/", "application/json", "application/xml", "application/x-www-form-urlencoded",
              "application/javascript")


def _is_text(content_type: str) -> bool:
    content_type = content_type.lower()
    return any(content_type.startswith(t) for t in TEXT_TYPES) or content_type.split(";")[0].endswith("+json")


class Gateway:
    """The local API Gateway as a WSGI application: `routes` (most specific first) served by
    `runtime`, authorizer decisions cached for `authorizer_cache_seconds` per (authorizer, header)."""
    def __init__(self, runtime: Runtime, routes: list[Route], authorizer_cache_seconds: int = 300,
                 stage: str = "$default", access_log: bool = True):
        self.runtime = runtime
        self.access_log = access_log
        self.routes = by_specificity(routes)
        self.cache_seconds = authorizer_cache_seconds
        self.stage = stage
        self._auth_cache: dict[tuple[str, str], tuple[float, dict[str, Any] | None]] = {}
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        request = Request(environ)
        response = self.app(request)
        if self.access_log:
            print(f"[gateway] {request.method} {request.path} -> {response.status_code} "
                  f"({(time.perf_counter() - started) * 1000:.0f} ms)", flush=True)
        return response(environ, start_response)

    def app(self, request: Request) -> Response:
        """The response to one request: its route's function's answer, the authorizer's 401/403, or 404."""
        for route in self.routes:
            params = route.match(request.method, request.path)
            if params is not None:
                return self._dispatch(request, route, params)
            if route.is_default:  # sorted last: nothing else took the request
                return self._dispatch(request, route, {})
        return _message(404, "Not Found")

    def _dispatch(self, request: Request, route: Route, params: dict[str, str]) -> Response:
        if not route.invokable:  # API Gateway may not invoke the function: AWS answers so too
            print(f"[gateway] {route.route_key}: no Lambda::Permission lets API Gateway invoke {route.function}",
                  flush=True)
            return _message(500, "Internal Server Error")
        event = self._event(request, route, params)
        if route.authorizer:
            header = request.headers.get("Authorization")
            if not header:
                return _message(401, "Unauthorized")
            try:
                context = self._authorize(route, header, event)
            except InvocationError:
                return _message(500, "Internal Server Error")
            if context is None:
                return _message(403, "Forbidden")
            event["requestContext"]["authorizer"] = {"lambda": context}
        try:
            result = self.runtime.invoke(route.function, event)
        except PayloadTooLarge as exc:  # Lambda refuses the request; a response too large is the function's error
            if exc.kind == "RequestEntityTooLargeException":
                return _message(413, "Request Entity Too Large")
            return _message(500, "Internal Server Error")
        except InvocationError:  # raised, crashed or timed out (every route's timeout is under API Gateway's 30 s)
            return _message(500, "Internal Server Error")
        return _response(result)

    def _authorize(self, route: Route, header: str, event: dict[str, Any]) -> dict[str, Any] | None:
        assert route.authorizer is not None
        key = (route.authorizer, header)
        now = time.monotonic()
        with self._lock:
            cached = self._auth_cache.get(key)
        if cached and cached[0] > now:
            return cached[1]
        auth_event: dict[str, Any] = {
            "version": "2.0",
            "type": "REQUEST",
            "routeArn": f"arn:aws:execute-api:local:000000000000:local/{self.stage}/{route.method}{route.path}",
            "identitySource": [header],
            **{k: event[k] for k in ("routeKey", "rawPath", "rawQueryString", "cookies", "headers",
                                     "queryStringParameters", "requestContext", "pathParameters") if k in event},
        }
        answer = self.runtime.invoke(route.authorizer, auth_event) or {}
        context = (answer.get("context") or {}) if answer.get("isAuthorized") else None
        if self.cache_seconds:
            with self._lock:
                self._auth_cache[key] = (now + self.cache_seconds, context)
        return context

    def _event(self, request: Request, route: Route, params: dict[str, str]) -> dict[str, Any]:
        headers: dict[str, str] = {}
        for name, value in request.headers.items():
            name = name.lower()
            if name != "cookie":
                headers[name] = f"{headers[name]},{value}" if name in headers else value
        headers.setdefault("x-forwarded-proto", request.scheme)  # API Gateway always sets it
        headers.setdefault("x-forwarded-for", request.remote_addr or "127.0.0.1")
        query: dict[str, str] = {}
        for name, value in request.args.items(multi=True):
            query[name] = f"{query[name]},{value}" if name in query else value
        raw = request.get_data(cache=False)
        text = _is_text(request.content_type or "text/plain")
        now = datetime.now(UTC)
        event: dict[str, Any] = {
            "version": "2.0",
            "routeKey": route.route_key,
            "rawPath": request.path,
            "rawQueryString": request.query_string.decode(),
            "headers": headers,
            "requestContext": {
                "accountId": "000000000000",
                "apiId": "local",
                "domainName": request.host,
                "domainPrefix": request.host.split(".")[0],
                "http": {
                    "method": request.method,
                    "path": request.path,
                    "protocol": request.environ.get("SERVER_PROTOCOL", "HTTP/1.1"),
                    "sourceIp": request.remote_addr or "127.0.0.1",
                    "userAgent": request.headers.get("User-Agent", ""),
                },
                "requestId": str(uuid.uuid4()),
                "routeKey": route.route_key,
                "stage": self.stage,
                "time": now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
                "timeEpoch": int(now.timestamp() * 1000),
            },
            "isBase64Encoded": bool(raw) and not text,
        }
        if request.cookies:
            event["cookies"] = [f"{k}={v}" for k, v in request.cookies.items(multi=True)]
        if query:
            event["queryStringParameters"] = query
        if params:
            event["pathParameters"] = params
        if raw:
            event["body"] = raw.decode("utf-8", "replace") if text else base64.b64encode(raw).decode()
        return event


def _message(status: int, message: str) -> Response:
    return Response(json.dumps({"message": message}), status=status, content_type="application/json")


def _response(result: Any) -> Response:
    """Payload 2.0 response rules: a dict with statusCode is taken as is, anything else is JSON."""
    if not (isinstance(result, dict) and "statusCode" in result):
        return Response(json.dumps(result), status=200, content_type="application/json")
    headers = Headers()
    for name, value in (result.get("headers") or {}).items():
        headers.add(name, str(value))
    for cookie in result.get("cookies") or []:
        headers.add("Set-Cookie", cookie)
    for name, values in (result.get("multiValueHeaders") or {}).items():
        for value in values:
            headers.add(name, str(value))
    body = result.get("body") or ""
    data = base64.b64decode(body) if result.get("isBase64Encoded") else body.encode()
    return Response(data, status=int(result["statusCode"]), headers=headers)
