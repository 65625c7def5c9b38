"""DELETE /v1/learning-resources/{id}: one of the caller's learning resources (204)."""

from vitae.assistant import learning
from vitae.platform.http import Request, endpoint


@endpoint(status=204)
def handler(request: Request) -> None:
    learning.delete_resource(request.caller, request.path_params["id"])
