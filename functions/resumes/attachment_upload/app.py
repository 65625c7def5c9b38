"""POST /v1/resumes/{id}/attachments: multipart `file` (PDF, DOCX, PNG or JPEG by content), 4 MB."""

from vitae.platform import idempotency
from vitae.platform.http import Form, Request, endpoint
from vitae.resumes import attachments
from vitae.resumes.models import ATTACHMENT_TYPES, AttachmentView

FORM = Form("file", ATTACHMENT_TYPES, attachments.DIRECT_MAX_BYTES, attachments.TOO_LARGE)


@endpoint(form=FORM, response=AttachmentView, status=201, idempotency=idempotency.by_key)
def handler(request: Request) -> AttachmentView:
    assert request.file is not None
    return attachments.upload(request.caller, request.path_params["id"], request.file.filename, request.file.data)
