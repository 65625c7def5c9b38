"""PUT /v1/candidates/{id}/personal: change some personal fields (name, dob, gender, phone, location)."""

from vitae.candidates import service
from vitae.candidates.models import CandidateView, Personal
from vitae.platform.http import Request, endpoint


@endpoint(body=Personal, response=CandidateView)
def handler(request: Request) -> CandidateView:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return service.update_personal(actor, request.path_params["id"], request.body)
