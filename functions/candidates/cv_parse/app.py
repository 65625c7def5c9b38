"""The CV parse worker: S3 notifications of uploaded CVs, through a queue."""

from vitae.candidates import cv
from vitae.platform import storage
from vitae.platform.observability import inject_request_context


@inject_request_context
def handler(event, context):
    return storage.handle_notifications(event, lambda key, size, _sequencer: cv.process_upload(key, size))
