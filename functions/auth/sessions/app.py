"""GET /v1/auth/sessions: the caller's live sessions (device, created, last used)."""

from vitae.auth import service
from vitae.auth.models import Sessions
from vitae.platform.http import Request, endpoint


@endpoint(response=Sessions)
def handler(request: Request) -> Sessions:
    return service.sessions(request.caller)
