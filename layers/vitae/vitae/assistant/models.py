"""The assistant on the wire (seed [G], DESIGN.md 6 "Assistant"), in camelCase: AI jobs (tailored
resumes, skills gaps) polled at /v1/ai-jobs/{id}, chat sessions and messages, learning resources,
and what every AI result records of how it was made (`Provenance`)."""

import ipaddress
import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal, Self
from urllib.parse import urlsplit, urlunsplit

from pydantic import AfterValidator, Field, StringConstraints, WithJsonSchema, field_validator, model_validator

from vitae.assistant.catalogue import ResourceType, by_id
from vitae.platform.api import ApiModel, PageQuery
from vitae.platform.validation import Matching, ShownText, document_text, has_visible_text

Method = Literal["deterministic", "deterministic+llm", "llm"]
Status = Literal["queued", "running", "done", "failed"]


def _visible(text: str) -> str:
    if not has_visible_text(text):
        raise ValueError("must have visible text (not only spaces, controls or zero-width characters)")
    return text


# A pasted job description: a long posting fits, a book does not; text as matching reads it.
Description = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000),
                        AfterValidator(document_text)]
Role = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200),
                 Matching(r"[^\W\d_]", "must name a role")]
MessageText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000),
                        AfterValidator(_visible)]
Template = Literal["classic", "modern"]


@dataclass(frozen=True)
class Provenance:
    """How an AI result was made: `method` (deterministic rules alone, or with an LLM's words),
    the Ollama model that answered and its digest (None when no model did), and the version of the
    prompt (or of the rules, without a model) that produced it."""

    method: Method
    model: str | None
    model_version: str | None
    prompt_version: str


def _exactly_one(model: ApiModel, names: tuple[str, ...]) -> None:
    given = [name for name in names if getattr(model, name) is not None]
    if len(given) != 1:
        fields = ", ".join(type(model).model_fields[n].alias or n for n in names)
        raise ValueError(f"give exactly one of {fields}")


class TailorIn(ApiModel):
    """POST /v1/resumes/tailor: the job (a catalogue job's id, or a pasted description with an
    optional title) and the source (one of the caller's resumes; default: their default resume,
    else their candidate profile); `template` of the new resume (default: the source's)."""

    job_id: uuid.UUID | None = None
    job_description: Description | None = None
    job_title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] | None = None
    base_resume_id: uuid.UUID | None = None
    template: Template | None = None

    @model_validator(mode="after")
    def _one_job(self) -> Self:
        _exactly_one(self, ("job_id", "job_description"))
        return self


class ResumeGenerateIn(ApiModel):
    """Seed [G]'s POST /resume/generate: `{jobDescription, template?}` (its `user_id` is the caller)."""

    job_description: Description
    template: Template | None = None


class GapIn(ApiModel):
    """POST /v1/skills/gap: the target, as a role (its jobs in the catalogue say what it asks), a
    catalogue job or a pasted description."""

    target_role: Role | None = None
    job_id: uuid.UUID | None = None
    job_description: Description | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Self:
        _exactly_one(self, ("target_role", "job_id", "job_description"))
        return self


class SkillsAnalyzeIn(ApiModel):
    """Seed [G]'s POST /skills/analyze: `{targetRole}` (its `user_id` is the caller)."""

    target_role: Role


class Failure(ApiModel):
    """Why work failed: a `reason` code and a message for people."""

    reason: str
    message: str


class AiJobAccepted(ApiModel):
    """202: the AI job queued; poll it at /v1/ai-jobs/{id} (Location)."""

    id: uuid.UUID
    kind: Literal["tailor", "skills_gap"]
    status: Status


class AiJobView(ApiModel):
    """GET /v1/ai-jobs/{id}: status (queued, running, done, failed with a reason), `result` when
    done, and how it was made: method, model and its version, prompt version."""

    id: uuid.UUID
    kind: Literal["tailor", "skills_gap"]
    status: Status
    request: dict[str, Any]
    result: dict[str, Any] | None
    failure: Failure | None
    method: Method | None
    model: str | None
    model_version: str | None
    prompt_version: str | None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None


# -- chat ----------------------------------------------------------------------------------------


class SessionIn(ApiModel):
    """POST /v1/chat/sessions: an optional title (else the first message's start)."""

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] | None = None


class SessionView(ApiModel):
    """A chat session; `updatedAt` is the time of its latest message."""

    id: uuid.UUID
    title: str | None
    created_at: datetime
    updated_at: datetime


class SessionPage(ApiModel):
    """A page of sessions, newest first, and the cursor of the next (null on the last)."""

    items: list[SessionView]
    next_cursor: str | None


class MessageIn(ApiModel):
    """POST /v1/chat/sessions/{id}/messages."""

    content: MessageText


class ChatMessageIn(ApiModel):
    """Seed [G]'s POST /chat/message: `{sessionId?, message}`; without a session, a new one."""

    session_id: uuid.UUID | None = None
    message: MessageText


class ToolCall(ApiModel):
    """One tool the assistant called while replying: its name, the arguments the model gave, and
    what the tool answered (`result`, shortened) or why it failed (`error`)."""

    name: str
    arguments: dict[str, Any]
    result: Any = None
    error: str | None = None


class MessageView(ApiModel):
    """A message of a session: the user's (done when stored) or the assistant's reply, polled until
    done (`content`, `toolCalls`, `suggestions`) or failed (`failure`)."""

    id: uuid.UUID
    session_id: uuid.UUID
    role: Literal["user", "assistant"]
    status: Status
    content: str | None
    reply_to: uuid.UUID | None
    tool_calls: list[ToolCall]
    suggestions: list[str]
    failure: Failure | None
    model: str | None
    model_version: str | None
    prompt_version: str | None
    created_at: datetime
    completed_at: datetime | None


class MessageAccepted(ApiModel):
    """202: the message stored, its reply queued (poll the session's messages, or Location)."""

    session_id: uuid.UUID
    message: MessageView
    reply: MessageView


class MessagesQuery(ApiModel):
    """`after`: a message id; only the messages after it (what is new since the last poll)."""

    after: uuid.UUID | None = None
    limit: int = Field(50, ge=1, le=100)


class MessagePage(ApiModel):
    """A session's messages in order."""

    items: list[MessageView]


# -- learning resources ---------------------------------------------------------------------------
# The caller's learning resources (seed [G] `learning_resources`) and suggestions from the curated
# catalogue (`vitae.assistant.catalogue`).

SkillName = Annotated[ShownText, StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
                      Matching(r"[^\W\d_]", "must name a skill")]
ResourceTitle = Annotated[ShownText, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
ResourceSource = Annotated[ShownText, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]

# 2000 characters: the longest address browsers and search engines reliably handle.
MAX_URL_CHARS = 2000
DEFAULT_PORTS = {"http": 80, "https": 443}  # RFC 9110 4.2.1 and 4.2.2
# A host name after IDNA: letters, digits, hyphens and underscores in dot-separated labels (IPv4
# addresses are such names); the idna codec has refused empty and over-long labels.
_HOST_NAME = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?")


def normal_url(url: str) -> str:
    """`url` (an http or https address) in the one spelling Vitae stores and compares (RFC 3986 6.2.2,
    6.2.3): scheme and host lower-cased, an internationalised host in its ASCII (punycode, IDNA 2003
    as Python's `idna` codec writes it) form, the scheme's default port (:80, :443) and an empty port
    dropped, an empty path written "/", the fragment dropped; path and query kept as written (their
    case matters). "https://TRAINING.LinuxFoundation.org:443/cka#exam" is
    "https://training.linuxfoundation.org/cka".

    Raises ValueError for what is not such an address: another scheme, no host, a user part
    ("https://docs.python.org@evil.example/" opens evil.example), a space, control or invisible
    formatting character anywhere, a malformed host or port, more than MAX_URL_CHARS characters."""
    odd = next((c for c in url if unicodedata.category(c)[0] in "CZ"), None)  # controls, format, spaces
    if odd is not None:
        raise ValueError(f"must not contain spaces, control or invisible characters (U+{ord(odd):04X})")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ValueError("must be a well-formed address (its host or port is not)") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not url[len(parts.scheme):].startswith("://"):
        raise ValueError("must be an http:// or https:// address")
    if "@" in parts.netloc:
        raise ValueError("must not have a user part (user@host): it shows a host the address does not open")
    host = parts.hostname
    if not host:
        raise ValueError("must have a host")
    if parts.netloc.startswith("["):
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise ValueError("must have a valid host (an IPv6 address in brackets)") from None
        host = f"[{host}]"
    else:
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise ValueError("must have a valid host name") from None
        if not _HOST_NAME.fullmatch(host):
            raise ValueError("must have a valid host name")
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    normal = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
    if len(normal) > MAX_URL_CHARS:
        raise ValueError(f"must be at most {MAX_URL_CHARS} characters")
    return normal


# An http(s) address (no javascript:, data: or file:), stored in its normal spelling (`normal_url`).
WebAddress = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_URL_CHARS),
                       AfterValidator(normal_url),
                       WithJsonSchema({"type": "string", "format": "uri", "maxLength": MAX_URL_CHARS,
                                       "description": "An http:// or https:// address with a host, without a user "
                                                      "part, spaces or control characters; stored with its scheme "
                                                      "and host in lower case, without a default port or a "
                                                      "fragment"})]
CatalogueId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class LearningResourceIn(ApiModel):
    """POST /v1/learning-resources, in one of two forms: a resource of the caller's own
    `{skill, type, title, url, source?}`, or a copy of a curated catalogue entry `{catalogueId}` (its
    skill, type, title, url and source are copied). Either form may set `completed` and `bookmarked`
    (default false). An unknown catalogueId is refused here (400), naming the field."""

    catalogue_id: CatalogueId | None = Field(None, description="An entry of the curated catalogue (see "
                                                                "/v1/learning-resources/suggestions)")
    skill: SkillName | None = Field(None, description="A skill; stored as the skills vocabulary names it when "
                                                      "the vocabulary knows it (\"k8s\" is Kubernetes)")
    type: ResourceType | None = None
    title: ResourceTitle | None = None
    url: WebAddress | None = None
    source: ResourceSource | None = Field(None, description="Who publishes it")
    completed: bool = False
    bookmarked: bool = False

    @field_validator("catalogue_id")
    @classmethod
    def _in_catalogue(cls, value: str | None) -> str | None:
        if value is not None and by_id(value) is None:
            raise ValueError(f"{value!r} is not an entry of the learning catalogue")
        return value

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        own = ("skill", "type", "title", "url", "source")
        if self.catalogue_id is not None:
            given = [n for n in own if getattr(self, n) is not None]
            if given:
                raise ValueError("give catalogueId alone (its entry's fields are copied), or skill, type, title and "
                                 f"url without it; got catalogueId with {', '.join(given)}")
        else:
            missing = [n for n in own[:4] if getattr(self, n) is None]
            if missing:
                raise ValueError(f"give catalogueId, or skill, type, title and url ({', '.join(missing)} missing)")
        return self


class LearningResourcePatch(ApiModel):
    """PATCH /v1/learning-resources/{id}: any of these, none null; at least one."""

    completed: bool | None = None
    bookmarked: bool | None = None
    title: ResourceTitle | None = None
    skill: SkillName | None = None
    type: ResourceType | None = None

    @field_validator("completed", "bookmarked", "title", "skill", "type", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("cannot be null")
        return value

    @model_validator(mode="after")
    def _something(self) -> Self:
        if not self.model_fields_set:
            raise ValueError("give at least one of completed, bookmarked, title, skill or type")
        return self


class LearningResourceView(ApiModel):
    """One of the caller's learning resources; `catalogueId`: the catalogue entry it was saved
    from (null for the caller's own)."""

    id: uuid.UUID
    skill: str
    type: ResourceType
    title: str
    url: str
    source: str | None
    catalogue_id: str | None
    completed: bool
    bookmarked: bool
    created_at: datetime
    updated_at: datetime


class LearningResourcePage(ApiModel):
    """A page of the caller's learning resources and the cursor of the next (null on the last)."""

    items: list[LearningResourceView] = Field(description="Newest first")
    next_cursor: str | None


class LearningResourceQuery(PageQuery):
    """GET /v1/learning-resources: `skill` matches by the vocabulary ("k8s" finds Kubernetes') or,
    for a skill it does not know, by name regardless of case; `completed` and `bookmarked` filter
    when given."""

    skill: SkillName | None = None
    completed: bool | None = None
    bookmarked: bool | None = None


class SuggestionQuery(ApiModel):
    """GET /v1/learning-resources/suggestions: `skill` (required), at most `limit` entries."""

    skill: SkillName
    limit: int = Field(10, ge=1, le=50)


class LearningSuggestion(ApiModel):
    """A curated catalogue entry; `free`: usable without paying (a certification's exam may cost);
    `saved`: the caller already has a resource with this url."""

    catalogue_id: str
    skill: str
    type: ResourceType
    title: str
    url: str
    source: str
    free: bool
    saved: bool


class LearningSuggestions(ApiModel):
    """`skill` as the vocabulary names it (else as asked); `items` free ones first, from the curated
    catalogue only, empty when it has nothing for the skill."""

    skill: str
    items: list[LearningSuggestion]
