"""POST /v1/candidates/{id}/cv/upload-url: a presigned POST for a CV up to 10 MB."""

from vitae.candidates import cv, service
from vitae.candidates.models import CvUploadForm, CvUploadRequest
from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint


@endpoint(body=CvUploadRequest, response=CvUploadForm, status=202, idempotency=idempotency.by_key)
def handler(request: Request) -> CvUploadForm:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return cv.upload_form(actor, request.path_params["id"], request.body)
