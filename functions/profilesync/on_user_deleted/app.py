"""Consumer of `user.deleted`: the deleted user's syncs and cached GitHub answers go too."""

from vitae.platform import consumers
from vitae.platform.observability import inject_request_context
from vitae.profilesync import service

EVENT_TYPES = frozenset({"user.deleted"})


@inject_request_context
def handler(event, context):
    return consumers.consume(event, "profilesync.forget_user", service.forget_user, EVENT_TYPES)
