"""POST /v1/users/{id}/avatar/upload-url: a presigned POST for uploading an avatar to S3 directly."""

from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint
from vitae.users import service
from vitae.users.models import AvatarUploadForm, AvatarUploadRequest


@endpoint(body=AvatarUploadRequest, response=AvatarUploadForm, status=201, idempotency=idempotency.by_key)
def handler(request: Request) -> AvatarUploadForm:
    return service.avatar_upload_form(request.caller, request.path_params["id"], request.body.content_type)
