"""Resume-vs-job ranking on the blind labelled set (tests/fixtures/matching/labelled): for each job
description, every resume of the set is scored with `vitae.matching.scoring.assess` and the AUC is the
probability that a resume of the job's profession scores above a resume of another profession (ties count
half). Prints one row per job description, then the mean and the minimum. No assertion: the floor is in
tests/unit/test_matching_ranking.py, which loads this file for the set and the AUC.

    .venv/bin/python bench/matching_auc.py

The set is a measurement, not a development set: see its README before looking at individual failures.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "matching" / "labelled"


@dataclass(frozen=True)
class Document:
    file: str  # relative to the set's directory, as in the manifest
    profession: str
    text: str = field(repr=False)


@dataclass(frozen=True)
class Ranking:
    """One job description's scores for every resume of the set."""

    job: Document
    scores: list[tuple[Document, int]] = field(repr=False)  # every resume with its score, highest first

    @property
    def auc(self) -> float:
        return auc([s for r, s in self.scores if r.profession == self.job.profession],
                   [s for r, s in self.scores if r.profession != self.job.profession])

    def rank(self, score: int) -> float:
        """1-based rank of a score among all the resumes, ties sharing their mean rank."""
        above = sum(1 for _, s in self.scores if s > score)
        tied = sum(1 for _, s in self.scores if s == score)
        return above + (tied + 1) / 2

    def worst_positives(self) -> list[str]:
        """The job's own-profession resumes, worst-ranked first, each with the other-profession resumes
        scoring at or above it."""
        lines = []
        own = self.job.profession
        for resume, score in sorted(((r, s) for r, s in self.scores if r.profession == own), key=lambda rs: rs[1]):
            above = [f"{r.file} ({s})" for r, s in self.scores if r.profession != own and s >= score]
            listed = f": {', '.join(above[:5])}{' ...' if len(above) > 5 else ''}" if above else ""
            lines.append(f"{resume.file}: score {score}, rank {self.rank(score):g} of {len(self.scores)}; "
                         f"{len(above)} other-profession resume(s) at or above{listed}")
        return lines


def auc(positives: list[int], negatives: list[int]) -> float:
    """P(a positive scores above a negative), ties counting half: the Mann-Whitney U over |P|·|N|."""
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def load(root: Path = LABELLED) -> tuple[list[Document], list[Document]]:
    """The set's job descriptions and resumes, in manifest order."""
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))

    def documents(kind: str) -> list[Document]:
        return [Document(e["file"], e["profession"], (root / e["file"]).read_text(encoding="utf-8"))
                for e in manifest[kind]]

    return documents("jobs"), documents("resumes")


def rank(job: Document, resumes: list[Document], score: Callable[[str, str], int]) -> Ranking:
    scored = [(resume, score(resume.text, job.text)) for resume in resumes]
    return Ranking(job, sorted(scored, key=lambda rs: -rs[1]))


def table(rankings: list[Ranking]) -> str:
    """Per-description AUC, then the mean and the minimum."""
    aucs = [r.auc for r in rankings]
    width = max(len(r.job.file) for r in rankings)
    lines = [f"{'job description':<{width}}  AUC"]
    lines += [f"{r.job.file:<{width}}  {r.auc:.3f}" for r in rankings]
    lines.append(f"{'mean':<{width}}  {sum(aucs) / len(aucs):.3f}")
    lines.append(f"{'min':<{width}}  {min(aucs):.3f}")
    return "\n".join(lines)


def main() -> None:
    from vitae.matching.scoring import assess

    jobs, resumes = load()
    print(table([rank(job, resumes, lambda cv, req: assess(cv, req).score) for job in jobs]))


if __name__ == "__main__":
    main()
