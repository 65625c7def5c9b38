"""Reads requirements and resume-text files uploaded through presigned POSTs (S3 notifications,
through a queue)."""

from vitae.matching import worker
from vitae.platform import storage
from vitae.platform.observability import inject_request_context


@inject_request_context
def handler(event, context):
    return storage.handle_notifications(event, lambda key, size, _sequencer: worker.process_upload(key, size))
