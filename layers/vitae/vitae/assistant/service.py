"""The rules of the assistant's API (seed [G], DESIGN.md 6 "Assistant"): AI jobs and chat.

Everything that calls the LLM runs in the assistant worker (`vitae.assistant.worker`): the API
stores the work and its `assistant.*_requested` event in one transaction and answers 202 with the
job's or the reply's id; the client polls. Each request that starts AI work counts against the
caller's AI quota (AI_QUOTA_PER_MINUTE and AI_QUOTA_PER_DAY; 429 with Retry-After past either). A
chat message needs the model itself: when Ollama does not answer, or lacks the model, the API says
503 `ai_unavailable` before anything is stored. Tailoring and skills gaps have deterministic
methods, so they are accepted without it. Everything is owner-only: another user's id is a 404.
"""

import uuid
from typing import Any, Literal

from vitae.assistant import repository
from vitae.assistant.models import (
    AiJobAccepted,
    AiJobView,
    ChatMessageIn,
    Failure,
    GapIn,
    MessageAccepted,
    MessageIn,
    MessagePage,
    MessagesQuery,
    MessageView,
    SessionIn,
    SessionPage,
    SessionView,
    TailorIn,
)
from vitae.platform import consumers, db, events, ratelimit
from vitae.platform.api import Answer, PageQuery, Response, keyset_after, keyset_page
from vitae.platform.auth import Principal
from vitae.platform.config import settings
from vitae.platform.db import Connection
from vitae.platform.errors import Conflict, NotFound, RateLimited, Unavailable, Unprocessable, parse_id
from vitae.platform.observability import metrics

JobKind = Literal["tailor", "skills_gap"]
TITLE_CHARS = 80  # of the first message, as an untitled session's title
# (bucket, window in seconds, setting, unit named in the refusal): the per-user AI quota, counted in this order
QUOTAS = (("ai_minute", 60, "ai_quota_per_minute", "minute"), ("ai_day", 24 * 3600, "ai_quota_per_day", "day"))


JOB_ACCEPTED = Answer(202, "Queued: poll the AI job at Location until it is done or failed", AiJobAccepted,
                      headers=("Location",))
MESSAGE_ACCEPTED = Answer(202, "Queued: poll the session's messages at Location until the reply is done",
                          MessageAccepted, headers=("Location",))


def accepted(answer: AiJobAccepted | MessageAccepted) -> Response:
    """202 with the Location to poll: the AI job, or the session's messages after the user's message."""
    if isinstance(answer, AiJobAccepted):
        return Response(202, answer, {"location": f"/v1/ai-jobs/{answer.id}"})
    return Response(202, answer, {"location": f"/v1/chat/sessions/{answer.session_id}/messages?after="
                                              f"{answer.message.id}"})


def charge_quota(caller: Principal) -> None:
    """Count one AI request of the caller against the per-minute and per-day quotas. Raises
    RateLimited (429, Retry-After: when the window that refused ends) past either. Without Redis
    the request passes (the limit protects the service; it must not become its outage)."""
    s = settings()
    for bucket, window, setting, unit in QUOTAS:
        limit = getattr(s, setting)
        decision = ratelimit.hit(bucket, caller.user_id, limit, window)
        if decision is not None and not decision.allowed:
            raise RateLimited(f"AI quota reached: {limit} requests a {unit}; try again in {decision.reset_seconds} s",
                              headers=decision.headers(), code="ai_quota_exceeded")


def require_ai() -> str:
    """The chat model, once Ollama has said it has it; raises Unavailable (503 `ai_unavailable`)."""
    from vitae.platform.ai import AiUnavailable, require_model

    try:
        return require_model("reasoning")
    except AiUnavailable as error:
        raise Unavailable(f"The assistant cannot answer right now ({error.message}); try again later",
                          dependency="ollama", code="ai_unavailable") from error


# -- AI jobs -------------------------------------------------------------------------------------


def _failure(row: dict[str, Any]) -> Failure | None:
    """Why an AI job or a reply failed, None when it did not."""
    return Failure(reason=row["failure_reason"], message=row["failure_message"]) if row["failure_reason"] else None


def _job_view(row: dict[str, Any]) -> AiJobView:
    return AiJobView(failure=_failure(row), **{k: row[k] for k in (
        "id", "kind", "status", "request", "result", "method", "model", "model_version", "prompt_version",
        "created_at", "updated_at", "completed_at")})


def _check_references(caller: Principal, body: TailorIn | GapIn) -> None:
    """Refuse now, rather than with a failed job later: NotFound for a job or base resume that is
    not there (or not the caller's), Conflict `profile_required` when the caller has neither a
    candidate profile nor a resume to work from, Unprocessable `unknown_role` for a role the
    catalogue has no job of. Each domain is imported where its check runs, and the checks that read
    no view ask the domains' lookups, which load none of their models (~7-10 ms each at a cold start)."""
    if body.job_id is not None:
        from vitae.jobs import service as jobs

        jobs.get_job(str(body.job_id))
    if isinstance(body, TailorIn) and body.base_resume_id is not None:
        from vitae.resumes import service as resumes

        resumes.get_resume(caller, str(body.base_resume_id))
    elif not _has_profile(caller) and _default_resume_id(caller) is None:
        raise Conflict("Create a candidate profile (PUT /v1/profile) or a resume (POST /v1/resumes) first",
                       code="profile_required")
    if isinstance(body, GapIn) and body.target_role is not None and not _role_has_jobs(body.target_role):
        raise Unprocessable(f"No jobs for the role {body.target_role!r} in the catalogue: paste a job description "
                            "instead (jobDescription)", code="unknown_role")


def _has_profile(caller: Principal) -> bool:
    from vitae.candidates.lookups import has_profile

    return has_profile(caller)


def _default_resume_id(caller: Principal) -> uuid.UUID | None:
    from vitae.resumes.lookups import default_resume_id

    return default_resume_id(caller)


def _role_has_jobs(role: str) -> bool:
    from vitae.jobs.lookups import role_skill_keys

    return bool(role_skill_keys(role, 1))


def create_job(caller: Principal, kind: JobKind, body: TailorIn | GapIn) -> AiJobAccepted:
    """Queue a tailoring or a skills gap (202): stored with its request and its
    `assistant.job_requested` event in one transaction. Raises what `_check_references` raises,
    RateLimited past the AI quota."""
    _check_references(caller, body)
    charge_quota(caller)
    request = body.model_dump(mode="json", by_alias=True, exclude_none=True)

    def work(conn: Connection, emitted: list[uuid.UUID]) -> dict[str, Any]:
        with db.registered(caller.user_id):
            row = repository.insert_job(conn, {
                "id": uuid.uuid4(), "user_id": caller.user_id, "kind": kind, "request": request})
        emitted.append(events.emit(conn, "assistant.job_requested", caller.user_id,
                                   {"jobId": str(row["id"]), "kind": kind}))
        return row

    row = events.transaction_then_publish(work)
    metrics.add_metric(name="AiJobRequested", unit="Count", value=1)
    return AiJobAccepted(id=row["id"], kind=row["kind"], status=row["status"])


def get_job(caller: Principal, job_id: str) -> AiJobView:
    """GET /v1/ai-jobs/{id}: the caller's AI job; NotFound for another's or an unknown id."""
    row = repository.owned_job(db.connection(), parse_id(job_id, "AI job"), caller.user_id)
    if row is None:
        raise NotFound.by_id("AI job", job_id)
    return _job_view(row)


# -- chat ----------------------------------------------------------------------------------------


def _session_view(row: dict[str, Any]) -> SessionView:
    return SessionView(**{k: row[k] for k in ("id", "title", "created_at", "updated_at")})


def message_view(row: dict[str, Any]) -> MessageView:
    """A chat message row as the API shows it."""
    return MessageView(failure=_failure(row), **{k: row[k] for k in (
        "id", "session_id", "role", "status", "content", "reply_to", "tool_calls", "suggestions", "model",
        "model_version", "prompt_version", "created_at", "completed_at")})


def _owned_session(conn: Connection, caller: Principal, session_id: str | uuid.UUID,
                   for_update: bool = False) -> dict[str, Any]:
    row = repository.owned_session(conn, parse_id(str(session_id), "Chat session"), caller.user_id, for_update)
    if row is None:
        raise NotFound.by_id("Chat session", session_id)
    return row


def create_session(caller: Principal, body: SessionIn) -> SessionView:
    """POST /v1/chat/sessions: a new, empty session (NotFound for a caller who has not registered)."""
    with db.registered(caller.user_id) as conn:
        row = repository.insert_session(conn, {"id": uuid.uuid4(), "user_id": caller.user_id, "title": body.title})
    return _session_view(row)


def list_sessions(caller: Principal, query: PageQuery) -> SessionPage:
    """The caller's sessions, newest first (each with the time of its latest message, `updatedAt`)."""
    rows = repository.page_sessions(db.connection(), caller.user_id, query.limit + 1, keyset_after(query.cursor))
    items, next_cursor = keyset_page(rows, query.limit, _session_view)
    return SessionPage(items=items, next_cursor=next_cursor)


def delete_session(caller: Principal, session_id: str) -> None:
    """Delete a session and its messages (a reply still being written is dropped with it)."""
    with db.transaction() as conn:
        if not repository.delete_session(conn, parse_id(session_id, "Chat session"), caller.user_id):
            raise NotFound.by_id("Chat session", session_id)


def post_message(caller: Principal, session_id: str | uuid.UUID | None, body: MessageIn) -> MessageAccepted:
    """Store the caller's message and queue its reply (202), in one transaction with the
    `assistant.reply_requested` event; without `session_id`, in a new session. Raises NotFound for a
    session that is not the caller's, Invalid (`message_too_long`) for a message the model's context
    window cannot hold, Unavailable (503 `ai_unavailable`) when Ollama cannot answer,
    RateLimited past the AI quota; nothing is stored then."""
    from vitae.assistant.chat import check_fits

    if session_id is not None:
        _owned_session(db.connection(), caller, session_id)
    check_fits(body.content)
    require_ai()
    charge_quota(caller)

    def work(conn: Connection, emitted: list[uuid.UUID]) -> MessageAccepted:
        if session_id is None:
            with db.registered(caller.user_id):
                session = repository.insert_session(conn, {
                    "id": uuid.uuid4(), "user_id": caller.user_id, "title": None})
        else:
            session = _owned_session(conn, caller, session_id, for_update=True)  # deleted meanwhile: 404
        message = repository.insert_message(conn, {
            "id": uuid.uuid4(), "session_id": session["id"], "user_id": caller.user_id, "role": "user",
            "content": body.content, "status": "done"})
        reply = repository.insert_message(conn, {
            "id": uuid.uuid4(), "session_id": session["id"], "user_id": caller.user_id, "role": "assistant",
            "status": "queued", "reply_to": message["id"]})
        repository.touch_session(conn, session["id"], body.content[:TITLE_CHARS])
        emitted.append(events.emit(conn, "assistant.reply_requested", caller.user_id, {
            "sessionId": str(session["id"]), "messageId": str(message["id"]), "replyId": str(reply["id"])}))
        return MessageAccepted(session_id=session["id"], message=message_view(message), reply=message_view(reply))

    accepted = events.transaction_then_publish(work)
    metrics.add_metric(name="ChatMessagePosted", unit="Count", value=1)
    return accepted


def send_message(caller: Principal, body: ChatMessageIn) -> MessageAccepted:
    """Seed [G]'s POST /chat/message: `post_message` to `sessionId`, or to a new session."""
    return post_message(caller, body.session_id, MessageIn(content=body.message))


def list_messages(caller: Principal, session_id: str, query: MessagesQuery) -> MessagePage:
    """A session's messages in order (the user's and the replies with their status); with
    `after`, only those after that message (NotFound when it is not one of this session's)."""
    conn = db.connection()
    session = _owned_session(conn, caller, session_id)
    position = None
    if query.after is not None:
        position = repository.message_position(conn, session["id"], query.after)
        if position is None:
            raise NotFound.by_id("Chat message", query.after)
    rows = repository.messages(conn, session["id"], position, query.limit)
    return MessagePage(items=[message_view(row) for row in rows])


def forget_user(conn: Connection, event: consumers.EventEnvelope) -> None:
    """After `user.deleted`: the user's chat sessions (with their messages), AI jobs and learning
    resources go, so a revived account starts empty."""
    repository.forget_user(conn, event.user_id)
