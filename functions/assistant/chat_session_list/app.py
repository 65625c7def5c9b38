"""GET /v1/chat/sessions: the caller's chat sessions, newest first, paginated."""

from vitae.assistant import service
from vitae.assistant.models import SessionPage
from vitae.platform.api import PageQuery
from vitae.platform.http import Request, endpoint


@endpoint(query=PageQuery, response=SessionPage)
def handler(request: Request) -> SessionPage:
    return service.list_sessions(request.caller, request.query)
