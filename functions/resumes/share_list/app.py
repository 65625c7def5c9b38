"""GET /v1/resumes/{id}/shares: the resume's links with their view counts."""

from vitae.platform.http import Request, endpoint
from vitae.resumes import sharing
from vitae.resumes.public import Shares


@endpoint(response=Shares)
def handler(request: Request) -> Shares:
    return sharing.list_shares(request.caller, request.path_params["id"])
