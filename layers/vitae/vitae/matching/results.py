"""What the deterministic match (`vitae.matching.scoring`) produces, as stored and answered: its
models alone, so that reading a stored result does not load the scoring's vocabularies and patterns."""

from typing import Literal

from pydantic import ConfigDict, Field

from vitae.platform.api import ApiModel

Verdict = Literal["strong", "good", "partial", "weak"]
Importance = Literal["required", "preferred"]


class ResultModel(ApiModel):
    """A part of a stored result. Results are read back as stored, whatever `scoringVersion` made
    them: a field a later version drops is ignored, and a field it adds must have a default."""

    model_config = ConfigDict(extra="ignore")


class Evidence(ResultModel):
    """One skill or requirement of the requirements text, and where each text shows it: the
    requirements' sentence that asks for it and the resume's sentence that shows it (None when missing).
    A missing skill may have a `related` one the resume shows (a broader skill it implies: "Cooking" for
    "Line Cook"), worth RELATED_CREDIT of it; `in_resume` is then where the related skill is."""

    name: str
    kind: Literal["skill", "experience", "education", "term"]
    importance: Importance
    in_requirements: str | None = None
    in_resume: str | None = None
    related: str | None = None


class SkillsPart(ResultModel):
    """Skills of one importance: how many the requirements ask for and how many of those the resume shows
    (alternatives such as "Python or Go" count once, met by either), which skills it shows and lacks
    (`missing` includes the `partial` ones, shown only through a related skill; unshown alternatives of a
    met group are in neither), and the part's score 0..1 (weighted by how often the requirements name each
    skill; a partial one counts RELATED_CREDIT)."""

    asked: int
    shown: int
    score: float
    matched: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    partial: list[str] = Field(default_factory=list)


class ExperiencePart(ResultModel):
    """Years of experience asked (the requirements' largest required figure, else preferred) and shown
    (explicit figure or the union of the resume's work date ranges); score 0..1, already multiplied by
    `relevance` (0..1, how much of the asked field the resume shows)."""

    years_asked: float | None
    years_shown: float | None
    score: float
    importance: Importance | None = None
    relevance: float = 1.0


class EducationPart(ResultModel):
    """Education level asked and shown, each one of "high school", "associate", "bachelor", "master",
    "doctorate" (None when not named); score 0..1, already multiplied by `relevance`."""

    level_asked: str | None
    level_shown: str | None
    score: float
    importance: Importance | None = None
    equivalent_accepted: bool = False
    relevance: float = 1.0


class TermsPart(ResultModel):
    """The requirements' other terms (stemmed, stop words and skill names out): score 0..1, the raw BM25
    coverage 0..1, and the heaviest terms the resume has and lacks (at most TOP_TERMS each)."""

    score: float
    coverage: float = 0.0
    matched: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)


class Breakdown(ResultModel):
    """The parts the score is made of, each 0..1, and the weight each had (only the parts that counted,
    summing to 1; keys skillsRequired, skillsPreferred, experience, education, terms)."""

    skills_required: SkillsPart
    skills_preferred: SkillsPart
    experience: ExperiencePart
    education: EducationPart
    terms: TermsPart
    weights: dict[str, float]


class Assessment(ResultModel):
    """The deterministic result: score 0..100, verdict, a recommendation written from the breakdown
    alone, matched and missing requirements with evidence, the breakdown, the scoring version."""

    score: int
    verdict: Verdict
    recommendation: str
    matches: list[Evidence]
    missing: list[Evidence]
    breakdown: Breakdown
    scoring_version: str
