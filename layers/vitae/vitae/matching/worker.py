"""The matching workers: processings (from the `matching.processing_requested` event, through a
queue) and presigned uploads of requirements and resume texts (S3 notifications, through a queue).

A processing moves queued -> running -> done | failed. The score is `scoring.assess` of the two
texts, always; when Ollama answers, one structured call writes the verdict and recommendation from
the breakdown and may name skills, each kept only if the texts show it (`scoring.mentions`). A
redelivered message computes nothing once the processing is done (status guard, and the
(event, consumer) record in processed_events written with the result). A failure of ours is
retried by the queue; after MAX_ATTEMPTS the processing fails instead of looping.
"""

import json
import time
import uuid
from datetime import UTC, date
from typing import Any

from vitae.matching import repository, scoring
from vitae.matching.models import LlmEvidence, LlmReview, MatchResult, Timings
from vitae.matching.service import REQUIREMENTS, RESUME_TEXTS, TextKind, cached_text, emit, read_document
from vitae.platform import consumers, db, events, storage
from vitae.platform.consumers import parse_incoming
from vitae.platform.db import Connection
from vitae.platform.errors import DomainError, TooLarge, UnsupportedMedia
from vitae.platform.observability import flush_metrics, logger, metrics

CONSUMER = "matching-processor"
MAX_ATTEMPTS = 3  # below the queue's maxReceiveCount, so the processing fails before its message dead-letters
FAILURE_REASONS: dict[type[DomainError], str] = {UnsupportedMedia: "unsupported_type", TooLarge: "too_large"}
PROMPT_TEXT_CHARS = 6000  # of each text, in the LLM's prompt
PROMPT_VERSION = "matching-review/1"  # bump when SYSTEM_PROMPT or the prompt's facts change

SYSTEM_PROMPT = (
    "You review a deterministic match of a resume against job requirements. The score and its "
    "breakdown are final: do not recompute them. Write a verdict (strong, good, partial or weak) and a "
    "recommendation of two to four sentences for the candidate, from the breakdown. In matched_skills "
    "name only skills that both texts show; in missing_skills only skills the requirements ask for that "
    "the resume does not show. Answer with JSON only."
)


# -- processings ---------------------------------------------------------------------------------


def handle_requests(event: dict[str, Any]) -> dict[str, Any]:
    """Run the processing of each `matching.processing_requested` event in an SQS batch (EventBridge
    envelopes, or the envelope sent directly); other events are acknowledged untouched. A failing
    message is reported alone (ReportBatchItemFailures)."""
    failures = []
    for message in event.get("Records", []):
        try:
            envelope = parse_incoming(message["body"], message["messageId"])
            if envelope.event_type == "matching.processing_requested":
                outcome = run(envelope.data["processingId"], str(envelope.event_id))
                logger.info("processing handled", extra={"processingId": envelope.data["processingId"],
                                                         "outcome": outcome})
        except Exception as error:
            from vitae.platform import alerts

            logger.exception("processing failed", extra={"messageId": message.get("messageId")})
            alerts.critical("matching processing", error, messageId=message.get("messageId"))
            failures.append({"itemIdentifier": message["messageId"]})
    flush_metrics()
    return {"batchItemFailures": failures}


def _claim(processing_id: str) -> tuple[str, dict[str, Any] | None]:
    """Mark the processing running for this attempt (committed, so clients see it). (outcome, row);
    row is None when there is nothing to compute."""
    def work(conn: Connection, emitted: list[uuid.UUID]) -> tuple[str, dict[str, Any] | None]:
        row = repository.lock_processing(conn, uuid.UUID(processing_id))
        if row is None:
            return "gone", None  # deleted, alone or with its requirements
        if row["status"] in ("done", "failed"):
            return "duplicate", None
        if row["attempts"] >= MAX_ATTEMPTS:
            emitted.append(_fail(conn, row, "internal_error",
                                 "The processing could not be completed; please start it again"))
            return "gave-up", None
        repository.set_processing(conn, row["id"], status="running", attempts=row["attempts"] + 1)
        return "claimed", {**row, "status": "running", "attempts": row["attempts"] + 1}

    return events.transaction_then_publish(work)


def _fail(conn: Connection, row: dict[str, Any], reason: str, message: str) -> uuid.UUID:
    """End the processing `failed`; returns the id of its `matching.processing_failed` event."""
    repository.set_processing(conn, row["id"], status="failed", failure_reason=reason, failure_message=message,
                              completed_at=db.clock(conn))
    metrics.add_metric(name="MatchingProcessingFailed", unit="Count", value=1)
    return emit(conn, "matching.processing_failed", row["user_id"], {
        "processingId": str(row["id"]), "requirementsId": str(row["requirements_id"]), "reason": reason})



def _taken_from_us(conn: Connection, row: dict[str, Any]) -> str | None:
    """None while the processing is still the one this delivery claimed; else "gone" (deleted
    meanwhile) or "duplicate" (finished or claimed again by another delivery)."""
    current = repository.lock_processing(conn, row["id"])
    if current is None:
        return "gone"
    return None if current["status"] == "running" and current["attempts"] == row["attempts"] else "duplicate"


def run(processing_id: str, event_id: str) -> str:
    """Compute one processing: "done", or "gone" / "duplicate" / "gave-up" / "failed"."""
    outcome, row = _claim(processing_id)
    if row is None:
        return outcome
    started = time.perf_counter()
    requirements_text = cached_text(REQUIREMENTS, row["requirements_id"])
    if requirements_text is None:
        return "gone"  # the requirements were deleted since: their processings went with them
    try:
        # "Present" in the resume ends on the day it was asked for: a redelivery next week scores the same
        result = compute(row["resume_text"], requirements_text, row["created_at"].astimezone(UTC).date(), started)
    except Exception as error:  # the scorer is pure: a crash is these texts' failure, not one to retry
        logger.exception("matching scorer failed", extra={"processingId": processing_id})
        message = f"The texts could not be scored ({type(error).__name__})"

        def fail(conn: Connection, emitted: list[uuid.UUID]) -> str:
            if taken := _taken_from_us(conn, row):
                return taken
            emitted.append(_fail(conn, row, "scoring_failed", message))
            return "failed"

        return events.transaction_then_publish(fail)

    def finish(conn: Connection, emitted: list[uuid.UUID]) -> str:
        if taken := _taken_from_us(conn, row):
            return taken
        if not consumers.first_delivery(conn, event_id, CONSUMER):
            return "duplicate"
        repository.set_processing(conn, row["id"], status="done", result=result.model_dump(mode="json", by_alias=True),
                                  completed_at=db.clock(conn))
        emitted.append(emit(conn, "matching.processing_completed", row["user_id"], {
            "processingId": str(row["id"]), "requirementsId": str(row["requirements_id"]), "score": result.score,
            "verdict": result.verdict, "method": result.method, "scoringVersion": result.scoring_version}))
        return "done"

    outcome = events.transaction_then_publish(finish)
    if outcome == "done":
        metrics.add_metric(name="MatchingProcessingCompleted", unit="Count", value=1)
    return outcome


def compute(resume_text: str, requirements_text: str, as_of: date, started: float | None = None) -> MatchResult:
    """The result of one resume text against one requirements text as of a day (see
    `scoring.assess`), then (when Ollama gives a valid answer) the LLM's verdict, recommendation
    and checked evidence."""
    started = time.perf_counter() if started is None else started
    scoring_started = time.perf_counter()
    assessment = scoring.assess(resume_text, requirements_text, as_of)
    scoring_ms = (time.perf_counter() - scoring_started) * 1000
    llm_started = time.perf_counter()
    review = _review(assessment, resume_text, requirements_text)
    llm_ms = (time.perf_counter() - llm_started) * 1000
    fields = assessment.model_dump(exclude={"verdict", "recommendation"})
    timings = Timings(scoring_ms=round(scoring_ms, 3), llm_ms=round(llm_ms, 3),
                      total_ms=round((time.perf_counter() - started) * 1000, 3))
    if review is None:
        return MatchResult(verdict=assessment.verdict, recommendation=assessment.recommendation,
                           method="deterministic", timings=timings, **fields)
    from vitae.platform.ai import model_of, model_version

    model = model_of("fast")
    return MatchResult(verdict=review.verdict, recommendation=review.recommendation, method="deterministic+llm",
                       llm_evidence=checked_evidence(review, resume_text, requirements_text), timings=timings,
                       model=model, model_version=model_version(model), prompt_version=PROMPT_VERSION, **fields)


def checked_evidence(review: LlmReview, resume_text: str, requirements_text: str) -> LlmEvidence:
    """The LLM's skills that the texts support: a matched one must show in both texts, a missing
    one in the requirements (DESIGN.md 3: AI output claiming facts about a document is checked)."""
    matched = [s for s in dict.fromkeys(review.matched_skills)
               if scoring.mentions(resume_text, s) and scoring.mentions(requirements_text, s)]
    missing = [s for s in dict.fromkeys(review.missing_skills) if scoring.mentions(requirements_text, s)]
    dropped = [s for s in dict.fromkeys(review.matched_skills) if s not in matched]
    dropped += [s for s in dict.fromkeys(review.missing_skills) if s not in missing and s not in dropped]
    return LlmEvidence(matched=matched, missing=missing, dropped=dropped)


def _review(assessment: scoring.Assessment, resume_text: str, requirements_text: str) -> LlmReview | None:
    """One structured call; None when Ollama is off, down, slow or answers outside the schema."""
    from vitae.platform.ai import AiUnavailable, structured

    facts = {"score": assessment.score, "deterministicVerdict": assessment.verdict,
             "breakdown": assessment.breakdown.model_dump(mode="json", by_alias=True),
             "matched": [e.name for e in assessment.matches], "missing": [e.name for e in assessment.missing]}
    messages = [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": f"Assessment:\n{json.dumps(facts)}\n\nRequirements:\n"
                                    f"{requirements_text[:PROMPT_TEXT_CHARS]}\n\nResume:\n{resume_text[:PROMPT_TEXT_CHARS]}"},
    ]
    try:
        return structured(LlmReview, messages, task="fast")
    except AiUnavailable as error:
        logger.warning("matching without the LLM", extra={"error": error.message})
    except Exception:  # the LLM only words a result that is already complete: never lose it to the LLM
        logger.exception("matching without the LLM: unexpected failure of the call")
    return None


# -- presigned uploads ---------------------------------------------------------------------------


def _kind_of(key: str) -> TextKind | None:
    return next((kind for kind in (REQUIREMENTS, RESUME_TEXTS) if key.startswith(f"{kind.prefix}/")), None)


def process_upload(key: str, size: int) -> str:
    """Read the text of a file uploaded through a presigned POST into its requirements or resume
    text: "ready", or "rejected" (the text `failed` with a reason), "unknown" / "duplicate" (no
    text waits for these bytes). The object is deleted either way: only the text is kept."""
    from vitae.matching.service import UPLOAD_MAX_BYTES

    kind = _kind_of(key)
    if kind is None:
        return "unknown"
    with db.transaction() as conn:
        row = repository.text_by_upload_key(conn, kind.table, key)
    if row is None or row["status"] != "awaiting_upload":
        storage.delete_object(key)
        return "unknown" if row is None else "duplicate"
    failure: tuple[str, str] | None = None
    text = None
    if size > UPLOAD_MAX_BYTES:
        failure = ("too_large", f"The file is larger than {UPLOAD_MAX_BYTES // (1024 * 1024)} MB")
    else:
        try:
            text = read_document(storage.read_object(key))
        except DomainError as refused:
            reason = refused.code or FAILURE_REASONS.get(type(refused), "unreadable")
            failure = (reason, refused.message)

    def work(conn: Connection, emitted: list[uuid.UUID]) -> str:
        current = repository.text_by_upload_key(conn, kind.table, key)
        if current is None or current["status"] != "awaiting_upload":
            return "duplicate"
        if failure is not None:
            repository.set_text(conn, kind.table, current["id"], status="failed", failure_reason=failure[0],
                                failure_message=failure[1])
            return "rejected"
        assert text is not None
        repository.set_text(conn, kind.table, current["id"], status="ready", text=text)
        emitted.append(emit(conn, kind.created_event, current["user_id"], {
            kind.id_field: str(current["id"]), "title": current["title"], "source": "upload", "length": len(text)}))
        return "ready"

    outcome = events.transaction_then_publish(work)
    storage.delete_object(key)
    return outcome
