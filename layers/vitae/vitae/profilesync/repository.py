"""SQL of profile sync: the syncs (profile_syncs), GitHub's cached answers (github_etags) and the
synced data kept on the candidate (migration 0017)."""

import uuid
from typing import Any

from psycopg import sql
from psycopg.types.json import Jsonb

from vitae.platform.db import Connection, one

JSON_COLUMNS = frozenset({"request", "result", "contributed"})


def _adapt(column: str, value: Any) -> Any:
    return Jsonb(value) if column in JSON_COLUMNS and value is not None else value


def insert_sync(conn: Connection, user_id: object, source: str, status: str, request: dict[str, Any],
                key: str | None = None, size: int = 0) -> dict[str, Any]:
    """A new sync of `source` for the user."""
    return one(conn.execute(
        """INSERT INTO profile_syncs (id, user_id, source, status, request, key, size)
           VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING *""",
        (uuid.uuid4(), user_id, source, status, Jsonb(request), key, size)))


def get_sync(conn: Connection, sync_id: object) -> dict[str, Any] | None:
    """The sync, not locked."""
    return conn.execute("SELECT * FROM profile_syncs WHERE id = %s", (sync_id,)).fetchone()


def lock_sync(conn: Connection, sync_id: object) -> dict[str, Any] | None:
    """The sync, locked; None when it is gone."""
    return conn.execute("SELECT * FROM profile_syncs WHERE id = %s FOR UPDATE", (sync_id,)).fetchone()


def sync_by_key(conn: Connection, key: str) -> dict[str, Any] | None:
    """The LinkedIn import whose export is stored at `key`, locked."""
    return conn.execute("SELECT * FROM profile_syncs WHERE key = %s FOR UPDATE", (key,)).fetchone()


def set_sync(conn: Connection, sync_id: object, **fields: Any) -> None:
    """Set columns of a sync (jsonb ones adapted), and its updated_at."""
    conn.execute(
        sql.SQL("UPDATE profile_syncs SET {}, updated_at = clock_timestamp() WHERE id = %s").format(
            sql.SQL(", ").join(sql.SQL("{} = %s").format(sql.Identifier(f)) for f in fields)),
        [*(_adapt(f, v) for f, v in fields.items()), sync_id])


def fail_sync(conn: Connection, sync_id: object, reason: str, message: str) -> None:
    """Mark the sync failed with `reason` (a code) and `message` (for people), now."""
    conn.execute(
        """UPDATE profile_syncs SET status = 'failed', failure_reason = %s, failure_message = %s, retry_at = NULL,
                  completed_at = clock_timestamp(), updated_at = clock_timestamp() WHERE id = %s""",
        (reason, message, sync_id))


def latest_sync(conn: Connection, user_id: object, source: str) -> dict[str, Any] | None:
    """The user's latest sync of `source` that has started (an unused upload form is not one)."""
    return conn.execute(
        """SELECT * FROM profile_syncs WHERE user_id = %s AND source = %s AND status <> 'awaiting_upload'
           ORDER BY created_at DESC, id DESC LIMIT 1""", (user_id, source)).fetchone()


def abandon_stale(conn: Connection, user_id: object, source: str, older_than: object) -> None:
    """Fail (`abandoned`) the user's syncs of `source` left unfinished for longer than `older_than`
    (a timedelta): queued or running untouched that long, or deferred past their retryAt that long."""
    conn.execute(
        """UPDATE profile_syncs SET status = 'failed', failure_reason = 'abandoned',
                  failure_message = 'The sync stopped without finishing; start it again',
                  completed_at = clock_timestamp(), updated_at = clock_timestamp()
           WHERE user_id = %(user)s AND source = %(source)s
             AND ((status IN ('queued', 'running') AND updated_at < clock_timestamp() - %(age)s)
                  OR (status = 'deferred' AND retry_at < clock_timestamp() - %(age)s))""",
        {"user": user_id, "source": source, "age": older_than})


def in_progress(conn: Connection, user_id: object, source: str) -> dict[str, Any] | None:
    """The user's sync of `source` still to finish (queued, running or deferred), if any."""
    return conn.execute(
        """SELECT * FROM profile_syncs WHERE user_id = %s AND source = %s
             AND status IN ('queued', 'running', 'deferred') ORDER BY created_at LIMIT 1""",
        (user_id, source)).fetchone()


def contributed(conn: Connection, user_id: object, source: str) -> dict[str, set[tuple[str, ...]]]:
    """Per entry kind route, the identities of every entry the user's syncs of `source` added."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for row in conn.execute(
            """SELECT contributed FROM profile_syncs
               WHERE user_id = %s AND source = %s AND status = 'done' AND contributed IS NOT NULL""",
            (user_id, source)).fetchall():
        for route, identities in row["contributed"].items():
            found.setdefault(route, set()).update(tuple(identity) for identity in identities)
    return found


def etags(conn: Connection, user_id: object, prefixes: tuple[str, ...]) -> dict[str, tuple[str, Any]]:
    """The user's cached GitHub answers whose URL starts with one of `prefixes`: URL -> (ETag, body)."""
    return {row["url"]: (row["etag"], row["body"]) for row in conn.execute(
        """SELECT url, etag, body FROM github_etags
           WHERE user_id = %s AND EXISTS (SELECT FROM unnest(%s::text[]) AS p WHERE starts_with(lower(url), p))""",
        (user_id, [prefix.lower() for prefix in prefixes])).fetchall()}


def put_etags(conn: Connection, user_id: object, entries: dict[str, tuple[str, Any]]) -> None:
    """Keep GitHub's answers of a sync (replacing what was kept for the same URLs)."""
    with conn.cursor() as cursor:
        cursor.executemany(
            """INSERT INTO github_etags (user_id, url, etag, body) VALUES (%s, %s, %s, %s)
               ON CONFLICT (user_id, url) DO UPDATE SET etag = excluded.etag, body = excluded.body,
                                                        updated_at = clock_timestamp()""",
            [(user_id, url, etag, Jsonb(body)) for url, (etag, body) in entries.items()])


def forget_user(conn: Connection, user_id: object) -> None:
    """A deleted user's syncs and cached GitHub answers."""
    conn.execute("DELETE FROM github_etags WHERE user_id = %s", (user_id,))
    conn.execute("DELETE FROM profile_syncs WHERE user_id = %s", (user_id,))
