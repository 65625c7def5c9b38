"""GET /v1/cv-documents/{id}: a CV's status, parsed data with confidences and key-skill match."""

from vitae.candidates import cv, service
from vitae.candidates.models import CvDocumentView
from vitae.platform.http import Request, endpoint


@endpoint(response=CvDocumentView)
def handler(request: Request) -> CvDocumentView:
    return cv.get_document(service.Actor.of(request), request.path_params["id"])
