"""The assistant's reply to a chat message (seed [G]'s supervisor and its agents, as one model that
calls Vitae itself as tools through Ollama tool calling).

A reply sees: the system part (what the assistant is, the caller's profile summary), then as much
of the session's history as fits the model's context window, then the new message. The window is
AI_NUM_CTX tokens, of which AI_REPLY_TOKENS are kept for the reply and the tools' schemas and
answers take their share; the history is trimmed oldest first, never the system part nor the new
message. Tokens are estimated at CHARS_PER_TOKEN characters each: a conservative figure (English
averages about four characters a token with Llama's and OpenAI's tokenizers; other languages,
code and numbers take fewer), so the estimate errs towards trimming, not towards Ollama's silent
cut of the prompt's start.

The model may ask for tools (`TOOLS`): search jobs, recommend jobs, a skills gap, the caller's
applications, their profile. Each call runs as the caller, through the domains' services, and is
recorded with the reply (name, arguments, result or error). At most MAX_TOOL_STEPS rounds of tool
calls; the round after the last is offered no tools, so the model has to answer. An empty answer is
a failure (AiInvalidReply), never a reply; a web address in the answer that is not one of the
learning catalogue's is taken out (`links.without_unknown_links`): links come from the catalogue.
"""

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from vitae.assistant import catalogue
from vitae.assistant.links import has_url, without_unknown_links
from vitae.platform.auth import Principal, Role
from vitae.platform.config import settings
from vitae.platform.errors import DomainError, Invalid, Unavailable
from vitae.platform.observability import logger

PROMPT_VERSION = "chat/1"
MAX_TOOL_STEPS = 3  # rounds of tool calls in one reply (issue 14)
MAX_CALLS_PER_STEP = 3  # tool calls honoured in one round; the rest are answered "not run"
CHARS_PER_TOKEN = 3
MESSAGE_OVERHEAD_TOKENS = 4  # the chat template's role markers around each message
TOOL_RESULT_CHARS = 2000  # of a tool's answer, as the model and the stored reply see it
PROFILE_CHARS = 1500  # of the profile summary in the system part
HISTORY_ROWS = 200  # messages read back at most; the token budget usually stops sooner

SYSTEM_PROMPT = (
    "You are Vitae's career assistant. You help the user with their job search, resume, skills and "
    "applications. Use the tools to look things up in Vitae instead of guessing: job search, job "
    "recommendations, a skills gap for a role or a job, the user's applications, their profile. Never "
    "invent jobs, employers, links or facts about the user; say when you do not know. Answer briefly and "
    "concretely, in the user's language."
)


# -- tools ---------------------------------------------------------------------------------------


class SearchJobsArgs(BaseModel):
    """search_jobs' arguments: words, and optionally a location and remote work."""

    query: str = Field(min_length=1, max_length=200)
    location: str | None = Field(None, min_length=1, max_length=100)
    remote: bool | None = None


class RecommendJobsArgs(BaseModel):
    """recommend_jobs' arguments: how many (1 to 5)."""

    limit: int = Field(5, ge=1, le=5)


class SkillsGapArgs(BaseModel):
    """skills_gap's arguments: a target role or a catalogue job's id (exactly one, as GapIn says)."""

    target_role: str | None = Field(None, alias="targetRole", min_length=2, max_length=200)
    job_id: str | None = Field(None, alias="jobId")


class ApplicationsArgs(BaseModel):
    """list_applications' arguments: a status to keep, if any."""

    status: str | None = None


class NoArgs(BaseModel):
    """A tool without arguments (get_profile)."""

    pass


@dataclass(frozen=True)
class Tool:
    """A function the model may call: its name, what it is for (the model reads this), its
    arguments' model (their JSON schema is what Ollama offers the model) and what runs it."""

    name: str
    description: str
    arguments: type[BaseModel]
    run: Callable[[Principal, Any], Any]

    def schema(self) -> dict[str, Any]:
        """The tool as Ollama's `tools` parameter takes it (OpenAI's function format)."""
        parameters = self.arguments.model_json_schema(by_alias=True)
        parameters.pop("title", None)
        for spec in parameters.get("properties", {}).values():
            spec.pop("title", None)
        return {"type": "function", "function": {"name": self.name, "description": self.description,
                                                 "parameters": parameters}}


def _job_line(job: Any) -> dict[str, Any]:
    return {"id": str(job.id), "title": job.title, "company": job.company, "location": job.location,
            "remote": job.remote}


def _search_jobs(caller: Principal, args: SearchJobsArgs) -> Any:
    from vitae.jobs import service as jobs
    from vitae.jobs.models import SearchQuery

    page = jobs.search(SearchQuery(q=args.query, location=args.location, remote=args.remote, limit=5))
    return {"jobs": [_job_line(hit) for hit in page.items], "correctedQuery": page.corrected_query}


def _recommend_jobs(caller: Principal, args: RecommendJobsArgs) -> Any:
    from vitae.jobs.models import RecommendationQuery
    from vitae.jobs.recommendations import recommend

    found = recommend(caller, RecommendationQuery(limit=args.limit))
    return {"jobs": [{**_job_line(r.job), "score": r.score, "matchedSkills": r.reasons.matched_skills,
                      "missingSkills": r.reasons.missing_skills} for r in found.items]}


def _skills_gap(caller: Principal, args: SkillsGapArgs) -> Any:
    from vitae.assistant import skills_gap
    from vitae.assistant.models import GapIn

    result, _ = skills_gap.run(caller, GapIn(target_role=args.target_role, job_id=args.job_id), use_llm=False)
    return {"target": result["target"], "have": [h["skill"] for h in result["have"]],
            "missing": [{"skill": m["skill"], "importance": m["importance"]} for m in result["missing"]]}


def _applications(caller: Principal, args: ApplicationsArgs) -> Any:
    from vitae.applications import service as applications
    from vitae.applications.models import ApplicationQuery

    page = applications.list_applications(caller, ApplicationQuery(status=args.status, limit=20))
    return {"applications": [{"id": str(a.id), "status": a.status, "title": a.job.title, "company": a.job.company,
                              "appliedAt": a.applied_at.isoformat() if a.applied_at else None} for a in page.items]}


def _profile(caller: Principal, args: NoArgs) -> Any:
    return {"profile": profile_summary(caller) or "The user has no candidate profile yet."}


TOOLS = {tool.name: tool for tool in (
    Tool("search_jobs", "Search Vitae's job catalogue by words (title, skills), optionally by location or "
         "remote work. Returns up to 5 jobs.", SearchJobsArgs, _search_jobs),
    Tool("recommend_jobs", "The catalogue jobs that fit the user's profile best, with the skills each "
         "matches and misses.", RecommendJobsArgs, _recommend_jobs),
    Tool("skills_gap", "The skills the user has and lacks for a target role (targetRole) or a catalogue "
         "job (jobId), most important first.", SkillsGapArgs, _skills_gap),
    Tool("list_applications", "The user's job applications and their status (saved, applied, screening, "
         "interviewing, offer, accepted, rejected, withdrawn), optionally of one status.", ApplicationsArgs,
         _applications),
    Tool("get_profile", "The user's candidate profile: headline, summary, experience, education, skills.",
         NoArgs, _profile),
)}


def _shortened(value: Any) -> Any:
    """A tool's answer within TOOL_RESULT_CHARS characters of JSON (a longer one is cut and marked)."""
    text = json.dumps(value, default=str)
    return value if len(text) <= TOOL_RESULT_CHARS else {"truncated": text[:TOOL_RESULT_CHARS]}


def call_tool(caller: Principal, name: str, arguments: Any) -> dict[str, Any]:
    """Run one tool call as the caller: {name, arguments, result} or {name, arguments, error}. A
    tool the model made up, arguments that do not fit, or a domain error (a job that is not there,
    no profile) become the error the model reads; a dependency that is Unavailable (the database, the
    cache) is raised, so the queue tries the reply again; anything else is a bug and is raised."""
    arguments = arguments if isinstance(arguments, dict) else {}
    tool = TOOLS.get(name)
    if tool is None:
        return {"name": name, "arguments": arguments, "error": f"There is no tool named {name}"}
    try:
        result = tool.run(caller, tool.arguments.model_validate(arguments))
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        return {"name": name, "arguments": arguments, "error": f"Invalid arguments: {problems}"}
    except Unavailable:
        raise  # the database or the cache: the reply is tried again, not answered without the tool
    except DomainError as error:
        return {"name": name, "arguments": arguments, "error": error.message}
    return {"name": name, "arguments": arguments, "result": _shortened(result)}


def _unlinked(value: Any) -> Any:
    """`value` (strings, lists, dicts) with its web addresses outside the catalogue taken out."""
    if isinstance(value, str):
        return without_unknown_links(value, catalogue.urls())[0]
    if isinstance(value, list):
        return [_unlinked(item) for item in value]
    if isinstance(value, dict):
        return {key: _unlinked(item) for key, item in value.items()}
    return value


def shown(call: dict[str, Any]) -> dict[str, Any]:
    """A tool call as it is stored and shown with the reply: what the model wrote (the name, the
    arguments, and so the error that quotes them) without web addresses outside the catalogue;
    the tool's result (Vitae's own data) as it is."""
    return {**_unlinked({key: value for key, value in call.items() if key != "result"}),
            **({"result": call["result"]} if "result" in call else {})}


# -- context -------------------------------------------------------------------------------------


def tokens(text: str) -> int:
    """The estimated tokens of one message of `text` (see the module docstring)."""
    return math.ceil(len(text) / CHARS_PER_TOKEN) + MESSAGE_OVERHEAD_TOKENS


@cache
def tool_schemas() -> list[dict[str, Any]]:
    """The TOOLS as Ollama's `tools` parameter takes them (built once per container)."""
    return [tool.schema() for tool in TOOLS.values()]


def budget() -> int:
    """The tokens the prompt may take: the context window less the reply's share and the tools'."""
    s = settings()
    return s.ai_num_ctx - s.ai_reply_tokens - tokens(json.dumps(tool_schemas()))


class ContextFull(Invalid):
    """The system part and the message alone do not fit the context window (AI_NUM_CTX less
    AI_REPLY_TOKENS and the tools' schemas): sent anyway, Ollama would cut the prompt's start."""

    def __init__(self, most: int):
        super().__init__(f"The message is too long for the assistant's context window: at most {max(most, 0)} "
                         "characters (AI_NUM_CTX)", code="message_too_long")


LEFT_OUT = json.dumps({"error": "This answer was left out: the context window is full"})


def fitted(system: str, history_newest_first: list[dict[str, str]], message: str, available: int,
           turn: list[dict[str, Any]] | None = None) -> list[dict]:
    """The prompt's messages: the system part, as much of the history as fits in `available`
    tokens with everything else (the newest kept, the oldest trimmed first; a message is kept whole
    or not at all), the new message, then this reply's `turn` so far (the model's tool calls and
    the tools' answers; when they alone overflow, the oldest answers are left out). The system part
    and the new message are never trimmed: ContextFull when they alone do not fit."""
    turn = turn or []
    left = available - tokens(system) - tokens(message)
    if left < 0:
        raise ContextFull((available - tokens(system) - MESSAGE_OVERHEAD_TOKENS) * CHARS_PER_TOKEN)
    for step in turn:
        left -= _turn_tokens(step)
    for step in turn:  # the oldest tools' answers give way first
        if left >= 0:
            break
        if step["role"] == "tool" and step["content"] != LEFT_OUT:
            left += _turn_tokens(step) - tokens(LEFT_OUT)
            step["content"] = LEFT_OUT
    kept: list[dict[str, str]] = []
    for earlier in history_newest_first:
        cost = tokens(earlier["content"])
        if cost > left:
            break
        left -= cost
        kept.append(earlier)
    return [{"role": "system", "content": system}, *reversed(kept), {"role": "user", "content": message}, *turn]


def _turn_tokens(step: dict[str, Any]) -> int:
    return tokens(step["content"] + json.dumps(step.get("tool_calls") or []))


def check_fits(message: str) -> None:
    """Raise ContextFull (400 `message_too_long`) for a message that, with the largest system part
    (the instructions and a full profile summary), would not fit the context window."""
    fitted(SYSTEM_PROMPT + "\n\n" + "x" * PROFILE_CHARS, [], message, budget())


def profile_summary(caller: Principal) -> str | None:
    """The caller's candidate profile as text (at most PROFILE_CHARS characters), None without one."""
    from vitae.candidates import service as candidates
    from vitae.matching.service import profile_text
    from vitae.platform.errors import NotFound

    try:
        profile = candidates.own_profile(candidates.Actor(caller, None))
    except NotFound:
        return None
    return profile_text(profile)[:PROFILE_CHARS]


def system_part(caller: Principal) -> str:
    """The system message: the instructions and the caller's profile summary (PROFILE_CHARS at most)."""
    summary = profile_summary(caller)
    about = f"The user's profile:\n{summary}" if summary else "The user has no candidate profile yet."
    return f"{SYSTEM_PROMPT}\n\n{about}"


def acting_as(user_id: str) -> Principal:
    """The user a reply is written for, as the services know callers (a user, not an admin)."""
    return Principal(user_id=str(user_id), email=None, role=Role.USER,
                     expires_at=datetime.now(UTC) + timedelta(minutes=15))


# -- the reply -----------------------------------------------------------------------------------


@dataclass
class Reply:
    """A finished reply: its text, the model that wrote it, the tool calls made and the suggestions."""

    content: str
    model: str
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)


def answer(caller: Principal, history_newest_first: list[dict[str, str]], message: str) -> Reply:
    """The assistant's reply to `message` after `history` (see the module docstring), each call's
    prompt fitted to the context window anew (`fitted`). Raises AiUnavailable when Ollama fails,
    AiInvalidReply when it answers nothing, ContextFull when the message cannot fit."""
    from vitae.platform import ai

    system, available = system_part(caller), budget()
    schemas = tool_schemas()
    calls: list[dict[str, Any]] = []
    turn: list[dict[str, Any]] = []
    for step in range(MAX_TOOL_STEPS + 1):
        offered = schemas if step < MAX_TOOL_STEPS else None
        messages = fitted(system, history_newest_first, message, available, turn)
        reply = ai.chat(messages, tools=offered, task="reasoning")
        asked = list(reply.tool_calls or []) if offered else []
        if not asked:
            content = (reply.content or "").strip()
            if not content:
                raise ai.AiInvalidReply("The model gave an empty reply")
            content, removed = without_unknown_links(content, catalogue.urls())
            if removed:
                logger.info("links outside the catalogue taken out of a reply", extra={"removed": removed})
            return Reply(content=content, model=ai.model_of("reasoning"), tool_calls=calls,
                         suggestions=suggestions(calls))
        turn.append({"role": "assistant", "content": reply.content or "",
                     "tool_calls": [{"function": {"name": c.function.name, "arguments": c.function.arguments}}
                                    for c in asked]})
        for index, asked_call in enumerate(asked):
            name, arguments = asked_call.function.name, dict(asked_call.function.arguments or {})
            done = (call_tool(caller, name, arguments) if index < MAX_CALLS_PER_STEP else
                    {"name": name, "arguments": arguments, "error": "Not run: too many tool calls at once"})
            calls.append(shown(done))
            turn.append({"role": "tool", "tool_name": name,
                         "content": json.dumps(done.get("result", {"error": done.get("error")}), default=str)})
    raise AssertionError("unreachable: the last round offers no tools")


def suggestions(calls: list[dict[str, Any]]) -> list[str]:
    """Seed [G]'s suggested follow-up prompts: what the assistant can do next with what this reply
    found (a job it found: its skills gap, a tailored resume), else the tools not used yet. Written
    from the tools' results, never by the model: each names only what Vitae holds, and one that would
    carry a web address (a job titled with one) is left out."""
    found: list[str] = []
    for call in calls:
        result = call.get("result")
        for job in (result.get("jobs") or [])[:1] if isinstance(result, dict) else []:
            found += [f"What skills am I missing for the {job['title']} job at {job['company']}?",
                      f"Tailor my resume for the {job['title']} job at {job['company']}."]
    found = [prompt for prompt in found if not has_url(prompt)]  # a job titled with an address
    used = {call["name"] for call in calls}
    defaults = {"recommend_jobs": "Which jobs fit my profile best?",
                "list_applications": "How are my job applications going?",
                "skills_gap": "What skills should I learn next for my target role?",
                "get_profile": "How could I make my profile stronger?"}
    found += [prompt for name, prompt in defaults.items() if name not in used]
    return list(dict.fromkeys(found))[:3]
