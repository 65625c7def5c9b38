"""Consumer of S3 notifications for attachments uploaded through a presigned POST."""

from vitae.platform import storage
from vitae.platform.observability import logger
from vitae.resumes import attachments


@logger.inject_lambda_context(clear_state=True)
def handler(event, context):
    return storage.handle_notifications(event, lambda key, size, _sequencer: attachments.complete_upload(key, size))
