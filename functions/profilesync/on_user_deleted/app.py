"""Consumer of `user.deleted`: the deleted user's syncs and cached GitHub answers go too."""

from vitae.platform import consumers
from vitae.platform.observability import logger
from vitae.profilesync import service

EVENT_TYPES = frozenset({"user.deleted"})


@logger.inject_lambda_context(clear_state=True)
def handler(event, context):
    return consumers.consume(event, "profilesync.forget_user", service.forget_user, EVENT_TYPES)
