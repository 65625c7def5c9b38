"""GET /v1/user-preferences: the caller's preferences (defaults when none are saved)."""

from vitae.platform.http import Request, endpoint
from vitae.resumes import service
from vitae.resumes.preferences import Preferences


@endpoint(response=Preferences)
def handler(request: Request) -> Preferences:
    return service.get_preferences(request.caller)
