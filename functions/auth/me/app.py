"""GET /v1/auth/me: the caller's principal as the authorizer saw it."""

from datetime import datetime

from vitae.platform.http import ApiModel, Request, endpoint


class Me(ApiModel):
    user_id: str
    email: str | None
    role: str
    token_expires_at: datetime


@endpoint(response=Me)
def handler(request: Request) -> Me:
    caller = request.caller
    return Me(user_id=caller.user_id, email=caller.email, role=caller.role, token_expires_at=caller.expires_at)
