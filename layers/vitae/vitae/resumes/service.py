"""The rules of resumes: ownership, exactly one default per user, deep copies, section order and
visibility, and the cached preferences."""

import re
import uuid
from typing import TYPE_CHECKING, Any

from pydantic.alias_generators import to_camel

from vitae.platform import cache, db, events
from vitae.platform.api import PageQuery, keyset_after, keyset_page
from vitae.platform.auth import Principal
from vitae.platform.db import Connection
from vitae.platform.errors import Invalid, NotFound, parse_id
from vitae.platform.observability import metrics
from vitae.resumes import repository
from vitae.resumes.lookups import default_resume_id as default_resume_id
from vitae.resumes.models import (
    DEFAULT_TITLES,
    ResumePage,
    ResumePatch,
    ResumeSummary,
    ResumeView,
    SectionOrder,
    SectionView,
    VisibilityChange,
)

if TYPE_CHECKING:  # the request bodies' models, preferences and export links: declared only where used
    from vitae.resumes.exports import ExportLink
    from vitae.resumes.preferences import Preferences, PreferencesPatch
    from vitae.resumes.sections import ResumeIn

PREFERENCES_TTL_SECONDS = 3600  # seed [P]


def owned(conn: Connection, caller: Principal, resume_id: str, for_update: bool = False) -> dict[str, Any]:
    """The caller's resume; anyone else's, or an id that is not one, raises NotFound."""
    row = repository.get_owned(conn, parse_id(resume_id, "Resume"), caller.user_id, for_update)
    if row is None:
        raise NotFound.by_id("Resume", resume_id)
    return row


def _view(conn: Connection, row: dict[str, Any]) -> ResumeView:
    return ResumeView(**{k: row[k] for k in ("id", "title", "template", "language", "is_default", "is_public",
                                             "created_at", "updated_at")},
                      sections=[SectionView(**s) for s in repository.sections(conn, row["id"])])


def _section_rows(body: "ResumeIn") -> list[dict[str, Any]]:
    return [{"id": s.id, "type": s.type, "title": s.title or DEFAULT_TITLES[s.type], "visible": s.visible,
             "items": [item.model_dump(mode="json", by_alias=True, exclude_none=True) for item in s.items]}
            for s in body.sections]


def create_resume(caller: Principal, body: "ResumeIn", *, resume_id: uuid.UUID | None = None) -> ResumeView:
    """A new resume; a user's first one becomes their default. `resume_id`: its id (a caller that must
    find it again on a retry, such as a tailoring job), default a new uuid4; an id taken already
    raises psycopg's UniqueViolation."""
    if any(s.id for s in body.sections):
        raise Invalid("New sections cannot carry ids")
    new_id = resume_id or uuid.uuid4()

    def work(conn, emitted):
        repository.lock_users_resumes(conn, caller.user_id)
        first = repository.count_for_user(conn, caller.user_id) == 0
        with db.registered(caller.user_id):
            row = repository.insert_resume(conn, new_id, caller.user_id, body.model_dump(), is_default=first)
        repository.replace_sections(conn, new_id, _section_rows(body))
        emitted.append(events.emit(conn, "resume.created", caller.user_id, {"resumeId": str(new_id),
                                                                           "title": body.title}))
        return _view(conn, row)

    view = events.transaction_then_publish(work)
    metrics.add_metric(name="ResumesCreated", unit="Count", value=1)
    return view


def list_resumes(caller: Principal, query: PageQuery) -> ResumePage:
    rows = repository.page_for_user(db.connection(), caller.user_id, query.limit + 1, keyset_after(query.cursor))
    items, next_cursor = keyset_page(rows, query.limit, lambda row: ResumeSummary(**row))
    return ResumePage(items=items, next_cursor=next_cursor)


def get_resume(caller: Principal, resume_id: str) -> ResumeView:
    conn = db.connection()
    return _view(conn, owned(conn, caller, resume_id))


def _unknown_sections(section_ids: list[str]) -> Invalid:
    return Invalid("Unknown section ids for this resume", details=[
        {"field": "sections", "message": f"section {sid} is not part of this resume", "in": "body"}
        for sid in section_ids])


def replace_resume(caller: Principal, resume_id: str, body: "ResumeIn") -> ResumeView:
    """PUT: the document becomes `body`. Sections sent with an id keep it; the others are new;
    sections left out are removed."""
    def work(conn, emitted):
        row = owned(conn, caller, resume_id, for_update=True)
        existing = {s["id"] for s in repository.sections(conn, row["id"])}
        foreign = [str(s.id) for s in body.sections if s.id is not None and s.id not in existing]
        if foreign:
            raise _unknown_sections(foreign)
        updated = repository.update_resume(conn, row["id"], body.model_dump())
        repository.replace_sections(conn, row["id"], _section_rows(body))
        emitted.append(events.emit(conn, "resume.updated", caller.user_id, {"resumeId": str(row["id"])}))
        return _view(conn, updated)

    return events.transaction_then_publish(work)


def update_resume(caller: Principal, resume_id: str, patch: ResumePatch) -> ResumeView:
    """PATCH: the fields sent (title, template, language, isPublic) change; the others and every
    section stay. `resume.updated` names what changed; nothing changed, nothing is emitted."""
    def work(conn, emitted):
        row = owned(conn, caller, resume_id, for_update=True)
        changes = {name: value for name, value in patch.model_dump(exclude_unset=True).items() if row[name] != value}
        if not changes:
            return _view(conn, row)
        updated = repository.update_resume(conn, row["id"], {**row, **changes})
        emitted.append(events.emit(conn, "resume.updated", caller.user_id, {
            "resumeId": str(row["id"]), "changes": {to_camel(name): value for name, value in changes.items()}}))
        return _view(conn, updated)

    return events.transaction_then_publish(work)


def delete_resume(caller: Principal, resume_id: str) -> None:
    """Delete, with its attachments (their bytes given back to the storage quota, their objects
    deleted); when it was the default, the most recently updated remaining resume takes over."""
    from vitae.platform import storage
    from vitae.users import service as users

    def work(conn, emitted):
        repository.lock_users_resumes(conn, caller.user_id)
        row = owned(conn, caller, resume_id, for_update=True)
        files = repository.attachments(conn, row["id"])
        if files:
            users.use_storage(conn, caller.user_id, -sum(f["size"] for f in files))
        repository.delete_resume(conn, row["id"])
        if row["is_default"] and (heir := repository.newest_other(conn, caller.user_id)):
            repository.set_default(conn, heir["id"])
        emitted.append(events.emit(conn, "resume.deleted", caller.user_id, {"resumeId": str(row["id"])}))
        return [f["key"] for f in files]

    for key in events.transaction_then_publish(work):
        storage.delete_object(key)


def make_default(caller: Principal, resume_id: str) -> ResumeView:
    def work(conn, emitted):
        repository.lock_users_resumes(conn, caller.user_id)  # parallel requests queue here
        row = owned(conn, caller, resume_id, for_update=True)
        if not row["is_default"]:
            repository.clear_default(conn, caller.user_id)
            row = repository.set_default(conn, row["id"])
            emitted.append(events.emit(conn, "resume.updated", caller.user_id,
                                       {"resumeId": str(row["id"]), "changes": {"isDefault": True}}))
        return _view(conn, row)

    return events.transaction_then_publish(work)


def copy_resume(caller: Principal, resume_id: str) -> ResumeView:
    """A deep copy (new ids everywhere), never the default, titled "Copy of ..."."""
    def work(conn, emitted):
        original = owned(conn, caller, resume_id)
        copy_id = uuid.uuid4()
        fields = {**original, "title": f"Copy of {original['title']}"[:200]}
        row = repository.insert_resume(conn, copy_id, caller.user_id, fields, is_default=False)
        sections = repository.sections(conn, original["id"])
        repository.replace_sections(conn, copy_id, [{**s, "id": None} for s in sections])
        emitted.append(events.emit(conn, "resume.created", caller.user_id, {
            "resumeId": str(copy_id), "title": row["title"], "copiedFrom": str(original["id"])}))
        return _view(conn, row)

    return events.transaction_then_publish(work)


def order_sections(caller: Principal, resume_id: str, body: SectionOrder) -> ResumeView:
    """Put the sections in the order of `body.section_ids`, which must name each exactly once
    (Invalid otherwise); NotFound for a resume that is not the caller's."""
    def work(conn, emitted):
        row = owned(conn, caller, resume_id, for_update=True)
        existing = [s["id"] for s in repository.sections(conn, row["id"])]
        if len(body.section_ids) != len(set(body.section_ids)) or set(body.section_ids) != set(existing):
            raise Invalid("The order must name every section of the resume exactly once", details=[
                {"field": "sectionIds", "message": f"expected a permutation of {len(existing)} section ids",
                 "in": "body"}])
        repository.set_positions(conn, row["id"], body.section_ids)
        updated = repository.touch(conn, row["id"])
        emitted.append(events.emit(conn, "resume.updated", caller.user_id,
                                   {"resumeId": str(row["id"]),
                                    "changes": {"sectionOrder": [str(i) for i in body.section_ids]}}))
        return _view(conn, updated)

    return events.transaction_then_publish(work)


def change_visibility(caller: Principal, resume_id: str, body: VisibilityChange) -> ResumeView:
    """Show or hide sections; Invalid for ids that are not this resume's sections, NotFound for a
    resume that is not the caller's."""
    def work(conn, emitted):
        row = owned(conn, caller, resume_id, for_update=True)
        existing = {s["id"] for s in repository.sections(conn, row["id"])}
        unknown = [str(c.id) for c in body.sections if c.id not in existing]
        if unknown:
            raise _unknown_sections(unknown)
        for change in body.sections:
            repository.set_visibility(conn, row["id"], change.id, change.visible)
        updated = repository.touch(conn, row["id"])
        emitted.append(events.emit(conn, "resume.updated", caller.user_id, {
            "resumeId": str(row["id"]), "changes": {"visibility": {str(c.id): c.visible for c in body.sections}}}))
        return _view(conn, updated)

    return events.transaction_then_publish(work)


# -- preferences ----------------------------------------------------------------------------------


def _preferences_key(user_id: str) -> str:
    return cache.key("preferences", user_id)


def get_preferences(caller: Principal) -> "Preferences":
    """Cached for an hour (seed [P]); defaults when the user has saved none."""
    from vitae.resumes.preferences import Preferences

    def load() -> dict[str, Any]:
        stored = repository.preferences(db.connection(), caller.user_id)
        return (Preferences.model_validate(stored) if stored else Preferences()).model_dump(mode="json")

    cached = cache.get_or_load(_preferences_key(caller.user_id), PREFERENCES_TTL_SECONDS, load)
    return Preferences.model_validate(cached)


def save_preferences(caller: Principal, patch: "PreferencesPatch") -> "Preferences":
    """Create or update: the fields sent replace the saved (or default) ones."""
    from vitae.resumes.preferences import Preferences

    with db.transaction() as conn:
        stored = repository.preferences(conn, caller.user_id)
        current = Preferences.model_validate(stored) if stored else Preferences()
        changes = patch.model_dump(exclude_unset=True, exclude_none=True)
        merged = Preferences.model_validate({**current.model_dump(), **changes})
        with db.registered(caller.user_id):
            repository.save_preferences(conn, caller.user_id, merged.model_dump(mode="json"))
    cache.invalidate(_preferences_key(caller.user_id))
    return merged


def delete_preferences(caller: Principal) -> None:
    """Back to the default preferences; NotFound when none were saved."""
    with db.transaction() as conn:
        found = repository.delete_preferences(conn, caller.user_id)
    cache.invalidate(_preferences_key(caller.user_id))
    if not found:
        raise NotFound("No saved preferences")


# -- import and export ------------------------------------------------------------------------------

EXPORT_URL_SECONDS = 900


def import_resume(caller: Principal, document: Any) -> ResumeView:
    """A new resume from a JSON Resume document (v1, or the pre-1.0 names; see `jsonresume`). Raises
    Invalid, with a detail per problem named by its JSON Resume path, for a document that is not one,
    holds what Vitae has no place for, or breaks the resume rules."""
    from vitae.resumes import jsonresume

    return create_resume(caller, jsonresume.to_resume(document))


def _download_name(resume: dict[str, Any], extension: str) -> str:
    """The file name an export downloads as: the resume's title (`Резюме.pdf`), slashes as dashes."""
    return f"{re.sub(r'[/\\]', '-', resume['title'])[:190]}.{extension}"


def json_resume(caller: Principal, resume_id: str) -> dict[str, Any]:
    """The caller's resume as a JSON Resume document (what the JSON export downloads), without
    counting a download: for other domains that keep a copy (an application's resume version).
    Raises NotFound for another user's resume or an id that is not one."""
    return _json_resume(caller, resume_id)[0]


def _json_resume(caller: Principal, resume_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    from vitae.resumes import jsonresume
    from vitae.users.lookups import profile_summary

    conn = db.connection()
    resume = owned(conn, caller, resume_id)
    document = jsonresume.export(resume, repository.sections(conn, resume["id"]), profile_summary(caller.user_id))
    return document, resume


def export_json(caller: Principal, resume_id: str) -> tuple[dict[str, Any], str]:
    """The caller's resume as a JSON Resume document, and the file name it downloads as."""
    from vitae.resumes import stats

    document, resume = _json_resume(caller, resume_id)
    stats.count(resume["id"], "downloads")
    return document, _download_name(resume, "json")


def export_pdf(caller: Principal, resume_id: str, template: str | None) -> "ExportLink":
    """Render the visible sections, store the file under exports/ and hand out a download link.
    Raises TooLarge, before any rendering, for a resume with more text than an export draws
    (`pdf.check_size`)."""
    from vitae.platform import storage
    from vitae.resumes import pdf, stats
    from vitae.resumes.exports import ExportLink
    from vitae.users.lookups import profile_summary

    conn = db.connection()
    resume = owned(conn, caller, resume_id)
    chosen = template or resume["template"]
    drawn = pdf.blocks(resume, repository.sections(conn, resume["id"]),
                       profile_summary(caller.user_id).get("fullName"), chosen)
    pdf.check_size(drawn, chosen)
    document = pdf.render({**resume, "template": chosen}, drawn)
    key = storage.new_key("exports", caller.user_id)
    storage.put_object(key, document, "application/pdf")
    stats.count(resume["id"], "downloads")
    return ExportLink(format="pdf", template=chosen, expires_in=EXPORT_URL_SECONDS,
                      url=storage.presigned_get(key, EXPORT_URL_SECONDS, download_name=_download_name(resume, "pdf")))
