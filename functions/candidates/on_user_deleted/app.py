"""Consumer of `user.deleted`: the deleted user's candidate profile goes too."""

from vitae.candidates import service
from vitae.platform import consumers
from vitae.platform.observability import logger

EVENT_TYPES = frozenset({"user.deleted"})


@logger.inject_lambda_context(clear_state=True)
def handler(event, context):
    return consumers.consume(event, "candidates.forget_user", service.forget_user, EVENT_TYPES)
