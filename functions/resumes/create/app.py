"""POST /v1/resumes: create a resume (the user's first becomes their default)."""

from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint
from vitae.resumes import service
from vitae.resumes.models import ResumeView
from vitae.resumes.sections import ResumeIn


@endpoint(body=ResumeIn, response=ResumeView, status=201, idempotency=idempotency.by_key)
def handler(request: Request) -> ResumeView:
    return service.create_resume(request.caller, request.body)
