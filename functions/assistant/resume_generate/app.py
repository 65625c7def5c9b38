"""POST /v1/resume/generate `{jobDescription, template?}` (seed [G]): as POST /v1/resumes/tailor."""

from vitae.assistant import service
from vitae.assistant.models import AiJobAccepted, ResumeGenerateIn, TailorIn
from vitae.platform import idempotency
from vitae.platform.http import Request, Response, endpoint


@endpoint(body=ResumeGenerateIn, response=AiJobAccepted, status=202, idempotency=idempotency.by_key,
          errors=(409, 429), answers=(service.JOB_ACCEPTED,))
def handler(request: Request) -> Response:
    body = TailorIn(job_description=request.body.job_description, template=request.body.template)
    return service.accepted(service.create_job(request.caller, "tailor", body))
