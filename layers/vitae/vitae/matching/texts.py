"""Resumes and candidate profiles as the plain text the matching domain reads (`vitae.matching.reading`):
pure functions over the other domains' views, apart from the matching service so that a reader of
these texts (job recommendations, the skills gap) loads none of its models, storage or limits."""

from collections.abc import Iterable
from typing import Any

_STARTS = ("startDate", "start_date", "start_year")
_ENDS = ("endDate", "end_date", "end_year")
_SHORT = 120  # characters: longer strings of an entry are its prose, on lines of their own


def document_lines(value: Any, heading: str | None = None) -> list[str]:
    """A JSON-like document (a candidate profile, a resume section's items) as a resume's lines: a
    heading per list ("work_experience" -> "Work Experience"), one line per entry holding its short
    fields and its dates as a range ("Engineer, Acme, 2019-01 – Present": the scorer counts years
    from ranges, not from dates on lines of their own), then its prose and lists."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        items = [line for item in value for line in document_lines(item)]
        return ([heading] if heading and items else []) + items
    if not isinstance(value, dict):
        return []
    if any(value.get(key) for key in _STARTS):
        return _entry_lines(value)
    lines = []
    for key, item in value.items():
        lines += document_lines(item, key.replace("_", " ").title() if isinstance(item, list) else None)
    return lines


def _entry_lines(entry: dict[str, Any]) -> list[str]:
    start_key = next(key for key in _STARTS if entry.get(key))
    end = next((entry[key] for key in _ENDS if entry.get(key)), None)
    # A dated entry without an end is current; a year-only one (education) is a year or a span
    span = f"{entry[start_key]} – {end or 'Present'}" if end or start_key != "start_year" else str(entry[start_key])
    short = [str(v) for k, v in entry.items() if k not in _STARTS + _ENDS and isinstance(v, str | int)
             and not isinstance(v, bool) and 0 < len(str(v).strip()) <= _SHORT]
    rest = [v for v in entry.values() if isinstance(v, list | dict) or (isinstance(v, str) and len(v) > _SHORT)]
    return [", ".join([*short, span]), *(line for value in rest for line in document_lines(value))]


def section_lines(sections: Iterable[dict[str, Any]]) -> list[str]:
    """Resume sections ({title, visible, items}, as the resumes domain stores them) as a resume's
    lines: each visible section's title, then its items (`document_lines`)."""
    return [line for section in sections if section.get("visible", True)
            for line in [section["title"], *document_lines(section["items"])]]


def resume_text(resume: Any) -> str:
    """A resume (`vitae.resumes.models.ResumeView`) as text: its title and visible sections."""
    return "\n".join([resume.title, *section_lines(section.model_dump() for section in resume.sections)])


def profile_text(profile: Any) -> str:
    """A candidate profile (`vitae.candidates.models.CandidateView`) as a resume's text: headline,
    summary, location and every entry, without ids, contact details or links."""
    document = profile.model_dump(mode="json", exclude={"id", "user_id", "created_at", "updated_at", "dob",
                                                        "gender", "phone", "links"})
    for entries in ("education", "work_experience", "skills", "certifications"):
        document[entries] = [{k: v for k, v in e.items() if k not in ("id", "source")} for e in document[entries]]
    return "\n".join(document_lines(document))
