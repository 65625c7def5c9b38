"""Consumer of `user.deleted`: the deleted user's chat sessions, AI jobs and learning resources go too."""

from vitae.assistant import service
from vitae.platform import consumers
from vitae.platform.observability import inject_request_context

EVENT_TYPES = frozenset({"user.deleted"})


@inject_request_context
def handler(event, context):
    return consumers.consume(event, "assistant.forget_user", service.forget_user, EVENT_TYPES)
