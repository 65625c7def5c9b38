"""POST /v1/matching/requirements/file: a requirements text from a multipart `file` (PDF, DOCX or plain
text by content, 4 MB) with an optional `title` (201)."""

from vitae.matching import service
from vitae.matching.models import FILE_TYPES, TextFileFields, TextView
from vitae.platform import idempotency
from vitae.platform.http import Form, Request, endpoint

FORM = Form("file", FILE_TYPES, service.DIRECT_MAX_BYTES, service.TOO_LARGE, fields=TextFileFields)


@endpoint(form=FORM, response=TextView, status=201, idempotency=idempotency.by_key, errors=(404,))
def handler(request: Request) -> TextView:
    assert request.file is not None
    return service.create_text_from_file(service.REQUIREMENTS, request.caller, request.file, request.body.title)
