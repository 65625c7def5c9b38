"""POST /v1/matching/requirements: a requirements text from JSON `{title?, text}` (201)."""

from vitae.matching import service
from vitae.matching.models import TextIn, TextView
from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint


@endpoint(body=TextIn, response=TextView, status=201, idempotency=idempotency.by_key, errors=(404,))
def handler(request: Request) -> TextView:
    return service.create_text(service.REQUIREMENTS, request.caller, request.body)
