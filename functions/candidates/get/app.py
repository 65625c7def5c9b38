"""GET /v1/candidates/{id}: the profile with its education, work experience, skills and certifications."""

from vitae.candidates import service
from vitae.candidates.models import CandidateView
from vitae.platform.http import Request, endpoint


@endpoint(response=CandidateView)
def handler(request: Request) -> CandidateView:
    return service.get_candidate(service.Actor.of(request), request.path_params["id"])
