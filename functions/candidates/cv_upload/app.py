"""POST /v1/candidates/{id}/cv: multipart `cv` (PDF or DOCX by content, 4 MB) with optional jobRole,
jobDescription and keySkills; 202 with the document id, parsed asynchronously."""

from vitae.candidates import cv, service
from vitae.candidates.models import CvAccepted
from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint


@endpoint(form=cv.MULTIPART, response=CvAccepted, status=202, idempotency=idempotency.by_key)
def handler(request: Request) -> CvAccepted:
    assert request.file is not None
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return cv.upload(actor, request.path_params["id"], request.file, request.body)
