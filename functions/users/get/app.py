"""GET /v1/users/{id}: the user with profile, a short-lived avatar URL, stats and quotas."""

from vitae.platform.http import Request, endpoint
from vitae.users import service
from vitae.users.models import User


@endpoint(response=User)
def handler(request: Request) -> User:
    return service.get_user(request.caller, request.path_params["id"])
