"""SQL of the caller's learning resources (table `learning_resources`, migration 0016). Every
read and write by id is scoped to its owner; nothing here reads another domain's tables. Urls given
here are in their normal spelling (`vitae.assistant.models.normal_url`), as the table holds them."""

from typing import Any

from psycopg import sql

from vitae.platform.db import Connection, keyset_parameters, one

_COLUMNS = ("id, user_id, skill, resource_type, title, url, source, catalogue_id, completed, bookmarked, "
            "created_at, updated_at")
# What PATCH may change (API name -> column).
UPDATABLE = {"completed": "completed", "bookmarked": "bookmarked", "title": "title", "skill": "skill",
             "type": "resource_type"}


def insert_resource(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    """Insert a resource; the row as stored. Raises psycopg's UniqueViolation when the user already
    has one with this url, ForeignKeyViolation when there is no such user."""
    return one(conn.execute(
        f"""INSERT INTO learning_resources (id, user_id, skill, resource_type, title, url, source, catalogue_id,
                                            completed, bookmarked)
            VALUES (%(id)s, %(user_id)s, %(skill)s, %(resource_type)s, %(title)s, %(url)s, %(source)s,
                    %(catalogue_id)s, %(completed)s, %(bookmarked)s)
            RETURNING {_COLUMNS}""", row))


def resource_by_url(conn: Connection, user_id: Any, url: str) -> dict[str, Any] | None:
    """`user_id`'s resource with this url (in its normal spelling), if any."""
    return conn.execute(f"SELECT {_COLUMNS} FROM learning_resources WHERE user_id = %s AND url = %s",
                        (user_id, url)).fetchone()


def owned_resource(conn: Connection, resource_id: Any, user_id: Any, for_update: bool = False) -> dict[str, Any] | None:
    """The resource `resource_id` if it is `user_id`'s (locked for update when asked)."""
    return conn.execute(f"SELECT {_COLUMNS} FROM learning_resources WHERE id = %s AND user_id = %s"
                        + (" FOR UPDATE" if for_update else ""), (resource_id, user_id)).fetchone()


def update_resource(conn: Connection, resource_id: Any, changes: dict[str, Any]) -> dict[str, Any]:
    """Set `changes` ({column: value}, columns of UPDATABLE's values) and updated_at on a resource
    the caller holds; the row after."""
    assignments = sql.SQL(", ").join(
        sql.SQL("{} = {}").format(sql.Identifier(column), sql.Placeholder(column)) for column in changes)
    query = sql.SQL("UPDATE learning_resources SET {}, updated_at = clock_timestamp() WHERE id = %(id)s "
                    "RETURNING " + _COLUMNS).format(assignments)
    return one(conn.execute(query, {**changes, "id": resource_id}))


def delete_resource(conn: Connection, resource_id: Any, user_id: Any) -> dict[str, Any] | None:
    """Delete `user_id`'s resource `resource_id`; the row deleted, None when there was none."""
    return conn.execute(f"DELETE FROM learning_resources WHERE id = %s AND user_id = %s RETURNING {_COLUMNS}",
                        (resource_id, user_id)).fetchone()


def page_resources(conn: Connection, user_id: Any, skills: list[str] | None, completed: bool | None,
                   bookmarked: bool | None, limit: int, after: tuple[str, str] | None) -> list[dict[str, Any]]:
    """Up to `limit` of `user_id`'s resources, newest first (created_at, id), after the position
    `after` (the last row of the previous page), filtered when given: `skills` (lower-case names, one
    of which `lower(skill)` must be: the index learning_resources_by_skill), `completed`, `bookmarked`."""
    return conn.execute(
        f"""SELECT {_COLUMNS} FROM learning_resources WHERE user_id = %(user)s
              AND (%(skills)s::text[] IS NULL OR lower(skill) = ANY(%(skills)s::text[]))
              AND (%(completed)s::boolean IS NULL OR completed = %(completed)s::boolean)
              AND (%(bookmarked)s::boolean IS NULL OR bookmarked = %(bookmarked)s::boolean)
              AND (%(created)s::timestamptz IS NULL
                   OR (created_at, id) < (%(created)s::timestamptz, %(after_id)s::uuid))
            ORDER BY created_at DESC, id DESC LIMIT %(limit)s""",
        {"user": user_id, "skills": skills, "completed": completed, "bookmarked": bookmarked, "limit": limit,
         **keyset_parameters(after)}).fetchall()


def saved_urls(conn: Connection, user_id: Any, urls: list[str]) -> set[str]:
    """Which of `urls` (in their normal spelling) `user_id` has a resource for."""
    rows = conn.execute("SELECT url FROM learning_resources WHERE user_id = %s AND url = ANY(%s)",
                        (user_id, urls)).fetchall()
    return {row["url"] for row in rows}
