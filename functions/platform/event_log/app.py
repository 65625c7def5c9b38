"""SQS consumer: appends every domain event routed from the bus to the event log, once."""

from vitae.platform import consumers
from vitae.platform.observability import inject_request_context, tracer


@inject_request_context
@tracer().capture_lambda_handler
def handler(event, context):
    return consumers.consume(event, "event-log", consumers.append_to_log)
