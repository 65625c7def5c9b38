"""GET /v1/matching/processings/{id}: status (queued, running, done, failed with a reason) and,
when done, the result."""

from vitae.matching import service
from vitae.matching.models import ProcessingView
from vitae.platform.http import Request, endpoint


@endpoint(response=ProcessingView)
def handler(request: Request) -> ProcessingView:
    return service.get_processing(request.caller, request.path_params["id"])
