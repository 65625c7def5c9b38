"""POST /v1/users/{id}/avatar: multipart upload of a JPEG or PNG (judged by its bytes), 4 MB max
(larger ones, up to 5 MB, through the upload URL)."""

from vitae.platform import idempotency
from vitae.platform.http import Form, Request, endpoint
from vitae.users import service
from vitae.users.models import AvatarView

FORM = Form("file", service.AVATAR_TYPES, service.AVATAR_DIRECT_MAX_BYTES, service.AVATAR_DIRECT_TOO_LARGE)


@endpoint(form=FORM, response=AvatarView, status=201, idempotency=idempotency.by_key)
def handler(request: Request) -> AvatarView:
    assert request.file is not None
    return service.upload_avatar(request.caller, request.path_params["id"], request.file.data)
