"""GET /v1/candidates/{id}/audit: the profile's audit log, newest first, for its owner and admins."""

from vitae.candidates import service
from vitae.candidates.models import AuditPage
from vitae.platform.api import PageQuery
from vitae.platform.http import Request, endpoint


@endpoint(query=PageQuery, response=AuditPage)
def handler(request: Request) -> AuditPage:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return service.audit_log(actor, request.path_params["id"], request.query)
