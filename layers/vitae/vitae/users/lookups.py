"""What other domains read of a user for documents about them (an export's name, a public or
shared resume's owner), apart from the users service so that reading it does not load the service's
models, the auth service and event handling (~20 pydantic models; `service` re-exports these)."""

from typing import Any

from vitae.platform import cache, db
from vitae.users import repository

USERNAME_TTL_SECONDS = 7200  # seed [P]


def username_key(username: str) -> str:
    """The cache key of the user id behind `username` (any case)."""
    return cache.key("user-id-by-username", username.lower())


def public_profile_for_username(username: str) -> dict[str, Any] | None:
    """{id, fullName, username} of the live user with this username; cached 2 h (seed [P])."""
    def load() -> dict[str, Any] | None:
        row = repository.get_by_username(db.connection(), username)
        return {"id": str(row["id"]), "fullName": row["full_name"], "username": row["username"]} if row else None

    return cache.get_or_load(username_key(username), USERNAME_TTL_SECONDS, load)


def profile_summary(user_id: object) -> dict[str, Any]:
    """{fullName, username, email} of a live user, for documents about them ({} if gone)."""
    row = repository.get(db.connection(), user_id)
    return {"fullName": row["full_name"], "username": row["username"], "email": row["email"]} if row else {}
