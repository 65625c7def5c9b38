"""GET /v1/jobs/search: full-text search of the catalogue with filters, ranked, paginated (seed [G])."""

from vitae.jobs import service
from vitae.jobs.models import JobSearchPage, SearchQuery
from vitae.platform.http import Request, endpoint


@endpoint(query=SearchQuery, response=JobSearchPage)
def handler(request: Request) -> JobSearchPage:
    request.caller  # noqa: B018 - signed-in users only, as the authorizer already ensures
    return service.search(request.query)
