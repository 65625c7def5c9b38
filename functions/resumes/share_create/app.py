"""POST /v1/resumes/{id}/shares: a share link, optionally expiring and password protected."""

from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint
from vitae.resumes import sharing
from vitae.resumes.public import ShareCreated, ShareRequest


@endpoint(body=ShareRequest, response=ShareCreated, status=201, idempotency=idempotency.by_key)
def handler(request: Request) -> ShareCreated:
    return sharing.create_share(request.caller, request.path_params["id"], request.body, request.base_url)
