"""GET /v1/chat/sessions/{id}/messages?after=: a session's messages in order, the user's and the
assistant's replies with their status; `after` (a message id) gives only the newer ones."""

from vitae.assistant import service
from vitae.assistant.models import MessagePage, MessagesQuery
from vitae.platform.http import Request, endpoint


@endpoint(query=MessagesQuery, response=MessagePage)
def handler(request: Request) -> MessagePage:
    return service.list_messages(request.caller, request.path_params["id"], request.query)
