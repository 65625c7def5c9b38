"""POST /v1/skills/gap `{targetRole | jobId | jobDescription}`: queue a skills gap (202, Location:
the AI job); when done, `result` has the skills the caller has and lacks, with learning resources."""

from vitae.assistant import service
from vitae.assistant.models import AiJobAccepted, GapIn
from vitae.platform import idempotency
from vitae.platform.http import Request, Response, endpoint


@endpoint(body=GapIn, response=AiJobAccepted, status=202, idempotency=idempotency.by_key, errors=(404, 409, 422, 429),
          answers=(service.JOB_ACCEPTED,))
def handler(request: Request) -> Response:
    return service.accepted(service.create_job(request.caller, "skills_gap", request.body))
