"""What other domains ask of applications without reading one: ids, not views, so that asking does
not load the domain's models (~3.5 ms of a cold start; `service` re-exports these)."""

import uuid

from vitae.applications import repository
from vitae.platform import db
from vitae.platform.auth import Principal


def tracked_job_ids(caller: Principal) -> list[uuid.UUID]:
    """The catalogue jobs the caller tracks an application to, whatever its status (job
    recommendations leave them out)."""
    return repository.tracked_job_ids(db.connection(), caller.user_id)
