"""DELETE /v1/cv-documents/{id}: the CV document and its file; its bytes are given back to the quota."""

from vitae.candidates import cv, service
from vitae.platform.http import Request, endpoint


@endpoint(status=204)
def handler(request: Request) -> None:
    cv.delete_document(service.Actor.of(request), request.path_params["id"])
