"""GET /v1/resumes/{id}: the whole document."""

from vitae.platform.http import Request, endpoint
from vitae.resumes import service
from vitae.resumes.models import ResumeView


@endpoint(response=ResumeView)
def handler(request: Request) -> ResumeView:
    return service.get_resume(request.caller, request.path_params["id"])
