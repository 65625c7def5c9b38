"""POST /v1/profile/resume/upload (seed [G]): the CV upload of POST /v1/candidates/{id}/cv into the
caller's own profile, created empty first when they have none; 202 with the document id."""

from vitae.candidates import cv, service
from vitae.candidates.models import CvAccepted
from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint


@endpoint(form=cv.MULTIPART, response=CvAccepted, status=202, idempotency=idempotency.by_key, errors=(404,))
def handler(request: Request) -> CvAccepted:
    assert request.file is not None
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return cv.upload_own(actor, request.file, request.body)
