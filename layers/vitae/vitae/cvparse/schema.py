"""What the CV parser produces: a JSON Resume (v1) shaped document, a confidence per field, and the
document's text. The same models are the structured-output schema of the LLM pass.

Field names are JSON Resume's: a work entry's employer is `name`, as in schema v1. A missing
`endDate` means the position or study is current ("Present").
"""

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator

from vitae.platform.text import NUL


class CvModel(BaseModel):
    model_config = ConfigDict(extra="ignore")

    @field_validator("*", mode="before")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        """Without NUL characters, which PostgreSQL cannot store: a PDF's font may map a glyph to
        U+0000 (and an LLM may echo one); they carry nothing a CV says."""
        if isinstance(value, str):
            return value.replace(NUL, "")
        if isinstance(value, list):
            return [item.replace(NUL, "") if isinstance(item, str) else item for item in value]
        return value


class Location(CvModel):
    city: str | None = None
    region: str | None = None  # state, province or country as written
    countryCode: str | None = None  # ISO 3166-1 alpha-2, when the text makes it certain


class Basics(CvModel):
    name: str | None = None
    email: str | None = None
    phone: str | None = None  # E.164 when phonenumbers can parse it
    url: str | None = None
    summary: str | None = None
    location: Location | None = None


class Work(CvModel):
    name: str | None = None  # the employer
    position: str | None = None
    startDate: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    endDate: str | None = None  # absent: current
    highlights: list[str] = []


class Education(CvModel):
    institution: str | None = None
    studyType: str | None = None  # the degree: "Bachelor of Science", "MSc", "PhD"
    area: str | None = None  # the field: "Computer Science"
    startDate: str | None = None
    endDate: str | None = None


class Skill(CvModel):
    name: str


class Certificate(CvModel):
    name: str
    issuer: str | None = None
    date: str | None = None


class Language(CvModel):
    language: str
    fluency: str | None = None


class CvData(CvModel):
    basics: Basics = Basics()
    work: list[Work] = []
    education: list[Education] = []
    skills: list[Skill] = []
    certificates: list[Certificate] = []
    languages: list[Language] = []


DocumentKind = Literal["pdf", "docx"]


@dataclass
class ParseResult:
    """`confidence` mirrors `data` (as dumped with exclude_none): the same keys and list positions,
    with a number in [0, 1] in place of every scalar value; a list of strings (highlights) gets one
    number for the whole list."""

    kind: DocumentKind
    text: str  # the document's text in reading order
    pages: int
    data: CvData
    confidence: dict[str, Any] = field(default_factory=dict)


class DocumentRejected(Exception):
    """A file the parser will not read. `reason` is a stable code, `message` says why for people."""

    REASONS = ("unsupported_type", "encrypted", "no_text", "too_many_pages", "too_large", "malformed")

    def __init__(self, reason: str, message: str):
        assert reason in self.REASONS, reason
        super().__init__(message)
        self.reason = reason
        self.message = message
