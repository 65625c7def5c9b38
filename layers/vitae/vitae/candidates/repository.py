"""SQL of the candidates domain: profiles, their entries, CV documents and the audit log."""

import uuid
from dataclasses import dataclass
from functools import cache
from typing import Any

from psycopg import sql
from psycopg.types.json import Jsonb

from vitae.platform.db import Connection, keyset_parameters, one

PROFILE_FIELDS = ("first_name", "last_name", "dob", "gender", "phone", "location", "headline", "summary", "links")
JSON_COLUMNS = frozenset({"links", "highlights", "keywords", "key_skills", "parsed", "confidence", "key_skill_match",
                          "merged"})


def _adapt(column: str, value: Any) -> Any:
    """A value as its column takes it: jsonb columns get JSON."""
    return Jsonb(value) if column in JSON_COLUMNS and value is not None else value


@dataclass(frozen=True)
class EntryKind:
    """One kind of profile entry: its route name, table and columns (besides id and source)."""

    route: str  # as in /candidates/{id}/<route> and /<route>/{entryId}
    table: str
    columns: tuple[str, ...]
    label: str  # for messages: "Education entry with ID ... not found"

    def values(self, fields: dict[str, Any]) -> list[Any]:
        return [_adapt(c, fields.get(c)) for c in self.columns]


EDUCATION = EntryKind("education", "candidate_education",
                      ("degree", "university", "field_of_study", "start_year", "end_year"), "Education entry")
WORK = EntryKind("work-experience", "candidate_work_experience",
                 ("company_name", "job_title", "start_date", "end_date", "location", "highlights"), "Work experience")
SKILLS = EntryKind("skills", "candidate_skills", ("skill_name",), "Skill")
CERTIFICATIONS = EntryKind("certifications", "candidate_certifications",
                           ("title", "issued_by", "issue_date"), "Certification")
PROJECTS = EntryKind("projects", "candidate_projects",
                     ("name", "description", "url", "keywords", "stars", "start_date", "end_date"), "Project")
LANGUAGES = EntryKind("languages", "candidate_languages", ("language", "fluency"), "Language")


def insert_candidate(conn: Connection, user_id: object, fields: dict[str, Any],
                     edited: list[str]) -> dict[str, Any]:
    """A new profile of the user with `fields` (PROFILE_FIELDS), `edited` naming the fields the
    person set; raises UniqueViolation for a second one, ForeignKeyViolation for an unknown user."""
    columns = sql.SQL(", ").join(map(sql.Identifier, PROFILE_FIELDS))
    return one(conn.execute(
        sql.SQL("INSERT INTO candidates (id, user_id, {}, edited_fields) VALUES (%s, %s, {}, %s) RETURNING *").format(
            columns, sql.SQL(", ").join(sql.Placeholder() * len(PROFILE_FIELDS))),
        [uuid.uuid4(), user_id, *(_adapt(f, fields.get(f)) for f in PROFILE_FIELDS), edited],
    ))


def hold_live_user(conn: Connection, user_id: object) -> bool:
    """Whether the user exists and is not deleted, their row share-locked until the caller's
    transaction ends, so that a deletion (an UPDATE of it) waits for the profile written meanwhile
    and its `user.deleted` consumer then finds it. (A read of the users table: the profile's
    foreign key already ties the two.)"""
    return conn.execute("SELECT 1 FROM users WHERE id = %s AND deleted_at IS NULL FOR SHARE",
                        (user_id,)).fetchone() is not None


def insert_empty_candidate(conn: Connection, user_id: object) -> dict[str, Any] | None:
    """An empty profile of the user, or None when they have one (a concurrent insert wins quietly);
    raises ForeignKeyViolation for an unknown user."""
    return conn.execute("INSERT INTO candidates (id, user_id) VALUES (%s, %s) ON CONFLICT (user_id) DO NOTHING "
                        "RETURNING *", (uuid.uuid4(), user_id)).fetchone()


def update_candidate(conn: Connection, candidate_id: object, fields: dict[str, Any],
                     edited: list[str]) -> dict[str, Any]:
    """Set `fields` (profile columns) and remember `edited` as fields the person has set."""
    assignments = [sql.SQL("{} = %s").format(sql.Identifier(f)) for f in fields]
    return one(conn.execute(
        sql.SQL("""UPDATE candidates SET {}, updated_at = now(),
                   edited_fields = ARRAY(SELECT DISTINCT unnest(edited_fields || %s::text[]))
                   WHERE id = %s RETURNING *""").format(sql.SQL(", ").join(assignments)),
        [*(_adapt(f, v) for f, v in fields.items()), edited, candidate_id],
    ))


def get_candidate(conn: Connection, candidate_id: object, for_update: bool = False) -> dict[str, Any] | None:
    """The profile row (every column), locked when `for_update`."""
    return conn.execute(f"SELECT * FROM candidates WHERE id = %s{' FOR UPDATE' if for_update else ''}",
                        (candidate_id,)).fetchone()


def delete_candidate(conn: Connection, candidate_id: object) -> None:
    """Delete the profile; its entries and CV documents go with it (ON DELETE CASCADE)."""
    conn.execute("DELETE FROM candidates WHERE id = %s", (candidate_id,))


def candidate_of_user(conn: Connection, user_id: object, for_update: bool = False) -> dict[str, Any] | None:
    """The user's profile (one per user), locked when `for_update`."""
    lock = " FOR UPDATE" if for_update else ""
    return conn.execute(f"SELECT * FROM candidates WHERE user_id = %s{lock}", (user_id,)).fetchone()


SOURCE_COLUMNS = {"github": ("github_data", "github_synced_at"), "linkedin": ("linkedin_data", "linkedin_synced_at")}


def source_data(conn: Connection, user_id: object, source: str) -> dict[str, Any] | None:
    """{"data", "synced_at"} the user's profile keeps from a sync `source`; None without a profile."""
    column, synced_at = SOURCE_COLUMNS[source]
    return conn.execute(sql.SQL("SELECT {} AS data, {} AS synced_at FROM candidates WHERE user_id = %s").format(
        sql.Identifier(column), sql.Identifier(synced_at)), (user_id,)).fetchone()


def keep_source_data(conn: Connection, candidate_id: object, source: str, part: dict[str, Any]) -> None:
    """Merge `part` (top-level keys replaced) into what the profile keeps from `source`, synced now."""
    column, synced_at = SOURCE_COLUMNS[source]
    conn.execute(sql.SQL("""UPDATE candidates SET {column} = coalesce({column}, '{{}}'::jsonb) || %s::jsonb,
                               {synced_at} = now(), updated_at = now() WHERE id = %s""").format(
        column=sql.Identifier(column), synced_at=sql.Identifier(synced_at)), (Jsonb(part), candidate_id))


@cache
def _entries_query(table: str) -> str:
    """The statement `entries` sends for `table`, composed once per container."""
    return sql.SQL("SELECT * FROM {} WHERE candidate_id = %s ORDER BY created_at, id").format(
        sql.Identifier(table)).as_string()


def entries(conn: Connection, kind: EntryKind, candidate_id: object) -> list[dict[str, Any]]:
    """The profile's entries of one kind, oldest first."""
    return conn.execute(_entries_query(kind.table), (candidate_id,)).fetchall()


def insert_entry(conn: Connection, kind: EntryKind, candidate_id: object, fields: dict[str, Any],
                 source: str = "user") -> dict[str, Any] | None:
    """The new entry; None when it would duplicate a skill or a language (names are unique
    case-insensitively)."""
    return conn.execute(
        sql.SQL("INSERT INTO {} (id, candidate_id, source, {}) VALUES (%s, %s, %s, {}) "
                "ON CONFLICT DO NOTHING RETURNING *").format(
            sql.Identifier(kind.table), sql.SQL(", ").join(map(sql.Identifier, kind.columns)),
            sql.SQL(", ").join(sql.Placeholder() * len(kind.columns))),
        [uuid.uuid4(), candidate_id, source, *kind.values(fields)],
    ).fetchone()


def get_entry(conn: Connection, kind: EntryKind, entry_id: object,
              for_update: bool = False) -> dict[str, Any] | None:
    """One entry of a kind, locked when `for_update`."""
    return conn.execute(sql.SQL("SELECT * FROM {} WHERE id = %s" + (" FOR UPDATE" if for_update else "")).format(
        sql.Identifier(kind.table)), (entry_id,)).fetchone()


def update_entry(conn: Connection, kind: EntryKind, entry_id: object, fields: dict[str, Any]) -> dict[str, Any]:
    """The entry with `fields`; a user's edit makes a parsed entry theirs. Raises UniqueViolation
    when a skill or language is renamed to one the profile already has."""
    return one(conn.execute(
        sql.SQL("UPDATE {} SET {}, source = 'user' WHERE id = %s RETURNING *").format(
            sql.Identifier(kind.table),
            sql.SQL(", ").join(sql.SQL("{} = %s").format(sql.Identifier(c)) for c in kind.columns)),
        [*kind.values(fields), entry_id],
    ))


def delete_entry(conn: Connection, kind: EntryKind, entry_id: object) -> None:
    """Delete one entry of a kind."""
    conn.execute(sql.SQL("DELETE FROM {} WHERE id = %s").format(sql.Identifier(kind.table)), (entry_id,))


def touch(conn: Connection, candidate_id: object) -> None:
    """Mark the profile changed now."""
    conn.execute("UPDATE candidates SET updated_at = now() WHERE id = %s", (candidate_id,))


# -- CV documents --------------------------------------------------------------------------------


def delete_cv(conn: Connection, document_id: object) -> None:
    """Delete a CV document row (its objects are the caller's to delete)."""
    conn.execute("DELETE FROM cv_documents WHERE id = %s", (document_id,))


def lock_cv(conn: Connection, document_id: object) -> dict[str, Any] | None:
    """The CV document, locked; None when it is gone."""
    return conn.execute("SELECT * FROM cv_documents WHERE id = %s FOR UPDATE", (document_id,)).fetchone()


def insert_cv(conn: Connection, doc: dict[str, Any]) -> dict[str, Any]:
    """A new CV document with the columns given in `doc`."""
    columns = list(doc)
    return one(conn.execute(
        sql.SQL("INSERT INTO cv_documents ({}) VALUES ({}) RETURNING *").format(
            sql.SQL(", ").join(map(sql.Identifier, columns)), sql.SQL(", ").join(sql.Placeholder() * len(columns))),
        [_adapt(c, doc[c]) for c in columns],
    ))


def get_cv(conn: Connection, document_id: object) -> dict[str, Any] | None:
    """The CV document, not locked."""
    return conn.execute("SELECT * FROM cv_documents WHERE id = %s", (document_id,)).fetchone()


def cv_by_key(conn: Connection, *keys: str) -> dict[str, Any] | None:
    """The CV document stored under one of `keys` (the upload key or its settled one), locked."""
    return conn.execute("SELECT * FROM cv_documents WHERE key = ANY(%s) FOR UPDATE", (list(keys),)).fetchone()


def set_cv(conn: Connection, document_id: object, **fields: Any) -> None:
    """Set columns of a CV document (jsonb ones adapted), and its updated_at."""
    conn.execute(
        sql.SQL("UPDATE cv_documents SET {}, updated_at = now() WHERE id = %s").format(
            sql.SQL(", ").join(sql.SQL("{} = %s").format(sql.Identifier(f)) for f in fields)),
        [*(_adapt(f, v) for f, v in fields.items()), document_id],
    )


# -- audit ---------------------------------------------------------------------------------------


def insert_audit(conn: Connection, user_id: object | None, candidate_id: object | None, action: str,
                 ip_address: str | None, tenant: str | None, details: dict[str, Any]) -> None:
    """Append to the audit log (seed [C]): who (None: the system), which profile, what, from where."""
    conn.execute(
        """INSERT INTO audit_log (id, user_id, candidate_id, action, ip_address, tenant, details)
           VALUES (%s, %s, %s, %s, %s, %s, %s)""",
        (uuid.uuid4(), user_id, candidate_id, action, ip_address, tenant, Jsonb(details)),
    )


def audit_page(conn: Connection, candidate_id: object, limit: int,
               after: tuple[str, str] | None) -> list[dict[str, Any]]:
    """A page of the profile's audit log, newest first, after the (created_at, id) position `after`."""
    return conn.execute(
        """SELECT * FROM audit_log WHERE candidate_id = %(cid)s
             AND (%(created)s::timestamptz IS NULL
                  OR (created_at, id) < (%(created)s::timestamptz, %(after_id)s::uuid))
           ORDER BY created_at DESC, id DESC LIMIT %(limit)s""",
        {"cid": candidate_id, **keyset_parameters(after), "limit": limit},
    ).fetchall()
