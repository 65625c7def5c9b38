"""POST /v1/jobs/apply (seed [G] "track job application"): an application created `applied` (201),
as POST /v1/applications with status applied."""

from vitae.applications import service
from vitae.applications.models import ApplicationView, ApplyIn
from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint


@endpoint(body=ApplyIn, response=ApplicationView, status=201, idempotency=idempotency.by_key, errors=(404, 409))
def handler(request: Request) -> ApplicationView:
    return service.create_application(request.caller, request.body, status="applied")
