"""PostgreSQL through psycopg 3: one connection per container (per thread in the devstack).

The connection is opened lazily, reused across invocations and replaced once it is closed or broken,
so a failover or an idle disconnect costs one failed invocation at most. Prepared statements are off
because RDS Proxy pins sessions that use them.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg.rows import dict_row

from vitae.platform.config import database_url, settings

_local = threading.local()


def connection() -> psycopg.Connection:
    conn: psycopg.Connection | None = getattr(_local, "conn", None)
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


@contextmanager
def transaction() -> Iterator[psycopg.Connection]:
    """A transaction on the container's connection; committed on success, rolled back on error."""
    conn = connection()
    with conn.transaction():
        yield conn


def close() -> None:
    conn: psycopg.Connection | None = getattr(_local, "conn", None)
    if conn is not None:
        conn.close()
        _local.conn = None
