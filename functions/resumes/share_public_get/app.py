"""GET /v1/public/shares/{token} (no auth): the shared resume; a protected link needs X-Share-Password."""

from vitae.platform import tokens
from vitae.platform.http import Request, Response, endpoint
from vitae.resumes import sharing


@endpoint()
def handler(request: Request) -> Response:
    resume = sharing.shared_resume(request.path_params["token"], request.headers.get("x-share-password"),
                                   tokens.optional_caller(request.headers))
    return Response(200, resume, {"cache-control": "no-store", "referrer-policy": "no-referrer"})
