"""The rules of candidate profiles: one per user, seen and changed only by their owner (and admins
and services), entries validated and skills unique case-insensitively, every operation audited."""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg
from pydantic import BaseModel

from vitae.candidates import repository
from vitae.candidates.lookups import has_profile as has_profile
from vitae.candidates.models import (
    AuditEntry,
    AuditPage,
    CandidateIn,
    CandidateView,
    CertificationIn,
    CertificationView,
    EducationIn,
    EducationView,
    LanguageIn,
    LanguageView,
    Personal,
    ProjectIn,
    ProjectView,
    SkillIn,
    SkillView,
    WorkExperienceIn,
    WorkExperienceView,
)
from vitae.candidates.repository import EntryKind
from vitae.platform import db
from vitae.platform.api import PageQuery, keyset_after, keyset_page
from vitae.platform.auth import Principal, Role
from vitae.platform.consumers import EventEnvelope
from vitae.platform.db import Connection
from vitae.platform.errors import Conflict, Invalid, NotFound, parse_id

PRIVILEGED = (Role.ADMIN, Role.SERVICE)
_TENANT = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")

ENTRY_MODELS: dict[EntryKind, tuple[type[BaseModel], type[BaseModel]]] = {
    repository.EDUCATION: (EducationIn, EducationView),
    repository.WORK: (WorkExperienceIn, WorkExperienceView),
    repository.SKILLS: (SkillIn, SkillView),
    repository.CERTIFICATIONS: (CertificationIn, CertificationView),
    repository.PROJECTS: (ProjectIn, ProjectView),
    repository.LANGUAGES: (LanguageIn, LanguageView),
}


@dataclass(frozen=True)
class Actor:
    """Who acts, from where and for which tenant: what the audit log records (seed [C])."""

    principal: Principal
    ip_address: str | None = None
    tenant: str | None = None

    @classmethod
    def of(cls, principal: Principal, ip_address: str | None, tenant: str | None) -> "Actor":
        """The actor, its tenant (the X-Tenant-Id header, recorded as the client states it) checked:
        raises Invalid unless it is 1-64 letters, digits, '.', '_' or '-'."""
        if tenant is not None and not _TENANT.match(tenant):
            raise Invalid("X-Tenant-Id must be 1-64 letters, digits, '.', '_' or '-'")
        return cls(principal, ip_address, tenant)


def audit(conn: Connection, actor: Actor | None, candidate_id: object, action: str, **details: Any) -> None:
    """Record an operation in the caller's transaction; `actor` None is the system (the CV worker)."""
    repository.insert_audit(conn, actor.principal.user_id if actor else None, candidate_id, action,
                            actor.ip_address if actor else None, actor.tenant if actor else None,
                            {k: v for k, v in details.items() if v is not None})


# -- reading -------------------------------------------------------------------------------------


def visible(conn: Connection, caller: Principal, candidate_id: str, for_update: bool = False) -> dict[str, Any]:
    """The candidate, if the caller may see it: their own, or anyone's for admins and services.
    Anything else raises NotFound, so others' ids reveal nothing."""
    row = repository.get_candidate(conn, parse_id(candidate_id, "Candidate"), for_update)
    if row is None or (str(row["user_id"]) != caller.user_id and not caller.has_role(*PRIVILEGED)):
        raise NotFound.by_id("Candidate", candidate_id)
    return row


def _entry_view(kind: EntryKind, row: dict[str, Any]) -> BaseModel:
    return ENTRY_MODELS[kind][1](**{c: row[c] for c in ("id", "source", *kind.columns)})


# The profile view's list of each kind of entry, with the kind's view model and the columns it shows.
_VIEW_LISTS = tuple((field, kind, ENTRY_MODELS[kind][1], ("id", "source", *kind.columns)) for field, kind in (
    ("education", repository.EDUCATION), ("work_experience", repository.WORK), ("skills", repository.SKILLS),
    ("certifications", repository.CERTIFICATIONS), ("projects", repository.PROJECTS),
    ("languages", repository.LANGUAGES)))


def _view(conn: Connection, row: dict[str, Any]) -> CandidateView:
    entries = {field: [model(**{c: r[c] for c in columns}) for r in repository.entries(conn, kind, row["id"])]
               for field, kind, model, columns in _VIEW_LISTS}
    return CandidateView(
        id=row["id"], user_id=row["user_id"], created_at=row["created_at"], updated_at=row["updated_at"],
        **{f: row[f] for f in repository.PROFILE_FIELDS}, **entries,
    )


def get_candidate(actor: Actor, candidate_id: str) -> CandidateView:
    with db.transaction() as conn:
        row = visible(conn, actor.principal, candidate_id)
        audit(conn, actor, row["id"], "candidate.viewed")
        return _view(conn, row)


def own_profile(actor: Actor) -> CandidateView:
    """GET /profile (seed [G]): the caller's own candidate profile."""
    with db.transaction() as conn:
        row = repository.candidate_of_user(conn, actor.principal.user_id)
        if row is None:
            raise NotFound("You have no candidate profile yet: create it with PUT /v1/profile or POST /v1/candidates")
        audit(conn, actor, row["id"], "candidate.viewed")
        return _view(conn, row)


# -- writing the profile -------------------------------------------------------------------------


def _insert(conn: Connection, actor: Actor, body: CandidateIn) -> dict[str, Any]:
    fields = body.model_dump()
    try:
        with db.registered(actor.principal.user_id):
            row = repository.insert_candidate(conn, actor.principal.user_id, fields,
                                              edited=sorted(body.model_fields_set))
    except psycopg.errors.UniqueViolation:
        raise Conflict("You already have a candidate profile") from None
    audit(conn, actor, row["id"], "candidate.created", fields=sorted(body.model_fields_set))
    return row


def create_candidate(actor: Actor, body: CandidateIn) -> CandidateView:
    with db.transaction() as conn:
        return _view(conn, _insert(conn, actor, body))


def _update(conn: Connection, actor: Actor, row: dict[str, Any], body: BaseModel, only_sent: bool,
            action: str) -> CandidateView:
    fields = body.model_dump(exclude_unset=only_sent)
    # What the person wrote (an explicit null too) is theirs; what PUT resets by omission is not.
    edited = sorted(body.model_fields_set)
    updated = repository.update_candidate(conn, row["id"], fields, edited=edited)
    audit(conn, actor, row["id"], action, fields=edited)
    return _view(conn, updated)


def replace_candidate(actor: Actor, candidate_id: str, body: CandidateIn) -> CandidateView:
    """PUT: every profile field becomes what `body` says (entries are untouched)."""
    with db.transaction() as conn:
        row = visible(conn, actor.principal, candidate_id, for_update=True)
        return _update(conn, actor, row, body, only_sent=False, action="candidate.updated")


def update_personal(actor: Actor, candidate_id: str, body: Personal) -> CandidateView:
    """PUT .../personal: only the personal fields sent change."""
    if not body.model_fields_set:
        raise Invalid("Send at least one of firstName, lastName, dob, gender, phone, location")
    with db.transaction() as conn:
        row = visible(conn, actor.principal, candidate_id, for_update=True)
        return _update(conn, actor, row, body, only_sent=True, action="candidate.personal_updated")


def put_own_profile(actor: Actor, body: CandidateIn) -> CandidateView:
    """PUT /profile: create the caller's profile, or replace its fields."""
    with db.transaction() as conn:
        row = repository.candidate_of_user(conn, actor.principal.user_id, for_update=True)
        if row is None:
            try:
                return _view(conn, _insert(conn, actor, body))
            except Conflict:  # a concurrent request created it meanwhile: replace that one
                row = repository.candidate_of_user(conn, actor.principal.user_id, for_update=True)
                if row is None:
                    raise
        return _update(conn, actor, row, body, only_sent=False, action="candidate.updated")


def own_candidate(conn: Connection, user_id: object, actor: Actor | None = None) -> dict[str, Any]:
    """The user's profile row (seed [G]'s "own profile"), locked for a write in the caller's
    transaction; when they have none yet, an empty one is created first (audited `candidate.created`
    by `actor`, None for the system; no field edited, so a CV parse or a sync fills every field).
    Race-safe: a profile a concurrent request created first is the one returned. Raises NotFound
    "register first" for a user who is not registered or was deleted (the user's row is held until the
    caller's transaction ends, so no profile is made for a user a concurrent deletion removes)."""
    row = repository.candidate_of_user(conn, user_id, for_update=True)
    if row is None:
        if not repository.hold_live_user(conn, user_id):
            raise NotFound(f"User with ID {user_id} not found: register first (POST /v1/users)")
        with db.registered(user_id) as savepoint:
            created = repository.insert_empty_candidate(savepoint, user_id)
        if created is not None:
            audit(conn, actor, created["id"], "candidate.created", fields=[])
        row = repository.candidate_of_user(conn, user_id, for_update=True)
    assert row is not None  # inserted, or inserted meanwhile by a concurrent request
    return row


def source_data(conn: Connection, user_id: object, source: str) -> dict[str, Any] | None:
    """{"data", "synced_at"}: what the user's profile keeps from a profile sync `source` ("github",
    "linkedin": seed [G]'s githubData/linkedinData and their sync times); None without a profile."""
    return repository.source_data(conn, user_id, source)


def keep_source_data(conn: Connection, candidate_id: object, source: str, part: dict[str, Any]) -> None:
    """Keep what a sync of `source` read: `part`'s top-level keys replace the same keys of the
    profile's data from that source (the others stay), and the sync time becomes now."""
    repository.keep_source_data(conn, candidate_id, source, part)


# -- entries -------------------------------------------------------------------------------------


def _duplicate(kind: EntryKind, fields: dict[str, Any]) -> Conflict:
    """The refusal of a second skill or language of one name (the kinds unique case-insensitively)."""
    name = fields[kind.columns[0]]
    return Conflict(f"The profile already has the {kind.label.lower()} '{name}'")


def add_entry(actor: Actor, candidate_id: str, kind: EntryKind, body: BaseModel) -> BaseModel:
    """Add an entry of `kind` to the caller's (or, for admins and services, anyone's) profile.
    Raises NotFound for a profile they may not see, Conflict for a skill or language the profile
    already has (case-insensitively)."""
    with db.transaction() as conn:
        candidate = visible(conn, actor.principal, candidate_id, for_update=True)
        fields = body.model_dump(mode="json")
        row = repository.insert_entry(conn, kind, candidate["id"], fields)
        if row is None:
            raise _duplicate(kind, fields)
        repository.touch(conn, candidate["id"])
        audit(conn, actor, candidate["id"], f"{kind.route}.added", entryId=str(row["id"]))
        return _entry_view(kind, row)


def owned_by_visible_candidate(conn: Connection, caller: Principal, what: str, row_id: str,
                               load: Callable[[Connection, uuid.UUID], dict[str, Any] | None],
                               lock_candidate: bool = False) -> dict[str, Any]:
    """A row of a candidate the caller may see (an entry, a CV document); anything else raises
    NotFound "<what> with ID ... not found". `lock_candidate` locks the candidate row, which every
    write to a profile locks first (so concurrent writes queue instead of deadlocking)."""
    row = load(conn, parse_id(row_id, what))
    if row is None:
        raise NotFound.by_id(what, row_id)
    try:
        visible(conn, caller, str(row["candidate_id"]), for_update=lock_candidate)
    except NotFound:
        raise NotFound.by_id(what, row_id) from None
    return row


def _owned_entry(conn: Connection, actor: Actor, kind: EntryKind, entry_id: str) -> dict[str, Any]:
    """The entry, its candidate locked for the write to come."""
    row = owned_by_visible_candidate(conn, actor.principal, kind.label, entry_id,
                                     lambda c, eid: repository.get_entry(c, kind, eid), lock_candidate=True)
    if repository.get_entry(conn, kind, row["id"], for_update=True) is None:  # deleted while we waited
        raise NotFound.by_id(kind.label, entry_id)
    return row


def update_entry(actor: Actor, kind: EntryKind, entry_id: str, body: BaseModel) -> BaseModel:
    """Replace an entry of `kind`; a parsed entry edited by the person becomes theirs. Raises NotFound
    for an entry of a profile they may not see, Conflict when a skill or language is renamed to
    one the profile already has."""
    with db.transaction() as conn:
        row = _owned_entry(conn, actor, kind, entry_id)
        fields = body.model_dump(mode="json")
        try:
            with conn.transaction():
                updated = repository.update_entry(conn, kind, row["id"], fields)
        except psycopg.errors.UniqueViolation:
            raise _duplicate(kind, fields) from None
        repository.touch(conn, row["candidate_id"])
        audit(conn, actor, row["candidate_id"], f"{kind.route}.updated", entryId=str(row["id"]))
        return _entry_view(kind, updated)


def delete_entry(actor: Actor, kind: EntryKind, entry_id: str) -> None:
    with db.transaction() as conn:
        row = _owned_entry(conn, actor, kind, entry_id)
        repository.delete_entry(conn, kind, row["id"])
        repository.touch(conn, row["candidate_id"])
        audit(conn, actor, row["candidate_id"], f"{kind.route}.deleted", entryId=str(row["id"]))


# -- audit log -----------------------------------------------------------------------------------


def audit_log(actor: Actor, candidate_id: str, query: PageQuery) -> AuditPage:
    """The candidate's audit log, newest first: for its owner and admins."""
    conn = db.connection()
    row = visible(conn, actor.principal, candidate_id)
    if str(row["user_id"]) != actor.principal.user_id and not actor.principal.has_role(Role.ADMIN):
        raise NotFound.by_id("Candidate", candidate_id)
    rows = repository.audit_page(conn, row["id"], query.limit + 1, keyset_after(query.cursor))
    items, next_cursor = keyset_page(rows, query.limit, lambda r: AuditEntry(**{
        k: r[k] for k in ("id", "user_id", "action", "ip_address", "tenant", "details", "created_at")}))
    return AuditPage(items=items, next_cursor=next_cursor)


def forget_user(conn: Connection, event: EventEnvelope) -> None:
    """After `user.deleted`: the profile and everything under it (entries, CV documents; their files
    are purged with the user's). The audit log keeps its rows, and records the deletion."""
    row = repository.candidate_of_user(conn, event.user_id)
    if row is not None:
        repository.delete_candidate(conn, row["id"])
        audit(conn, None, row["id"], "candidate.deleted", reason="user.deleted")
