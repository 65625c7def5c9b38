"""PUT /v1/candidates/{id}: replace the profile's fields (its entries stay)."""

from vitae.candidates import service
from vitae.candidates.models import CandidateIn, CandidateView
from vitae.platform.http import Request, endpoint


@endpoint(body=CandidateIn, response=CandidateView)
def handler(request: Request) -> CandidateView:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return service.replace_candidate(actor, request.path_params["id"], request.body)
