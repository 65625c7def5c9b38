"""SQS consumer: appends every domain event routed from the bus to the event log, once."""

from vitae.platform import events
from vitae.platform.observability import logger, tracer


@logger.inject_lambda_context(clear_state=True)
@tracer().capture_lambda_handler
def handler(event, context):
    return events.consume(event, "event-log", events.append_to_log)
