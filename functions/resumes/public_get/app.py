"""GET /v1/public/resumes/{username} (no auth): the user's default resume, if they made it public."""

from vitae.platform import tokens
from vitae.platform.http import Auth, Request, endpoint
from vitae.resumes import sharing
from vitae.resumes.public import PublicResume


# The owner's own views (a bearer token of theirs) are not counted.
@endpoint(response=PublicResume, auth=(Auth.ANONYMOUS, Auth.BEARER))
def handler(request: Request) -> PublicResume:
    return sharing.public_resume(request.path_params["username"], tokens.optional_caller(request.headers))
