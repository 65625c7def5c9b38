"""PUT /v1/work-experience/{id}: replace one entry of the caller's profile."""

from pydantic import BaseModel

from vitae.candidates import service
from vitae.candidates.models import WorkExperienceIn, WorkExperienceView
from vitae.candidates.repository import WORK
from vitae.platform.http import Request, endpoint


@endpoint(body=WorkExperienceIn, response=WorkExperienceView)
def handler(request: Request) -> BaseModel:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return service.update_entry(actor, WORK, request.path_params["id"], request.body)
