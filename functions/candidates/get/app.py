"""GET /v1/candidates/{id}: the profile with its education, work experience, skills and certifications."""

from vitae.candidates import service
from vitae.candidates.models import CandidateView
from vitae.platform.http import Request, endpoint


@endpoint(response=CandidateView)
def handler(request: Request) -> CandidateView:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return service.get_candidate(actor, request.path_params["id"])
