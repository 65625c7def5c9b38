"""Consumer of `new_user` (SQS from the bus, or Kafka when configured); idempotent per event."""

from vitae.platform import consumers
from vitae.platform.observability import inject_request_context
from vitae.users import service

EVENT_TYPES = frozenset({"new_user"})


@inject_request_context
def handler(event, context):
    return consumers.consume(event, "users.on_new_user", service.on_new_user, EVENT_TYPES)
