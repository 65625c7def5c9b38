"""PATCH /v1/resumes/{id}/sections/order: the new order, naming every section exactly once."""

from vitae.platform.http import Request, endpoint
from vitae.resumes import service
from vitae.resumes.models import ResumeView, SectionOrder


@endpoint(body=SectionOrder, response=ResumeView)
def handler(request: Request) -> ResumeView:
    return service.order_sections(request.caller, request.path_params["id"], request.body)
