"""Consumer of `media.uploaded` (SQS from the bus, or Kafka when configured); idempotent per event."""

from vitae.platform import consumers
from vitae.platform.observability import logger
from vitae.users import service

EVENT_TYPES = frozenset({"media.uploaded"})


@logger.inject_lambda_context(clear_state=True)
def handler(event, context):
    return consumers.consume(event, "users.on_media_uploaded", service.on_media_uploaded, EVENT_TYPES)
