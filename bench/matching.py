"""The deterministic match score (`vitae.matching.scoring.assess`): per-pair time, median and p95, of a
2-page resume against a 1-page job description, beside a floor measured in the same run on the same
texts: tokenising both with one regex (`re.findall(r"\\w+", ...)`). Then the first call in the process,
which builds the vocabulary index (nothing is built at import).

    .venv/bin/python bench/matching.py [--repeat 20]

The pairs come from the dev set (tests/fixtures/matching/dev), whose texts are shorter than that: resumes
are joined to about two pages (900+ words) and job ads to about one (450+ words); every job ad is timed
against every resume, matched and unmatched pairs alike.
"""

import argparse
import re
import statistics
import time
from pathlib import Path

DEV = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "matching" / "dev"
_WORD = re.compile(r"\w+")
TWO_PAGES = 900  # words
ONE_PAGE = 450  # words


def _joined(paths: list[Path], words: int) -> str:
    """The texts of `paths`, in order, joined until they reach `words` words."""
    texts: list[str] = []
    for path in paths:
        texts.append(path.read_text())
        if len(_WORD.findall("\n".join(texts))) >= words:
            break
    return "\n\n".join(texts)


def pairs() -> list[tuple[str, str]]:
    """(resume, job ad) pairs: every profession's ~1-page job ad (its own, then the next professions',
    joined until ONE_PAGE words) against every profession's ~2-page resume (its own resumes, then the
    next professions', joined until TWO_PAGES words)."""
    professions = sorted(p for p in DEV.iterdir() if p.is_dir())
    resumes, jobs = [], []
    for index in range(len(professions)):
        order = professions[index:] + professions[:index]
        resumes.append(_joined([path for p in order for path in sorted(p.glob("resume-*.txt"))], TWO_PAGES))
        jobs.append(_joined([p / "job.txt" for p in order], ONE_PAGE))
    return [(resume, job) for job in jobs for resume in resumes]


def timed(call, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed calls per pair (median taken)")
    args = parser.parse_args()
    work = pairs()
    started = time.perf_counter()
    from vitae.matching.scoring import assess

    imported = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    assess(*work[0])
    first = (time.perf_counter() - started) * 1000

    scores, floors = [], []
    for resume, job in work:
        scores.append(statistics.median(timed(lambda r=resume, j=job: assess(r, j), args.repeat)))
        floors.append(statistics.median(timed(lambda r=resume, j=job: (_WORD.findall(r), _WORD.findall(j)),
                                              args.repeat)))
    words_resume = statistics.median(len(_WORD.findall(r)) for r, _ in work)
    words_job = statistics.median(len(_WORD.findall(j)) for _, j in work)

    def p95(samples: list[float]) -> float:
        return statistics.quantiles(samples, n=20)[18]

    print(f"{len(work)} pairs, median {words_resume:.0f} resume words against {words_job:.0f} job ad words, "
          f"{args.repeat} calls each (a pair's time is its median)")
    print(f"{'ms per pair':<22}{'median':>10}{'p95':>10}")
    print(f"{'assess':<22}{statistics.median(scores):>10.2f}{p95(scores):>10.2f}")
    print(f"{'floor (one regex)':<22}{statistics.median(floors):>10.3f}{p95(floors):>10.3f}")
    print(f"{'ratio':<22}{statistics.median(scores) / statistics.median(floors):>10.0f}"
          f"{p95(scores) / p95(floors):>10.0f}")
    print(f"import vitae.matching.scoring: {imported:.1f} ms; first assess (builds the vocabulary index): "
          f"{first:.1f} ms")


if __name__ == "__main__":
    main()
