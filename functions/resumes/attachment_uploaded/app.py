"""Consumer of S3 notifications for attachments uploaded through a presigned POST."""

from vitae.platform import storage
from vitae.platform.observability import inject_request_context
from vitae.resumes import attachments


@inject_request_context
def handler(event, context):
    return storage.handle_notifications(event, lambda key, size, _sequencer: attachments.complete_upload(key, size))
