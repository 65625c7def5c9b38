"""GET /v1/matching/requirements: the caller's requirements texts, newest first, paginated (no texts)."""

from vitae.matching import service
from vitae.matching.models import TextPage
from vitae.platform.api import PageQuery
from vitae.platform.http import Request, endpoint


@endpoint(query=PageQuery, response=TextPage)
def handler(request: Request) -> TextPage:
    return service.list_texts(service.REQUIREMENTS, request.caller, request.query)
