"""Consumer of `media.uploaded` (SQS from the bus, or Kafka when configured); idempotent per event."""

from vitae.platform import consumers
from vitae.platform.observability import inject_request_context
from vitae.users import service

EVENT_TYPES = frozenset({"media.uploaded"})


@inject_request_context
def handler(event, context):
    return consumers.consume(event, "users.on_media_uploaded", service.on_media_uploaded, EVENT_TYPES)
