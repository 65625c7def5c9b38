"""POST /v1/candidates/{id}/education: add an entry to the profile."""

from pydantic import BaseModel

from vitae.candidates import service
from vitae.candidates.models import EducationIn, EducationView
from vitae.candidates.repository import EDUCATION
from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint


@endpoint(body=EducationIn, response=EducationView, status=201, idempotency=idempotency.by_key)
def handler(request: Request) -> BaseModel:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return service.add_entry(actor, request.path_params["id"], EDUCATION, request.body)
