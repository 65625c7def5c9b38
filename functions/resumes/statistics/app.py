"""GET /v1/resumes/{id}/statistics: views (public page and share links) and downloads."""

from vitae.platform.http import Request, endpoint
from vitae.resumes import sharing
from vitae.resumes.public import Statistics


@endpoint(response=Statistics)
def handler(request: Request) -> Statistics:
    return sharing.statistics(request.caller, request.path_params["id"])
