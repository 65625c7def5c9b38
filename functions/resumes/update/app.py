"""PATCH /v1/resumes/{id}: change some of title, template, language and isPublic; sections stay."""

from vitae.platform.http import Request, endpoint
from vitae.resumes import service
from vitae.resumes.models import ResumePatch, ResumeView


@endpoint(body=ResumePatch, response=ResumeView)
def handler(request: Request) -> ResumeView:
    return service.update_resume(request.caller, request.path_params["id"], request.body)
