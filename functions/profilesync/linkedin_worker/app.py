"""The LinkedIn import worker: S3 notifications of uploaded exports, through a queue."""

from vitae.platform import storage
from vitae.platform.observability import inject_request_context
from vitae.profilesync import worker


@inject_request_context
def handler(event, context):
    return storage.handle_notifications(event, lambda key, size, _sequencer: worker.process_export(key, size))
