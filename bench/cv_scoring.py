"""Field-level scoring of parsed CVs against the labelled corpus in tests/fixtures/cv, shared by
bench/cv_parse.py and tests/unit/test_cv_corpus.py.

Strings match after normalisation (NFKC, casefold, whitespace collapsed, punctuation stripped at the
ends; URLs without "http(s)://" and "www."); summary and highlights by rapidfuzz token-set ratio >= 85
when neither has under half the other's words (alone, the ratio scores a fragment 100 against any text
containing it); other values, dates included, exactly. Entries pair one-to-one with truth entries by
best match: work by employer and position, education by institution then degree, certificates and
languages by name; skills are sets. A predicted value without truth is a false positive, a truth value
without prediction a false negative, a wrong value both; absent in both (current endDate) is nothing.
"""

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "cv"
FIELDS = ("basics.name", "basics.email", "basics.phone", "basics.url", "basics.location.city", "basics.summary",
          "work.name", "work.position", "work.startDate", "work.endDate", "work.highlights",
          "education.institution", "education.studyType", "education.area", "education.startDate",
          "education.endDate", "skills", "certificates.name", "certificates.issuer", "certificates.date",
          "languages.language", "languages.fluency")
FUZZY = ("basics.summary", "work.highlights")
_ENDS = " .,;:!?·•‣▪◦*-–—|/\\()[]{}\"'"


def corpus(root: Path = CORPUS) -> list[tuple[Path, dict]]:
    """Every document of the corpus with its truth (a CvData dump)."""
    docs = sorted(p for p in root.iterdir() if p.suffix in (".pdf", ".docx"))
    return [(p, json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))) for p in docs]


def norm(value, field: str = "") -> str:
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(value)).casefold()).strip(_ENDS)
    return re.sub(r"^(https?://)?(www\.)?", "", text) if field == "basics.url" else text


def same(field: str, a, b) -> bool:
    a, b = norm(a, field), norm(b, field)
    if field in FUZZY:
        shorter, longer = sorted((len(a.split()), len(b.split())))
        return 2 * shorter >= longer and fuzz.token_set_ratio(a, b) >= 85
    return a == b


def pair(preds: list, truths: list, similarity, threshold: float) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing, best similarity first; pairs under the threshold stay apart."""
    scored = sorted(((similarity(p, t), i, j) for i, p in enumerate(preds) for j, t in enumerate(truths)),
                    key=lambda s: -s[0])
    used_p, used_t, pairs = set(), set(), []
    for sim, i, j in scored:
        if sim >= threshold and i not in used_p and j not in used_t:
            used_p.add(i), used_t.add(j), pairs.append((i, j))
    return pairs


class Score:
    def __init__(self):
        self.tp, self.fp, self.fn = Counter(), Counter(), Counter()

    def value(self, field: str, pred, truth) -> None:
        pred, truth = pred or None, truth or None
        if pred is None and truth is None:
            return
        if pred is not None and truth is not None and same(field, pred, truth):
            self.tp[field] += 1
            return
        self.fp[field] += pred is not None
        self.fn[field] += truth is not None

    def strings(self, field: str, preds: list, truths: list) -> None:
        hits = len(pair(preds, truths, lambda p, t: same(field, p, t), 1))
        self.tp[field] += hits
        self.fp[field] += len(preds) - hits
        self.fn[field] += len(truths) - hits

    def entries(self, section: str, preds: list[dict], truths: list[dict], similarity, threshold: float):
        pairs = pair(preds, truths, similarity, threshold)
        matched_p, matched_t = {i for i, _ in pairs}, {j for _, j in pairs}
        fields = [f.split(".", 1)[1] for f in FIELDS if f.startswith(section + ".")]
        for i, j in pairs + [(i, None) for i in range(len(preds)) if i not in matched_p] + \
                [(None, j) for j in range(len(truths)) if j not in matched_t]:
            p = preds[i] if i is not None else {}
            t = truths[j] if j is not None else {}
            for f in fields:
                if f == "highlights":
                    self.strings(f"{section}.{f}", p.get(f) or [], t.get(f) or [])
                else:
                    self.value(f"{section}.{f}", p.get(f), t.get(f))

    def __iadd__(self, other: "Score") -> "Score":
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def prf(self, fields=FIELDS) -> tuple[float, float, float]:
        tp, fp, fn = (sum(c[f] for f in fields) for c in (self.tp, self.fp, self.fn))
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _ratio(a, b) -> float:
    return fuzz.ratio(norm(a or ""), norm(b or ""))


def score(pred: dict, truth: dict) -> Score:
    """`pred` and `truth` are CvData dumps (model_dump(exclude_none=True))."""
    s = Score()
    pb, tb = pred.get("basics", {}), truth.get("basics", {})
    for f in ("name", "email", "phone", "url", "summary"):
        s.value(f"basics.{f}", pb.get(f), tb.get(f))
    s.value("basics.location.city", (pb.get("location") or {}).get("city"), (tb.get("location") or {}).get("city"))
    s.entries("work", pred.get("work", []), truth.get("work", []),
              lambda p, t: (_ratio(p.get("name"), t.get("name")) + _ratio(p.get("position"), t.get("position"))) / 2,
              60)
    degree = lambda e: f"{e.get('studyType') or ''} {e.get('area') or ''}"  # noqa: E731
    s.entries("education", pred.get("education", []), truth.get("education", []),
              lambda p, t: (2 * _ratio(p.get("institution"), t.get("institution")) + _ratio(degree(p), degree(t))) / 3,
              60)
    named = lambda key: lambda p, t: 100 * (norm(p.get(key) or "") == norm(t.get(key) or ""))  # noqa: E731
    s.entries("certificates", pred.get("certificates", []), truth.get("certificates", []), named("name"), 100)
    s.entries("languages", pred.get("languages", []), truth.get("languages", []), named("language"), 100)
    skills = lambda d: {norm(x.get("name", "")) for x in d.get("skills", [])} - {""}  # noqa: E731
    ps, ts = skills(pred), skills(truth)
    s.tp["skills"] += len(ps & ts)
    s.fp["skills"] += len(ps - ts)
    s.fn["skills"] += len(ts - ps)
    return s
