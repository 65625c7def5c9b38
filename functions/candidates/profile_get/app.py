"""GET /v1/profile: the caller's own candidate profile."""

from vitae.candidates import service
from vitae.candidates.models import CandidateView
from vitae.platform.http import Request, endpoint


@endpoint(response=CandidateView, errors=(404,))
def handler(request: Request) -> CandidateView:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return service.own_profile(actor)
