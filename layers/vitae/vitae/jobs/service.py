"""The rules of the job catalogue (seed [G] `jobs`, DESIGN.md section 6 "Jobs and applications").

Other domains read jobs through `get_job` (applications, recommendations), never the table.
"""

from typing import Any

from vitae.jobs import repository
from vitae.jobs.models import JobView
from vitae.platform import db
from vitae.platform.errors import NotFound, parse_id


def view(row: dict[str, Any]) -> JobView:
    """A `jobs` row (as the repository selects it: seed [G]'s external_url as `url`) for the API."""
    return JobView.model_validate(row)


def get_job(job_id: str) -> JobView:
    """The catalogue job `job_id` (any signed-in user may read any job). Raises NotFound when
    there is none, `job_id` not being a UUID included."""
    uid = parse_id(job_id, "Job")
    row = repository.job(db.connection(), uid)
    if row is None:
        raise NotFound.by_id("Job", job_id)
    return view(row)
