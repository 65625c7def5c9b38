"""POST /v1/candidates/{id}/projects: add an entry to the profile."""

from pydantic import BaseModel

from vitae.candidates import service
from vitae.candidates.models import ProjectIn, ProjectView
from vitae.candidates.repository import PROJECTS
from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint


@endpoint(body=ProjectIn, response=ProjectView, status=201, idempotency=idempotency.by_key)
def handler(request: Request) -> BaseModel:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return service.add_entry(actor, request.path_params["id"], PROJECTS, request.body)
