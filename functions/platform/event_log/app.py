"""SQS consumer: appends every domain event routed from the bus to the event log, once."""

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from vitae.platform import events
from vitae.platform.observability import logger, tracer

processor = BatchProcessor(event_type=EventType.SQS)


def record_handler(record: SQSRecord) -> None:
    events.record_in_log(events.envelope_from_eventbridge(record.body))


@logger.inject_lambda_context(clear_state=True)
@tracer().capture_lambda_handler
def handler(event, context):
    return process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
