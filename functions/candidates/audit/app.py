"""GET /v1/candidates/{id}/audit: the profile's audit log, newest first, for its owner and admins."""

from vitae.candidates import service
from vitae.candidates.models import AuditPage
from vitae.platform.http import PageQuery, Request, endpoint


@endpoint(query=PageQuery, response=AuditPage)
def handler(request: Request) -> AuditPage:
    return service.audit_log(service.Actor.of(request), request.path_params["id"], request.query)
