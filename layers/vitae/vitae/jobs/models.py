"""Jobs on the wire (seed [G] `jobs`, DESIGN.md section 6 "Jobs and applications"), in camelCase.

A job is seed [G]'s row (title, company, location, description, requirements, salary range, job
type, external url and id, source, posted at) plus `remote`, `skills[]` and a structured salary
(`salaryMin`/`salaryMax`, yearly, in `currency`, ISO 4217). Seed [G]'s `external_url` is `url` here.
"""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, Field, RootModel, StringConstraints, WithJsonSchema, model_validator

from vitae.jobs.preferences import JobSearch, JobType, Line
from vitae.platform.api import ApiModel
from vitae.platform.validation import Matching, UtcTimestamp

MAX_IMPORT_ROWS = 1000
MAX_SALARY = 100_000_000  # a yearly amount in any currency's units fits in PostgreSQL's integer
EARLIEST_POSTED = datetime(1990, 1, 1, tzinfo=UTC)
POSTED_AHEAD = timedelta(days=1)  # clocks and time zones of job boards: a day ahead is still sane

# ISO 4217 active codes (2024), the currencies a salary can be stated in.
CURRENCIES = frozenset("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD
CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD
GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT
LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR
NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP
STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD
XOF XPF YER ZAR ZMW ZWG
""".split())

def _currency(value: str) -> str:
    code = value.upper()
    if code not in CURRENCIES:
        raise ValueError("must be an ISO 4217 currency code such as USD or EUR")
    return code


def _sane_posted_at(value: datetime) -> datetime:
    latest = datetime.now(UTC) + POSTED_AHEAD
    if not EARLIEST_POSTED <= value <= latest:
        raise ValueError(f"must be between {EARLIEST_POSTED.date()} and tomorrow")
    return value


def _no_blank_items(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))  # in order, once each


Currency = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=3),
                     AfterValidator(_currency),
                     WithJsonSchema({"type": "string", "pattern": "^[A-Za-z]{3}$",
                                     "description": "ISO 4217 code, e.g. USD"})]
Url = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500),
                Matching(r"^https?://[^\s/$.?#][^\s]*$", "must be an http or https URL")]
Salary = Annotated[int, Field(ge=0, le=MAX_SALARY)]
PostedAt = Annotated[UtcTimestamp, AfterValidator(_sane_posted_at)]
Skill = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Requirement = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]


class JobIn(ApiModel):
    """POST /v1/jobs, PUT /v1/jobs/{id} and each row of an import: a whole job.

    Rules: salaryMin <= salaryMax, and a salary amount needs its currency; `source` and
    `externalId` go together (the key a re-import updates by, required in imports); `postedAt`
    between 1990-01-01 and tomorrow."""

    title: Line
    company: Line
    location: Line | None = None
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=50_000)] | None = None
    requirements: Annotated[list[Requirement], Field(max_length=100), AfterValidator(_no_blank_items)] = Field(
        default_factory=list)
    skills: Annotated[list[Skill], Field(max_length=100), AfterValidator(_no_blank_items)] = Field(
        default_factory=list)
    salary_range: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = Field(
        None, description="Seed [G]'s free text, e.g. \"$120k-$150k\"")
    salary_min: Salary | None = Field(None, description="Yearly, in `currency`")
    salary_max: Salary | None = Field(None, description="Yearly, in `currency`")
    currency: Currency | None = None
    job_type: JobType | None = None
    remote: bool = False
    url: Url | None = Field(None, description="The job's page at its source (seed [G] external_url)")
    external_id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)] | None = None
    source: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)] | None = None
    posted_at: PostedAt | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.salary_min is not None and self.salary_max is not None and self.salary_min > self.salary_max:
            raise ValueError("salaryMin must not exceed salaryMax")
        if (self.salary_min is not None or self.salary_max is not None) and self.currency is None:
            raise ValueError("currency is required with salaryMin or salaryMax")
        if (self.source is None) != (self.external_id is None):
            raise ValueError("source and externalId go together: give both or neither")
        return self


class JobView(ApiModel):
    """A catalogue job as everyone reads it (GET /v1/jobs/{id}; `vitae.jobs.service.get_job`)."""

    id: uuid.UUID
    title: str
    company: str
    location: str | None
    description: str | None
    requirements: list[str]
    skills: list[str]
    salary_range: str | None
    salary_min: int | None
    salary_max: int | None
    currency: str | None
    job_type: JobType | None
    remote: bool
    url: str | None
    external_id: str | None
    source: str | None
    posted_at: datetime | None
    created_at: datetime
    updated_at: datetime


class JobImportBody(RootModel[list[Any]]):
    """POST /v1/jobs/import: a JSON array of 1 to 1,000 jobs (each as `JobIn`, with `source` and
    `externalId`). Rows are judged one by one: a bad row is refused in the report, the rest kept."""

    root: Annotated[list[Any], Field(min_length=1, max_length=MAX_IMPORT_ROWS),
                    WithJsonSchema({"type": "array", "minItems": 1, "maxItems": MAX_IMPORT_ROWS,
                                    "items": {"$ref": "#/components/schemas/JobIn"}})]


class RefusedRow(ApiModel):
    """A row left out of an import: `index` in the array (0-based), or `line` in a file (1-based)."""

    index: int | None = None
    line: int | None = None
    reason: str


class ImportReport(ApiModel):
    """What an import did: jobs created, jobs updated (same source and externalId, some field
    changed), jobs unchanged (already exactly so), rows refused."""

    created: int
    updated: int
    unchanged: int
    refused: list[RefusedRow]


class FileImportReport(ImportReport):
    """The report of a JSON Lines file under imports/jobs/, written beside it as
    `<name>.report.json`: its key, how many lines it had, and when it was processed."""

    key: str
    lines: int
    refused_total: int = Field(description="Rows refused; `refused` lists the first 1,000")
    started_at: datetime
    finished_at: datetime


class SearchQuery(ApiModel):
    """GET /v1/jobs/search. `q`: websearch syntax ("exact phrase", -exclude, or); `location`: part
    of the location, typos tolerated; `salaryMin`: jobs paying at least this much a year (their
    salaryMax, else salaryMin, in their own currency); `postedWithin`: days since postedAt (a job
    without one: since it was added)."""

    q: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    location: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)] | None = None
    remote: bool | None = None
    type: JobType | None = None
    salary_min: Salary | None = None
    posted_within: Annotated[int, Field(ge=1, le=3650)] | None = None
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = None


class Highlight(ApiModel):
    """Matched words wrapped in <mark>...</mark>; the rest of the text is HTML-escaped."""

    title: str
    snippet: str | None = Field(description="The best passage of the description, up to about 35 words")


class JobHit(JobView):
    """A search result: the job, its rank and its highlights. `rank`: 4 the title is the words
    asked for, 3 the title has them all, 2 some of them, 1 the skills or requirements have some,
    0 elsewhere (description, company), or without `q`; newest first within a rank."""

    rank: float
    highlight: Highlight


class JobSearchPage(ApiModel):
    """A page of results; `correctedQuery`: the query as searched when misspelt words were mended
    (null when it was searched as sent)."""

    items: list[JobHit]
    next_cursor: str | None
    corrected_query: str | None = None


# -- recommendations -------------------------------------------------------------------------------


class RecommendationQuery(ApiModel):
    """GET /v1/jobs/recommendations: how many jobs to recommend, best first."""

    limit: int = Field(10, ge=1, le=50)


class ScoreParts(ApiModel):
    """The parts of a recommendation's score, each 0 to 1. `skills`: the job's skills the caller has,
    matched / (asked + 1) (a job asking one skill is not a perfect match for having it); `text`: the
    job's full-text rank for the caller's skills, relative to the best of the candidates;
    `embedding`: the cosine similarity of the job's and the caller's embeddings (0 when negative),
    null when the job or the caller has none (Ollama did not answer, or the job is not embedded yet:
    it then counts 0 when other candidates have theirs)."""

    skills: float
    text: float
    embedding: float | None


class Reasons(ApiModel):
    """Why a job is recommended: the skills it asks that the caller has, those they lack, the score's
    parts and one sentence that says it."""

    matched_skills: list[str]
    missing_skills: list[str]
    parts: ScoreParts
    summary: str


class Recommendation(ApiModel):
    """A recommended job and its score (0 to 100: the parts weighted, see `vitae.jobs.recommendations`)."""

    job: JobView
    score: int = Field(ge=0, le=100)
    reasons: Reasons


class RecommendationBasis(ApiModel):
    """What the recommendations were made from: the caller's candidate profile, or their default
    resume when they have no profile; the skills read from it; the job-search preferences applied."""

    source: Literal["profile", "resume"]
    resume_id: uuid.UUID | None = None
    skills: list[str]
    preferences: JobSearch


class RecommendationList(ApiModel):
    """GET /v1/jobs/recommendations: the best jobs first. `embeddings`: "used" when the caller's
    embedding took part, "unavailable" when Ollama did not give it (the skills and text parts alone
    then rank the jobs)."""

    items: list[Recommendation]
    basis: RecommendationBasis
    embeddings: Literal["used", "unavailable"]
