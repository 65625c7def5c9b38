"""SQL of the assistant's AI jobs and chat (learning resources: `learning`). Every read by id is
scoped to its owner; the worker's reads lock the row they will finish."""

from typing import Any

from psycopg import sql
from psycopg.types.json import Jsonb

from vitae.platform.db import Connection, keyset_parameters, one

_JOB = ("id, user_id, kind, request, status, attempts, result, failure_reason, failure_message, method, model, "
        "model_version, prompt_version, created_at, updated_at, completed_at")
_MESSAGE = ("id, session_id, user_id, position, role, content, reply_to, status, attempts, tool_calls, suggestions, "
            "failure_reason, failure_message, model, model_version, prompt_version, created_at, updated_at, "
            "completed_at")
_JSON = frozenset({"request", "result", "tool_calls", "suggestions"})


def _assignments(fields: dict[str, Any]) -> tuple[sql.Composable, dict[str, Any]]:
    values = {k: Jsonb(v) if k in _JSON and v is not None else v for k, v in fields.items()}
    return sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(c), sql.Placeholder(c)) for c in values), values


# -- AI jobs -------------------------------------------------------------------------------------


def insert_job(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    """A new AI job row (queued) from {id, user_id, kind, request}; the row as stored."""
    return one(conn.execute(f"""INSERT INTO ai_jobs (id, user_id, kind, request)
        VALUES (%(id)s, %(user_id)s, %(kind)s, %(request)s) RETURNING {_JOB}""",
                            {**row, "request": Jsonb(row["request"])}))


def owned_job(conn: Connection, job_id: Any, user_id: Any) -> dict[str, Any] | None:
    """The AI job when it is `user_id`'s; None otherwise."""
    return conn.execute(f"SELECT {_JOB} FROM ai_jobs WHERE id = %s AND user_id = %s", (job_id, user_id)).fetchone()


def lock_job(conn: Connection, job_id: Any) -> dict[str, Any] | None:
    """The AI job, locked FOR UPDATE (the worker's view); None when deleted."""
    return conn.execute(f"SELECT {_JOB} FROM ai_jobs WHERE id = %s FOR UPDATE", (job_id,)).fetchone()


def set_job(conn: Connection, job_id: Any, **fields: Any) -> None:
    """Set an AI job's `fields` (request and result are stored as JSON) and its updated_at."""
    assignments, values = _assignments(fields)
    conn.execute(sql.SQL("UPDATE ai_jobs SET {}, updated_at = clock_timestamp() WHERE id = %(id)s").format(
        assignments), {**values, "id": job_id})


# -- chat ----------------------------------------------------------------------------------------


def insert_session(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    """A new chat session from {id, user_id, title}; the row as stored."""
    return one(conn.execute("""INSERT INTO chat_sessions (id, user_id, title) VALUES (%(id)s, %(user_id)s, %(title)s)
        RETURNING id, user_id, title, created_at, updated_at""", row))


def owned_session(conn: Connection, session_id: Any, user_id: Any, for_update: bool = False) -> dict[str, Any] | None:
    """The session when it is `user_id`'s (locked with `for_update`); None otherwise."""
    return conn.execute("SELECT id, user_id, title, created_at, updated_at FROM chat_sessions WHERE id = %s "
                        "AND user_id = %s" + (" FOR UPDATE" if for_update else ""), (session_id, user_id)).fetchone()


def touch_session(conn: Connection, session_id: Any, title: str | None) -> None:
    """The session's latest activity is now; its title is the first message's start when it has none."""
    conn.execute("UPDATE chat_sessions SET updated_at = clock_timestamp(), title = coalesce(title, %s) WHERE id = %s",
                 (title, session_id))


def page_sessions(conn: Connection, user_id: Any, limit: int, after: tuple[str, str] | None) -> list[dict[str, Any]]:
    """Newest first; `after` is the (created_at, id) of the last row of the previous page."""
    return conn.execute(
        """SELECT id, user_id, title, created_at, updated_at FROM chat_sessions WHERE user_id = %(user)s
             AND (%(created)s::timestamptz IS NULL OR (created_at, id) < (%(created)s::timestamptz, %(after_id)s::uuid))
           ORDER BY created_at DESC, id DESC LIMIT %(limit)s""",
        {"user": user_id, "limit": limit, **keyset_parameters(after)}).fetchall()


def delete_session(conn: Connection, session_id: Any, user_id: Any) -> bool:
    """Delete the session (its messages with it) when it is `user_id`'s."""
    return conn.execute("DELETE FROM chat_sessions WHERE id = %s AND user_id = %s RETURNING id",
                        (session_id, user_id)).fetchone() is not None


def insert_message(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    """A new chat message from its columns (tool calls and suggestions stored as JSON); the row."""
    columns = list(row)
    values = {k: Jsonb(v) if k in _JSON else v for k, v in row.items()}
    query = sql.SQL("INSERT INTO chat_messages ({}) VALUES ({}) RETURNING " + _MESSAGE).format(
        sql.SQL(", ").join(map(sql.Identifier, columns)), sql.SQL(", ").join(sql.Placeholder(c) for c in columns))
    return one(conn.execute(query, values))


def messages(conn: Connection, session_id: Any, after_position: int | None, limit: int) -> list[dict[str, Any]]:
    """A session's messages in order, those after `after_position` when given."""
    return conn.execute(f"""SELECT {_MESSAGE} FROM chat_messages WHERE session_id = %s AND position > %s
        ORDER BY position LIMIT %s""", (session_id, after_position or 0, limit)).fetchall()


def message_position(conn: Connection, session_id: Any, message_id: Any) -> int | None:
    """The position of a message in its session (what `?after=` pages from); None when not there."""
    row = conn.execute("SELECT position FROM chat_messages WHERE session_id = %s AND id = %s",
                       (session_id, message_id)).fetchone()
    return row["position"] if row else None


def lock_message(conn: Connection, message_id: Any) -> dict[str, Any] | None:
    """A chat message, locked FOR UPDATE (the worker's view); None when deleted."""
    return conn.execute(f"SELECT {_MESSAGE} FROM chat_messages WHERE id = %s FOR UPDATE", (message_id,)).fetchone()


def history_before(conn: Connection, session_id: Any, position: int, limit: int) -> list[dict[str, Any]]:
    """The finished messages of a session before `position`, newest first (a reply is trimmed from
    the oldest; the newest are read first)."""
    return conn.execute(f"""SELECT {_MESSAGE} FROM chat_messages WHERE session_id = %s AND position < %s
        AND status = 'done' ORDER BY position DESC LIMIT %s""", (session_id, position, limit)).fetchall()


def set_message(conn: Connection, message_id: Any, **fields: Any) -> None:
    """Set a chat message's `fields` (tool calls and suggestions stored as JSON) and its updated_at."""
    assignments, values = _assignments(fields)
    conn.execute(sql.SQL("UPDATE chat_messages SET {}, updated_at = clock_timestamp() WHERE id = %(id)s").format(
        assignments), {**values, "id": message_id})


def forget_user(conn: Connection, user_id: Any) -> None:
    """Every chat session (with its messages), AI job and learning resource of `user_id`."""
    for table in ("chat_sessions", "ai_jobs", "learning_resources"):
        conn.execute(sql.SQL("DELETE FROM {} WHERE user_id = %s").format(sql.Identifier(table)), (user_id,))
