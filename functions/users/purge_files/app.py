"""Consumer of `user.deleted`: deletes every file the deleted user owned."""

from vitae.platform import consumers
from vitae.platform.observability import inject_request_context
from vitae.users import service

EVENT_TYPES = frozenset({"user.deleted"})


@inject_request_context
def handler(event, context):
    return consumers.consume(event, "users.purge_files", service.purge_files, EVENT_TYPES)
