"""Imports JSON Lines files of jobs dropped under imports/jobs/ (S3 notifications, through a queue)."""

from vitae.jobs import worker
from vitae.platform import storage
from vitae.platform.observability import inject_request_context


@inject_request_context
def handler(event, context):
    return storage.handle_notifications(event, lambda key, _size, _sequencer: worker.process_upload(key))
