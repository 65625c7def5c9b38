"""SQL of the matching domain: requirements, resume texts (one shape, two tables) and processings.
Every read by id is scoped to its owner."""

from typing import Any, Literal

from psycopg import sql
from psycopg.types.json import Jsonb

from vitae.platform.db import Connection, keyset_parameters, one

TextTable = Literal["requirements", "resume_texts"]
_SUMMARY = ("id, user_id, title, source, filename, status, upload_key, failure_reason, failure_message, "
            "length(text) AS length, created_at, updated_at")
_PROCESSING = ("id, user_id, requirements_id, resume_kind, resume_ref, status, attempts, result, failure_reason, "
               "failure_message, created_at, updated_at, completed_at")


def _table(table: TextTable) -> sql.Identifier:
    assert table in ("requirements", "resume_texts"), table
    return sql.Identifier(table)


# -- texts ---------------------------------------------------------------------------------------


def insert_text(conn: Connection, table: TextTable, row: dict[str, Any]) -> dict[str, Any]:
    columns = list(row)
    query = sql.SQL("INSERT INTO {} ({}) VALUES ({}) RETURNING " + _SUMMARY).format(
        _table(table), sql.SQL(", ").join(map(sql.Identifier, columns)),
        sql.SQL(", ").join(sql.Placeholder(c) for c in columns))
    return one(conn.execute(query, row))


def owned_text(conn: Connection, table: TextTable, text_id: Any, user_id: Any,
               for_update: bool = False) -> dict[str, Any] | None:
    """The row (without its text, with its length) when it is `user_id`'s."""
    query = sql.SQL("SELECT " + _SUMMARY + " FROM {} WHERE id = %s AND user_id = %s"
                    + (" FOR UPDATE" if for_update else "")).format(_table(table))
    return conn.execute(query, (text_id, user_id)).fetchone()


def text_of(conn: Connection, table: TextTable, text_id: Any) -> str | None:
    row = conn.execute(sql.SQL("SELECT text FROM {} WHERE id = %s").format(_table(table)), (text_id,)).fetchone()
    return row["text"] if row else None


def page_texts(conn: Connection, table: TextTable, user_id: Any, limit: int,
               after: tuple[str, str] | None) -> list[dict[str, Any]]:
    """Newest first; `after` is the (created_at, id) of the last row of the previous page."""
    query = sql.SQL("SELECT " + _SUMMARY + """ FROM {} WHERE user_id = %(user)s
        AND (%(created)s::timestamptz IS NULL OR (created_at, id) < (%(created)s::timestamptz, %(after_id)s::uuid))
        ORDER BY created_at DESC, id DESC LIMIT %(limit)s""").format(_table(table))
    return conn.execute(query, {"user": user_id, "limit": limit, **keyset_parameters(after)}).fetchall()


def text_by_upload_key(conn: Connection, table: TextTable, key: str) -> dict[str, Any] | None:
    """The row waiting for (or having read) the upload at `key`, locked."""
    query = sql.SQL("SELECT " + _SUMMARY + " FROM {} WHERE upload_key = %s FOR UPDATE").format(_table(table))
    return conn.execute(query, (key,)).fetchone()


def set_text(conn: Connection, table: TextTable, text_id: Any, **fields: Any) -> None:
    assignments = sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(c), sql.Placeholder(c)) for c in fields)
    conn.execute(sql.SQL("UPDATE {} SET {}, updated_at = clock_timestamp() WHERE id = %(id)s").format(
        _table(table), assignments), {**fields, "id": text_id})


def delete_text(conn: Connection, table: TextTable, text_id: Any) -> None:
    """Delete the row; requirements take their processings with them (ON DELETE CASCADE)."""
    conn.execute(sql.SQL("DELETE FROM {} WHERE id = %s").format(_table(table)), (text_id,))


# -- processings ---------------------------------------------------------------------------------


def insert_processing(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    return one(conn.execute(
        f"""INSERT INTO processings (id, user_id, requirements_id, resume_kind, resume_ref, resume_text)
            VALUES (%(id)s, %(user_id)s, %(requirements_id)s, %(resume_kind)s, %(resume_ref)s, %(resume_text)s)
            RETURNING {_PROCESSING}""", row))


def owned_processing(conn: Connection, processing_id: Any, user_id: Any) -> dict[str, Any] | None:
    return conn.execute(f"SELECT {_PROCESSING} FROM processings WHERE id = %s AND user_id = %s",
                        (processing_id, user_id)).fetchone()


def lock_processing(conn: Connection, processing_id: Any) -> dict[str, Any] | None:
    """The processing with its resume-side text, locked (the worker's view)."""
    return conn.execute(f"SELECT {_PROCESSING}, resume_text FROM processings WHERE id = %s FOR UPDATE",
                        (processing_id,)).fetchone()


def page_processings(conn: Connection, user_id: Any, requirements_id: Any, limit: int,
                     after: tuple[str, str] | None) -> list[dict[str, Any]]:
    """Newest first, optionally of one requirements text."""
    return conn.execute(
        f"""SELECT {_PROCESSING} FROM processings WHERE user_id = %(user)s
              AND (%(requirements)s::uuid IS NULL OR requirements_id = %(requirements)s::uuid)
              AND (%(created)s::timestamptz IS NULL
                   OR (created_at, id) < (%(created)s::timestamptz, %(after_id)s::uuid))
            ORDER BY created_at DESC, id DESC LIMIT %(limit)s""",
        {"user": user_id, "requirements": requirements_id, "limit": limit, **keyset_parameters(after)}).fetchall()


def processing_ids_of(conn: Connection, requirements_id: Any) -> list[Any]:
    """The processings of a requirements text, locked (they are about to be deleted with it)."""
    return [r["id"] for r in conn.execute(
        "SELECT id FROM processings WHERE requirements_id = %s ORDER BY created_at, id FOR UPDATE",
        (requirements_id,))]


def delete_processings(conn: Connection, user_id: Any, ids: list[Any]) -> list[Any]:
    """Delete those of `ids` that are `user_id`'s; returns the ids deleted, in the order of `ids`."""
    deleted = {r["id"] for r in conn.execute(
        "DELETE FROM processings WHERE user_id = %s AND id = ANY(%s::uuid[]) RETURNING id", (user_id, ids))}
    return [i for i in ids if i in deleted]


def set_processing(conn: Connection, processing_id: Any, **fields: Any) -> None:
    values = {k: Jsonb(v) if k == "result" and v is not None else v for k, v in fields.items()}
    assignments = sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(c), sql.Placeholder(c)) for c in values)
    conn.execute(sql.SQL("UPDATE processings SET {}, updated_at = clock_timestamp() WHERE id = %(id)s").format(
        assignments), {**values, "id": processing_id})


def delete_user_texts(conn: Connection, table: TextTable, user_id: Any) -> list[Any]:
    """Delete every text of `user_id` in `table` (requirements take their processings); their ids."""
    return [r["id"] for r in conn.execute(
        sql.SQL("DELETE FROM {} WHERE user_id = %s RETURNING id").format(_table(table)), (user_id,))]
