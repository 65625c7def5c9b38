"""PUT /v1/education/{id}: replace one entry of the caller's profile."""

from pydantic import BaseModel

from vitae.candidates import service
from vitae.candidates.models import EducationIn, EducationView
from vitae.candidates.repository import EDUCATION
from vitae.platform.http import Request, endpoint


@endpoint(body=EducationIn, response=EducationView)
def handler(request: Request) -> BaseModel:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return service.update_entry(actor, EDUCATION, request.path_params["id"], request.body)
