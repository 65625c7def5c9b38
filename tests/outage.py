"""A database that hangs, as a stalled RDS failover looks to its clients: the test database's
processes paused with SIGSTOP. The kernel still accepts connections and acknowledges what is sent,
but nothing answers, so only client-side bounds notice."""

import contextlib
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # gone meanwhile
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == parent:  # after the name: state, then ppid
                found.append(int(entry.name))
    return found


@contextmanager
def paused_database(url: str) -> Iterator[list[int]]:
    """Pause the PostgreSQL server behind `url` (it must run on this machine, as the embedded
    pgserver does): its postmaster (found by the pid file in its data directory) first, so that it
    starts no new backend, then every backend and helper process; resumed on leaving the block.
    Yields the pids paused."""
    with psycopg.connect(url, autocommit=True) as admin:
        data_directory = admin.execute("SHOW data_directory").fetchone()[0]
    postmaster = int((Path(data_directory) / "postmaster.pid").read_text().splitlines()[0])
    paused = [postmaster]
    os.kill(postmaster, signal.SIGSTOP)
    try:
        for pid in _children(postmaster):
            os.kill(pid, signal.SIGSTOP)
            paused.append(pid)
        yield paused
    finally:
        for pid in reversed(paused):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
