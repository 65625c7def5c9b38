"""POST /v1/matching/processings: score a resume side against requirements, asynchronously:
202 {id, status: "queued"} with a Location to poll; rate-limited per user (429 with Retry-After)."""

from vitae.matching import service
from vitae.matching.models import ProcessingAccepted, ProcessingIn
from vitae.platform import idempotency
from vitae.platform.http import Answer, Request, Response, endpoint


@endpoint(body=ProcessingIn, response=ProcessingAccepted, status=202, idempotency=idempotency.by_key,
          errors=(404, 409), answers=(Answer(202, "Queued: poll the processing at Location", ProcessingAccepted,
                                         headers=("Location",)),))
def handler(request: Request) -> Response:
    accepted = service.create_processing(request.caller, request.body, request.source_ip)
    return Response(202, accepted, {"location": f"/v1/matching/processings/{accepted.id}"})
