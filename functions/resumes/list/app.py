"""GET /v1/resumes: the caller's resumes, newest first, paginated by cursor."""

from vitae.platform.api import PageQuery
from vitae.platform.http import Request, endpoint
from vitae.resumes import service
from vitae.resumes.models import ResumePage


@endpoint(query=PageQuery, response=ResumePage)
def handler(request: Request) -> ResumePage:
    return service.list_resumes(request.caller, request.query)
