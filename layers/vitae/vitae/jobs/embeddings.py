"""Embeddings of jobs and profiles for recommendations (DESIGN.md section 6), by Ollama's /api/embed
(`vitae.platform.ai.embed`, model OLLAMA_EMBED_MODEL), stored with pgvector (migration 0014).

A job's embedding is computed by `EmbedJobsFunction` when the job is created or updated (its
`job.created` / `job.updated` events, through a queue), and by `JobsSweepFunction` for every
job whose embedding is missing or stale (Ollama was away, the model changed, the job came before
0014). Each stores the SHA-256 of what it embedded, so an update that changes nothing embedded costs
no call. A profile's embedding is computed when recommendations are asked for and its text (or the
model) changed since the last time; without Ollama there is none and recommendations go without.
"""

import hashlib
import uuid
from collections.abc import Callable, Sequence
from itertools import batched
from typing import Any

from vitae.jobs import repository
from vitae.platform import ai, consumers, db
from vitae.platform.ai import AiUnavailable
from vitae.platform.config import settings
from vitae.platform.db import Connection
from vitae.platform.observability import logger

EMBED_BATCH = 16  # texts per /api/embed call
SWEEP_LIMIT = 500  # jobs a sweep embeds (JobsSweepFunction runs every 10 minutes)
JOB_DESCRIPTION_CHARS = 4000  # of a job's description; Ollama truncates to the model's context anyway
PROFILE_TEXT_CHARS = 8000
# Time a sweep keeps in hand: a batch and its jobs one by one may each take AI_TIMEOUT_SECONDS.
SWEEP_RESERVE_SECONDS = 120


def job_text(row: dict[str, Any]) -> str:
    """What a job's embedding is computed from: its title, company, location, skills,
    requirements and the start of its description, one per line."""
    lines = [row["title"], row["company"], row["location"] or "",
             ", ".join(row["skills"] or []), *(row["requirements"] or []),
             (row["description"] or "")[:JOB_DESCRIPTION_CHARS]]
    return "\n".join(line for line in lines if line)


def content_hash(text: str, model: str) -> str:
    """SHA-256 (hex) of the model and the text: equal when an embedding would be the same."""
    return hashlib.sha256(f"{model}\0{text}".encode()).hexdigest()


def vector_literal(values: Sequence[float]) -> str:
    """A vector in pgvector's text form, "[0.1,-0.2,...]"."""
    return "[" + ",".join(format(value, ".7g") for value in values) + "]"


def embed_jobs(job_ids: Sequence[Any]) -> int:
    """Compute and store the embeddings of the jobs `job_ids` that have none of their current text
    by the current model (deleted jobs are skipped). Returns how many were stored; raises
    AiUnavailable (nothing of the failing batch stored) when Ollama does not give them."""
    if not job_ids:
        return 0
    model = settings().ollama_embed_model
    with db.transaction() as conn:
        rows = repository.jobs_to_embed(conn, list(job_ids))
    todo, current = [], []
    for row in rows:
        text = job_text(row)
        digest = content_hash(text, model)
        if (row["model"], row["content_hash"]) == (model, digest):
            current.append((row["id"], row["updated_at"]))
        else:
            todo.append((row["id"], text, digest, row["updated_at"]))
    with db.transaction() as conn:
        repository.mark_embeddings_current(conn, current)
    stored = 0
    for batch in batched(todo, EMBED_BATCH, strict=False):
        vectors = ai.embed([text for _, text, _, _ in batch])
        with db.transaction() as conn:
            stored += repository.save_job_embeddings(
                conn, model, [(job_id, digest, vector_literal(vector), updated_at)
                              for (job_id, _, digest, updated_at), vector in zip(batch, vectors, strict=True)])
    return stored


def embed_missing(limit: int = SWEEP_LIMIT, time_left: Callable[[], float] | None = None) -> int:
    """The jobs sweep's second part: embed up to `limit` jobs whose embedding is missing, by
    another model, or older than their last update, newest first. A batch Ollama fails is tried
    job by job, so one text it cannot embed holds no other back; two jobs failing alone in a row
    mean Ollama is away: the sweep stops and the next one tries again. It also stops when
    `time_left()` (seconds) falls under SWEEP_RESERVE_SECONDS. Does nothing when OLLAMA_HOST is not
    configured. Returns how many were stored."""
    s = settings()
    if not s.ollama_host:
        return 0
    with db.transaction() as conn:
        job_ids = repository.jobs_to_refresh(conn, s.ollama_embed_model, limit)
    stored = failures = 0  # failures: jobs failing alone in a row
    for batch in batched(job_ids, EMBED_BATCH, strict=False):
        if time_left is not None and time_left() < SWEEP_RESERVE_SECONDS:
            logger.warning("the sweep ran out of time; the next one goes on", extra={"stored": stored})
            return stored
        try:
            stored += embed_jobs(batch)
            failures = 0
            continue
        except AiUnavailable as error:
            logger.warning("a batch of jobs was not embedded; trying them one by one", extra={"error": str(error)})
        for job_id in batch:
            try:
                stored += embed_jobs([job_id])
                failures = 0
            except AiUnavailable as error:
                failures += 1
                logger.warning("job not embedded", extra={"jobId": str(job_id), "error": str(error)})
                if failures == 2:
                    logger.warning("Ollama is away; the next sweep tries again", extra={"stored": stored})
                    return stored
    return stored


def profile_vector(user_id: Any, text: str) -> str | None:
    """The embedding (pgvector literal) of the text recommendations are made from for `user_id`:
    the stored one when the text and model are unchanged, else computed now (within
    AI_EMBED_TIMEOUT_SECONDS) and stored. None when Ollama is not configured or does not give it."""
    s = settings()
    text = text[:PROFILE_TEXT_CHARS]
    digest = content_hash(text, s.ollama_embed_model)
    with db.transaction() as conn:
        stored = repository.profile_embedding(conn, user_id, s.ollama_embed_model, digest)
    if stored is not None or not s.ollama_host:
        return stored
    try:
        vector = vector_literal(ai.embed([text], timeout=s.ai_embed_timeout_seconds, attempts=1)[0])
    except AiUnavailable as error:
        logger.warning("profile embedding unavailable; recommending without it", extra={"error": str(error)})
        return None
    with db.transaction() as conn:
        repository.save_profile_embedding(conn, user_id, s.ollama_embed_model, digest, vector)
    return vector


JOB_EVENTS = frozenset({"job.created", "job.updated"})


def handle_job_events(event: dict[str, Any]) -> dict[str, Any]:
    """EmbedJobsFunction: an SQS batch of `job.created` / `job.updated` events (as EventBridge
    delivers them) -> the embeddings of those jobs, in batches of EMBED_BATCH texts.

    When Ollama does not give them the messages are still acknowledged: the sweep embeds every job
    left without one, so nothing is lost, and an Ollama outage does not fill the DLQ. A message that
    is no event is logged and dropped. Any other failure (the database) returns the batch's messages
    for redelivery (ReportBatchItemFailures)."""
    job_ids, message_ids = [], []
    for record in event.get("Records", []):
        try:
            envelope = consumers.parse_incoming(record["body"], record["messageId"])
            if envelope.event_type in JOB_EVENTS:
                job_ids.append(uuid.UUID(str(envelope.data["jobId"])))
                message_ids.append(record["messageId"])
        except consumers.PERMANENT_FAILURES as error:
            logger.error("not a job event; dropped", extra={"messageId": record.get("messageId"),
                                                           "error": repr(error)})
    try:
        stored = embed_jobs(job_ids)
    except AiUnavailable as error:
        logger.warning("jobs not embedded: Ollama did not answer; the sweep will embed them",
                       extra={"jobs": len(job_ids), "error": str(error)})
        return {"batchItemFailures": []}
    except Exception:
        logger.exception("embedding jobs failed; their messages are redelivered")
        return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in message_ids]}
    logger.info("jobs embedded", extra={"jobs": len(job_ids), "stored": stored})
    return {"batchItemFailures": []}


def forget_user(conn: Connection, event: consumers.EventEnvelope) -> None:
    """After `user.deleted`: the embedding kept of the user's profile goes."""
    repository.delete_profile_embedding(conn, event.user_id)
