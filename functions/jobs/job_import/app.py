"""POST /v1/jobs/import: up to 1,000 jobs at once, created or updated by (source, externalId);
answers the report {created, updated, unchanged, refused: [{index, reason}]} (admins and services).
Repeating it changes nothing more: the rows are upserted, so it takes no Idempotency-Key."""

from vitae.jobs import service
from vitae.jobs.models import ImportReport, JobImportBody
from vitae.platform.http import Request, endpoint


@endpoint(body=JobImportBody, response=ImportReport, errors=(403,))
def handler(request: Request) -> ImportReport:
    return service.import_jobs(request.caller, request.body.root)
