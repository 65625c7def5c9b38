"""POST /v1/candidates/{id}/cv: multipart `cv` (PDF or DOCX by content, 4 MB) with optional jobRole,
jobDescription and keySkills; 202 with the document id, parsed asynchronously."""

from vitae.candidates import cv, service
from vitae.candidates.models import CvAccepted, CvJob
from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint, multipart_upload, validate_input


@endpoint(response=CvAccepted, status=202, idempotency=idempotency.by_key)
def handler(request: Request) -> CvAccepted:
    upload, fields = multipart_upload(request, "cv", cv.DIRECT_MAX_BYTES, cv.TOO_LARGE)
    job = validate_input(CvJob, fields, "body")
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return cv.upload(actor, request.path_params["id"], upload, job)
