"""DELETE /v1/resumes/{id}/shares/{shareId}: revoke a link."""

from vitae.platform.http import Request, endpoint
from vitae.resumes import sharing


@endpoint(status=204)
def handler(request: Request) -> None:
    sharing.revoke_share(request.caller, request.path_params["id"], request.path_params["shareId"])
