"""POST /v1/resumes/{id}/attachments/upload-url: a presigned POST for files up to 10 MB."""

from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint
from vitae.resumes import attachments
from vitae.resumes.models import AttachmentUploadForm, AttachmentUploadRequest


@endpoint(body=AttachmentUploadRequest, response=AttachmentUploadForm, status=201, idempotency=idempotency.by_key)
def handler(request: Request) -> AttachmentUploadForm:
    body = request.body
    return attachments.upload_form(request.caller, request.path_params["id"], body.filename, body.content_type)
