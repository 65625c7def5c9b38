"""The deterministic match of a resume text against a requirements text (DESIGN.md section 6,
"Matching"): same inputs, same score, whatever any LLM says later.

Contract used by the matching service and worker:
- `assess(resume_text, requirements_text) -> Assessment` (pure, no I/O);
- `mentions(text, skill) -> bool`: whether a text shows a skill, synonyms included, which is how an
  LLM's claims about skills are checked against both documents.
"""

from typing import Literal

from vitae.cvparse.skills import key_skill_coverage, skills_in
from vitae.platform.http import ApiModel

SCORING_VERSION = "0"

Verdict = Literal["strong", "good", "partial", "weak"]
Importance = Literal["required", "preferred"]


class Evidence(ApiModel):
    """One skill or requirement of the requirements text, and where each text shows it."""

    name: str
    kind: Literal["skill", "experience", "education", "term"]
    importance: Importance
    in_requirements: str | None = None  # the requirements' sentence that asks for it
    in_resume: str | None = None  # the resume's sentence that shows it; None when missing


class SkillsPart(ApiModel):
    """Skills of one importance: how many the requirements ask for, how many the resume shows."""

    asked: int
    shown: int
    score: float  # 0..1


class ExperiencePart(ApiModel):
    years_asked: float | None
    years_shown: float | None
    score: float


class EducationPart(ApiModel):
    level_asked: str | None
    level_shown: str | None
    score: float


class TermsPart(ApiModel):
    score: float


class Breakdown(ApiModel):
    """The parts the score is made of, each 0..1, and the weight each had."""

    skills_required: SkillsPart
    skills_preferred: SkillsPart
    experience: ExperiencePart
    education: EducationPart
    terms: TermsPart
    weights: dict[str, float]


class Assessment(ApiModel):
    score: int  # 0..100
    verdict: Verdict
    recommendation: str  # written from the breakdown alone
    matches: list[Evidence]
    missing: list[Evidence]
    breakdown: Breakdown
    scoring_version: str


def mentions(text: str, skill: str) -> bool:
    """Whether `text` shows `skill` (synonyms and abbreviations count)."""
    return bool(key_skill_coverage(text, [skill])["present"])


def assess(resume_text: str, requirements_text: str) -> Assessment:
    """Score a resume text against a requirements text, 0-100. Placeholder rules (skill overlap
    only) until the scoring rules land; the shapes are final."""
    asked = skills_in(requirements_text)
    coverage = key_skill_coverage(resume_text, asked)
    shown = coverage["present"]
    ratio = len(shown) / len(asked) if asked else 0.0
    score = round(100 * ratio)
    verdict: Verdict = "strong" if score >= 80 else "good" if score >= 60 else "partial" if score >= 35 else "weak"
    return Assessment(
        score=score, verdict=verdict,
        recommendation=f"The resume shows {len(shown)} of the {len(asked)} skills the requirements name.",
        matches=[Evidence(name=s, kind="skill", importance="required") for s in shown],
        missing=[Evidence(name=s, kind="skill", importance="required") for s in coverage["missing"]],
        breakdown=Breakdown(
            skills_required=SkillsPart(asked=len(asked), shown=len(shown), score=ratio),
            skills_preferred=SkillsPart(asked=0, shown=0, score=0.0),
            experience=ExperiencePart(years_asked=None, years_shown=None, score=0.0),
            education=EducationPart(level_asked=None, level_shown=None, score=0.0),
            terms=TermsPart(score=0.0),
            weights={"skillsRequired": 1.0},
        ),
        scoring_version=SCORING_VERSION,
    )
