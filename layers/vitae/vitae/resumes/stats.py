"""Resume view and download counts: incremented in Redis on the hot path, flushed to PostgreSQL by
a schedule. When Redis is unreachable the count goes straight to the database: nothing is lost."""

from typing import Any, Literal, cast

from vitae.platform import cache, db
from vitae.platform.db import Connection
from vitae.platform.errors import Unavailable
from vitae.platform.observability import logger
from vitae.resumes import repository

Kind = Literal["views", "downloads"]
KINDS: tuple[Kind, ...] = ("views", "downloads")


def _counter(resume_id: object, kind: Kind) -> str:
    return cache.key("resume-stats", resume_id, kind)


def _dirty() -> str:
    return cache.key("resume-stats", "dirty")


def _add_to_database(conn: Connection, resume_id: object, counts: dict[Kind, int]) -> None:
    repository.add_statistics(conn, resume_id, counts.get("views", 0), counts.get("downloads", 0))


def count(resume_id: object, kind: Kind) -> None:
    """One more view or download: in Redis until the next flush, or (the cache Unavailable)
    straight into PostgreSQL, with a warning."""
    try:
        with cache.connected() as redis_:
            pipe = redis_.pipeline(transaction=True)
            pipe.incr(_counter(resume_id, kind))
            pipe.sadd(_dirty(), str(resume_id))
            pipe.execute()
    except Unavailable as exc:
        logger.warning("statistics counted in the database: cache unavailable", extra={"error": exc.reason})
        with db.transaction() as conn:
            _add_to_database(conn, resume_id, {kind: 1})


def flush(batch: int = 500) -> int:
    """Move pending counts to PostgreSQL; returns how many resumes were flushed. Raises
    Unavailable without Redis (the counts wait there for the next schedule)."""
    with cache.connected() as client:
        # SPOP with a count answers a list; decode_responses makes its items str
        resume_ids = cast(list[str], client.spop(_dirty(), batch) or [])
        for position, resume_id in enumerate(resume_ids):
            pipe = client.pipeline(transaction=True)
            for kind in KINDS:
                pipe.getdel(_counter(resume_id, kind))
            counts = {kind: int(value or 0) for kind, value in zip(KINDS, pipe.execute(), strict=True)}
            try:
                with db.transaction() as conn:
                    if repository.get(conn, resume_id) is not None:  # not deleted since it was viewed
                        _add_to_database(conn, resume_id, counts)
            except Exception:
                restore = client.pipeline(transaction=True)  # put the counts back for the next flush
                for kind, value in counts.items():
                    if value:
                        restore.incrby(_counter(resume_id, kind), value)
                restore.sadd(_dirty(), *resume_ids[position:])  # this one and the rest of the batch wait
                restore.execute()
                raise
    return len(resume_ids)


def totals(resume_id: object) -> dict[str, Any]:
    """Flushed totals plus what is still waiting in Redis."""
    row = repository.statistics(db.connection(), resume_id) or {"views": 0, "downloads": 0}
    try:
        with cache.connected() as redis_:
            pending = redis_.mget([_counter(resume_id, kind) for kind in KINDS])
    except Unavailable as exc:
        logger.warning("statistics without the counts waiting in the cache", extra={"error": exc.reason})
        pending = [None, None]
    return {kind: int(row[kind]) + int(value or 0) for kind, value in zip(KINDS, pending, strict=True)}
