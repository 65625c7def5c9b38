"""The caller's learning resources (seed [G] `learning_resources`, DESIGN.md 6 "Learning resources"):
courses, documentation, guides... saved per skill, marked completed or bookmarked, and suggestions
for a skill from the curated catalogue shipped with Vitae (`vitae.assistant.catalogue`), never from
an LLM. Owner-only: another user's id is a 404.

Skills are stored as the skills vocabulary names them when it knows them ("k8s" is saved as
"Kubernetes", "ICU" as "Critical Care"), else as written (whitespace collapsed), so a filter by any
spelling the vocabulary knows, or by the name regardless of case, finds them. Urls are stored in
one spelling (`models.normal_url`: scheme and host in lower case, no default port, no fragment), so a
user has one resource per address however it is written (409 for a second, held by the database's
UNIQUE (user_id, url)), and a suggestion is `saved` whichever spelling the user saved it by.
"""

import uuid
from typing import Any

import psycopg

from vitae.assistant import catalogue
from vitae.assistant import learning_repository as repository
from vitae.assistant.models import (
    LearningResourceIn,
    LearningResourcePage,
    LearningResourcePatch,
    LearningResourceQuery,
    LearningResourceView,
    LearningSuggestion,
    LearningSuggestions,
    SuggestionQuery,
)
from vitae.platform import db
from vitae.platform.api import keyset_after, keyset_page
from vitae.platform.auth import Principal
from vitae.platform.db import Connection
from vitae.platform.errors import Conflict, NotFound, parse_id
from vitae.platform.observability import metrics
from vitae.taxonomy.skills import known_skills, skill_key


def skill_name(skill: str) -> str:
    """The name a skill is stored and reported by: the vocabulary's when it knows the skill in any
    spelling ("k8s" -> "Kubernetes", "icu" -> "Critical Care"), else `skill` with its whitespace
    collapsed."""
    return known_skills().get(skill_key(skill)) or " ".join(skill.split())


def _view(row: dict[str, Any]) -> LearningResourceView:
    return LearningResourceView(id=row["id"], skill=row["skill"], type=row["resource_type"], title=row["title"],
                                url=row["url"], source=row["source"], catalogue_id=row["catalogue_id"],
                                completed=row["completed"], bookmarked=row["bookmarked"],
                                created_at=row["created_at"], updated_at=row["updated_at"])


def _fields(body: LearningResourceIn) -> dict[str, Any]:
    """The columns a new resource takes from its body: the catalogue entry's, or the caller's own."""
    if body.catalogue_id is not None:
        entry = catalogue.by_id(body.catalogue_id)
        assert entry is not None  # the model refuses ids the (packaged, unchanging) catalogue lacks
        return {"skill": skill_name(entry.skill), "resource_type": entry.type, "title": entry.title,
                "url": entry.url, "source": entry.source, "catalogue_id": entry.id}
    # body.url is in its normal spelling already: the model's WebAddress wrote it so.
    assert body.skill is not None and body.type is not None and body.title is not None and body.url is not None
    return {"skill": skill_name(body.skill), "resource_type": body.type, "title": body.title, "url": body.url,
            "source": body.source, "catalogue_id": None}


def create_resource(caller: Principal, body: LearningResourceIn) -> LearningResourceView:
    """Save a learning resource for the caller (201): their own, or a copy of a catalogue entry.
    Raises Conflict (code `already_saved`, 409) when the caller already has a resource with this url
    in any spelling (both are compared in their normal form), NotFound (404) when the caller has no
    user record (register first)."""
    fields = _fields(body)
    try:
        with db.registered(caller.user_id) as conn:
            row = repository.insert_resource(conn, {
                "id": uuid.uuid4(), "user_id": caller.user_id, **fields, "completed": body.completed,
                "bookmarked": body.bookmarked})
    except psycopg.errors.UniqueViolation:
        existing = repository.resource_by_url(db.connection(), caller.user_id, fields["url"])
        which = f": learning resource {existing['id']}" if existing else ""
        raise Conflict(f"You already saved {fields['url']}{which}", code="already_saved") from None
    metrics.add_metric(name="LearningResourceCreated", unit="Count", value=1)
    return _view(row)


def list_resources(caller: Principal, query: LearningResourceQuery) -> LearningResourcePage:
    """The caller's resources, newest first, cursor-paginated, filtered by `skill` (any spelling the
    vocabulary knows, or the name regardless of case), `completed` and `bookmarked` when given."""
    skills = None
    if query.skill is not None:
        skills = sorted({skill_name(query.skill).lower(), " ".join(query.skill.split()).lower()})
    rows = repository.page_resources(db.connection(), caller.user_id, skills, query.completed, query.bookmarked,
                                     query.limit + 1, keyset_after(query.cursor))
    items, next_cursor = keyset_page(rows, query.limit, _view)
    return LearningResourcePage(items=items, next_cursor=next_cursor)


def _owned(conn: Connection, caller: Principal, resource_id: str, for_update: bool = False) -> dict[str, Any]:
    row = repository.owned_resource(conn, parse_id(resource_id, "Learning resource"), caller.user_id, for_update)
    if row is None:
        raise NotFound.by_id("Learning resource", resource_id)
    return row


def update_resource(caller: Principal, resource_id: str, patch: LearningResourcePatch) -> LearningResourceView:
    """PATCH one of the caller's resources: completed, bookmarked, title, skill (stored as the
    vocabulary names it) or type. Only what differs is written (updatedAt moves only then). Raises
    NotFound (404) for an id that is not one of the caller's."""
    wanted = {name: getattr(patch, name) for name in patch.model_fields_set}
    if "skill" in wanted:
        wanted["skill"] = skill_name(wanted["skill"])
    conn = db.connection()
    with conn.transaction():
        row = _owned(conn, caller, resource_id, for_update=True)
        changes = {repository.UPDATABLE[name]: value for name, value in wanted.items()
                   if row[repository.UPDATABLE[name]] != value}
        if changes:
            row = repository.update_resource(conn, row["id"], changes)
    return _view(row)


def delete_resource(caller: Principal, resource_id: str) -> None:
    """Delete one of the caller's resources (204); NotFound (404) for an id that is not theirs."""
    if repository.delete_resource(db.connection(), parse_id(resource_id, "Learning resource"), caller.user_id) is None:
        raise NotFound.by_id("Learning resource", resource_id)


def suggestions(caller: Principal, query: SuggestionQuery) -> LearningSuggestions:
    """Up to `query.limit` curated catalogue entries for a skill (any spelling the vocabulary knows),
    free ones first (`catalogue.suggestions`), each marked `saved` when the caller already has a
    resource with its url, in whatever spelling they saved it (stored urls and the catalogue's are
    compared in their normal form). Only catalogue URLs: nothing here comes from a model or the caller."""
    entries = catalogue.suggestions(query.skill, limit=query.limit)
    saved = repository.saved_urls(db.connection(), caller.user_id, [e.url for e in entries]) if entries else set()
    return LearningSuggestions(skill=skill_name(query.skill), items=[
        LearningSuggestion(catalogue_id=e.id, skill=e.skill, type=e.type, title=e.title, url=e.url, source=e.source,
                           free=e.free, saved=e.url in saved)
        for e in entries])
