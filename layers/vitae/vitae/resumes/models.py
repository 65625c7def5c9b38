"""Resume documents on the wire. Each section type has its own item shape, JSON Resume's (v1) in
camelCase, so import and export map one to one (`vitae.resumes.jsonresume`); dates are partial
dates of the calendar: YYYY, YYYY-MM or YYYY-MM-DD, years 1900 to 2100. The sections and items a
client writes, and `ResumeIn`, are in `vitae.resumes.sections`; a user's preferences in
`vitae.resumes.preferences`, public views, shares and statistics in `vitae.resumes.public`, imports
and exports in `vitae.resumes.exports` (each route loads the bodies it uses: pydantic declares every
model of a module when it is imported); the views and the rest here."""

import uuid
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import Field, StringConstraints, model_validator

from vitae.platform.api import ApiModel
from vitae.platform.fields import Text
from vitae.platform.validation import Matching

TEMPLATES = ("classic", "modern")
Template = Literal["classic", "modern"]
Language = Annotated[str, StringConstraints(strip_whitespace=True, max_length=35),
                     Matching(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$", "must be a language tag such as en or pt-BR")]


DEFAULT_TITLES = {"contact": "Contact", "summary": "Summary", "experience": "Experience", "volunteer": "Volunteering",
                  "education": "Education", "awards": "Awards", "publications": "Publications", "skills": "Skills",
                  "projects": "Projects", "certifications": "Certifications", "languages": "Languages",
                  "interests": "Interests", "references": "References", "custom": "Additional information"}
SectionType = Literal["contact", "summary", "experience", "volunteer", "education", "awards", "publications", "skills",
                      "projects", "certifications", "languages", "interests", "references", "custom"]


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
