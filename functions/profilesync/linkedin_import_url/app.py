"""POST /v1/profile/linkedin/import/upload-url `{filename}`: a presigned POST for a LinkedIn export up
to 50 MB; the upload starts the import, polled at /v1/profile/syncs/{id}."""

from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint
from vitae.profilesync import service
from vitae.profilesync.models import LinkedInUploadRequest, UploadForm


@endpoint(body=LinkedInUploadRequest, response=UploadForm, status=202, idempotency=idempotency.by_key,
          errors=(404, 409))
def handler(request: Request) -> UploadForm:
    return service.linkedin_upload_form(request.caller, request.body)
