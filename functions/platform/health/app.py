"""GET /v1/health (public): reachability of the database, cache, storage, queue and Ollama."""

from datetime import datetime
from typing import Literal

from pydantic import Field

from vitae.platform import health
from vitae.platform.http import Answer, ApiModel, Request, Response, endpoint


class Component(ApiModel):
    status: Literal["ok", "down"]
    error: str | None = Field(None, description="The kind of failure, when down.")
    latency_ms: float
    required: bool = Field(description="Whether the API needs it (Ollama is optional).")


class HealthReport(ApiModel):
    status: Literal["ok", "degraded"]
    timestamp: datetime
    components: dict[str, Component]


DEGRADED = Answer(503, "A required dependency is down: the same report, `status: degraded`.", HealthReport)


@endpoint(response=HealthReport, answers=(DEGRADED,), rate_limit=None)  # monitors poll it; seed [G] exempts it
def handler(request: Request) -> Response:
    report = health.report()
    return Response(200 if report["status"] == "ok" else 503, report, {"cache-control": "no-store"})
