"""PUT /v1/profile: create or replace the caller's own candidate profile."""

from vitae.candidates import service
from vitae.candidates.models import CandidateIn, CandidateView
from vitae.platform.http import Request, endpoint


@endpoint(body=CandidateIn, response=CandidateView)
def handler(request: Request) -> CandidateView:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return service.put_own_profile(actor, request.body)
