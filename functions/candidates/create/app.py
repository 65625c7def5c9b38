"""POST /v1/candidates: the caller's candidate profile (one per user)."""

from vitae.candidates import service
from vitae.candidates.models import CandidateIn, CandidateView
from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint


@endpoint(body=CandidateIn, response=CandidateView, status=201, errors=(409,), idempotency=idempotency.by_key)
def handler(request: Request) -> CandidateView:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return service.create_candidate(actor, request.body)
