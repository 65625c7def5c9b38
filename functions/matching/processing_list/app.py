"""GET /v1/matching/processings?requirementsId=: the caller's processings, newest first, paginated."""

from vitae.matching import service
from vitae.matching.models import ProcessingPage, ProcessingQuery
from vitae.platform.http import Request, endpoint


@endpoint(query=ProcessingQuery, response=ProcessingPage)
def handler(request: Request) -> ProcessingPage:
    return service.list_processings(request.caller, request.query)
