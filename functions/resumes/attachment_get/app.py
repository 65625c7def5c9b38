"""GET /v1/resumes/{id}/attachments/{aid}: the attachment with a short-lived download URL."""

from vitae.platform.http import Request, endpoint
from vitae.resumes import attachments
from vitae.resumes.models import AttachmentDownload


@endpoint(response=AttachmentDownload, errors=(409,))
def handler(request: Request) -> AttachmentDownload:
    return attachments.download(request.caller, request.path_params["id"], request.path_params["aid"])
