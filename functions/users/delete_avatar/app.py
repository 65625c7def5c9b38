"""DELETE /v1/users/{id}/avatar: remove the avatar and its object."""

from vitae.platform.http import Request, endpoint
from vitae.users import service
from vitae.users.models import Message


@endpoint(response=Message)
def handler(request: Request) -> Message:
    service.delete_avatar(request.caller, request.path_params["id"])
    return Message(message="Avatar deleted successfully")
