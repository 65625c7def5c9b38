"""PUT /v1/education/{id}: replace one entry of the caller's profile."""

from vitae.candidates import service
from vitae.candidates.models import EducationIn, EducationView
from vitae.candidates.repository import EDUCATION
from vitae.platform.http import Request, endpoint


@endpoint(body=EducationIn, response=EducationView)
def handler(request: Request) -> EducationView:
    return service.update_entry(service.Actor.of(request), EDUCATION, request.path_params["id"], request.body)
