"""SQL of the applications domain: applications and their history. Every read by id is scoped to
its owner; nothing here reads another domain's tables."""

from typing import Any

from psycopg import sql
from psycopg.types.json import Jsonb

from vitae.platform.db import Connection, keyset_parameters, one

_APPLICATION = ("id, user_id, job_id, job_title, job_company, job_url, job_location, resume_id, resume_version, "
                "cover_letter, notes, status, applied_at, responded_at, created_at, updated_at")
_SUMMARY = ("id, user_id, job_id, job_title, job_company, job_url, job_location, resume_id, status, applied_at, "
            "responded_at, created_at, updated_at")
_HISTORY = "id, application_id, kind, from_status, to_status, fields, note, changed_at"


def insert_application(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    """Insert an application; raises psycopg's UniqueViolation for a second one of the same user
    to the same catalogue job, ForeignKeyViolation for an unknown user or job."""
    values = {k: Jsonb(v) if k == "resume_version" and v is not None else v for k, v in row.items()}
    columns = list(values)
    query = sql.SQL("INSERT INTO applications ({}) VALUES ({}) RETURNING " + _APPLICATION).format(
        sql.SQL(", ").join(map(sql.Identifier, columns)), sql.SQL(", ").join(sql.Placeholder(c) for c in columns))
    return one(conn.execute(query, values))


def application_for_job(conn: Connection, user_id: Any, job_id: Any) -> dict[str, Any] | None:
    """`user_id`'s application to the catalogue job `job_id`, if any."""
    return conn.execute(f"SELECT {_SUMMARY} FROM applications WHERE user_id = %s AND job_id = %s",
                        (user_id, job_id)).fetchone()


def tracked_job_ids(conn: Connection, user_id: Any) -> list[Any]:
    """The catalogue jobs `user_id` has an application to (in any status)."""
    rows = conn.execute("SELECT job_id FROM applications WHERE user_id = %s AND job_id IS NOT NULL",
                        (user_id,)).fetchall()
    return [row["job_id"] for row in rows]


def owned_application(conn: Connection, application_id: Any, user_id: Any,
                      for_update: bool = False) -> dict[str, Any] | None:
    return conn.execute(f"SELECT {_APPLICATION} FROM applications WHERE id = %s AND user_id = %s"
                        + (" FOR UPDATE" if for_update else ""), (application_id, user_id)).fetchone()


def update_application(conn: Connection, application_id: Any, **fields: Any) -> dict[str, Any]:
    """Set `fields` (and updated_at) on an application the caller holds; the row after."""
    values = {k: Jsonb(v) if k == "resume_version" and v is not None else v for k, v in fields.items()}
    assignments = sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(c), sql.Placeholder(c)) for c in values)
    return one(conn.execute(sql.SQL("UPDATE applications SET {}, updated_at = clock_timestamp() WHERE id = %(id)s "
                                    "RETURNING " + _APPLICATION).format(assignments), {**values, "id": application_id}))


def delete_application(conn: Connection, application_id: Any, user_id: Any) -> dict[str, Any] | None:
    """Delete `user_id`'s application (its history goes with it); the row deleted, if any."""
    return conn.execute(f"DELETE FROM applications WHERE id = %s AND user_id = %s RETURNING {_SUMMARY}",
                        (application_id, user_id)).fetchone()


def page_applications(conn: Connection, user_id: Any, status: str | None, limit: int,
                      after: tuple[str, str] | None) -> list[dict[str, Any]]:
    """Newest first, optionally of one status; `after` is the (created_at, id) of the last row of
    the previous page."""
    return conn.execute(
        f"""SELECT {_SUMMARY} FROM applications WHERE user_id = %(user)s
              AND (%(status)s::text IS NULL OR status = %(status)s::text)
              AND (%(created)s::timestamptz IS NULL
                   OR (created_at, id) < (%(created)s::timestamptz, %(after_id)s::uuid))
            ORDER BY created_at DESC, id DESC LIMIT %(limit)s""",
        {"user": user_id, "status": status, "limit": limit, **keyset_parameters(after)}).fetchall()


def insert_history(conn: Connection, row: dict[str, Any]) -> None:
    conn.execute("""INSERT INTO application_history (id, application_id, kind, from_status, to_status, fields, note,
                                                     changed_at)
                    VALUES (%(id)s, %(application_id)s, %(kind)s, %(from_status)s, %(to_status)s, %(fields)s,
                            %(note)s, %(changed_at)s)""", row)


def history(conn: Connection, application_id: Any) -> list[dict[str, Any]]:
    """Every change of the application, oldest first."""
    return conn.execute(f"SELECT {_HISTORY} FROM application_history WHERE application_id = %s "
                        "ORDER BY changed_at, id", (application_id,)).fetchall()


def status_counts(conn: Connection, user_id: Any) -> dict[str, int]:
    """Status -> how many of `user_id`'s applications have it (statuses with none are absent)."""
    return {r["status"]: r["n"] for r in conn.execute(
        "SELECT status, count(*)::int AS n FROM applications WHERE user_id = %s GROUP BY status", (user_id,))}


def response_figures(conn: Connection, user_id: Any) -> dict[str, Any]:
    """{applied, responded, median_seconds}: applications ever applied, those answered, and the
    median of (responded_at - applied_at) in seconds over the answered ones (None when none)."""
    return one(conn.execute(
        """SELECT count(*) FILTER (WHERE applied_at IS NOT NULL)::int AS applied,
                  count(*) FILTER (WHERE responded_at IS NOT NULL)::int AS responded,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM responded_at - applied_at))
                      FILTER (WHERE responded_at IS NOT NULL) AS median_seconds
             FROM applications WHERE user_id = %s""", (user_id,)))


def delete_user_applications(conn: Connection, user_id: Any) -> list[Any]:
    """Delete every application of `user_id` (with their history); their ids."""
    return [r["id"] for r in conn.execute("DELETE FROM applications WHERE user_id = %s RETURNING id", (user_id,))]
