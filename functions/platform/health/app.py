"""GET /v1/health (public): reachability of the database, cache, storage, queue and Ollama."""

from vitae.platform import health
from vitae.platform.http import Request, Response, endpoint


@endpoint(rate_limit=None)  # monitors poll it; seed [G] exempts it
def handler(request: Request) -> Response:
    report = health.report()
    return Response(200 if report["status"] == "ok" else 503, report, {"cache-control": "no-store"})
