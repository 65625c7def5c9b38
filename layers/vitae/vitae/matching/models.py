"""Matching on the wire (seed [D], DESIGN.md section 6 "Matching"): requirements and resume texts,
processings and their results, in camelCase."""

import uuid
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, BaseModel, Field, StringConstraints, model_validator

from vitae.matching.results import Breakdown, Evidence, ResultModel, Verdict
from vitae.platform.api import ApiModel, PageQuery
from vitae.platform.validation import document_text

MAX_TEXT_CHARS = 100_000  # a 40-page document; more is not a resume or a job description
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PLAIN_TEXT = "text/plain"
FILE_TYPES = (PDF, DOCX, PLAIN_TEXT)

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


Body = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT_CHARS), AfterValidator(document_text)]
TextStatus = Literal["awaiting_upload", "ready", "failed"]
TextSource = Literal["text", "file", "upload"]
ProcessingStatus = Literal["queued", "running", "done", "failed"]
ResumeKind = Literal["resume_text", "resume", "profile"]


class TextIn(ApiModel):
    """POST /matching/requirements and /matching/resume-texts: `{title?, text}`."""

    title: Title | None = None
    text: Body


class TextFileFields(ApiModel):
    """The text fields of a multipart upload (`file` is the document)."""

    title: Title | None = None


class TextUploadRequest(ApiModel):
    """POST .../upload-url: what will be uploaded (the bytes are judged again after the upload)."""

    filename: Annotated[str, StringConstraints(max_length=255)] | None = None
    content_type: Literal["application/pdf",
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                          "text/plain"]
    title: Title | None = None


class Failure(ApiModel):
    reason: str
    message: str


class TextSummary(ApiModel):
    """A requirements text or a resume text, without its text (lists)."""

    id: uuid.UUID
    title: str | None
    source: TextSource
    filename: str | None
    status: TextStatus
    length: int | None = Field(description="Characters of the text; null until an upload has been read")
    failure: Failure | None = None
    created_at: datetime
    updated_at: datetime


class TextView(TextSummary):
    text: str | None


class TextPage(ApiModel):
    items: list[TextSummary]
    next_cursor: str | None


class TextUploadForm(ApiModel):
    """A presigned POST: send `fields` and the file (last) as multipart/form-data to `url`."""

    id: uuid.UUID
    status: TextStatus
    url: str
    fields: dict[str, str]
    key: str
    max_bytes: int
    expires_in: int


class ProcessingIn(ApiModel):
    """POST /matching/processings: the requirements and exactly one resume side."""

    requirements_id: uuid.UUID
    resume_text_id: uuid.UUID | None = None
    resume_id: uuid.UUID | None = None
    use_profile: bool | None = None

    @model_validator(mode="after")
    def _one_resume_side(self) -> Self:
        sides = [self.resume_text_id is not None, self.resume_id is not None, self.use_profile is True]
        if sum(sides) != 1:
            raise ValueError("give exactly one of resumeTextId, resumeId or useProfile: true")
        return self


class ProcessingAccepted(ApiModel):
    id: uuid.UUID
    status: ProcessingStatus


class ResumeSide(ApiModel):
    kind: ResumeKind
    id: uuid.UUID = Field(description="The resume text, the Vitae resume or the candidate profile")


class Timings(ResultModel):
    """Milliseconds spent by the worker on each part."""

    scoring_ms: float
    llm_ms: float | None = Field(description="The LLM call, answered or not (its timeouts included)")
    total_ms: float


class LlmEvidence(ResultModel):
    """Skills the LLM named, kept only when the texts show them (see vitae.matching.scoring.mentions)."""

    matched: list[str]
    missing: list[str]
    dropped: list[str] = Field(description="Skills the LLM named that the texts do not support")


class MatchResult(ResultModel):
    """The processing's result: the deterministic assessment (score, matches, missing, breakdown),
    the verdict and recommendation (the LLM's when it gave a valid answer), and how it was made."""

    score: int = Field(ge=0, le=100)
    verdict: Verdict
    recommendation: str
    matches: list[Evidence]
    missing: list[Evidence]
    breakdown: Breakdown
    method: Literal["deterministic", "deterministic+llm"]
    scoring_version: str
    llm_evidence: LlmEvidence | None = None
    timings: Timings
    # The Ollama model that worded it, its digest and the prompt's version (None without a model;
    # results stored before these were recorded have none either).
    model: str | None = None
    model_version: str | None = None
    prompt_version: str | None = None


class ProcessingView(ApiModel):
    id: uuid.UUID
    requirements_id: uuid.UUID
    resume: ResumeSide
    status: ProcessingStatus
    failure: Failure | None = None
    result: MatchResult | None = None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None


class ProcessingSummary(ApiModel):
    id: uuid.UUID
    requirements_id: uuid.UUID
    resume: ResumeSide
    status: ProcessingStatus
    score: int | None
    verdict: Verdict | None
    created_at: datetime
    completed_at: datetime | None


class ProcessingPage(ApiModel):
    items: list[ProcessingSummary]
    next_cursor: str | None


class ProcessingQuery(PageQuery):
    requirements_id: uuid.UUID | None = None


class ProcessingIds(ApiModel):
    """POST /matching/processings/delete (seed [D] delete_processing)."""

    ids: list[uuid.UUID] = Field(min_length=1, max_length=100)


class ProcessingsDeleted(ApiModel):
    deleted: list[uuid.UUID]
    not_found: list[uuid.UUID]


class LlmReview(BaseModel):
    """The one structured answer asked of the LLM: words, never the score."""

    verdict: Verdict
    recommendation: str = Field(min_length=1, max_length=2000)
    matched_skills: list[Annotated[str, StringConstraints(max_length=100)]] = Field(default_factory=list,
                                                                                   max_length=50)
    missing_skills: list[Annotated[str, StringConstraints(max_length=100)]] = Field(default_factory=list,
                                                                                   max_length=50)
