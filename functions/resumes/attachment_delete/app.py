"""DELETE /v1/resumes/{id}/attachments/{aid}: the attachment and its object."""

from vitae.platform.http import Request, endpoint
from vitae.resumes import attachments


@endpoint(status=204, errors=(409,))
def handler(request: Request) -> None:
    attachments.delete(request.caller, request.path_params["id"], request.path_params["aid"])
