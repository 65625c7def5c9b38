"""GET /v1/applications?status=&limit=&cursor=: the caller's applications, newest first, paginated."""

from vitae.applications import service
from vitae.applications.models import ApplicationPage, ApplicationQuery
from vitae.platform.http import Request, endpoint


@endpoint(query=ApplicationQuery, response=ApplicationPage)
def handler(request: Request) -> ApplicationPage:
    return service.list_applications(request.caller, request.query)
