"""Resume documents on the wire. Each section type has its own item shape, JSON Resume's (v1) in
camelCase, so import and export map one to one (`vitae.resumes.jsonresume`); dates are partial
dates of the calendar: YYYY, YYYY-MM or YYYY-MM-DD, years 1900 to 2100."""

import uuid
from datetime import datetime
from functools import cache
from typing import Annotated, Literal, Self
from zoneinfo import available_timezones

from pydantic import Field, RootModel, StringConstraints, field_validator, model_validator

from vitae.jobs.preferences import JobSearch
from vitae.platform.fields import Dated, Line, LongText, ResumeDate, Text, Url
from vitae.platform.http import ApiModel
from vitae.platform.validation import Matching, UtcTimestamp

TEMPLATES = ("classic", "modern")
Template = Literal["classic", "modern"]
Language = Annotated[str, StringConstraints(strip_whitespace=True, max_length=35),
                     Matching(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$", "must be a language tag such as en or pt-BR")]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254),
                  Matching(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", "must be an email address")]


class _Filled(ApiModel):
    """An object whose fields are all optional, but not all absent: an empty one means nothing."""

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if not any(self.model_dump(exclude_defaults=True).values()):
            raise ValueError("needs at least one field")
        return self


class Location(_Filled):
    address: LongText | None = None
    postal_code: Text | None = None
    city: Text | None = None
    country_code: Annotated[str, StringConstraints(strip_whitespace=True),
                            Matching(r"^[A-Za-z]{2}$", "must be a two-letter ISO 3166-1 country code")] | None = None
    region: Text | None = None


class Profile(_Filled):
    network: Text | None = None
    username: Text | None = None
    url: Url | None = None


class ContactItem(_Filled):
    """How to reach the person this resume presents (JSON Resume's `basics` but its summary)."""

    name: Text | None = None
    label: Text | None = None
    image: Url | None = None
    email: Email | None = None
    phone: Text | None = None
    url: Url | None = None
    location: Location | None = None
    profiles: list[Profile] = Field(default_factory=list, max_length=20)


class SummaryItem(ApiModel):
    text: LongText


class ExperienceItem(Dated):
    company: Text
    position: Text
    description: Line | None = None  # what the company is or does
    location: Text | None = None
    url: Url | None = None
    summary: LongText | None = None
    highlights: list[Line] = Field(default_factory=list, max_length=30)


class VolunteerItem(Dated):
    organization: Text
    position: Text | None = None
    url: Url | None = None
    summary: LongText | None = None
    highlights: list[Line] = Field(default_factory=list, max_length=30)


class EducationItem(Dated):
    institution: Text
    url: Url | None = None
    study_type: Text | None = None
    area: Text | None = None
    score: Annotated[str, StringConstraints(max_length=50)] | None = None
    courses: list[Text] = Field(default_factory=list, max_length=50)


class AwardItem(ApiModel):
    title: Text
    date: ResumeDate | None = None
    awarder: Text | None = None
    summary: LongText | None = None


class PublicationItem(ApiModel):
    name: Text
    publisher: Text | None = None
    release_date: ResumeDate | None = None
    url: Url | None = None
    summary: LongText | None = None


class SkillItem(ApiModel):
    name: Text
    level: Text | None = None
    keywords: list[Text] = Field(default_factory=list, max_length=30)


class ProjectItem(Dated):
    name: Text
    description: LongText | None = None
    entity: Text | None = None  # the company or institution it was done for
    type: Text | None = None  # application, volunteering, presentation, talk...
    url: Url | None = None
    roles: list[Text] = Field(default_factory=list, max_length=10)
    highlights: list[Line] = Field(default_factory=list, max_length=30)
    keywords: list[Text] = Field(default_factory=list, max_length=30)


class CertificationItem(ApiModel):
    name: Text
    issuer: Text | None = None
    date: ResumeDate | None = None
    url: Url | None = None


class LanguageItem(ApiModel):
    language: Text
    fluency: Text | None = None


class InterestItem(ApiModel):
    name: Text
    keywords: list[Text] = Field(default_factory=list, max_length=30)


class ReferenceItem(ApiModel):
    name: Text
    reference: LongText | None = None


class CustomItem(ApiModel):
    title: Text | None = None
    text: LongText


class _Section(ApiModel):
    id: uuid.UUID | None = None  # kept on update; new sections have none
    title: Text | None = None  # a default per type when left out
    visible: bool = True


class ContactSection(_Section):
    type: Literal["contact"]
    items: list[ContactItem] = Field(default_factory=list, max_length=1)


class SummarySection(_Section):
    type: Literal["summary"]
    items: list[SummaryItem] = Field(default_factory=list, max_length=5)


class ExperienceSection(_Section):
    type: Literal["experience"]
    items: list[ExperienceItem] = Field(default_factory=list, max_length=50)


class VolunteerSection(_Section):
    type: Literal["volunteer"]
    items: list[VolunteerItem] = Field(default_factory=list, max_length=50)


class EducationSection(_Section):
    type: Literal["education"]
    items: list[EducationItem] = Field(default_factory=list, max_length=30)


class AwardsSection(_Section):
    type: Literal["awards"]
    items: list[AwardItem] = Field(default_factory=list, max_length=50)


class PublicationsSection(_Section):
    type: Literal["publications"]
    items: list[PublicationItem] = Field(default_factory=list, max_length=50)


class SkillsSection(_Section):
    type: Literal["skills"]
    items: list[SkillItem] = Field(default_factory=list, max_length=100)


class ProjectsSection(_Section):
    type: Literal["projects"]
    items: list[ProjectItem] = Field(default_factory=list, max_length=50)


class CertificationsSection(_Section):
    type: Literal["certifications"]
    items: list[CertificationItem] = Field(default_factory=list, max_length=50)


class LanguagesSection(_Section):
    type: Literal["languages"]
    items: list[LanguageItem] = Field(default_factory=list, max_length=30)


class InterestsSection(_Section):
    type: Literal["interests"]
    items: list[InterestItem] = Field(default_factory=list, max_length=30)


class ReferencesSection(_Section):
    type: Literal["references"]
    items: list[ReferenceItem] = Field(default_factory=list, max_length=20)


class CustomSection(_Section):
    type: Literal["custom"]
    items: list[CustomItem] = Field(default_factory=list, max_length=30)


SectionIn = Annotated[
    ContactSection | SummarySection | ExperienceSection | VolunteerSection | EducationSection | AwardsSection
    | PublicationsSection | SkillsSection | ProjectsSection | CertificationsSection | LanguagesSection
    | InterestsSection | ReferencesSection | CustomSection,
    Field(discriminator="type"),
]
DEFAULT_TITLES = {"contact": "Contact", "summary": "Summary", "experience": "Experience", "volunteer": "Volunteering",
                  "education": "Education", "awards": "Awards", "publications": "Publications", "skills": "Skills",
                  "projects": "Projects", "certifications": "Certifications", "languages": "Languages",
                  "interests": "Interests", "references": "References", "custom": "Additional information"}
SectionType = Literal["contact", "summary", "experience", "volunteer", "education", "awards", "publications", "skills",
                      "projects", "certifications", "languages", "interests", "references", "custom"]


class ResumeIn(ApiModel):
    title: Text
    template: Template = "classic"
    language: Language = "en"
    is_public: bool = False
    sections: list[SectionIn] = Field(default_factory=list, max_length=30)

    @model_validator(mode="after")
    def _distinct_section_ids(self) -> Self:
        ids = [s.id for s in self.sections if s.id is not None]
        if len(ids) != len(set(ids)):
            raise ValueError("a section id appears twice")
        if sum(s.type == "contact" for s in self.sections) > 1:
            raise ValueError("a resume has one contact section at most")
        return self


class ResumePatch(ApiModel):
    """PATCH: the fields sent change, the others (and every section) stay. None of them may be null."""

    title: Text | None = None
    template: Template | None = None
    language: Language | None = None
    is_public: bool | None = None

    @model_validator(mode="after")
    def _no_nulls(self) -> Self:
        nulls = [name for name in self.model_fields_set if getattr(self, name) is None]
        if nulls:
            raise ValueError(f"{', '.join(sorted(nulls))} cannot be null")
        return self


class SectionView(ApiModel):
    id: uuid.UUID
    type: str
    title: str
    position: int
    visible: bool
    items: list[dict]


class ResumeView(ApiModel):
    id: uuid.UUID
    title: str
    template: str
    language: str
    is_default: bool
    is_public: bool
    sections: list[SectionView]
    created_at: datetime
    updated_at: datetime


class ResumeSummary(ApiModel):
    id: uuid.UUID
    title: str
    template: str
    language: str
    is_default: bool
    is_public: bool
    section_count: int
    created_at: datetime
    updated_at: datetime


class ResumePage(ApiModel):
    items: list[ResumeSummary]
    next_cursor: str | None


class SectionOrder(ApiModel):
    section_ids: list[uuid.UUID] = Field(min_length=1, max_length=30)


class SectionVisibility(ApiModel):
    id: uuid.UUID
    visible: bool


class VisibilityChange(ApiModel):
    sections: list[SectionVisibility] = Field(min_length=1, max_length=30)


# -- preferences -----------------------------------------------------------------------------------


class Notifications(ApiModel):
    email: bool = True
    push: bool = False
    weekly_digest: bool = True


class Preferences(ApiModel):
    theme: Literal["light", "dark", "system"] = "system"
    language: Language = "en"
    timezone: str = "UTC"
    notifications: Notifications = Field(default_factory=Notifications)
    default_template: Template = "classic"
    job_search: JobSearch = Field(default_factory=JobSearch)

    _timezone = field_validator("timezone")(lambda value: _known_timezone(value))


def _known_timezone(value: str | None) -> str | None:
    if value is not None and value not in _timezones():
        raise ValueError("unknown IANA time zone")
    return value


@cache
def _timezones() -> set[str]:
    return available_timezones() | {"UTC"}


class PreferencesPatch(ApiModel):
    theme: Literal["light", "dark", "system"] | None = None
    language: Language | None = None
    timezone: str | None = None
    notifications: Notifications | None = None
    default_template: Template | None = None
    job_search: JobSearch | None = None

    _timezone = field_validator("timezone")(lambda value: _known_timezone(value))


# -- public views, sharing, statistics --------------------------------------------------------------


class PublicSection(ApiModel):
    type: str
    title: str
    items: list[dict]


class PublicOwner(ApiModel):
    full_name: str | None
    username: str | None


class PublicResume(ApiModel):
    """What anyone may see: visible sections only, no ids, flags or file keys."""

    title: str
    template: str
    language: str
    owner: PublicOwner
    sections: list[PublicSection]
    updated_at: datetime


class ShareRequest(ApiModel):
    expires_at: UtcTimestamp | None = None
    password: Annotated[str, StringConstraints(min_length=4, max_length=128)] | None = None


class ShareCreated(ApiModel):
    id: uuid.UUID
    token: str
    url: str
    expires_at: datetime | None
    password_protected: bool


class ShareView(ApiModel):
    id: uuid.UUID
    created_at: datetime
    expires_at: datetime | None
    revoked: bool
    password_protected: bool
    view_count: int
    last_viewed_at: datetime | None


class Shares(ApiModel):
    items: list[ShareView]


class Statistics(ApiModel):
    views: int
    downloads: int
    share_views: int


# -- import and export ------------------------------------------------------------------------------


class JsonResumeDocument(RootModel[dict]):
    """A JSON Resume document, read field by field by the importer."""


class ExportQuery(ApiModel):
    format: Literal["json", "pdf"] = "json"
    template: Template | None = None  # the resume's own template by default


class ExportLink(ApiModel):
    format: Literal["pdf"]
    template: str
    url: str
    expires_in: int


class ExportAnswer(RootModel[ExportLink | JsonResumeDocument]):
    """What an export answers (200): `format=pdf` a short-lived download link to the PDF, stored
    under exports/; `format=json` the JSON Resume document itself."""


# -- attachments ------------------------------------------------------------------------------------

ATTACHMENT_TYPES = ("application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "image/png", "image/jpeg")
Filename = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class AttachmentView(ApiModel):
    id: uuid.UUID
    filename: str
    content_type: str | None
    size: int
    status: str
    created_at: datetime


class Attachments(ApiModel):
    items: list[AttachmentView]


class AttachmentDownload(AttachmentView):
    url: str
    expires_in: int


class AttachmentUploadRequest(ApiModel):
    filename: Filename
    content_type: Literal["application/pdf",
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                          "image/png", "image/jpeg"]


class AttachmentUploadForm(ApiModel):
    attachment_id: uuid.UUID
    url: str
    fields: dict[str, str]
    key: str
    max_bytes: int
    expires_in: int
