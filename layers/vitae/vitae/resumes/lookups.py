"""What other domains ask of resumes without reading one: ids, not views, so that asking does not
load the domain's models (~8 ms of a cold start; `service` re-exports these)."""

import uuid

from vitae.platform import db
from vitae.platform.auth import Principal
from vitae.resumes import repository


def default_resume_id(caller: Principal) -> uuid.UUID | None:
    """The id of the caller's default resume, None when they have no resume."""
    row = repository.default_resume(db.connection(), caller.user_id)
    return row["id"] if row else None
