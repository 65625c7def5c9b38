"""GET /v1/resumes/{id}/attachments: the resume's attachments (without download URLs)."""

from vitae.platform.http import Request, endpoint
from vitae.resumes import attachments
from vitae.resumes.models import Attachments


@endpoint(response=Attachments)
def handler(request: Request) -> Attachments:
    return attachments.list_attachments(request.caller, request.path_params["id"])
