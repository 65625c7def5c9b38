"""JSON Resume (https://jsonresume.org/schema, v1) to and from Vitae resumes.

Import also reads the pre-1.0 names: `bio` for `basics`, `work[].company` and `work[].website`
for `name` and `url`, `education[].gpa` for `score`. What JSON Resume has no place for (the title,
template, section titles and visibility, custom sections) travels in `meta.vitae`, so an export
imports back to the same resume.
"""

from typing import Any

# section type -> (JSON Resume key, {JSON Resume field: Vitae item field})
FIELDS: dict[str, tuple[str, dict[str, str]]] = {
    "experience": ("work", {"name": "company", "position": "position", "location": "location", "url": "url",
                            "startDate": "startDate", "endDate": "endDate", "summary": "summary",
                            "highlights": "highlights"}),
    "education": ("education", {"institution": "institution", "area": "area", "studyType": "studyType",
                                "startDate": "startDate", "endDate": "endDate", "score": "score",
                                "courses": "courses"}),
    "skills": ("skills", {"name": "name", "level": "level", "keywords": "keywords"}),
    "projects": ("projects", {"name": "name", "description": "description", "url": "url", "startDate": "startDate",
                              "endDate": "endDate", "highlights": "highlights"}),
    "certifications": ("certificates", {"name": "name", "issuer": "issuer", "date": "date", "url": "url"}),
    "languages": ("languages", {"language": "language", "fluency": "fluency"}),
}
PRE_1_0 = {"work": {"company": "name", "website": "url"}, "education": {"gpa": "score"}}


def export(resume: dict[str, Any], sections: list[dict[str, Any]], owner: dict[str, Any]) -> dict[str, Any]:
    """A JSON Resume document of the whole resume (hidden sections included: it is the owner's)."""
    document: dict[str, Any] = {"$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"}
    basics = {"name": owner.get("fullName") or "", "label": resume["title"]}
    if owner.get("email"):
        basics["email"] = owner["email"]
    summaries = [item["text"] for s in sections if s["type"] == "summary" for item in s["items"]]
    if summaries:
        basics["summary"] = "\n\n".join(summaries)
    document["basics"] = basics
    for section in sections:
        if section["type"] in FIELDS:
            key, fields = FIELDS[section["type"]]
            document.setdefault(key, []).extend(
                {out: item[inner] for out, inner in fields.items() if item.get(inner) not in (None, [])}
                for item in section["items"])
    document["meta"] = {
        "version": "v1.0.0",
        "lastModified": resume["updated_at"].isoformat(timespec="seconds"),
        "vitae": {
            "title": resume["title"], "template": resume["template"], "language": resume["language"],
            "sections": [{"type": s["type"], "title": s["title"], "visible": s["visible"],
                          **({"items": s["items"]} if s["type"] in ("custom", "summary") else {})}
                         for s in sections],
        },
    }
    return document


def to_resume(document: dict[str, Any]) -> dict[str, Any]:
    """The ResumeIn body for a JSON Resume document (v1, or pre-1.0 names)."""
    if not isinstance(document, dict):
        raise ValueError("a JSON Resume document is an object")
    basics = document.get("basics") or document.get("bio") or {}
    vitae = (document.get("meta") or {}).get("vitae") or {}
    items_by_type: dict[str, list[dict[str, Any]]] = {}
    for section_type, (key, fields) in FIELDS.items():
        renamed = PRE_1_0.get(key, {})
        entries = document.get(key) or []
        if not isinstance(entries, list):
            raise ValueError(f"{key} must be a list")
        items_by_type[section_type] = [
            {inner: entry[out] for out, inner in fields.items() if entry.get(out) not in (None, "", [])}
            for entry in ({renamed.get(k, k): v for k, v in e.items()} for e in entries if isinstance(e, dict))
        ]
    summary = basics.get("summary")
    items_by_type["summary"] = [{"text": summary}] if summary else []

    if vitae.get("sections"):  # an export of ours: keep its order, titles, visibility and custom sections
        sections = []
        for meta in vitae["sections"]:
            kind = meta.get("type")
            items = meta.get("items") if kind in ("custom", "summary") else items_by_type.pop(kind, [])
            sections.append({"type": kind, "title": meta.get("title"), "visible": meta.get("visible", True),
                             "items": items or []})
    else:
        order = ("summary", "experience", "education", "skills", "projects", "certifications", "languages")
        sections = [{"type": kind, "items": items_by_type[kind]} for kind in order if items_by_type.get(kind)]
    return {
        "title": vitae.get("title") or basics.get("label") or _name(basics) or "Imported resume",
        "template": vitae.get("template", "classic"),
        "language": vitae.get("language", "en"),
        "sections": sections,
    }


def _name(basics: dict[str, Any]) -> str | None:
    if basics.get("name"):
        return basics["name"]
    full = " ".join(part for part in (basics.get("firstName"), basics.get("lastName")) if part)
    return full or None
