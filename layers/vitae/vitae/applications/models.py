"""Applications on the wire (seed [G] `applications` and `POST /jobs/apply`, DESIGN.md section 6
"Jobs and applications"), in camelCase."""

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal, Self

from pydantic import Field, StringConstraints, model_validator

from vitae.platform.api import ApiModel, PageQuery

Status = Literal["saved", "applied", "screening", "interviewing", "offer", "accepted", "rejected", "withdrawn"]
InitialStatus = Literal["saved", "applied"]
HistoryKind = Literal["created", "status_changed", "updated"]

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Url = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000,
                                       pattern=r"^https?://\S+$")]
CoverLetter = Annotated[str, StringConstraints(max_length=20_000)]
Notes = Annotated[str, StringConstraints(max_length=10_000)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]


class ExternalJob(ApiModel):
    """A job that is not in the catalogue, as the user describes it."""

    title: Line
    company: Line
    url: Url | None = None
    location: Line | None = None


class ApplyIn(ApiModel):
    """POST /jobs/apply (seed [G]): exactly one of `jobId` (a catalogue job) or `job`; the
    application is created `applied`."""

    job_id: uuid.UUID | None = None
    job: ExternalJob | None = None
    resume_id: uuid.UUID | None = Field(None, description="One of the caller's resumes: its JSON Resume "
                                                          "snapshot is kept as resumeVersion once applied")
    cover_letter: CoverLetter | None = None
    notes: Notes | None = None

    @model_validator(mode="after")
    def _one_job(self) -> Self:
        if (self.job_id is None) == (self.job is None):
            raise ValueError("give exactly one of jobId or job")
        return self


class ApplicationIn(ApplyIn):
    """POST /applications: as POST /jobs/apply, and `status` `saved` (the default) or `applied`."""

    status: InitialStatus = "saved"


class ApplicationPatch(ApiModel):
    """PATCH /applications/{id}: any of these; `null` clears notes, coverLetter or resumeId. `note`
    is kept with this change in the history (it is not the application's notes). `resumeId` may
    change only before the application is applied."""

    status: Status | None = None
    notes: Notes | None = None
    cover_letter: CoverLetter | None = None
    resume_id: uuid.UUID | None = None
    note: Note | None = None

    @model_validator(mode="after")
    def _something(self) -> Self:
        if "status" in self.model_fields_set and self.status is None:
            raise ValueError("status cannot be null")
        if not self.model_fields_set - {"note"}:
            raise ValueError("give at least one of status, notes, coverLetter or resumeId")
        return self


class JobSnapshot(ApiModel):
    """The job as it was when the application was made; `id` is the catalogue job's, null for an
    external job or once the catalogue job is deleted."""

    id: uuid.UUID | None
    title: str
    company: str
    url: str | None
    location: str | None


class ApplicationSummary(ApiModel):
    id: uuid.UUID
    status: Status
    job: JobSnapshot
    resume_id: uuid.UUID | None
    applied_at: datetime | None = Field(description="When it became applied")
    responded_at: datetime | None = Field(description="The employer's first answer after it was applied: "
                                                      "screening or rejected")
    created_at: datetime
    updated_at: datetime


class ApplicationView(ApplicationSummary):
    resume_version: dict[str, Any] | None = Field(
        description="The JSON Resume document of resumeId as it was when the application became applied; "
                    "later edits of the resume do not change it")
    cover_letter: str | None
    notes: str | None
    allowed_statuses: list[Status] = Field(description="The statuses it may move to next")


class ApplicationPage(ApiModel):
    items: list[ApplicationSummary]
    next_cursor: str | None


class ApplicationQuery(PageQuery):
    status: Status | None = None


class HistoryEntry(ApiModel):
    """One change: its creation, a status change (`fromStatus` -> `toStatus`) or an update of
    `fields` (in which case the status stays `toStatus`), with the note given with it."""

    id: uuid.UUID
    kind: HistoryKind
    from_status: Status | None
    to_status: Status
    fields: list[str]
    note: str | None
    at: datetime


class ApplicationHistory(ApiModel):
    application_id: uuid.UUID
    items: list[HistoryEntry] = Field(description="Oldest first")


class ApplicationStats(ApiModel):
    """The caller's applications in figures (see README, Applications, for the definitions)."""

    total: int
    by_status: dict[Status, int]
    applied: int = Field(description="Applications that were ever applied (appliedAt is set)")
    responded: int = Field(description="Of those, the ones the employer answered: reached screening or "
                                       "beyond, or rejected after being applied")
    response_rate: float | None = Field(description="responded / applied, 0 to 1 (4 decimals); null when none "
                                                    "was applied")
    median_days_to_first_response: float | None = Field(
        description="Median of (respondedAt - appliedAt) in days (2 decimals) over the responded ones; null "
                    "when none")
