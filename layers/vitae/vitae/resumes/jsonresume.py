"""JSON Resume (https://jsonresume.org/schema, v1) to and from Vitae resumes, without loss.

Every v1 section has a Vitae section type whose items have the same fields: `basics` is the
contact section (its `summary` the summary section), `work` is experience (`name` is `company`),
`certificates` certifications, and `volunteer`, `education`, `awards`, `publications`, `skills`,
`languages`, `interests`, `references` and `projects` keep their names. Import also reads the
pre-1.0 names (`bio` with `firstName`/`lastName` for `basics`, `work[].company` and `website`,
`education[].gpa`). What has no place is refused with its JSON Resume path (`work[0].endDate`,
`hobbies`), as is what Vitae's rules refuse; nothing is dropped silently. `meta` describes the file
(`version`, `lastModified`, `canonical`, a theme) and is not kept, except `meta.vitae`.

`meta.vitae` carries Vitae's own layout, which JSON Resume has no place for: the resume's `title`,
`template` and `language`, and its `sections` in order, each with its `type`, `title`, `visible`
and either `count` (how many entries of its JSON Resume array are its own; the arrays hold every
section's entries in section order) or `items` (custom sections, and summaries, which `basics.summary`
joins into one text). Import deals each array's entries to the sections of its type by their counts
(entries beyond them join the last such section, or a new one), so an export imports back to the
same resume: several sections of one type, their titles, order and visibility, hidden ones included.
Without `meta.vitae` each array present becomes one section, in JSON Resume's order.
"""

from collections import deque
from dataclasses import dataclass, field
from typing import Any, Self

from pydantic import Field, ValidationError, model_validator

from vitae.platform.api import ApiModel
from vitae.platform.errors import Invalid
from vitae.platform.validation import Path, Problem, dotted, problems
from vitae.resumes.models import Language, SectionType, Template, Text
from vitae.resumes.sections import ResumeIn

SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
# JSON Resume's arrays in its own order, each with the Vitae section type that holds its entries.
ARRAYS = {"work": "experience", "volunteer": "volunteer", "education": "education", "awards": "awards",
          "certificates": "certifications", "publications": "publications", "skills": "skills",
          "languages": "languages", "interests": "interests", "references": "references", "projects": "projects"}
KEY_OF = {section_type: key for key, section_type in ARRAYS.items()}
RENAMED = {"experience": {"company": "name"}}  # Vitae item field -> JSON Resume field, where they differ
PRE_1_0 = {"work": {"company": "name", "website": "url"}, "education": {"gpa": "score"}}
DOCUMENT_KEYS = {"$schema", "basics", "bio", "meta", *ARRAYS}
IN_META = ("custom", "summary")  # section types whose items travel in meta.vitae
EMPTY: tuple[Any, ...] = (None, "", [], {})


# -- export ---------------------------------------------------------------------------------------


def export(resume: dict[str, Any], sections: list[dict[str, Any]], owner: dict[str, Any]) -> dict[str, Any]:
    """The whole resume (hidden sections included: it is the owner's) as a JSON Resume v1 document
    with its layout in `meta.vitae`. `basics` is the contact section, or, without one, the owner's
    name and email with the resume's title as `label`."""
    contact = next((s["items"] for s in sections if s["type"] == "contact"), None)
    if contact is not None:
        basics = without_empty(contact[0]) if contact else {}
    else:
        basics = {"name": owner.get("fullName") or "", "label": resume["title"]}
        if owner.get("email"):
            basics["email"] = owner["email"]
    summaries = [item["text"] for s in sections if s["type"] == "summary" for item in s["items"]]
    if summaries:
        basics["summary"] = "\n\n".join(summaries)
    arrays: dict[str, list[dict[str, Any]]] = {}
    layout = []
    for section in sections:
        entry: dict[str, Any] = {"type": section["type"], "title": section["title"], "visible": section["visible"]}
        if section["type"] in KEY_OF:
            renamed = RENAMED.get(section["type"], {})
            arrays.setdefault(KEY_OF[section["type"]], []).extend(
                {renamed.get(k, k): v for k, v in without_empty(item).items()} for item in section["items"])
            entry["count"] = len(section["items"])
        elif section["type"] in IN_META:
            entry["items"] = section["items"]
        layout.append(entry)
    return {
        "$schema": SCHEMA,
        "basics": basics,
        **{key: arrays[key] for key in ARRAYS if key in arrays},
        "meta": {
            "version": "v1.0.0",
            "lastModified": resume["updated_at"].isoformat(timespec="seconds"),
            "vitae": {"title": resume["title"], "template": resume["template"], "language": resume["language"],
                      "sections": layout},
        },
    }


def without_empty(value: Any) -> Any:
    """`value` without the empty fields (null, "", [], {}) of its objects, at any depth."""
    if isinstance(value, dict):
        cleaned = {k: without_empty(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in EMPTY}
    if isinstance(value, list):
        return [without_empty(v) for v in value]
    return value


# -- import ---------------------------------------------------------------------------------------


class LayoutSection(ApiModel):
    """One section in `meta.vitae.sections`."""

    type: SectionType
    title: Text | None = None
    visible: bool = True
    count: int | None = Field(None, ge=0, le=1000)  # its entries in the array; None: all that are left
    items: list[Any] | None = None  # custom and summary sections

    @model_validator(mode="after")
    def _entries_in_one_place(self) -> Self:
        if self.count is not None and self.type not in KEY_OF:
            raise ValueError(f"a {self.type} section has no JSON Resume array to count entries in")
        if self.items is not None and self.type not in IN_META:
            raise ValueError(f"a {self.type} section's entries are in "
                             f"{'basics' if self.type == 'contact' else KEY_OF[self.type]}, not in items")
        return self


class Layout(ApiModel):
    """`meta.vitae`: what JSON Resume has no place for."""

    title: Text | None = None
    template: Template = "classic"
    language: Language = "en"
    sections: list[LayoutSection] = Field(default_factory=list, max_length=30)


@dataclass
class _Origin:
    """Where one section of the mapped resume comes from in the document, to name paths in errors."""

    whole: Path  # the section: its layout entry, or its array
    items: list[Path] = field(default_factory=list)  # each of its items
    fields: dict[str, str] = field(default_factory=dict)  # Vitae item field -> its name there
    array: Path | None = None  # the JSON Resume array its items come from


@dataclass
class _Mapping:
    body: dict[str, Any]
    sections: list[_Origin]
    resume_fields: dict[str, Path]  # title, template, language, and the sections list as a whole


def to_resume(document: Any) -> ResumeIn:
    """The new resume a JSON Resume document (v1, or pre-1.0 names) describes. Raises Invalid with
    one detail per problem, each naming its JSON Resume path (`work[0].endDate`)."""
    if not isinstance(document, dict):
        raise Invalid("A JSON Resume document is an object", details=[_detail((), "must be an object")])
    mapping = _map(document)
    try:
        return ResumeIn.model_validate(mapping.body)
    except ValidationError as error:
        raise Invalid("The JSON Resume document breaks Vitae's rules", details=[
            _located(problem, _locate(problem.path, mapping)) for problem in problems(error, mapping.body)
        ]) from None


def _located(problem: Problem, path: Path) -> dict[str, Any]:
    """The detail of a problem found at `path` in the document."""
    if problem.type == "extra_forbidden" and path[:1] != ("meta",):
        return _detail(path, "is not a JSON Resume v1 field: Vitae keeps only those")
    return _detail(path, problem.message)


def _detail(path: Path, message: str) -> dict[str, Any]:
    return {"field": dotted(path) or "body", "message": message, "in": "body"}


def _map(document: dict[str, Any]) -> _Mapping:
    refused: list[tuple[Path, str]] = [
        ((key,), "is not a JSON Resume v1 section") for key in document if key not in DOCUMENT_KEYS]
    if "basics" in document and "bio" in document:
        refused.append((("bio",), "is the pre-1.0 name of basics: send one of them"))
    basics_key = "basics" if "basics" in document else "bio"
    basics = _object(document, basics_key, refused)
    meta = _object(document, "meta", refused)
    entries = {ARRAYS[key]: deque(_entries(document, key, refused)) for key in ARRAYS}
    layout = _layout(meta.get("vitae"), refused)
    if refused:
        raise Invalid("Not a JSON Resume document Vitae can keep", details=[_detail(p, m) for p, m in refused])

    if basics_key == "bio" and "name" not in basics:  # pre-1.0
        full = " ".join(str(basics.pop(part)) for part in ("firstName", "lastName") if basics.get(part))
        if full:
            basics["name"] = full
    summary = basics.pop("summary", None)
    contact = without_empty(basics)
    sections: list[tuple[dict[str, Any], _Origin]] = []
    if layout is None:
        if contact:
            sections.append(({"type": "contact", "items": [contact]}, _Origin((basics_key,), [(basics_key,)])))
        if summary:
            sections.append(_summary_from_basics(basics_key, summary))
    else:
        sections = _laid_out(layout, entries, contact, basics_key, summary)
    for kind, left in entries.items():  # entries beyond the layout's counts, or all without a layout
        if left:
            target = next((pair for pair in reversed(sections) if pair[0]["type"] == kind), None)
            if target is None:
                array: Path = (KEY_OF[kind],)
                added: dict[str, Any] = {"type": kind, "items": []}
                target = (added, _Origin(array, fields=_fields_of(kind), array=array))
                sections.append(target)
            for path, item in left:
                target[0]["items"].append(item)
                target[1].items.append(path)

    via_layout = ("meta", "vitae")
    title, title_from = _title(layout, contact, basics_key)
    body = {"title": title, "template": layout.template if layout else "classic",
            "language": layout.language if layout else "en", "sections": [s for s, _ in sections]}
    return _Mapping(body, [o for _, o in sections], {
        "title": title_from, "template": (*via_layout, "template"), "language": (*via_layout, "language"),
        "sections": (*via_layout, "sections") if layout else ()})


def _laid_out(layout: Layout, entries: dict[str, deque], contact: dict[str, Any], basics_key: str,
              summary: Any) -> list[tuple[dict[str, Any], _Origin]]:
    """The sections `meta.vitae` lists, in its order, each dealt its entries."""
    summaries = [s for s in layout.sections if s.type == "summary"]
    joined = "\n\n".join(str(item.get("text")) for s in summaries for item in (s.items or [])
                         if isinstance(item, dict))
    summary_unchanged = (summary or "") == joined
    sections = []
    for index, spec in enumerate(layout.sections):
        where: Path = ("meta", "vitae", "sections", index)
        section: dict[str, Any] = {"type": spec.type, "title": spec.title, "visible": spec.visible, "items": []}
        origin = _Origin(where, fields=_fields_of(spec.type))
        if spec.type == "custom" or (spec.type == "summary" and summary_unchanged):
            section["items"] = spec.items or []
            origin.items = [(*where, "items", n) for n in range(len(section["items"]))]
        elif spec.type == "summary":  # basics.summary edited in the file: it replaces the first summary's
            if summary and spec is summaries[0]:
                section["items"], origin = [{"text": summary}], _Origin(where, [(basics_key,)], {"text": "summary"})
        elif spec.type == "contact":
            if contact:
                section["items"], origin.items = [contact], [(basics_key,)]
        else:
            queue, origin.array = entries[spec.type], (KEY_OF[spec.type],)
            for _ in range(len(queue) if spec.count is None else min(spec.count, len(queue))):
                path, item = queue.popleft()
                section["items"].append(item)
                origin.items.append(path)
        sections.append((section, origin))
    if summary and not summaries:  # a summary added to a file whose layout had none
        sections.append(_summary_from_basics(basics_key, summary))
    return sections


def _summary_from_basics(basics_key: str, summary: Any) -> tuple[dict[str, Any], _Origin]:
    return {"type": "summary", "items": [{"text": summary}]}, _Origin(
        (basics_key, "summary"), [(basics_key,)], {"text": "summary"})


def _fields_of(section_type: str) -> dict[str, str]:
    return RENAMED.get(section_type, {})


def _title(layout: Layout | None, contact: dict[str, Any], basics_key: str) -> tuple[Any, Path]:
    if layout is not None and layout.title:
        return layout.title, ("meta", "vitae", "title")
    for name in ("label", "name"):
        if contact.get(name):
            return contact[name], (basics_key, name)
    return "Imported resume", ()


def _object(document: dict[str, Any], key: str, refused: list[tuple[Path, str]]) -> dict[str, Any]:
    value = document.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        refused.append(((key,), "must be an object"))
        return {}
    return dict(value)


def _entries(document: dict[str, Any], key: str,
             refused: list[tuple[Path, str]]) -> list[tuple[Path, dict[str, Any]]]:
    """The entries of one JSON Resume array as Vitae items, each with its path in the document."""
    value = document.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        refused.append(((key,), "must be an array"))
        return []
    old_names = PRE_1_0.get(key, {})
    to_vitae = {theirs: ours for ours, theirs in RENAMED.get(ARRAYS[key], {}).items()}
    found: list[tuple[Path, dict[str, Any]]] = []
    for index, entry in enumerate(value):
        if not isinstance(entry, dict):
            refused.append(((key, index), "must be an object"))
            continue
        for old, new in old_names.items():
            if old in entry and new in entry:
                refused.append(((key, index, old), f"is the pre-1.0 name of {new}: send one of them"))
        current = {old_names.get(k, k): v for k, v in entry.items()}
        found.append(((key, index), {to_vitae.get(k, k): v for k, v in without_empty(current).items()}))
    return found


def _layout(value: Any, refused: list[tuple[Path, str]]) -> Layout | None:
    if value is None:
        return None
    try:
        return Layout.model_validate(value)
    except ValidationError as error:
        refused.extend((("meta", "vitae", *p.path), p.message) for p in problems(error, value))
        return None


def _locate(path: Path, mapping: _Mapping) -> Path:
    """The document's path for a path in the mapped resume body."""
    match path:
        case ("sections", int() as s, "items", int() as i, str() as name, *rest):
            origin = mapping.sections[s]
            return (*origin.items[i], origin.fields.get(name, name), *rest)
        case ("sections", int() as s, "items", int() as i, *rest):
            return (*mapping.sections[s].items[i], *rest)
        case ("sections", int() as s, "items", *rest) if (array := mapping.sections[s].array) is not None:
            return (*array, *rest)
        case ("sections", int() as s, *rest):
            return (*mapping.sections[s].whole, *rest)
        case (str() as name, *rest) if name in mapping.resume_fields:
            return (*mapping.resume_fields[name], *rest)
    return mapping.resume_fields["sections"]
