"""A resume's sections and their items as a client writes them (JSON Resume's shapes), and the body
that carries them (`ResumeIn`): apart from the other resumes models, so that the functions that only
read resumes do not build these ~30 classes at import (~9 ms)."""

import uuid
from typing import Annotated, Literal, Self

from pydantic import Field, StringConstraints, model_validator

from vitae.platform.api import ApiModel
from vitae.platform.fields import Dated, Line, LongText, ResumeDate, Text, Url
from vitae.platform.validation import Matching
from vitae.resumes.models import Language, Template

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
