"""SQL for resumes, their sections, shares, attachments and statistics, and user preferences."""

import uuid
from typing import Any

from psycopg.types.json import Jsonb

from vitae.platform.db import Connection, keyset_parameters, one

RESUME_COLUMNS = "id, user_id, title, template, language, is_default, is_public, created_at, updated_at"


def lock_users_resumes(conn: Connection, user_id: Any) -> None:
    """Serialise changes to one user's set of resumes (the default flag moves between them)."""
    conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 7))", (f"resumes:{user_id}",))


def insert_resume(conn: Connection, resume_id: Any, user_id: Any, fields: dict[str, Any],
                  is_default: bool) -> dict[str, Any]:
    """A new resume of the user with `fields` (title, template, language, is_public): RESUME_COLUMNS."""
    return one(conn.execute(
        f"""INSERT INTO resumes (id, user_id, title, template, language, is_public, is_default)
            VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING {RESUME_COLUMNS}""",
        (resume_id, user_id, fields["title"], fields["template"], fields["language"], fields["is_public"], is_default),
    ))


def update_resume(conn: Connection, resume_id: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """Set the resume's title, template, language and visibility: RESUME_COLUMNS."""
    return one(conn.execute(
        f"""UPDATE resumes SET title = %s, template = %s, language = %s, is_public = %s, updated_at = now()
            WHERE id = %s RETURNING {RESUME_COLUMNS}""",
        (fields["title"], fields["template"], fields["language"], fields["is_public"], resume_id),
    ))


def touch(conn: Connection, resume_id: Any) -> dict[str, Any]:
    """Mark the resume changed now: RESUME_COLUMNS."""
    return one(conn.execute(f"UPDATE resumes SET updated_at = now() WHERE id = %s RETURNING {RESUME_COLUMNS}",
                            (resume_id,)))


def get_owned(conn: Connection, resume_id: Any, user_id: Any,
              for_update: bool = False) -> dict[str, Any] | None:
    """The user's resume (RESUME_COLUMNS), locked when `for_update`; None for anyone else's."""
    lock = " FOR UPDATE" if for_update else ""
    return conn.execute(f"SELECT {RESUME_COLUMNS} FROM resumes WHERE id = %s AND user_id = %s{lock}",
                        (resume_id, user_id)).fetchone()


def count_for_user(conn: Connection, user_id: Any) -> int:
    """How many resumes the user has."""
    return one(conn.execute("SELECT count(*) AS n FROM resumes WHERE user_id = %s", (user_id,)))["n"]


def page_for_user(conn: Connection, user_id: Any, limit: int,
                  after: tuple[str, str] | None) -> list[dict[str, Any]]:
    """Newest first; `after` is the (created_at, id) of the last row of the previous page."""
    return conn.execute(
        """SELECT id, title, template, language, is_default, is_public, created_at, updated_at,
                  (SELECT count(*) FROM resume_sections s WHERE s.resume_id = r.id) AS section_count
            FROM resumes r WHERE user_id = %(user)s
              AND (%(created)s::timestamptz IS NULL
                   OR (created_at, id) < (%(created)s::timestamptz, %(after_id)s::uuid))
            ORDER BY created_at DESC, id DESC LIMIT %(limit)s""",
        {"user": user_id, **keyset_parameters(after), "limit": limit},
    ).fetchall()


def delete_resume(conn: Connection, resume_id: Any) -> None:
    """Delete the resume; its sections, shares, statistics and attachment rows go with it."""
    conn.execute("DELETE FROM resumes WHERE id = %s", (resume_id,))


def clear_default(conn: Connection, user_id: Any) -> None:
    """The user has no default resume any more."""
    conn.execute("UPDATE resumes SET is_default = false WHERE user_id = %s AND is_default", (user_id,))


def set_default(conn: Connection, resume_id: Any) -> dict[str, Any]:
    """Make the resume its user's default: RESUME_COLUMNS."""
    return one(conn.execute(
        f"UPDATE resumes SET is_default = true, updated_at = now() WHERE id = %s RETURNING {RESUME_COLUMNS}",
        (resume_id,)))


def newest_other(conn: Connection, user_id: Any) -> dict[str, Any] | None:
    """The user's most recently updated resume, if any: RESUME_COLUMNS."""
    return conn.execute(f"SELECT {RESUME_COLUMNS} FROM resumes WHERE user_id = %s ORDER BY updated_at DESC LIMIT 1",
                        (user_id,)).fetchone()


# -- sections ----------------------------------------------------------------------------------------


def sections(conn: Connection, resume_id: Any) -> list[dict[str, Any]]:
    """The resume's sections in order: [{id, type, title, position, visible, items}]."""
    return conn.execute(
        "SELECT id, type, title, position, visible, items FROM resume_sections WHERE resume_id = %s ORDER BY position",
        (resume_id,)).fetchall()


def replace_sections(conn: Connection, resume_id: Any, rows: list[dict[str, Any]]) -> None:
    """Make the resume's sections exactly `rows` (in order), keeping the ids given."""
    rows = [{**row, "id": row["id"] or uuid.uuid4()} for row in rows]
    conn.execute("DELETE FROM resume_sections WHERE resume_id = %s AND NOT (id = ANY(%s::uuid[]))",
                 (resume_id, [row["id"] for row in rows]))
    for position, row in enumerate(rows):
        conn.execute(
            """INSERT INTO resume_sections (id, resume_id, type, title, position, visible, items)
               VALUES (%s, %s, %s, %s, %s, %s, %s)
               ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, title = EXCLUDED.title,
                   position = EXCLUDED.position, visible = EXCLUDED.visible, items = EXCLUDED.items
               WHERE resume_sections.resume_id = EXCLUDED.resume_id""",
            (row["id"], resume_id, row["type"], row["title"], position, row["visible"],
             Jsonb(row["items"])),
        )


def set_positions(conn: Connection, resume_id: Any, ordered_ids: list[Any]) -> None:
    """Order the resume's sections as `ordered_ids`."""
    conn.execute(
        """UPDATE resume_sections s SET position = o.position - 1
           FROM unnest(%s::uuid[]) WITH ORDINALITY AS o(id, position)
           WHERE s.id = o.id AND s.resume_id = %s""",
        (ordered_ids, resume_id))


def set_visibility(conn: Connection, resume_id: Any, section_id: Any, visible: bool) -> None:
    """Show or hide one section of the resume."""
    conn.execute("UPDATE resume_sections SET visible = %s WHERE id = %s AND resume_id = %s",
                 (visible, section_id, resume_id))


# -- preferences -------------------------------------------------------------------------------------


def preferences(conn: Connection, user_id: Any) -> dict[str, Any] | None:
    """The user's saved preferences, or None."""
    return conn.execute(
        "SELECT theme, language, timezone, notifications, default_template, job_search FROM user_preferences "
        "WHERE user_id = %s",
        (user_id,)).fetchone()


def save_preferences(conn: Connection, user_id: Any, values: dict[str, Any]) -> None:
    """Create or replace the user's preferences."""
    conn.execute(
        """INSERT INTO user_preferences (user_id, theme, language, timezone, notifications, default_template,
                                          job_search)
           VALUES (%(user)s, %(theme)s, %(language)s, %(timezone)s, %(notifications)s, %(default_template)s,
                   %(job_search)s)
           ON CONFLICT (user_id) DO UPDATE SET theme = EXCLUDED.theme, language = EXCLUDED.language,
               timezone = EXCLUDED.timezone, notifications = EXCLUDED.notifications,
               default_template = EXCLUDED.default_template, job_search = EXCLUDED.job_search,
               updated_at = now()""",
        {**values, "notifications": Jsonb(values["notifications"]), "job_search": Jsonb(values["job_search"]),
         "user": user_id},
    )


def delete_preferences(conn: Connection, user_id: Any) -> bool:
    """Delete the user's preferences; whether there were any."""
    deleted = conn.execute("DELETE FROM user_preferences WHERE user_id = %s RETURNING user_id", (user_id,)).fetchone()
    return deleted is not None


# -- sharing -----------------------------------------------------------------------------------------


def insert_share(conn: Connection, share_id: Any, resume_id: Any, token_hash: bytes,
                 password_hash: str | None, expires_at: Any) -> dict[str, Any]:
    """A new share link (token and password stored hashed): {id, expires_at}."""
    return one(conn.execute(
        """INSERT INTO resume_shares (id, resume_id, token_hash, password_hash, expires_at)
           VALUES (%s, %s, %s, %s, %s) RETURNING id, expires_at""",
        (share_id, resume_id, token_hash, password_hash, expires_at)))


def shares(conn: Connection, resume_id: Any) -> list[dict[str, Any]]:
    """The resume's share links with their view counts, oldest first (the hashes left out)."""
    return conn.execute(
        """SELECT id, created_at, expires_at, revoked_at IS NOT NULL AS revoked,
                  password_hash IS NOT NULL AS password_protected, view_count, last_viewed_at
           FROM resume_shares WHERE resume_id = %s ORDER BY created_at""", (resume_id,)).fetchall()


def revoke_share(conn: Connection, resume_id: Any, share_id: Any) -> bool:
    """Revoke a link of the resume (revoking twice keeps the first time); whether it exists."""
    return conn.execute(
        """UPDATE resume_shares SET revoked_at = coalesce(revoked_at, now())
           WHERE id = %s AND resume_id = %s RETURNING id""", (share_id, resume_id)).fetchone() is not None


def live_share(conn: Connection, token_hash: bytes) -> dict[str, Any] | None:
    """The share for a token unless it is revoked or expired, with its resume's owner."""
    return conn.execute(
        """SELECT s.id, s.resume_id, s.password_hash, r.user_id
           FROM resume_shares s JOIN resumes r ON r.id = s.resume_id JOIN users u ON u.id = r.user_id
           WHERE s.token_hash = %s AND s.revoked_at IS NULL AND (s.expires_at IS NULL OR s.expires_at > now())
             AND u.deleted_at IS NULL""",
        (token_hash,)).fetchone()


def record_share_view(conn: Connection, share_id: Any) -> None:
    """One more view of a share link, now."""
    conn.execute("UPDATE resume_shares SET view_count = view_count + 1, last_viewed_at = now() WHERE id = %s",
                 (share_id,))


def share_views(conn: Connection, resume_id: Any) -> int:
    """The views of all of the resume's links."""
    return one(conn.execute("SELECT coalesce(sum(view_count), 0) AS n FROM resume_shares WHERE resume_id = %s",
                            (resume_id,)))["n"]


def default_resume(conn: Connection, user_id: Any) -> dict[str, Any] | None:
    """The user's default resume, if any: RESUME_COLUMNS."""
    return conn.execute(f"SELECT {RESUME_COLUMNS} FROM resumes WHERE user_id = %s AND is_default",
                        (user_id,)).fetchone()


def get(conn: Connection, resume_id: Any) -> dict[str, Any] | None:
    """The resume by id alone (RESUME_COLUMNS), for public pages, links and workers."""
    return conn.execute(f"SELECT {RESUME_COLUMNS} FROM resumes WHERE id = %s", (resume_id,)).fetchone()


# -- attachments -------------------------------------------------------------------------------------

ATTACHMENT_COLUMNS = "id, resume_id, user_id, key, filename, content_type, size, status, created_at"


def insert_attachment(conn: Connection, resume_id: Any, user_id: Any, key: str, filename: str,
                      content_type: str, size: int, status: str) -> dict[str, Any]:
    """A new attachment row (ATTACHMENT_COLUMNS); `status` 'ready' or, for a presigned upload, 'pending'."""
    return one(conn.execute(
        f"""INSERT INTO resume_attachments (id, resume_id, user_id, key, filename, content_type, size, status)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING {ATTACHMENT_COLUMNS}""",
        (uuid.uuid4(), resume_id, user_id, key, filename, content_type, size, status),
    ))


def get_attachment(conn: Connection, attachment_id: Any, resume_id: Any,
                   for_update: bool = False) -> dict[str, Any] | None:
    """The resume's attachment (ATTACHMENT_COLUMNS), locked when `for_update`."""
    lock = " FOR UPDATE" if for_update else ""
    return conn.execute(
        f"SELECT {ATTACHMENT_COLUMNS} FROM resume_attachments WHERE id = %s AND resume_id = %s{lock}",
        (attachment_id, resume_id)).fetchone()


def lock_attachment_by_key(conn: Connection, *keys: str) -> dict[str, Any] | None:
    """The attachment stored under one of `keys`, locked."""
    return conn.execute(f"SELECT {ATTACHMENT_COLUMNS} FROM resume_attachments WHERE key = ANY(%s) FOR UPDATE",
                        (list(keys),)).fetchone()


def attachments(conn: Connection, resume_id: Any) -> list[dict[str, Any]]:
    """The resume's attachments, oldest first: ATTACHMENT_COLUMNS."""
    return conn.execute(f"SELECT {ATTACHMENT_COLUMNS} FROM resume_attachments WHERE resume_id = %s "
                        "ORDER BY created_at", (resume_id,)).fetchall()


def mark_attachment_ready(conn: Connection, attachment_id: Any, key: str, size: int,
                          content_type: str) -> None:
    """A pending upload checked: its settled key, size and the type its bytes proved."""
    conn.execute("UPDATE resume_attachments SET status = 'ready', key = %s, size = %s, content_type = %s "
                 "WHERE id = %s", (key, size, content_type, attachment_id))


def delete_attachment(conn: Connection, attachment_id: Any) -> None:
    """Delete an attachment row (its object is the caller's to delete)."""
    conn.execute("DELETE FROM resume_attachments WHERE id = %s", (attachment_id,))


# -- view and download statistics --------------------------------------------------------------------


def add_statistics(conn: Connection, resume_id: Any, views: int, downloads: int) -> None:
    """Add views and downloads to the resume's flushed totals."""
    conn.execute(
        """INSERT INTO resume_statistics (resume_id, views, downloads) VALUES (%s, %s, %s)
           ON CONFLICT (resume_id) DO UPDATE SET views = resume_statistics.views + EXCLUDED.views,
               downloads = resume_statistics.downloads + EXCLUDED.downloads""",
        (resume_id, views, downloads),
    )


def statistics(conn: Connection, resume_id: Any) -> dict[str, Any] | None:
    """{views, downloads} flushed so far; None before the first flush."""
    return conn.execute("SELECT views, downloads FROM resume_statistics WHERE resume_id = %s",
                        (resume_id,)).fetchone()
