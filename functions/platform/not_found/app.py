"""The API's $default route: a request no route takes answers 404 with the standard error body."""

from vitae.platform.errors import NotFound
from vitae.platform.http import Request, endpoint


@endpoint()  # counted against the per-IP limit like any route: scanners probe unknown paths
def handler(request: Request) -> None:
    method = request.event.get("requestContext", {}).get("http", {}).get("method", "")
    raise NotFound(f"No route {method} {request.event.get('rawPath', '')}")
