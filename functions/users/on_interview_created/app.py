"""Consumer of `interview.created` (SQS from the bus, or Kafka when configured); idempotent per event."""

from vitae.platform import consumers
from vitae.platform.observability import inject_request_context
from vitae.users import service

EVENT_TYPES = frozenset({"interview.created"})


@inject_request_context
def handler(event, context):
    return consumers.consume(event, "users.on_interview_created", service.on_interview_created, EVENT_TYPES)
