"""PUT /v1/candidates/{id}/personal: change some personal fields (name, dob, gender, phone, location)."""

from vitae.candidates import service
from vitae.candidates.models import CandidateView, Personal
from vitae.platform.http import Request, endpoint


@endpoint(body=Personal, response=CandidateView)
def handler(request: Request) -> CandidateView:
    return service.update_personal(service.Actor.of(request), request.path_params["id"], request.body)
