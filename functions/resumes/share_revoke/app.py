"""DELETE /v1/resumes/{id}/shares/{shareId}: revoke a link."""

from vitae.platform.http import Request, Response, endpoint
from vitae.resumes import sharing


@endpoint()
def handler(request: Request) -> Response:
    sharing.revoke_share(request.caller, request.path_params["id"], request.path_params["shareId"])
    return Response(204)
