"""GET /v1/matching/resume-texts/{id}: one of the caller's resume texts with its text."""

from vitae.matching import service
from vitae.matching.models import TextView
from vitae.platform.http import Request, endpoint


@endpoint(response=TextView)
def handler(request: Request) -> TextView:
    return service.get_text(service.RESUME_TEXTS, request.caller, request.path_params["id"])
