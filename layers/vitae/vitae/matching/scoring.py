"""The deterministic match of a resume text against a requirements text (DESIGN.md section 6,
"Matching"): same inputs, same score, whatever any LLM says later.

Contract used by the matching service and worker:
- `assess(resume_text, requirements_text, as_of=None) -> Assessment` (pure, no I/O);
- `mentions(text, skill) -> bool`: whether a text shows a skill, synonyms included, which is how an
  LLM's claims about skills are checked against both documents (the same matcher `assess` uses: every
  skill `assess` matches passes `mentions` on both texts).

A skill is found by the shared vocabulary (`vitae.taxonomy.skills`: names, synonyms, abbreviations,
British spellings, and the broader skills a specific one implies: "Salesforce" shows CRM); the terms
part is in `vitae.matching.terms`, the reading of both texts (sentences, required or preferred, years,
education) in `vitae.matching.reading`.

The score (SCORING_VERSION "1") is a weighted mean of five parts, each 0..1:

| part             | weight | what it measures                                                         |
|------------------|--------|--------------------------------------------------------------------------|
| skills required  | 0.45   | the required skills of the requirements the resume shows, each weighted  |
|                  |        | 1 + 0.5 per extra mention in the requirements (at most 2), halved for    |
|                  |        | skills most professions list (GENERIC_SKILLS: Communication, Excel...);  |
|                  |        | a skill shown only through a broader one it implies ("Cooking" for "Line |
|                  |        | Cook") counts RELATED_CREDIT = 0.5; alternatives ("Snowflake, BigQuery   |
|                  |        | or Redshift") are one ask, met by any member                             |
| skills preferred | 0.10   | the same for preferred skills ("nice to have", "a plus", "ideally")      |
| experience       | 0.15   | years shown / years asked, capped at 1; 0.25 when the resume shows none; |
|                  |        | times the relevance (below)                                              |
| education        | 0.10   | 1 at or above the level asked, 0.5 less per level below (floor 0); 0.25  |
|                  |        | when none is shown; at least 0.6 where "or equivalent experience" is     |
|                  |        | accepted; times the relevance                                            |
| terms            | 0.20   | the requirements' other words the resume covers, BM25-weighted           |
|                  |        | (`vitae.matching.terms`), divided by TERMS_FULL_COVERAGE = 0.5, capped   |

Relevance = min(1, RELEVANCE_GAIN = 2 x the better of the required skills and terms parts): years and
degrees earned in another field count for less (a nurse's ten years are not five years of backend work).

A part the requirements do not ask for (no preferred skills, no years, no education named, no skill at
all) drops out and the others' weights are re-normalised to sum to 1; experience or education asked
only as preferred counts with half its weight. The score is round(100 x the weighted mean), half up.
Verdicts: strong >= 75, good >= 55, partial >= 35, else weak.

Required or preferred comes from the requirements' headings ("Requirements", "Must have", "You have";
"Nice to have", "Preferred", "Bonus") and each clause's wording ("a plus", "ideally", "required");
sections that ask nothing ("About us", "Benefits", the masthead) are left out, and prose before the first
heading asks unless it describes the employer. Tuned on tests/fixtures/matching/dev (33 professions;
AUC per job ad >= 0.98).

The only input besides the two texts is the date a resume's "Present" ends on (`as_of`, default the
current UTC date): a worker recomputing a processing passes the date the processing was requested.
"""

import math
from datetime import UTC, date, datetime
from functools import lru_cache

from vitae.matching import reading as rd
from vitae.matching import terms as tm
from vitae.matching.results import (
    Assessment,
    Breakdown,
    EducationPart,
    Evidence,
    ExperiencePart,
    Importance,
    SkillsPart,
    TermsPart,
    Verdict,
)
from vitae.taxonomy.skills import (
    GENERIC_SKILLS,
    IMPLIED_SKILLS,
    american,
    known_skills,
    normal_token,
    skill_key,
    tokens,
)

SCORING_VERSION = "1"

WEIGHTS: dict[str, float] = {"skillsRequired": 0.45, "skillsPreferred": 0.10, "experience": 0.15,
                             "education": 0.10, "terms": 0.20}
VERDICTS: tuple[tuple[int, Verdict], ...] = ((75, "strong"), (55, "good"), (35, "partial"), (0, "weak"))
TERMS_FULL_COVERAGE = 0.5  # a BM25 coverage of the requirements' terms worth a full terms part
NOT_SHOWN = 0.25  # experience or education asked, and the resume shows none
EQUIVALENT_FLOOR = 0.6  # education asked "or equivalent experience"
MAX_SKILL_WEIGHT = 2.0
RELATED_CREDIT = 0.5  # an asked skill the resume shows only through a broader one it implies
GENERIC_WEIGHT = 0.5  # a skill most professions list (GENERIC_SKILLS) weighs half
RELEVANCE_GAIN = 2.0  # experience and education count in proportion to how much of the field is shown
TOP_TERMS = 10
EVIDENCE_CHARS = 240


def clip(text: str) -> str:
    """`text` within EVIDENCE_CHARS characters, cut with an ellipsis: how evidence is quoted."""
    return text if len(text) <= EVIDENCE_CHARS else text[:EVIDENCE_CHARS - 1].rstrip() + "…"


@lru_cache(maxsize=16)
def _read(text: str) -> rd.Reading:
    """A text read as a resume, kept for the next `mentions` calls on it (an LLM's claims are checked
    one skill at a time against the same two texts)."""
    return rd.read(text, requirements=False)


def mentions(text: str, skill: str) -> bool:
    """Whether `text` shows `skill`: a vocabulary skill by any of its names ("k8s" for Kubernetes, "RN"
    for Registered Nurse; ambiguous names such as "Go" only as proper names) or by a skill that implies it
    ("Salesforce" shows CRM), as `assess` counts it; any other name by its words in sequence,
    case-insensitive."""
    key = skill_key(skill)
    if not key:
        return False
    reading = _read(text)
    if key in known_skills():
        return key in _shown(reading)
    wanted = [american(normal_token(t)) for t in tokens(skill)]
    width = len(wanted)
    return any(words[i:i + width] == wanted for words in reading.words for i in range(len(words) - width + 1))


def _shown(reading: rd.Reading) -> dict[str, int]:
    """The skills a text shows (key -> the first sentence that shows it), in order: those it names, then
    the broader ones they imply ("Salesforce" shows CRM; IMPLIED_SKILLS, two levels deep)."""
    shown: dict[str, int] = {}
    for mention in reading.mentions:
        shown.setdefault(mention.key, mention.sentence)
    for _ in range(2):
        for key, sentence in list(shown.items()):
            for implied in IMPLIED_SKILLS.get(key, ()):
                shown.setdefault(implied, sentence)
    return shown


def _asked_units(requirements: rd.Reading) -> list[tuple[Importance, int, list[tuple[str, int]]]]:
    """What the requirements ask, as units: (importance, first sentence, [(skill key, mentions)]). A
    unit is one skill, or alternatives ("Snowflake, BigQuery or Redshift") that any one member meets;
    a skill also asked on its own elsewhere leaves its group. Required wins over preferred; first
    mention order."""
    asked: dict[str, tuple[Importance, int, int]] = {}  # key -> importance, first sentence, mentions
    alone: set[str] = set()
    groups: dict[int, list[str]] = {}
    for mention in requirements.mentions:
        if mention.importance is None:
            continue
        importance, sentence, count = asked.get(mention.key, (mention.importance, mention.sentence, 0))
        if mention.importance == "required" and importance == "preferred":
            importance, sentence = "required", mention.sentence
        asked[mention.key] = (importance, sentence, count + 1)
        if mention.group is None:
            alone.add(mention.key)
        elif mention.key not in groups.setdefault(mention.group, []):
            groups[mention.group].append(mention.key)
    units: list[tuple[Importance, int, list[tuple[str, int]]]] = []
    placed: set[str] = set()
    for key, (importance, sentence, _count) in asked.items():
        if key in placed:
            continue
        if key in alone:
            members = [key]
        else:
            group = next(g for g in sorted(groups) if key in groups[g])
            members = [k for k in groups[group] if k not in alone and k not in placed]
        placed.update(members)
        units.append((importance, sentence, [(k, asked[k][2]) for k in members]))
    return units


def _skills(requirements: rd.Reading, resume: rd.Reading) -> tuple[dict[str, SkillsPart], list[Evidence],
                                                                    list[Evidence]]:
    names = known_skills()
    shown = _shown(resume)
    units = _asked_units(requirements)
    parts: dict[str, SkillsPart] = {}
    matches: list[Evidence] = []
    missing: list[Evidence] = []
    for importance in ("required", "preferred"):
        total = got = 0.0
        asked = met = 0
        matched_names: list[str] = []
        missing_names: list[str] = []
        partial_names: list[str] = []
        for unit_importance, sentence, members in units:
            if unit_importance != importance:
                continue
            asked += 1
            weight = max(min(MAX_SKILL_WEIGHT, 1 + 0.5 * (count - 1)) *
                         (GENERIC_WEIGHT if key in GENERIC_SKILLS else 1.0) for key, count in members)
            total += weight
            asked_in = clip(requirements.sentences[sentence].text)
            present = [key for key, _ in members if key in shown]
            if present:  # the unit is met: the members shown are matches, the other alternatives drop
                got += weight
                met += 1
                for key in present:
                    matches.append(Evidence(name=names[key], kind="skill", importance=importance,
                                            in_requirements=asked_in,
                                            in_resume=clip(resume.sentences[shown[key]].text)))
                    matched_names.append(names[key])
                continue
            credited = False
            for key, _ in members:
                evidence = Evidence(name=names[key], kind="skill", importance=importance,
                                    in_requirements=asked_in)
                related = next((other for other in IMPLIED_SKILLS.get(key, ()) if other in shown), None)
                if related is not None:
                    evidence.related = names[related]
                    evidence.in_resume = clip(resume.sentences[shown[related]].text)
                    partial_names.append(names[key])
                    credited = True
                missing.append(evidence)
                missing_names.append(names[key])
            got += RELATED_CREDIT * weight if credited else 0.0
        parts[importance] = SkillsPart(asked=asked, shown=met, score=round(got / total, 3) if total else 0.0,
                                       matched=matched_names, missing=missing_names, partial=partial_names)
    return parts, matches, missing


def _terms(requirements: rd.Reading, resume: rd.Reading) -> TermsPart | None:
    factors = {"required": 1.0, "preferred": tm.PREFERRED_FACTOR, None: 0.0}
    sentences = [tm.content_words([w for i, w in enumerate(words) if (s, i) not in requirements.skill_words])
                 for s, words in enumerate(requirements.words)]
    weights = tm.requirement_terms(sentences, [factors[s.importance] for s in requirements.sentences])
    if not weights:
        return None
    frequency: dict[str, int] = {}
    length = 0
    for words in resume.words:
        for word in tm.content_words(words):
            frequency[word] = frequency.get(word, 0) + 1
            length += 1
    total = sum(w.weight for w in weights)
    covered = sum(w.weight * tm.resume_saturation(frequency.get(w.term, 0), length) for w in weights)
    coverage = covered / total
    heaviest = sorted(weights, key=lambda w: (-w.weight, w.term))
    spelled = _spellings(requirements)
    return TermsPart(score=round(min(1.0, coverage / TERMS_FULL_COVERAGE), 3), coverage=round(coverage, 3),
                     matched=[spelled.get(w.term, w.term) for w in heaviest if w.term in frequency][:TOP_TERMS],
                     missing=[spelled.get(w.term, w.term) for w in heaviest if w.term not in frequency][:TOP_TERMS])


def _spellings(reading: rd.Reading) -> dict[str, str]:
    """Each stemmed term -> the word the text first wrote it as ("servic" -> "services")."""
    spelled: dict[str, str] = {}
    for words in reading.words:
        for word in words:
            spelled.setdefault(tm.stem(word), word)
    return spelled


def _years_text(years: float) -> str:
    return f"{years:g} year" + ("" if years == 1 else "s")


def _experience(requirements: rd.Reading, resume: rd.Reading, as_of: date,
                matches: list[Evidence], missing: list[Evidence]) -> ExperiencePart:
    asked = rd.years_asked(requirements)
    shown = rd.years_shown(resume, as_of)
    if asked is None:
        return ExperiencePart(years_asked=None, years_shown=shown[0] if shown else None, score=0.0,
                              importance=None)
    years, importance, sentence = asked
    score = NOT_SHOWN if shown is None else min(1.0, shown[0] / years)
    evidence = Evidence(name=f"{_years_text(years)} of experience", kind="experience", importance=importance,
                        in_requirements=clip(sentence), in_resume=clip(shown[1]) if shown else None)
    if shown is not None and shown[0] >= years:
        matches.append(evidence)
    else:
        missing.append(evidence)
    return ExperiencePart(years_asked=years, years_shown=shown[0] if shown else None, score=round(score, 3),
                          importance=importance)


def _education(requirements: rd.Reading, resume: rd.Reading, matches: list[Evidence],
               missing: list[Evidence]) -> EducationPart:
    asked = rd.education_asked(requirements)
    shown = rd.education_shown(resume)
    level_shown = rd.LEVELS[shown[0]] if shown else None
    if asked is None:
        return EducationPart(level_asked=None, level_shown=level_shown, score=0.0, importance=None,
                             equivalent_accepted=False)
    level, importance, sentence, equivalent = asked
    below = 0 if shown is None else max(0, level - shown[0])
    score = NOT_SHOWN if shown is None else max(0.0, 1 - 0.5 * below)
    if equivalent:
        score = max(score, EQUIVALENT_FLOOR)
    evidence = Evidence(name=f"{rd.LEVELS[level]} degree" if level >= 2 else rd.LEVELS[level], kind="education",
                        importance=importance, in_requirements=clip(sentence),
                        in_resume=clip(shown[1]) if shown else None)
    (matches if shown is not None and shown[0] >= level else missing).append(evidence)
    return EducationPart(level_asked=rd.LEVELS[level], level_shown=level_shown, score=round(score, 3),
                         importance=importance, equivalent_accepted=equivalent)


def _weights(skills: dict[str, SkillsPart], experience: ExperiencePart, education: EducationPart,
             terms: TermsPart | None) -> dict[str, float]:
    raw: dict[str, float] = {}
    if skills["required"].asked:
        raw["skillsRequired"] = WEIGHTS["skillsRequired"]
    if skills["preferred"].asked:
        raw["skillsPreferred"] = WEIGHTS["skillsPreferred"]
    if experience.importance:
        raw["experience"] = WEIGHTS["experience"] * (1.0 if experience.importance == "required" else 0.5)
    if education.importance:
        raw["education"] = WEIGHTS["education"] * (1.0 if education.importance == "required" else 0.5)
    if terms is not None:
        raw["terms"] = WEIGHTS["terms"]
    total = sum(raw.values())
    return {part: round(weight / total, 4) for part, weight in raw.items()} if total else {}


def _relevance(required: SkillsPart, terms: TermsPart | None) -> float:
    """How much of the asked field the resume shows, 0..1: RELEVANCE_GAIN times the better of the
    required skills part and the terms part, capped at 1 (1 when the requirements name neither)."""
    parts = ([required.score] if required.asked else []) + ([terms.score] if terms else [])
    return round(min(1.0, RELEVANCE_GAIN * max(parts)), 3) if parts else 1.0


def _verdict(score: int) -> Verdict:
    return next(verdict for threshold, verdict in VERDICTS if score >= threshold)


def _names(names: list[str], limit: int = 6) -> str:
    """"A, B and C"; past `limit` names, "A, B, C and 4 more"."""
    listed = names[:limit] + ([f"{len(names) - limit} more"] if len(names) > limit else [])
    return ", ".join(listed[:-1]) + (" and " if len(listed) > 1 else "") + listed[-1] if listed else ""


def recommendation(score: int, verdict: Verdict, breakdown: Breakdown) -> str:
    """A recommendation written from the breakdown alone: what is strong, what is missing, concretely."""
    if not breakdown.weights:
        return ("The requirements name no skill, experience, education or other term that can be checked; "
                "add the role's requirements to get a match.")
    opening = {"strong": "A strong match", "good": "A good match", "partial": "A partial match",
               "weak": "A weak match"}[verdict]
    parts = [f"{opening} ({score}/100)."]
    required, preferred, terms = breakdown.skills_required, breakdown.skills_preferred, breakdown.terms
    if required.asked and required.score < 0.2 and terms.score < 0.3:
        parts.append("The resume shows little of what this role asks: it reads as another profession's.")
    if required.asked:
        parts.append(f"It shows {required.shown} of the {required.asked} required skills"
                     + (f": {_names(required.matched)}." if required.matched else "."))
        fully_missing = [name for name in required.missing if name not in required.partial]
        if required.partial:
            parts.append(f"Shown only through a broader skill: {_names(required.partial)}; name the specific "
                         "one where it was used.")
        if fully_missing:
            parts.append(f"Missing required skills: {_names(fully_missing)}. Where the candidate has used them, "
                         "the resume should name them in that experience; otherwise they are the gaps to close "
                         "first.")
    if preferred.asked:
        parts.append(f"Of the preferred skills it shows {preferred.shown} of {preferred.asked}"
                     + (f"; not shown: {_names(preferred.missing)}." if preferred.missing else "."))
    experience = breakdown.experience
    if experience.years_asked is not None:
        asked = _years_text(experience.years_asked)
        if experience.years_shown is None:
            parts.append(f"The requirements ask for {asked} of experience and the resume shows no dated work "
                         "history: add the dates of each role.")
        elif experience.years_shown >= experience.years_asked:
            parts.append(f"About {_years_text(experience.years_shown)} of experience meets the {asked} asked.")
        else:
            parts.append(f"The requirements ask for {asked} of experience; the resume shows about "
                         f"{_years_text(experience.years_shown)}.")
    education = breakdown.education
    if education.level_asked is not None:
        if education.level_shown is None:
            parts.append(f"The requirements ask for {education.level_asked} education and the resume names "
                         "none: add the degree or diploma.")
        elif education.score >= 1:
            parts.append(f"Education ({education.level_shown}) meets the {education.level_asked} level asked.")
        else:
            parts.append(f"The requirements ask for {education.level_asked} education; the resume shows "
                         f"{education.level_shown}"
                         + (", and equivalent experience is accepted." if education.equivalent_accepted else "."))
    if "terms" in breakdown.weights:
        if terms.score >= 0.8:
            parts.append("Its wording covers the requirements' other key terms well.")
        elif terms.missing:
            parts.append(f"Key terms of the requirements it does not use: {_names(terms.missing, 5)}.")
    return " ".join(parts)


def assess(resume_text: str, requirements_text: str, as_of: date | None = None) -> Assessment:
    """Score a resume text against a requirements text, 0-100, with its breakdown and evidence. Pure:
    the same texts (and `as_of`, the date a resume's "Present" ends on; default today, UTC) give the same
    Assessment. See the module docstring for the parts, weights and verdict thresholds."""
    as_of = as_of or datetime.now(UTC).date()
    requirements = rd.read(requirements_text, requirements=True)
    resume = rd.read(resume_text, requirements=False)
    skills, matches, missing = _skills(requirements, resume)
    experience = _experience(requirements, resume, as_of, matches, missing)
    education = _education(requirements, resume, matches, missing)
    terms = _terms(requirements, resume)
    weights = _weights(skills, experience, education, terms)
    relevance = _relevance(skills["required"], terms)
    if experience.importance:
        experience.relevance = relevance
        experience.score = round(experience.score * relevance, 3)
    if education.importance:
        education.relevance = relevance
        education.score = round(education.score * relevance, 3)
    values = {"skillsRequired": skills["required"].score, "skillsPreferred": skills["preferred"].score,
              "experience": experience.score, "education": education.score,
              "terms": terms.score if terms else 0.0}
    total = sum(weights[part] * values[part] for part in sorted(weights))
    score = min(100, max(0, math.floor(100 * total + 0.5)))
    verdict = _verdict(score)
    breakdown = Breakdown(skills_required=skills["required"], skills_preferred=skills["preferred"],
                          experience=experience, education=education,
                          terms=terms or TermsPart(score=0.0, coverage=0.0, matched=[], missing=[]),
                          weights=weights)
    return Assessment(score=score, verdict=verdict, recommendation=recommendation(score, verdict, breakdown),
                      matches=matches, missing=missing, breakdown=breakdown, scoring_version=SCORING_VERSION)
