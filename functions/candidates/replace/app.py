"""PUT /v1/candidates/{id}: replace the profile's fields (its entries stay)."""

from vitae.candidates import service
from vitae.candidates.models import CandidateIn, CandidateView
from vitae.platform.http import Request, endpoint


@endpoint(body=CandidateIn, response=CandidateView)
def handler(request: Request) -> CandidateView:
    return service.replace_candidate(service.Actor.of(request), request.path_params["id"], request.body)
