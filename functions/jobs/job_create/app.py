"""POST /v1/jobs: a catalogue job (admins and internal services; 201)."""

from vitae.jobs import service
from vitae.jobs.models import JobIn, JobView
from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint


@endpoint(body=JobIn, response=JobView, status=201, idempotency=idempotency.by_key, errors=(403, 409))
def handler(request: Request) -> JobView:
    return service.create_job(request.caller, request.body)
