"""What other domains ask of the job catalogue without reading jobs as the API shows them: rows,
not views, so that asking does not load the domain's models (~7 ms of a cold start; `service`
re-exports these)."""

from typing import Any

from vitae.jobs import repository
from vitae.platform import db


def role_skill_keys(role: str, limit: int) -> list[dict[str, Any]]:
    """The skills the newest `limit` catalogue jobs of a role ask for (the skills gap's role target,
    DESIGN.md 6 "Assistant"): one {id, title, skill_keys, skills} per job whose title has every word of
    `role` (see `repository.skill_keys_of_role`), newest first; [] when there is none."""
    with db.transaction() as conn:
        return repository.skill_keys_of_role(conn, role, limit)
