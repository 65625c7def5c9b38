"""The file import of jobs: a JSON Lines file dropped under `imports/jobs/` in the files bucket (one
job per line, as POST /v1/jobs/import takes them, each with `source` and `externalId`) reaches
`ImportJobsFunction` as an S3 notification through its queue.

The file is read as a stream (`READ_CHUNK_BYTES` at a time), `IMPORT_BATCH` jobs per transaction,
so memory stays bounded whatever its size; a line longer than `MAX_LINE_BYTES` is refused without
being held. Jobs are upserted by (source, externalId): a file imported again updates its jobs, never
duplicates them. The report, {key, lines, created, updated, unchanged, refused: [{line, reason}]
(the first 1,000), refusedTotal, startedAt, finishedAt}, is written beside the file as
`<name>.report.json` (the notification only fires for keys ending in `.jsonl`, so the report
starts nothing).
"""

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from vitae.jobs import service
from vitae.jobs.models import FileImportReport, JobIn, RefusedRow
from vitae.jobs.service import IMPORT_BATCH, ImportTally
from vitae.platform import events, storage
from vitae.platform.observability import logger

PREFIX = "imports/jobs/"
SUFFIX = ".jsonl"
READ_CHUNK_BYTES = 1024 * 1024
MAX_LINE_BYTES = 256 * 1024  # a job is a few KB; a longer line is not one
MAX_REFUSED_LISTED = 1000


def report_key(key: str) -> str:
    """Where the report of the file at `key` is written: `imports/jobs/<name>.report.json`."""
    return key.removesuffix(SUFFIX) + ".report.json"


def lines_of(chunks: Iterator[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(line number from 1, line without its end) for every line of a stream of byte chunks; a line
    over MAX_LINE_BYTES comes as None and is skipped without being kept in memory."""
    number, pending, oversized = 0, bytearray(), False
    for chunk in chunks:
        start = 0
        while (end := chunk.find(b"\n", start)) != -1:
            number += 1
            if oversized or len(pending) + end - start > MAX_LINE_BYTES:
                yield number, None
            else:
                pending += chunk[start:end]
                yield number, bytes(pending)
            pending.clear()
            oversized = False
            start = end + 1
        if not oversized:
            pending += chunk[start:]
            if len(pending) > MAX_LINE_BYTES:
                oversized = True
                pending.clear()
    if pending or oversized:
        yield number + 1, None if oversized else bytes(pending)


def judge_line(line: bytes | None) -> JobIn | str | None:
    """A line as a job, the reason it is refused, or None for a blank line (skipped)."""
    if line is None:
        return f"line longer than {MAX_LINE_BYTES} bytes"
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8 text"
    if not text.strip():
        return None
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):
        return "not a JSON document"
    return service.judge_row(raw)


def import_file(key: str) -> FileImportReport:
    """Import the JSON Lines file at `key` and write its report beside it; returns the report."""
    started = datetime.now(UTC)
    body = storage.s3().get_object(Bucket=storage.bucket_for(key, "get"), Key=key)["Body"]
    tally = ImportTally(keep_refused=MAX_REFUSED_LISTED)
    lines = 0
    pending: list[JobIn] = []

    def flush() -> None:
        def work(conn: Any, emitted: list[uuid.UUID]) -> None:
            for batch in service.batches(pending):
                service.upsert_batch(conn, batch, None, tally, emitted)

        events.transaction_then_publish(work)
        pending.clear()

    for number, line in lines_of(body.iter_chunks(READ_CHUNK_BYTES)):
        lines = number
        judged = judge_line(line)
        if judged is None:
            continue
        if isinstance(judged, str):
            tally.refuse(RefusedRow(line=number, reason=judged))
            continue
        pending.append(judged)
        if len(pending) >= IMPORT_BATCH:
            flush()
    if pending:
        flush()
    report = FileImportReport(key=key, lines=lines, created=tally.created, updated=tally.updated,
                              unchanged=tally.unchanged, refused=tally.refused, refused_total=tally.refused_total,
                              started_at=started, finished_at=datetime.now(UTC))
    storage.put_object(report_key(key), report.model_dump_json(by_alias=True).encode(), "application/json")
    logger.info("jobs imported", extra={"key": key, "lines": lines, "jobsCreated": tally.created,
                                        "jobsUpdated": tally.updated, "rowsRefused": tally.refused_total})
    return report


def process_upload(key: str) -> str:
    """The notification's object: a `.jsonl` file under imports/jobs/ is imported; anything else
    is left alone (the bucket should not send it). Returns what was done, for the log."""
    from botocore.exceptions import ClientError

    if not (key.startswith(PREFIX) and key.endswith(SUFFIX)):
        return "ignored"
    try:
        report = import_file(key)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
            return "gone: the file was deleted before it was read"
        raise
    return f"imported: {report.created} created, {report.updated} updated, {report.refused_total} refused"
