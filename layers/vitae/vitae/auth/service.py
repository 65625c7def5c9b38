"""The caller's sign-in sessions: listing them and ending them."""

from vitae.auth import repository
from vitae.auth.models import Session, Sessions
from vitae.platform import db
from vitae.platform.auth import Principal, mark_sessions_revoked
from vitae.platform.db import Connection
from vitae.platform.errors import Invalid


def logout(caller: Principal, everywhere: bool = False) -> int:
    """End the caller's session (or, `everywhere`, all of their sessions) and refuse their access
    tokens at once (see mark_sessions_revoked); returns how many sessions were revoked. Raises Invalid
    when the token belongs to no sign-in session (one minted by a tool)."""
    if not everywhere and not caller.session_id:
        raise Invalid("This token does not belong to a sign-in session")
    with db.transaction() as conn:
        revoked = repository.revoke_sessions(conn, caller.user_id, "logout_all" if everywhere else "logout",
                                             None if everywhere else caller.session_id)
    mark_sessions_revoked(revoked + ([caller.session_id] if caller.session_id else []))
    return len(revoked)


def end_sessions_of_deleted_user(conn: Connection, user_id: object) -> list[str]:
    """Revoke every session of a user being deleted, in the caller's transaction, so that neither
    refresh tokens nor the authorizer accept them any more; returns their ids, for
    `mark_sessions_revoked` after the commit."""
    return repository.revoke_sessions(conn, user_id, "user_deleted")


def forget_provider_tokens_of_deleted_user(conn: Connection, user_id: object) -> None:
    """Wipe the provider access tokens (and provider user names) a user being deleted signed in
    with, in the caller's transaction: nothing can act at GitHub or LinkedIn in their name any more."""
    repository.forget_access_tokens(conn, user_id)


def provider_login(conn: Connection, user_id: object, provider: str) -> str | None:
    """The user's name at `provider` (GitHub's login) from their latest sign-in there, or None."""
    return repository.login_of(conn, user_id, provider)


def sessions(caller: Principal) -> Sessions:
    rows = repository.live_sessions(db.connection(), caller.user_id)
    return Sessions(items=[
        Session(id=str(r["id"]), provider=r["provider"], user_agent=r["user_agent"], ip=r["ip"],
                created_at=r["created_at"], last_used_at=r["last_used_at"], expires_at=r["expires_at"],
                current=str(r["id"]) == caller.session_id)
        for r in rows
    ])
