"""POST /v1/matching/requirements/upload-url: a presigned POST for a requirements text file up to 10 MB (202);
the text is read once the upload arrives."""

from vitae.matching import service
from vitae.matching.models import TextUploadForm, TextUploadRequest
from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint


@endpoint(body=TextUploadRequest, response=TextUploadForm, status=202, idempotency=idempotency.by_key, errors=(404,))
def handler(request: Request) -> TextUploadForm:
    return service.upload_form(service.REQUIREMENTS, request.caller, request.body)
