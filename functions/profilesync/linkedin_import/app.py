"""POST /v1/profile/linkedin/import: multipart `file`, the LinkedIn data-export ZIP (4 MB through the
API; larger ones through /upload-url); 202, Location: the import, merged into the caller's profile."""

from vitae.platform import idempotency
from vitae.platform.http import Form, Request, Response, endpoint
from vitae.profilesync import service
from vitae.profilesync.models import SyncAccepted

FORM = Form("file", (service.ZIP,), service.DIRECT_MAX_BYTES, service.TOO_LARGE)


@endpoint(form=FORM, response=SyncAccepted, status=202, idempotency=idempotency.by_key, errors=(404, 409),
          answers=(service.SYNC_ACCEPTED,))
def handler(request: Request) -> Response:
    assert request.file is not None
    return service.accepted(service.import_linkedin(request.caller, request.file))
