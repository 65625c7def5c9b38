"""POST /v1/matching/processings/delete `{ids}`: delete several processings (seed [D]
delete_processing); says which were deleted and which were not found."""

from vitae.matching import service
from vitae.matching.models import ProcessingIds, ProcessingsDeleted
from vitae.platform.http import Request, endpoint


@endpoint(body=ProcessingIds, response=ProcessingsDeleted)
def handler(request: Request) -> ProcessingsDeleted:
    return service.delete_processings(request.caller, request.body)
