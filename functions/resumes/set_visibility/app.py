"""PATCH /v1/resumes/{id}/sections/visibility: show or hide sections."""

from vitae.platform.http import Request, endpoint
from vitae.resumes import service
from vitae.resumes.models import ResumeView, VisibilityChange


@endpoint(body=VisibilityChange, response=ResumeView)
def handler(request: Request) -> ResumeView:
    return service.change_visibility(request.caller, request.path_params["id"], request.body)
