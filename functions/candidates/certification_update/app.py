"""PUT /v1/certifications/{id}: replace one entry of the caller's profile."""

from pydantic import BaseModel

from vitae.candidates import service
from vitae.candidates.models import CertificationIn, CertificationView
from vitae.candidates.repository import CERTIFICATIONS
from vitae.platform.http import Request, endpoint


@endpoint(body=CertificationIn, response=CertificationView)
def handler(request: Request) -> BaseModel:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return service.update_entry(actor, CERTIFICATIONS, request.path_params["id"], request.body)
