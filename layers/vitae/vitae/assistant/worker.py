"""The assistant worker: chat replies (`assistant.reply_requested`) and AI jobs
(`assistant.job_requested`: tailored resumes, skills gaps), through one queue.

Each piece of work moves queued -> running -> done | failed, like matching's processings: claimed
and committed first (clients see `running`), computed outside any transaction, then finished under
a lock that checks it is still the work this delivery claimed; a redelivered message computes
nothing once it is finished (status guard, and the (event, consumer) record in processed_events
written with the result). Ollama failing a reply is retried by the queue (the message comes back
after its visibility timeout); the last of MAX_ATTEMPTS fails it with `ai_unavailable` (AI jobs
fall back to their deterministic method instead); any other failure of ours is retried the same
way and then fails the work with `internal_error`; a model that
answers nothing usable fails it at once (`invalid_reply`); a domain refusal (the job or resume is
gone, no profile) fails it with that reason.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from vitae.assistant import chat, repository
from vitae.assistant.models import GapIn, Provenance, TailorIn
from vitae.platform import consumers, db, events
from vitae.platform.config import settings
from vitae.platform.consumers import parse_incoming
from vitae.platform.db import Connection
from vitae.platform.errors import Conflict, DomainError, NotFound, Unavailable, Unprocessable
from vitae.platform.observability import flush_metrics, logger, metrics

CONSUMER = "assistant-worker"
MAX_ATTEMPTS = 3  # below the queue's maxReceiveCount (5), so the work fails before its message dead-letters
REASONS: dict[type[DomainError], str] = {NotFound: "not_found", Conflict: "conflict", Unprocessable: "unprocessable"}


@dataclass(frozen=True)
class Kind:
    """AI jobs and chat replies: the same life cycle over two tables."""

    name: str
    lock: Callable[[Connection, Any], dict[str, Any] | None]
    update: Callable[..., None]
    event_prefix: str


JOBS = Kind("AI job", repository.lock_job, repository.set_job, "assistant.job")
REPLIES = Kind("chat reply", repository.lock_message, repository.set_message, "assistant.reply")


def handle(event: dict[str, Any]) -> dict[str, Any]:
    """Run the work of each `assistant.*_requested` event in an SQS batch (EventBridge envelopes);
    other events are acknowledged untouched. A failing message is reported alone
    (ReportBatchItemFailures), so the queue delivers it again, after AI_RETRY_DELAY_SECONDS."""
    failures = []
    for message in event.get("Records", []):
        try:
            envelope = parse_incoming(message["body"], message["messageId"])
            if envelope.event_type == "assistant.reply_requested":
                outcome = run_reply(envelope.data["replyId"], str(envelope.event_id))
            elif envelope.event_type == "assistant.job_requested":
                outcome = run_job(envelope.data["jobId"], str(envelope.event_id))
            else:
                continue
            logger.info("assistant work handled", extra={"eventType": envelope.event_type, "outcome": outcome})
        except Exception as error:
            if not isinstance(error, Unavailable):
                from vitae.platform import alerts

                alerts.critical("assistant worker", error, messageId=message.get("messageId"))
            logger.exception("assistant work failed", extra={"messageId": message.get("messageId")})
            failures.append({"itemIdentifier": message["messageId"]})
            consumers.retry_later(message, settings().ai_retry_delay_seconds)
    flush_metrics()
    return {"batchItemFailures": failures}



def _fail(conn: Connection, kind: Kind, row: dict[str, Any], reason: str, message: str) -> uuid.UUID:
    kind.update(conn, row["id"], status="failed", failure_reason=reason, failure_message=message,
                completed_at=db.clock(conn))
    metrics.add_metric(name="AssistantWorkFailed", unit="Count", value=1)
    return events.emit(conn, f"{kind.event_prefix}_failed", row["user_id"], {"id": str(row["id"]), "reason": reason})


def _claim(kind: Kind, work_id: str) -> tuple[str, dict[str, Any] | None]:
    """Mark the work running for this attempt (committed). (outcome, row); row is None when there
    is nothing to compute: "gone" (deleted), "duplicate" (finished), "gave-up" (failed now)."""
    def claim(conn: Connection, emitted: list[uuid.UUID]) -> tuple[str, dict[str, Any] | None]:
        row = kind.lock(conn, uuid.UUID(work_id))
        if row is None:
            return "gone", None
        if row["status"] in ("done", "failed"):
            return "duplicate", None
        if row["attempts"] >= MAX_ATTEMPTS:
            emitted.append(_fail(conn, kind, row, "internal_error",
                                 f"The {kind.name} could not be completed; please ask again"))
            return "gave-up", None
        kind.update(conn, row["id"], status="running", attempts=row["attempts"] + 1)
        return "claimed", {**row, "status": "running", "attempts": row["attempts"] + 1}

    return events.transaction_then_publish(claim)


def _taken_from_us(conn: Connection, kind: Kind, row: dict[str, Any]) -> str | None:
    current = kind.lock(conn, row["id"])
    if current is None:
        return "gone"
    return None if current["status"] == "running" and current["attempts"] == row["attempts"] else "duplicate"


def _end(kind: Kind, row: dict[str, Any], event_id: str, fields: dict[str, Any] | None,
         failure: tuple[str, str] | None = None) -> str:
    """Finish the claimed work: done with `fields`, or failed with (reason, message)."""
    def end(conn: Connection, emitted: list[uuid.UUID]) -> str:
        if taken := _taken_from_us(conn, kind, row):
            return taken
        if not consumers.first_delivery(conn, event_id, CONSUMER):
            return "duplicate"
        if failure is not None:
            emitted.append(_fail(conn, kind, row, *failure))
            return "failed"
        assert fields is not None
        kind.update(conn, row["id"], status="done", completed_at=db.clock(conn), **fields)
        if kind is REPLIES:
            repository.touch_session(conn, row["session_id"], None)
        emitted.append(events.emit(conn, f"{kind.event_prefix}_completed", row["user_id"], {"id": str(row["id"])}))
        return "done"

    outcome = events.transaction_then_publish(end)
    if outcome == "done":
        metrics.add_metric(name="AssistantWorkCompleted", unit="Count", value=1)
    return outcome


def _refusal(error: DomainError) -> tuple[str, str]:
    reason = error.code or next((r for cls, r in REASONS.items() if isinstance(error, cls)), "refused")
    return reason, error.message


def _provenance(provenance: Provenance) -> dict[str, Any]:
    return {"method": provenance.method, "model": provenance.model, "model_version": provenance.model_version,
            "prompt_version": provenance.prompt_version}


def run_job(job_id: str, event_id: str) -> str:
    """Compute one AI job: "done", "failed", or "gone" / "duplicate" / "gave-up"."""
    outcome, row = _claim(JOBS, job_id)
    if row is None:
        return outcome
    caller = chat.acting_as(row["user_id"])
    try:
        if row["kind"] == "tailor":
            from vitae.assistant import tailoring

            # the job's own resume id: an attempt after an earlier one that made the resume replaces it
            result, provenance = tailoring.run(caller, TailorIn.model_validate(row["request"]),
                                               resume_id=tailoring.job_resume_id(row["id"]))
        else:
            from vitae.assistant import skills_gap

            result, provenance = skills_gap.run(caller, GapIn.model_validate(row["request"]))
    except Unavailable:
        raise  # the database or the cache: the queue tries again
    except DomainError as refused:
        return _end(JOBS, row, event_id, None, _refusal(refused))
    return _end(JOBS, row, event_id, {"result": result, **_provenance(provenance)})


def run_reply(reply_id: str, event_id: str) -> str:
    """Write one chat reply: "done", "failed", or "gone" / "duplicate" / "gave-up". Ollama failing
    is raised (the queue tries again) until the last attempt, which fails the reply."""
    from vitae.platform import ai

    outcome, row = _claim(REPLIES, reply_id)
    if row is None:
        return outcome
    with db.transaction() as conn:
        message = repository.lock_message(conn, row["reply_to"])
        history = repository.history_before(conn, row["session_id"], message["position"], chat.HISTORY_ROWS) \
            if message else []
    if message is None:
        return "gone"
    caller = chat.acting_as(row["user_id"])
    try:
        reply = chat.answer(caller, [{"role": h["role"], "content": h["content"]} for h in history],
                            message["content"])
    except chat.ContextFull as error:  # the window was made smaller since the message was accepted
        return _end(REPLIES, row, event_id, None, ("message_too_long", error.message))
    except ai.AiInvalidReply as error:
        return _end(REPLIES, row, event_id, None, ("invalid_reply", f"The model gave no usable reply: {error.message}"))
    except ai.AiUnavailable:
        if row["attempts"] < MAX_ATTEMPTS:
            raise
        return _end(REPLIES, row, event_id, None,
                    ("ai_unavailable", "The language model did not answer; please send the message again"))
    fields = {"content": reply.content, "tool_calls": reply.tool_calls, "suggestions": reply.suggestions,
              "model": reply.model, "model_version": ai.model_version(reply.model),
              "prompt_version": chat.PROMPT_VERSION}
    return _end(REPLIES, row, event_id, fields)
