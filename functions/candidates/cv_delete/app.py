"""DELETE /v1/cv-documents/{id}: the CV document and its file; its bytes are given back to the quota."""

from vitae.candidates import cv, service
from vitae.platform.http import Request, endpoint


@endpoint(status=204)
def handler(request: Request) -> None:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    cv.delete_document(actor, request.path_params["id"])
