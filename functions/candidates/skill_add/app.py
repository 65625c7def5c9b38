"""POST /v1/candidates/{id}/skills: add an entry to the profile."""

from vitae.candidates import service
from vitae.candidates.models import SkillIn, SkillView
from vitae.candidates.repository import SKILLS
from vitae.platform.http import Request, endpoint


@endpoint(body=SkillIn, response=SkillView, status=201)
def handler(request: Request) -> SkillView:
    return service.add_entry(service.Actor.of(request), request.path_params["id"], SKILLS, request.body)
