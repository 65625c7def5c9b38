"""DELETE /v1/projects/{id}: remove one entry of the caller's profile."""

from vitae.candidates import service
from vitae.candidates.repository import PROJECTS
from vitae.platform.http import Request, endpoint


@endpoint(status=204)
def handler(request: Request) -> None:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    service.delete_entry(actor, PROJECTS, request.path_params["id"])
