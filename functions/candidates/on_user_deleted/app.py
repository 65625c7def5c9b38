"""Consumer of `user.deleted`: the deleted user's candidate profile goes too."""

from vitae.candidates import service
from vitae.platform import consumers
from vitae.platform.observability import inject_request_context

EVENT_TYPES = frozenset({"user.deleted"})


@inject_request_context
def handler(event, context):
    return consumers.consume(event, "candidates.forget_user", service.forget_user, EVENT_TYPES)
