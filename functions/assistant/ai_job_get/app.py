"""GET /v1/ai-jobs/{id}: a tailoring or skills gap: status (queued, running, done, failed with a
reason), the result when done, and the model, its version and the prompt version that made it."""

from vitae.assistant import service
from vitae.assistant.models import AiJobView
from vitae.platform.http import Request, endpoint


@endpoint(response=AiJobView)
def handler(request: Request) -> AiJobView:
    return service.get_job(request.caller, request.path_params["id"])
