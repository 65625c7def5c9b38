"""GET /v1/cv-documents/{id}: a CV's status, parsed data with confidences and key-skill match."""

from vitae.candidates import cv, service
from vitae.candidates.models import CvDocumentView
from vitae.platform.http import Request, endpoint


@endpoint(response=CvDocumentView)
def handler(request: Request) -> CvDocumentView:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return cv.get_document(actor, request.path_params["id"])
