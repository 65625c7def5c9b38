"""GET /v1/public/shares/{token} (no auth): the shared resume; a protected link needs X-Share-Password."""

from vitae.platform import tokens
from vitae.platform.http import Auth, Header, Request, Response, endpoint
from vitae.resumes import sharing
from vitae.resumes.public import PublicResume

PASSWORD = Header("X-Share-Password", "The link's password, when it has one (else 401).")


# The owner's own views (a bearer token of theirs) are not counted.
@endpoint(response=PublicResume, headers=(PASSWORD,), errors=(401,), auth=(Auth.ANONYMOUS, Auth.BEARER))
def handler(request: Request) -> Response:
    resume = sharing.shared_resume(request.path_params["token"], request.headers.get("x-share-password"),
                                   tokens.optional_caller(request.headers))
    return Response(200, resume, {"cache-control": "no-store", "referrer-policy": "no-referrer"})
