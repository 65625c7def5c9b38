"""DELETE /v1/resumes/{id}/attachments/{aid}: the attachment and its object."""

from vitae.platform.http import Request, Response, endpoint
from vitae.resumes import attachments


@endpoint()
def handler(request: Request) -> Response:
    attachments.delete(request.caller, request.path_params["id"], request.path_params["aid"])
    return Response(204)
