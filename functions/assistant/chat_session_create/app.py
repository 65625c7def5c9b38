"""POST /v1/chat/sessions: a chat session `{title?}` (201)."""

from vitae.assistant import service
from vitae.assistant.models import SessionIn, SessionView
from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint


@endpoint(body=SessionIn, response=SessionView, status=201, idempotency=idempotency.by_key)
def handler(request: Request) -> SessionView:
    return service.create_session(request.caller, request.body)
