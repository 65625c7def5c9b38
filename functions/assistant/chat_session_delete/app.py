"""DELETE /v1/chat/sessions/{id}: a session and its messages."""

from vitae.assistant import service
from vitae.platform.http import Request, endpoint


@endpoint(status=204)
def handler(request: Request) -> None:
    service.delete_session(request.caller, request.path_params["id"])
