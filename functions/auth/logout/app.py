"""POST /v1/auth/logout: end the session the caller's token belongs to."""

from vitae.auth import service
from vitae.platform.http import Request, endpoint


@endpoint(status=204, errors=(400,))  # a token of no sign-in session (vitae-dev token)
def handler(request: Request) -> None:
    service.logout(request.caller)
