"""PUT /v1/profile: create or replace the caller's own candidate profile."""

from vitae.candidates import service
from vitae.candidates.models import CandidateIn, CandidateView
from vitae.platform.http import Request, endpoint


@endpoint(body=CandidateIn, response=CandidateView)
def handler(request: Request) -> CandidateView:
    return service.put_own_profile(service.Actor.of(request), request.body)
