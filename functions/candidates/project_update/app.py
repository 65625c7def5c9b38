"""PUT /v1/projects/{id}: replace one entry of the caller's profile."""

from pydantic import BaseModel

from vitae.candidates import service
from vitae.candidates.models import ProjectIn, ProjectView
from vitae.candidates.repository import PROJECTS
from vitae.platform.http import Request, endpoint


@endpoint(body=ProjectIn, response=ProjectView)
def handler(request: Request) -> BaseModel:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return service.update_entry(actor, PROJECTS, request.path_params["id"], request.body)
