"""POST /v1/profile/linkedin/sync: fill the caller's profile from what their LinkedIn sign-in allows
(OpenID Connect userinfo: name and picture), synchronously."""

from vitae.candidates.service import Actor
from vitae.platform.http import Request, endpoint
from vitae.profilesync import linkedin_oidc


@endpoint(response=linkedin_oidc.LinkedInSync, errors=(409,))
def handler(request: Request) -> linkedin_oidc.LinkedInSync:
    """200 with what was filled; 409 `linkedin_sign_in_required` without a usable LinkedIn sign-in;
    503 when LinkedIn cannot be read."""
    actor = Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return linkedin_oidc.sync(actor)
