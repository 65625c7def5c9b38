"""POST /v1/skills/analyze `{targetRole}` (seed [G]): as POST /v1/skills/gap for a role."""

from vitae.assistant import service
from vitae.assistant.models import AiJobAccepted, GapIn, SkillsAnalyzeIn
from vitae.platform import idempotency
from vitae.platform.http import Request, Response, endpoint


@endpoint(body=SkillsAnalyzeIn, response=AiJobAccepted, status=202, idempotency=idempotency.by_key,
          errors=(409, 422, 429), answers=(service.JOB_ACCEPTED,))
def handler(request: Request) -> Response:
    body = GapIn(target_role=request.body.target_role)
    return service.accepted(service.create_job(request.caller, "skills_gap", body))
