"""POST /v1/resumes/tailor `{jobId | jobDescription, jobTitle?, baseResumeId?, template?}`: queue a
tailored resume (202, Location: the AI job); when done, `result.resumeId` is the new resume."""

from vitae.assistant import service
from vitae.assistant.models import AiJobAccepted, TailorIn
from vitae.platform import idempotency
from vitae.platform.http import Request, Response, endpoint


@endpoint(body=TailorIn, response=AiJobAccepted, status=202, idempotency=idempotency.by_key, errors=(404, 409, 429),
          answers=(service.JOB_ACCEPTED,))
def handler(request: Request) -> Response:
    return service.accepted(service.create_job(request.caller, "tailor", request.body))
