"""POST /v1/resumes/import: a new resume from a JSON Resume document (v1, or pre-1.0 names)."""

from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint
from vitae.resumes import service
from vitae.resumes.exports import JsonResumeDocument
from vitae.resumes.models import ResumeView


@endpoint(body=JsonResumeDocument, response=ResumeView, status=201, idempotency=idempotency.by_key)
def handler(request: Request) -> ResumeView:
    return service.import_resume(request.caller, request.body.root)
