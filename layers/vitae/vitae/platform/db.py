"""PostgreSQL through psycopg 3: one connection per container (per thread in the devstack).

The connection is opened lazily, reused across invocations and replaced once it is closed or broken,
so a failover or an idle disconnect costs one failed invocation at most. Prepared statements are off
because RDS Proxy pins sessions that use them.

Every round trip is bounded on the client: a database that hangs (a stalled failover, paused
processes) still accepts and acknowledges TCP traffic, so neither the server's `statement_timeout`
nor TCP keepalives notice anything. Connecting is bounded by libpq's `connect_timeout`; each
statement, commit and rollback by a watchdog thread that shuts the connection's socket down once
DATABASE_STATEMENT_TIMEOUT_SECONDS (or the budget of an enclosing `bounded` block) has passed, which
ends the blocked call at once. A transaction cut off this way was never committed: the server rolls
it back when it sees the closed connection. Any failure of the connection itself is raised as
Unavailable (dependency "database"), which the API answers with 503; errors of a statement
(constraint violations...) stay psycopg's.
"""

import math
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row

from vitae.platform.config import database_url, settings
from vitae.platform.errors import NotFound, Unavailable

Row = dict[str, Any]  # rows come as dicts: {column: value}

_local = threading.local()


class _Watchdog:
    """One thread per process that shuts down the socket of any round trip still running at its
    deadline. Arming and disarming take a lock and almost never wake the thread: it sleeps until
    the soonest deadline it knows of (at most IDLE_SECONDS when none), and is only woken for a
    deadline earlier than that."""

    IDLE_SECONDS = 1.0

    def __init__(self) -> None:
        self._lock = threading.Lock()  # taken directly by arm and disarm: no Python-level Condition.__enter__
        self._changed = threading.Condition(self._lock)
        self._armed: dict[int, tuple[float, int]] = {}  # token -> (deadline, socket fd)
        self._tokens = 0
        self._wake_at = 0.0
        self._thread: threading.Thread | None = None

    def arm(self, fd: int, seconds: float) -> int:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="db-watchdog", daemon=True)
                self._thread.start()
            self._tokens += 1
            deadline = time.monotonic() + seconds
            self._armed[self._tokens] = (deadline, fd)
            if deadline < self._wake_at:
                self._changed.notify()
            return self._tokens

    def disarm(self, token: int) -> bool:
        """False when the deadline passed first and the socket was shut down."""
        with self._lock:
            return self._armed.pop(token, None) is not None

    def _run(self) -> None:
        with self._changed:
            while True:
                now = time.monotonic()
                for token, (deadline, fd) in list(self._armed.items()):
                    if deadline <= now:
                        del self._armed[token]
                        _shut_down(fd)
                self._wake_at = min((deadline for deadline, _ in self._armed.values()),
                                    default=now + self.IDLE_SECONDS)
                self._changed.wait(self._wake_at - now)


def _shut_down(fd: int) -> None:
    """Shut the socket down (for every descriptor of it): a call blocked on it returns at once."""
    try:
        sock = socket.socket(fileno=os.dup(fd))
    except OSError:  # closed meanwhile: nothing is waiting on it
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.close()


_watchdog = _Watchdog()


def _unavailable(timed_out: bool) -> Unavailable:
    if timed_out:
        return Unavailable("The database did not answer in time", dependency="database")
    return Unavailable("The database is unavailable", dependency="database")


def _budget() -> float:
    """Seconds the next round trip may take: the statement timeout, or less in a `bounded` block.
    Raises Unavailable when a `bounded` block's budget is spent."""
    limit = settings().database_statement_timeout_seconds
    deadline: float | None = getattr(_local, "deadline", None)
    if deadline is None:
        return limit
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _unavailable(timed_out=True)
    return min(limit, remaining)


class BoundedConnection(psycopg.Connection[Row]):
    """A connection whose every round trip ends within `_budget()` seconds.

    psycopg runs every blocking operation of a connection (statements, fetches, BEGIN, COMMIT,
    ROLLBACK, savepoints) through `wait`, so bounding `wait` bounds them all."""

    def wait(self, *args: Any, **kwargs: Any) -> Any:
        try:
            fd = self.pgconn.socket
        except psycopg.OperationalError as error:  # the connection is gone
            raise _unavailable(timed_out=False) from error
        token = _watchdog.arm(fd, _budget())
        try:
            try:
                return super().wait(*args, **kwargs)
            finally:
                timed_out = not _watchdog.disarm(token)
        except psycopg.OperationalError as error:
            if timed_out or self.broken or self.closed:  # the connection failed, not the statement
                raise _unavailable(timed_out) from error
            raise


Connection = BoundedConnection


def connection() -> Connection:
    """The container's connection (this thread's, in the devstack), opened on first use and again
    after it closed or broke. Raises NotConfigured or Unavailable when the database URL is missing
    or unreadable, Unavailable (dependency "database") when the database cannot be reached within
    its connect timeout (twice DEPENDENCY_TIMEOUT_SECONDS, at least libpq's 2 s)."""
    conn: Connection | None = getattr(_local, "conn", None)
    if conn is None or conn.closed:  # a broken connection is closed too (psycopg's `broken`)
        seconds = min(settings().dependency_timeout_seconds * 2, _budget())
        try:
            conn = BoundedConnection.connect(
                database_url(),
                autocommit=True,
                prepare_threshold=None,
                row_factory=dict_row,
                connect_timeout=max(1, math.ceil(seconds)),
                application_name="vitae",
            )
        except psycopg.OperationalError as error:
            raise _unavailable(isinstance(error, psycopg.errors.ConnectionTimeout)) from error
        _local.conn = conn
    return conn


@contextmanager
def bounded(seconds: float) -> Iterator[None]:
    """Every database call in the block, connecting included, ends within `seconds` in all (health
    checks and the authorizer answer within DEPENDENCY_TIMEOUT_SECONDS this way); past that they
    raise Unavailable. Blocks nest: the tighter budget applies."""
    outer: float | None = getattr(_local, "deadline", None)
    deadline = time.monotonic() + seconds
    _local.deadline = deadline if outer is None else min(outer, deadline)
    try:
        yield
    finally:
        _local.deadline = outer


def one(cursor: psycopg.Cursor[Row]) -> Row:
    """The row a statement returns by construction (INSERT ... RETURNING, an UPDATE of a row the
    caller holds, an aggregate); raises LookupError when there is none, which is a bug."""
    row = cursor.fetchone()
    if row is None:
        raise LookupError("the statement returned no row")
    return row


@contextmanager
def transaction() -> Iterator[Connection]:
    """A transaction on the container's connection; committed on success, rolled back on error.
    Inside another transaction it is a savepoint, committed with the outer one."""
    conn = connection()
    with conn.transaction():
        yield conn


def clock(conn: Connection) -> datetime:
    """The database's clock (clock_timestamp()): times written with it compare with the rows'
    created_at and updated_at, which the database stamps."""
    return one(conn.execute("SELECT clock_timestamp() AS now"))["now"]


@contextmanager
def registered(user_id: object) -> Iterator[Connection]:
    """`transaction()` for a write that needs `user_id`'s users row (a foreign key to it): a
    ForeignKeyViolation inside it becomes NotFound telling the caller to register first, instead of a
    500. A savepoint inside the caller's transaction, which goes on after the refusal is raised."""
    try:
        with transaction() as conn:
            yield conn
    except psycopg.errors.ForeignKeyViolation:
        raise NotFound(f"User with ID {user_id} not found: register first (POST /v1/users)") from None


def close() -> None:
    """Close this thread's connection (tests and tools; functions keep theirs for the container's life)."""
    conn: Connection | None = getattr(_local, "conn", None)
    if conn is not None:
        conn.close()
        _local.conn = None


def keyset_parameters(after: tuple[str, str] | None) -> dict[str, str | None]:
    """The query parameters of a newest-first page's position, from `vitae.platform.api.keyset_after`: `created` and
    `after_id`, both None on the first page, for a condition such as
    `(%(created)s::timestamptz IS NULL OR (created_at, id) < (%(created)s::timestamptz, %(after_id)s::uuid))`."""
    created, after_id = after or (None, None)
    return {"created": created, "after_id": after_id}
