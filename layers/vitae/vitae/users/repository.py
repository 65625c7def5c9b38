"""SQL for users. Every read and write ignores soft-deleted rows."""

from typing import Any

import psycopg

from vitae.platform.db import Connection, one

COLUMNS = """id, external_id, email, username, role, full_name, company_name, phone, bio, avatar_key,
             avatar_size, interviews_created, interviews_active, candidates_total, storage_used,
             max_interviews, max_storage, created_at, updated_at"""
PROFILE_FIELDS = ("full_name", "company_name", "phone", "bio")
STATS_FIELDS = ("interviews_created", "interviews_active", "candidates_total", "storage_used")


UNIQUE_FIELDS = {"users_email_live": "email", "users_external_id_live": "externalId",
                 "users_username_live": "username", "users_pkey": "id"}


def taken_field(error: psycopg.errors.UniqueViolation) -> str:
    return UNIQUE_FIELDS.get(error.diag.constraint_name or "", "id")


def insert(conn: Connection, user_id: Any, external_id: str | None, email: str, username: str | None,
           profile: dict[str, Any]) -> dict[str, Any] | None:
    """A new user; a soft-deleted user with the same id comes back as a fresh account.
    None when a live user has that id."""
    return conn.execute(
        f"""INSERT INTO users (id, external_id, email, username, full_name, company_name, phone, bio)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
            ON CONFLICT (id) DO UPDATE SET
                external_id = EXCLUDED.external_id, email = EXCLUDED.email, username = EXCLUDED.username,
                full_name = EXCLUDED.full_name, company_name = EXCLUDED.company_name, phone = EXCLUDED.phone,
                bio = EXCLUDED.bio, avatar_key = NULL, avatar_size = 0, interviews_created = 0,
                interviews_active = 0, candidates_total = 0, storage_used = 0,
                created_at = now(), updated_at = now(), deleted_at = NULL
            WHERE users.deleted_at IS NOT NULL
            RETURNING {COLUMNS}""",
        (user_id, external_id, email, username, *(profile.get(f) for f in PROFILE_FIELDS)),
    ).fetchone()


def get(conn: Connection, user_id: Any, for_update: bool = False) -> dict[str, Any] | None:
    """The live user (COLUMNS), locked when `for_update`."""
    lock = " FOR UPDATE" if for_update else ""
    return conn.execute(
        f"SELECT {COLUMNS} FROM users WHERE id = %s AND deleted_at IS NULL{lock}", (user_id,)
    ).fetchone()


def get_by_external_id(conn: Connection, external_id: str) -> dict[str, Any] | None:
    """The live user linked to an external (Keycloak) id."""
    return conn.execute(
        f"SELECT {COLUMNS} FROM users WHERE external_id = %s AND deleted_at IS NULL", (external_id,)
    ).fetchone()


def deleted_at(conn: Connection, user_id: Any) -> Any:
    """When the user was deleted (None for a live user or an id nobody has)."""
    row = conn.execute("SELECT deleted_at FROM users WHERE id = %s", (user_id,)).fetchone()
    return row["deleted_at"] if row else None


def linked_to_external(conn: Connection, external_id: str) -> dict[str, Any] | None:
    """{id, deleted_at} of the user an external (Keycloak) id belongs to: the live one, else the
    one deleted last."""
    return conn.execute(
        """SELECT id, deleted_at FROM users WHERE external_id = %s
           ORDER BY deleted_at IS NOT NULL, deleted_at DESC LIMIT 1""",
        (external_id,),
    ).fetchone()


def get_by_username(conn: Connection, username: str) -> dict[str, Any] | None:
    """The live user with this username, case-insensitively."""
    return conn.execute(
        f"SELECT {COLUMNS} FROM users WHERE lower(username) = lower(%s) AND deleted_at IS NULL", (username,)
    ).fetchone()


def get_by_email(conn: Connection, email: str) -> dict[str, Any] | None:
    """The live user with this email, case-insensitively."""
    return conn.execute(
        f"SELECT {COLUMNS} FROM users WHERE lower(email) = lower(%s) AND deleted_at IS NULL", (email,)
    ).fetchone()


def find_conflict(conn: Connection, email: str, external_id: str | None,
                  username: str | None) -> str | None:
    """Which unique field of a new user is already taken by a live user, if any."""
    row = conn.execute(
        """SELECT CASE WHEN lower(email) = lower(%(email)s) THEN 'email'
                       WHEN external_id = %(external_id)s THEN 'externalId'
                       ELSE 'username' END AS field
           FROM users WHERE deleted_at IS NULL
             AND (lower(email) = lower(%(email)s) OR external_id = %(external_id)s
                  OR lower(username) = lower(%(username)s))
           LIMIT 1""",
        {"email": email, "external_id": external_id, "username": username},
    ).fetchone()
    return row["field"] if row else None


def update(conn: Connection, user_id: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """Set `fields` (profile columns or username) of a live user: COLUMNS. Raises UniqueViolation
    for a username another live user has."""
    assignments = ", ".join(f"{name} = %({name})s" for name in fields)
    return one(conn.execute(
        f"""UPDATE users SET {assignments}, updated_at = now()
            WHERE id = %(id)s AND deleted_at IS NULL RETURNING {COLUMNS}""",
        {**fields, "id": user_id},
    ))


def soft_delete(conn: Connection, user_id: Any) -> dict[str, Any]:
    """Mark a live user (locked by the caller) deleted."""
    return one(conn.execute(
        """UPDATE users SET deleted_at = now(), updated_at = now()
           WHERE id = %s AND deleted_at IS NULL RETURNING id, deleted_at, avatar_key""",
        (user_id,),
    ))


def set_avatar(conn: Connection, user_id: Any, key: str | None, size: int, old_size: int) -> dict[str, Any]:
    """Point the user at a new avatar object (or none), moving storage use by the size change."""
    return one(conn.execute(
        f"""UPDATE users SET avatar_key = %s, avatar_size = %s, storage_used = storage_used - %s + %s,
                            updated_at = now()
            WHERE id = %s AND deleted_at IS NULL RETURNING {COLUMNS}""",
        (key, size, old_size, size, user_id),
    ))


def increment_interviews(conn: Connection, user_id: Any, enforce_quota: bool) -> dict[str, Any] | None:
    """One more interview: COLUMNS; None when the user is gone or, with `enforce_quota`, already at
    their quota."""
    quota = " AND interviews_created < max_interviews" if enforce_quota else ""
    return conn.execute(
        f"""UPDATE users SET interviews_created = interviews_created + 1, updated_at = now()
            WHERE id = %s AND deleted_at IS NULL{quota} RETURNING {COLUMNS}""",
        (user_id,),
    ).fetchone()


def add_storage(conn: Connection, user_id: Any, delta: int) -> dict[str, Any] | None:
    """Move storage use by `delta`, never below 0 and whatever the quota: COLUMNS; None for a user
    who is gone."""
    return conn.execute(
        f"""UPDATE users SET storage_used = greatest(storage_used + %s, 0), updated_at = now()
            WHERE id = %s AND deleted_at IS NULL RETURNING {COLUMNS}""",
        (delta, user_id),
    ).fetchone()


def change_storage(conn: Connection, user_id: Any, delta: int) -> dict[str, Any] | None:
    """Move storage use by `delta`; an increase past the quota changes nothing and returns None."""
    return conn.execute(
        f"""UPDATE users SET storage_used = greatest(storage_used + %(delta)s, 0), updated_at = now()
            WHERE id = %(id)s AND deleted_at IS NULL
              AND (%(delta)s <= 0 OR storage_used + %(delta)s <= max_storage) RETURNING {COLUMNS}""",
        {"delta": delta, "id": user_id},
    ).fetchone()
