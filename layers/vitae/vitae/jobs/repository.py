"""SQL of the jobs domain: the `jobs` table (migration 0012), its upserts and its search."""

from typing import Any

from vitae.platform.db import Connection

_COLUMNS = ("id, title, company, location, description, requirements, skills, salary_range, salary_min, "
            "salary_max, currency, job_type, remote, external_url AS url, external_id, source, posted_at, "
            "created_at, updated_at")


def job(conn: Connection, job_id: Any) -> dict[str, Any] | None:
    return conn.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = %s", (job_id,)).fetchone()
