"""GET /v1/chat/history/{sessionId} (seed [G]): a session's messages, as
GET /v1/chat/sessions/{id}/messages."""

from vitae.assistant import service
from vitae.assistant.models import MessagePage, MessagesQuery
from vitae.platform.http import Request, endpoint


@endpoint(query=MessagesQuery, response=MessagePage)
def handler(request: Request) -> MessagePage:
    return service.list_messages(request.caller, request.path_params["sessionId"], request.query)
