"""PATCH /v1/applications/{id}: `{status?, notes?, coverLetter?, resumeId?, note?}`; a status change
the machine does not allow is a 409 listing the allowed ones."""

from vitae.applications import service
from vitae.applications.models import ApplicationPatch, ApplicationView
from vitae.platform.http import Request, endpoint


@endpoint(body=ApplicationPatch, response=ApplicationView, errors=(409,))
def handler(request: Request) -> ApplicationView:
    return service.update_application(request.caller, request.path_params["id"], request.body)
