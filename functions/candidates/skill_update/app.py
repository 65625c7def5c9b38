"""PUT /v1/skills/{id}: replace one entry of the caller's profile."""

from pydantic import BaseModel

from vitae.candidates import service
from vitae.candidates.models import SkillIn, SkillView
from vitae.candidates.repository import SKILLS
from vitae.platform.http import Request, endpoint


@endpoint(body=SkillIn, response=SkillView, errors=(409,))
def handler(request: Request) -> BaseModel:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return service.update_entry(actor, SKILLS, request.path_params["id"], request.body)
