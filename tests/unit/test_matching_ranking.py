"""Resume-vs-job ranking on the blind labelled set in tests/fixtures/matching/labelled: for every job
description, `assess` must rank the resumes of the job's profession above those of the other nine professions,
AUC >= 0.95 (the probability that an own-profession resume scores above an other-profession one, ties half).
One test per job description. The set was written blind and must not be tuned against (see its README);
bench/matching_auc.py prints the same table without asserting."""

import functools
import importlib.util
from pathlib import Path

import pytest

from vitae.matching.scoring import assess

ROOT = Path(__file__).resolve().parents[2]
# The set and the AUC live with the bench (which must not import tests); loaded from its file, explicitly.
_spec = importlib.util.spec_from_file_location("matching_auc", ROOT / "bench" / "matching_auc.py")
matching_auc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(matching_auc)

AUC_FLOOR = 0.95
JOBS, RESUMES = matching_auc.load()


def _score(resume_text: str, job_text: str) -> int:
    return assess(resume_text, job_text).score


@functools.cache
def rankings() -> dict[str, "matching_auc.Ranking"]:
    """Every job description's ranking of every resume, computed once for all the tests."""
    return {job.file: matching_auc.rank(job, RESUMES, _score) for job in JOBS}


@pytest.fixture(scope="module", autouse=True)
def summary(request):
    """After the module's tests: the per-description table, mean and minimum, printed to the terminal."""
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None or rankings.cache_info().currsize == 0:
        return
    with capture.global_and_fixture_disabled():
        reporter.write("\n")
        reporter.write_line(f"resume-vs-job ranking, blind labelled set (AUC floor {AUC_FLOOR}):")
        reporter.write_line(matching_auc.table(list(rankings().values())))


def test_the_set_is_complete():
    professions = {job.profession for job in JOBS}
    assert len(professions) == 10
    assert all(sum(j.profession == p for j in JOBS) == 2 for p in professions)
    assert all(sum(r.profession == p for r in RESUMES) == 3 for p in professions)
    assert {r.profession for r in RESUMES} == professions


@pytest.mark.parametrize("job", JOBS, ids=[Path(job.file).stem for job in JOBS])
def test_own_profession_ranks_first(job):
    ranking = rankings()[job.file]
    auc = ranking.auc
    assert auc >= AUC_FLOOR, (
        f"{job.file}: AUC {auc:.3f} < {AUC_FLOOR}\n"
        "own-profession resumes, worst-ranked first:\n  " + "\n  ".join(ranking.worst_positives()) + "\n"
        "every job description:\n" + matching_auc.table(list(rankings().values()))
    )
