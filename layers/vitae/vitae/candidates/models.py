"""Candidate profiles on the wire (seed [C]'s fields in camelCase), their CV documents and audit log."""

import json
import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal, Self

from pydantic import Field, StringConstraints, field_validator, model_validator

from vitae.platform.api import ApiModel
from vitae.platform.fields import Dated, Line, LongText, Text, Url
from vitae.platform.validation import PartialDate

Gender = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 ()./-]{5,25}$")]
SkillName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


MIN_AGE = 14


def _years_ago(years: int) -> date:
    today = date.today()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February, in a year that has none
        return today.replace(year=today.year - years, day=28)


def _sane_year(year: int | None) -> int | None:
    if year is not None and not 1900 <= year <= date.today().year + 10:
        raise ValueError(f"year must be between 1900 and {date.today().year + 10}")
    return year


def _sane_date(value: str | None) -> str | None:
    """A partial date (YYYY[-MM[-DD]]) whose year is sane (`_sane_year`)."""
    _sane_year(int(value[:4]) if value else None)
    return value


class Personal(ApiModel):
    """PUT /candidates/{id}/personal: only the fields sent change (null clears one)."""

    first_name: Text | None = None
    last_name: Text | None = None
    dob: date | None = None
    gender: Gender | None = None
    phone: Phone | None = None
    location: Text | None = None

    @field_validator("dob")
    @classmethod
    def _plausible_birth_date(cls, value: date | None) -> date | None:
        if value is not None and not date(1900, 1, 1) <= value <= _years_ago(MIN_AGE):
            raise ValueError(f"dob must be a date of birth between 1900 and {MIN_AGE} years ago")
        return value


class Link(ApiModel):
    label: Text
    url: Url


class CandidateIn(Personal):
    """POST /candidates and PUT /candidates/{id} (the whole profile but its entries)."""

    headline: Text | None = None
    summary: LongText | None = None
    links: list[Link] = Field(default_factory=list, max_length=20)


class EducationIn(ApiModel):
    degree: Text
    university: Text
    field_of_study: Text | None = None
    start_year: int | None = None
    end_year: int | None = None

    _years = field_validator("start_year", "end_year")(_sane_year)

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Self:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValueError("endYear is before startYear")
        return self


class WorkExperienceIn(Dated):
    company_name: Text
    job_title: Text
    location: Text | None = None
    highlights: list[Line] = Field(default_factory=list, max_length=30)

    _dates = field_validator("start_date", "end_date")(_sane_date)


class SkillIn(ApiModel):
    skill_name: SkillName


class CertificationIn(ApiModel):
    """A certification: `title`, `issuedBy`, `issueDate` (YYYY[-MM[-DD]], 1900 to ten years ahead)."""

    title: Text
    issued_by: Text | None = None
    issue_date: PartialDate | None = None

    _date = field_validator("issue_date")(_sane_date)


class ProjectIn(Dated):
    """A project (JSON Resume `projects`): `keywords` are its languages and topics, `stars` a GitHub
    repository's stargazers, `endDate` its last push."""

    name: Text
    description: LongText | None = None
    url: Url | None = None
    keywords: list[SkillName] = Field(default_factory=list, max_length=30)
    stars: int | None = Field(None, ge=0, le=2**31 - 1)  # the column is a PostgreSQL integer

    _dates = field_validator("start_date", "end_date")(_sane_date)


class LanguageIn(ApiModel):
    """A spoken language (JSON Resume `languages`): `fluency` in the person's words ("Native speaker")."""

    language: SkillName
    fluency: Text | None = None


# Where an entry came from: the person, a CV parse, or a profile sync (DESIGN.md 6).
Source = Literal["user", "cv", "github", "linkedin"]


class EducationView(EducationIn):
    id: uuid.UUID
    source: Source


class WorkExperienceView(WorkExperienceIn):
    id: uuid.UUID
    source: Source


class SkillView(SkillIn):
    id: uuid.UUID
    source: Source


class CertificationView(CertificationIn):
    id: uuid.UUID
    source: Source


class ProjectView(ProjectIn):
    id: uuid.UUID
    source: Source


class LanguageView(LanguageIn):
    id: uuid.UUID
    source: Source


class CandidateView(CandidateIn):
    id: uuid.UUID
    user_id: uuid.UUID
    education: list[EducationView]
    work_experience: list[WorkExperienceView]
    skills: list[SkillView]
    certifications: list[CertificationView]
    projects: list[ProjectView]
    languages: list[LanguageView]
    created_at: datetime
    updated_at: datetime


# -- CV documents --------------------------------------------------------------------------------

CvStatus = Literal["awaiting_upload", "queued", "parsing", "parsed", "failed"]


class CvJob(ApiModel):
    """What the CV is for (seed [C]): the key skills are checked against it."""

    job_role: Text | None = None
    job_description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000)] | None = None
    key_skills: list[SkillName] = Field(default_factory=list, max_length=50)

    @field_validator("key_skills", mode="before")
    @classmethod
    def _from_form(cls, value: Any) -> Any:
        """In a form, keySkills is a JSON array (as seed [C] sends it) or a comma-separated list."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                try:
                    return json.loads(text)
                except (ValueError, RecursionError):
                    raise ValueError("keySkills is not a valid JSON array") from None
            return [skill for skill in (s.strip() for s in text.split(",")) if skill]
        return value


class CvUploadRequest(CvJob):
    filename: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    content_type: Literal["application/pdf",
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]


class CvAccepted(ApiModel):
    document_id: uuid.UUID
    status: CvStatus


class CvUploadForm(CvAccepted):
    url: str
    fields: dict[str, str]
    key: str
    max_bytes: int
    expires_in: int


class KeySkillMatch(ApiModel):
    present: list[str]
    missing: list[str]


class CvFailure(ApiModel):
    reason: str
    message: str


class CvDocumentView(ApiModel):
    id: uuid.UUID
    candidate_id: uuid.UUID
    filename: str
    size: int
    status: CvStatus
    failure: CvFailure | None = None
    job_role: str | None = None
    key_skills: list[str]
    parsed: dict[str, Any] | None = None  # JSON Resume shape
    confidence: dict[str, Any] | None = None  # mirrors `parsed`, a number in [0, 1] per field
    key_skill_match: KeySkillMatch | None = None
    ai_refined: bool
    merged: dict[str, Any] | None = None  # what the parse added to the profile
    created_at: datetime
    updated_at: datetime


# -- audit ---------------------------------------------------------------------------------------


class AuditEntry(ApiModel):
    id: uuid.UUID
    user_id: uuid.UUID | None
    action: str
    ip_address: str | None
    tenant: str | None
    details: dict[str, Any]
    created_at: datetime


class AuditPage(ApiModel):
    items: list[AuditEntry]
    next_cursor: str | None = None
