"""POST /v1/chat/message `{sessionId?, message}` (seed [G]): as POST /v1/chat/sessions/{id}/messages,
in a new session when `sessionId` is left out (202)."""

from vitae.assistant import service
from vitae.assistant.models import ChatMessageIn, MessageAccepted
from vitae.platform import idempotency
from vitae.platform.http import Request, Response, endpoint


@endpoint(body=ChatMessageIn, response=MessageAccepted, status=202, idempotency=idempotency.by_key,
          errors=(404, 429, 503), answers=(service.MESSAGE_ACCEPTED,))
def handler(request: Request) -> Response:
    accepted = service.send_message(request.caller, request.body)
    return service.accepted(accepted)
