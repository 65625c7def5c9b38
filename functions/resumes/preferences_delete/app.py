"""DELETE /v1/user-preferences: back to the defaults."""

from vitae.platform.http import Request, endpoint
from vitae.resumes import service


@endpoint(status=204, errors=(404,))  # nothing saved yet
def handler(request: Request) -> None:
    service.delete_preferences(request.caller)
