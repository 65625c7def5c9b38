"""DELETE /v1/resumes/{id}: the resume, its sections and its attachments' files."""

from vitae.platform.http import Request, endpoint
from vitae.resumes import service


@endpoint(status=204)
def handler(request: Request) -> None:
    service.delete_resume(request.caller, request.path_params["id"])
