"""Job recommendations (seed [G] GET /jobs/recommendations, DESIGN.md section 6): the catalogue jobs
that best fit the caller, each with the reasons it was chosen.

What they are made from: the caller's candidate profile or, without one, their default resume (each
through its domain's service, read as the matching domain reads them), and the job-search
preferences saved with their preferences (`jobSearch`). Jobs the caller already tracks an
application to are left out.

How jobs are scored (0 to 100, the parts weighted by `WEIGHTS`):
- skills: the job's skill keys (`jobs.skill_keys`, the matching domain's vocabulary) the caller
  has, matched / (asked + 1); the caller's keys are read from their text the same way, plus the
  skills they list by name (known to the vocabulary or not);
- text: the job's full-text rank (ts_rank_cd over the weighted document) for the caller's skills,
  relative to the best-ranked candidate;
- embedding: the cosine similarity of the job's and the caller's embeddings (`vitae.jobs.embeddings`);
  a job not embedded yet counts 0. When no candidate has it (Ollama did not give the caller's, or
  no job is embedded by the current model), the other two parts take its weight
  (`WEIGHTS_WITHOUT_EMBEDDING`).
Candidates are the union of the best `POOL` jobs by each part, among those the preferences allow:
the best skills part among the newest `WINDOW` jobs sharing a skill, best full-text rank among the
newest `WINDOW` the text matches, nearest embeddings over the whole catalogue (the HNSW index,
reading at most `SCANNED` entries); they are kept when they share a skill or a word with the caller
or are at least MIN_SIMILARITY alike; ties go to the newer job. The windows keep a call's cost flat
however broad the profile: a nurse's skills match a tenth of the catalogue, and ranking all of them
costs far more than the call may (bench/jobs.py).
"""

import math
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from vitae.jobs import embeddings, repository
from vitae.jobs.models import (
    Reasons,
    Recommendation,
    RecommendationBasis,
    RecommendationList,
    RecommendationQuery,
    ScoreParts,
)
from vitae.jobs.preferences import JobSearch
from vitae.jobs.service import view
from vitae.matching import texts
from vitae.platform import db
from vitae.platform.auth import Principal
from vitae.platform.config import settings
from vitae.platform.errors import Conflict, NotFound
from vitae.taxonomy.skills import skill_key

WEIGHTS = {"skills": 0.5, "text": 0.2, "embedding": 0.3}
WEIGHTS_WITHOUT_EMBEDDING = {"skills": 0.7, "text": 0.3}
POOL = 50  # candidates each part proposes (the most a call shows)
WINDOW = 200  # newest jobs the skill and the text parts each choose from
SCANNED = 500  # HNSW index entries the embedding part reads at most
MAX_QUERY_SKILLS = 30  # skills in the full-text query
SHOWN_SKILLS = 8  # skills named in a summary
# Cosine similarity a job sharing no skill and no word with the caller needs to be recommended at all:
# below it, the nearest jobs are merely the least far (nomic-embed-text puts unrelated texts near 0.4).
MIN_SIMILARITY = 0.5


@dataclass(frozen=True)
class Basis:
    """What recommendations are made from: its `source`, the resume's id (a resume), its text, and
    the skills it lists by name (profile skills; a resume's skills section names and keywords),
    which count even when the vocabulary does not know them."""

    source: Literal["profile", "resume"]
    resume_id: uuid.UUID | None
    text: str
    listed_skills: list[str]


def _basis(caller: Principal, ip_address: str | None) -> Basis:
    """The caller's candidate profile, else their default resume (each through its domain's service,
    read as the matching domain reads them: `vitae.matching.texts`). Conflict when they have neither."""
    from vitae.candidates import service as candidates
    from vitae.resumes import service as resumes

    try:
        profile = candidates.own_profile(candidates.Actor(caller, ip_address))
        return Basis("profile", None, texts.profile_text(profile), [skill.skill_name for skill in profile.skills])
    except NotFound:
        pass
    resume_id = resumes.default_resume_id(caller)
    if resume_id is None:
        raise Conflict("Recommendations are made from your candidate profile or your default resume, and you "
                       "have neither: create your profile with PUT /v1/profile, or a resume with POST /v1/resumes",
                       code="profile_required")
    resume = resumes.get_resume(caller, str(resume_id))
    listed = [str(name) for section in resume.sections if section.visible and section.type == "skills"
              for item in section.items for name in [item.get("name"), *(item.get("keywords") or [])]
              if isinstance(name, str) and name.strip()]
    return Basis("resume", resume_id, texts.resume_text(resume), listed)


def _preferences(caller: Principal) -> JobSearch:
    from vitae.resumes import service as resumes

    return resumes.get_preferences(caller).job_search


def _skill_names(keys: list[str], listed: list[str]) -> list[str]:
    """The names of skill keys: the vocabulary's, else as `listed` spells them, else the key."""
    from vitae.matching import vocabulary

    spellings = {skill_key(name): name for name in listed}
    return [vocabulary.skill_name(key) or spellings.get(key, key) for key in keys]


def _query_text(names: list[str]) -> str | None:
    """A websearch query asking for any of the skills, each as a phrase: `"patient care" or "bls"`
    (quotes inside a name are dropped, so no name can end the phrase or exclude a word)."""
    terms = [" ".join(name.replace('"', " ").split()) for name in names[:MAX_QUERY_SKILLS]]
    return " or ".join(f'"{term}"' for term in terms if term) or None


def _summary(matched: list[str], missing: list[str], parts: ScoreParts) -> str:
    asked = len(matched) + len(missing)
    if matched:
        said = f"You have {len(matched)} of the {asked} skills it asks for ({', '.join(matched[:SHOWN_SKILLS])})"
    elif parts.text > 0:
        said = ("None of the skills it lists are yours, but" if asked else "It lists no skills, but") \
            + " its text mentions some of yours"
    else:
        said = "It shares no skill with you, but its text is close to your profile in meaning"
    if missing:
        said += f"; missing: {', '.join(missing[:SHOWN_SKILLS])}"
    if parts.embedding is not None:
        said += f"; similarity of meaning {parts.embedding:.0%}"
    return said + "."


def _similarity(value: Any) -> float | None:
    """A cosine similarity as a score part: 0 to 1 (opposite meanings are no better than unrelated),
    None without one (or when pgvector could not compute it)."""
    if value is None or math.isnan(float(value)):
        return None
    return round(max(0.0, min(1.0, float(value))), 4)


def _relevant(row: dict[str, Any]) -> bool:
    """Whether a candidate (its `similarity` already a score part) says anything for the caller: a
    shared skill, a full-text match, or an embedding at least MIN_SIMILARITY alike (the nearest jobs
    are candidates however far they are)."""
    return bool(row["matched_keys"]) or float(row["text_rank"]) > 0 or \
        (row["similarity"] is not None and row["similarity"] >= MIN_SIMILARITY)


def _parts(row: dict[str, Any], best_rank: float, with_embeddings: bool) -> tuple[ScoreParts, float]:
    """A candidate's score parts and its exact score (0 to 1, before rounding). A job not embedded
    yet counts 0 for that part when others have theirs, so it never outranks an embedded one for it."""
    matched_keys = set(row["matched_keys"])
    matched = sum(1 for key in row["skill_keys"] if key in matched_keys)
    parts = ScoreParts(skills=round(matched / (len(row["skill_keys"]) + 1), 4),
                       text=round(float(row["text_rank"]) / best_rank, 4) if best_rank > 0 else 0.0,
                       embedding=row["similarity"])
    weights = WEIGHTS if with_embeddings else WEIGHTS_WITHOUT_EMBEDDING
    return parts, sum(weight * (getattr(parts, part) or 0.0) for part, weight in weights.items())


def _recommendation(row: dict[str, Any], parts: ScoreParts, exact: float) -> Recommendation:
    """A scored candidate as shown: the job, its score and the reasons (only the shown ones are built:
    naming the skills and validating the job cost more than scoring)."""
    matched_keys = set(row["matched_keys"])
    matched = _skill_names([k for k in row["skill_keys"] if k in matched_keys], row["skills"])
    missing = _skill_names([k for k in row["skill_keys"] if k not in matched_keys], row["skills"])
    reasons = Reasons(matched_skills=matched, missing_skills=missing, parts=parts,
                      summary=_summary(matched, missing, parts))
    return Recommendation(job=view(row), score=round(100 * exact), reasons=reasons)


def recommend(caller: Principal, query: RecommendationQuery, ip_address: str | None = None) -> RecommendationList:
    """GET /v1/jobs/recommendations: the `limit` best catalogue jobs for the caller, best first, with
    their reasons (see the module's docstring). Conflict (`profile_required`) when the caller has
    neither a candidate profile nor a resume."""
    basis = _basis(caller, ip_address)
    # After the basis: a caller with neither profile nor resume is answered without these domains.
    from vitae.applications.lookups import tracked_job_ids
    from vitae.matching import vocabulary

    preferences = _preferences(caller)
    keys = vocabulary.skill_keys(basis.text, basis.listed_skills)
    names = _skill_names(keys, basis.listed_skills)
    vector = embeddings.profile_vector(caller.user_id, basis.text)
    wanted = repository.Wanted(keys=keys, text=_query_text(names), vector=vector,
                               model=settings().ollama_embed_model, locations=preferences.locations,
                               remote=preferences.remote, job_types=list(preferences.job_types),
                               excluded=tracked_job_ids(caller))
    with db.transaction() as conn:
        rows = repository.candidates(conn, wanted, POOL, WINDOW, SCANNED)
    for row in rows:
        row["similarity"] = _similarity(row["similarity"])
    rows = [row for row in rows if _relevant(row)]
    with_embeddings = any(row["similarity"] is not None for row in rows)
    best_rank = max((float(row["text_rank"]) for row in rows), default=0.0)
    scored = [(*_parts(row, best_rank, with_embeddings), row) for row in rows]
    scored.sort(key=lambda item: (item[1], item[2]["listed_at"], item[2]["id"]), reverse=True)
    return RecommendationList(
        items=[_recommendation(row, parts, exact) for parts, exact, row in scored[:query.limit]],
        basis=RecommendationBasis(source=basis.source, resume_id=basis.resume_id, skills=names,
                                  preferences=preferences),
        embeddings="used" if with_embeddings else "unavailable")
