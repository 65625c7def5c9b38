"""PATCH /v1/users/{id}: change some profile fields (or the username)."""

from vitae.platform.http import Request, endpoint
from vitae.users import service
from vitae.users.models import UpdateUser, User


@endpoint(body=UpdateUser, response=User, errors=(409,))
def handler(request: Request) -> User:
    return service.update_user(request.caller, request.path_params["id"], request.body)
