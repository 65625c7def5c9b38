"""POST /v1/resumes/{id}/attachments: multipart `file` (PDF, DOCX, PNG or JPEG by content), 4 MB."""

from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint, multipart_file
from vitae.resumes import attachments
from vitae.resumes.models import AttachmentView


@endpoint(response=AttachmentView, status=201, idempotency=idempotency.by_key)
def handler(request: Request) -> AttachmentView:
    upload = multipart_file(request, "file", attachments.DIRECT_MAX_BYTES, attachments.TOO_LARGE)
    return attachments.upload(request.caller, request.path_params["id"], upload.filename, upload.data)
