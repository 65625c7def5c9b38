"""POST /v1/users/{id}/avatar: multipart upload of a JPEG or PNG (judged by its bytes), 4 MB max
(larger ones, up to 5 MB, through the upload URL)."""

from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint, multipart_file
from vitae.users import service
from vitae.users.models import AvatarView


@endpoint(response=AvatarView, status=201, idempotency=idempotency.by_key)
def handler(request: Request) -> AvatarView:
    upload = multipart_file(request, "file", service.AVATAR_DIRECT_MAX_BYTES, service.AVATAR_DIRECT_TOO_LARGE)
    return service.upload_avatar(request.caller, request.path_params["id"], upload.data)
