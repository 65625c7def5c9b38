"""POST /v1/chat/sessions/{id}/messages `{content}`: the message stored and its reply queued (202,
Location: the session's messages after this one); 503 `ai_unavailable` when Ollama cannot answer,
429 past the AI quota, nothing stored either way."""

from vitae.assistant import service
from vitae.assistant.models import MessageAccepted, MessageIn
from vitae.platform import idempotency
from vitae.platform.http import Request, Response, endpoint


@endpoint(body=MessageIn, response=MessageAccepted, status=202, idempotency=idempotency.by_key, errors=(429, 503),
          answers=(service.MESSAGE_ACCEPTED,))
def handler(request: Request) -> Response:
    accepted = service.post_message(request.caller, request.path_params["id"], request.body)
    return service.accepted(accepted)
