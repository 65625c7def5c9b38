"""Consumer of S3 notifications for avatars uploaded through a presigned POST: checks the object
as a direct upload would, then makes it the user's avatar or deletes it."""

from vitae.platform import storage
from vitae.platform.observability import inject_request_context
from vitae.users import service


@inject_request_context
def handler(event, context):
    return storage.handle_notifications(event, service.complete_avatar_upload)
