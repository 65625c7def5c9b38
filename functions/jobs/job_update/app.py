"""PUT /v1/jobs/{id}: replace a catalogue job's fields (admins and internal services)."""

from vitae.jobs import service
from vitae.jobs.models import JobIn, JobView
from vitae.platform.http import Request, endpoint


@endpoint(body=JobIn, response=JobView, errors=(403, 409))
def handler(request: Request) -> JobView:
    return service.update_job(request.caller, request.path_params["id"], request.body)
