"""Ranking quality of the match score on the dev set (tests/fixtures/matching/dev, see its README): for
each job ad, resumes of its own profession score above resumes of every other profession (AUC per job
ad), near misses included (backend vs data engineer, registered nurse vs medical assistant, mechanical
vs electrical vs civil engineer). The score is tuned on this set; a blind set measures it elsewhere."""

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from vitae.matching.scoring import assess

DEV = Path(__file__).resolve().parents[1] / "fixtures" / "matching" / "dev"
PROFESSIONS = sorted(p.name for p in DEV.iterdir() if p.is_dir())
RESUMES = [(p, f.read_text()) for p in PROFESSIONS for f in sorted((DEV / p).glob("resume-*.txt"))]
AS_OF = date(2026, 12, 1)
AUC_FLOOR = 0.95
# Professions of the set close enough that a resume of one may be a strong match for the other's ad.
SIBLINGS = {frozenset(("teacher", "math-teacher"))}


@cache
def assessed(profession: str) -> list[tuple[str, int, str]]:
    """(owner profession, score, verdict) of every dev resume against the profession's job ad."""
    job = (DEV / profession / "job.txt").read_text()
    return [(owner, (result := assess(text, job, AS_OF)).score, result.verdict) for owner, text in RESUMES]


def auc(positives: list[int], negatives: list[int]) -> float:
    """The probability that a positive scores above a negative (ties count half)."""
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def test_the_dev_set_has_professions_with_a_job_ad_and_two_resumes_each():
    assert len(PROFESSIONS) >= 8
    for profession in PROFESSIONS:
        assert (DEV / profession / "job.txt").is_file()
        assert len(list((DEV / profession).glob("resume-*.txt"))) >= 2


@pytest.mark.parametrize("profession", PROFESSIONS)
def test_resumes_of_the_job_ads_profession_rank_first(profession):
    scores = [(owner, score) for owner, score, _ in assessed(profession)]
    positives = [score for owner, score in scores if owner == profession]
    negatives = [score for owner, score in scores if owner != profession]
    assert auc(positives, negatives) >= AUC_FLOOR, sorted(scores, key=lambda s: -s[1])[:6]


@pytest.mark.parametrize("profession", PROFESSIONS)
def test_verdicts_a_resume_of_the_profession_matches_and_no_other_is_strong(profession):
    verdicts = [(owner, verdict) for owner, _, verdict in assessed(profession)]
    assert any(v in ("strong", "good") for owner, v in verdicts if owner == profession), verdicts
    assert all(v != "strong" for owner, v in verdicts if owner != profession and
               frozenset((owner, profession)) not in SIBLINGS), verdicts


def test_every_matched_skill_passes_mentions_in_both_texts_even_on_mangled_inputs():
    """What the worker checks an LLM's claims with (`mentions`) agrees with what `assess` matched, on the
    dev texts cut, upper-cased, lower-cased and mixed with noise."""
    import random

    from vitae.matching.scoring import mentions

    texts = [text for _, text in RESUMES] + [(DEV / p / "job.txt").read_text() for p in PROFESSIONS]
    rnd = random.Random(7)
    noise = "abcXYZ .,;:()-–—•\n\t0123456789+#/&'\"éü中"
    for i in range(300):
        resume, job = rnd.choice(texts), rnd.choice(texts)
        if i % 4 == 0:
            resume = resume[rnd.randrange(len(resume)):][:rnd.randrange(1, 400)]
        elif i % 4 == 1:
            job = "".join(rnd.choice(noise) for _ in range(rnd.randrange(0, 300)))
        elif i % 4 == 2:
            resume, job = resume.upper(), job.lower()
        result = assess(resume, job, AS_OF)
        assert 0 <= result.score <= 100
        for evidence in result.matches:
            if evidence.kind == "skill":
                assert mentions(resume, evidence.name) and mentions(job, evidence.name), evidence
