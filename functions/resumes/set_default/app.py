"""PATCH /v1/resumes/{id}/default: make it the caller's one default resume."""

from vitae.platform.http import Request, endpoint
from vitae.resumes import service
from vitae.resumes.models import ResumeView


@endpoint(response=ResumeView)
def handler(request: Request) -> ResumeView:
    return service.make_default(request.caller, request.path_params["id"])
