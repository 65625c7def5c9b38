"""PUT /v1/users/{id}/profile: replace the whole profile."""

from vitae.platform.http import Request, endpoint
from vitae.users import service
from vitae.users.models import ProfileIn, User


@endpoint(body=ProfileIn, response=User)
def handler(request: Request) -> User:
    return service.replace_profile(request.caller, request.path_params["id"], request.body)
