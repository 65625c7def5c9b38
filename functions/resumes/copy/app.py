"""POST /v1/resumes/{id}/copy: a deep copy titled "Copy of ...", not the default."""

from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint
from vitae.resumes import service
from vitae.resumes.models import ResumeView


@endpoint(response=ResumeView, status=201, idempotency=idempotency.by_key)
def handler(request: Request) -> ResumeView:
    return service.copy_resume(request.caller, request.path_params["id"])
