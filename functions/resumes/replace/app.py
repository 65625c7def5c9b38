"""PUT /v1/resumes/{id}: replace the document (sections sent with their id keep it)."""

from vitae.platform.http import Request, endpoint
from vitae.resumes import service
from vitae.resumes.models import ResumeView
from vitae.resumes.sections import ResumeIn


@endpoint(body=ResumeIn, response=ResumeView)
def handler(request: Request) -> ResumeView:
    return service.replace_resume(request.caller, request.path_params["id"], request.body)
