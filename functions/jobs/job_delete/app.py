"""DELETE /v1/jobs/{id}: remove a catalogue job (admins and internal services; 204)."""

from vitae.jobs import service
from vitae.platform.http import Request, endpoint


@endpoint(status=204, errors=(403, 409))
def handler(request: Request) -> None:
    service.delete_job(request.caller, request.path_params["id"])
