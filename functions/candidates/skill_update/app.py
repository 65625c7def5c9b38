"""PUT /v1/skills/{id}: replace one entry of the caller's profile."""

from vitae.candidates import service
from vitae.candidates.models import SkillIn, SkillView
from vitae.candidates.repository import SKILLS
from vitae.platform.http import Request, endpoint


@endpoint(body=SkillIn, response=SkillView)
def handler(request: Request) -> SkillView:
    return service.update_entry(service.Actor.of(request), SKILLS, request.path_params["id"], request.body)
