"""The LinkedIn import worker: S3 notifications of uploaded exports, through a queue."""

from vitae.platform import storage
from vitae.platform.observability import logger
from vitae.profilesync import worker


@logger.inject_lambda_context(clear_state=True)
def handler(event, context):
    return storage.handle_notifications(event, lambda key, size, _sequencer: worker.process_export(key, size))
