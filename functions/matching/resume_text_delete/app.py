"""DELETE /v1/matching/resume-texts/{id}: the resume text."""

from vitae.matching import service
from vitae.platform.http import Request, endpoint


@endpoint(status=204)
def handler(request: Request) -> None:
    service.delete_text(service.RESUME_TEXTS, request.caller, request.path_params["id"])
