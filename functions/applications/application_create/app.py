"""POST /v1/applications: track an application `{jobId | job, resumeId?, coverLetter?, notes?, status?}`
(201), saved by default or applied; 404 for an unknown job or resume, 409 for a second application
to the same catalogue job."""

from vitae.applications import service
from vitae.applications.models import ApplicationIn, ApplicationView
from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint


@endpoint(body=ApplicationIn, response=ApplicationView, status=201, idempotency=idempotency.by_key, errors=(404, 409))
def handler(request: Request) -> ApplicationView:
    return service.create_application(request.caller, request.body)
