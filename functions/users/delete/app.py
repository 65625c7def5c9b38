"""DELETE /v1/users/{id}: soft delete; the user's files are purged asynchronously."""

from vitae.platform.http import Request, endpoint
from vitae.users import service
from vitae.users.models import Message


@endpoint(response=Message)
def handler(request: Request) -> Message:
    service.delete_user(request.caller, request.path_params["id"])
    return Message(message="User deleted successfully")
