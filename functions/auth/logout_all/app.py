"""POST /v1/auth/logout-all: end every session of the caller."""

from vitae.auth import service
from vitae.platform.http import ApiModel, Request, endpoint


class Revoked(ApiModel):
    revoked_sessions: int


@endpoint(response=Revoked)
def handler(request: Request) -> Revoked:
    return Revoked(revoked_sessions=service.logout(request.caller, everywhere=True))
