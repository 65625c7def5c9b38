"""PostgreSQL through psycopg 3: one connection per container (per thread in the devstack).

The connection is opened lazily, reused across invocations and replaced once it is closed or broken,
so a failover or an idle disconnect costs one failed invocation at most. Prepared statements are off
because RDS Proxy pins sessions that use them.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.rows import dict_row

from vitae.platform.config import database_url, settings

Row = dict[str, Any]  # rows come as dicts: {column: value}
Connection = psycopg.Connection[Row]

_local = threading.local()


def connection() -> Connection:
    """The container's connection (this thread's, in the devstack), opened on first use and again
    after it closed or broke. Raises NotConfigured or Unavailable when the database URL is missing
    or unreadable, psycopg.OperationalError when the database cannot be reached."""
    conn: Connection | None = getattr(_local, "conn", None)
    if conn is None or conn.closed or conn.broken:
        conn = psycopg.connect(
            database_url(),
            autocommit=True,
            prepare_threshold=None,
            row_factory=dict_row,
            connect_timeout=max(1, int(settings().dependency_timeout_seconds * 2)),
            application_name="vitae",
        )
        _local.conn = conn
    return conn


def one(cursor: psycopg.Cursor[Row]) -> Row:
    """The row a statement returns by construction (INSERT ... RETURNING, an UPDATE of a row the
    caller holds, an aggregate); raises LookupError when there is none, which is a bug."""
    row = cursor.fetchone()
    if row is None:
        raise LookupError("the statement returned no row")
    return row


@contextmanager
def transaction() -> Iterator[Connection]:
    """A transaction on the container's connection; committed on success, rolled back on error."""
    conn = connection()
    with conn.transaction():
        yield conn


def close() -> None:
    """Close this thread's connection (tests and tools; functions keep theirs for the container's life)."""
    conn: Connection | None = getattr(_local, "conn", None)
    if conn is not None:
        conn.close()
        _local.conn = None
