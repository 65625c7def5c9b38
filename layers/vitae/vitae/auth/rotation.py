"""Sessions' token pairs and their rotation.

A session is one signed-in device. Each refresh token is single use: refreshing returns a new pair
and retires the old token. Presenting a retired token again means it was copied, so the whole
session (its token family) is revoked: the thief and the owner both have to sign in again (the
refresh token rotation of the OAuth 2.0 Security Best Current Practice, RFC 9700 section 4.14).
"""

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from vitae.auth import repository
from vitae.auth.models import TokenPair
from vitae.platform import db
from vitae.platform.auth import Role, mark_sessions_revoked
from vitae.platform.config import settings
from vitae.platform.errors import Unauthenticated
from vitae.platform.observability import logger
from vitae.platform.tokens import issue_access_token


@dataclass(frozen=True)
class Client:
    """Who is asking, for the session list."""

    user_agent: str | None
    ip: str | None


def open_session(conn, user: dict[str, Any], provider: str | None, client: Client) -> TokenPair:
    """A new session for `user` (a row with id, email and role) signed in through `provider`, and
    its first token pair, in the caller's transaction."""
    session_id = uuid.uuid4()
    repository.create_session(conn, session_id, user["id"], provider, client.user_agent, client.ip,
                              settings().refresh_token_ttl_seconds)
    return _issue(conn, session_id, user)


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def _issue(conn, session_id: Any, user: dict[str, Any]) -> TokenPair:
    s = settings()
    refresh_token = secrets.token_urlsafe(32)
    repository.add_refresh_token(conn, _digest(refresh_token), session_id)
    return TokenPair(
        access_token=issue_access_token(str(user["id"]), user["email"], Role(user["role"]),
                                        session_id=str(session_id)),
        refresh_token=refresh_token,
        expires_in=s.access_token_ttl_seconds,
        refresh_expires_in=s.refresh_token_ttl_seconds,
        user_id=str(user["id"]),
        session_id=str(session_id),
    )


def refresh(refresh_token: str, client: Client) -> TokenPair:
    """A new pair for a refresh token that has never been used; reuse revokes the session."""
    digest = _digest(refresh_token)
    with db.transaction() as conn:
        row = repository.claim_refresh_token(conn, digest)
        if row is None:
            outcome = "unknown"
        elif row["revoked_at"] is not None or not row["live"] or row["deleted_at"] is not None:
            outcome = "ended"
        elif row["used_at"] is not None:
            repository.revoke_sessions(conn, row["user_id"], "refresh_token_reuse", row["session_id"])
            outcome, reused_session = "reused", str(row["session_id"])
        else:
            repository.mark_used(conn, digest)
            repository.touch_session(conn, row["session_id"], client.user_agent, client.ip)
            user = {"id": row["user_id"], "email": row["email"], "role": row["role"]}
            return _issue(conn, row["session_id"], user)
    if outcome == "reused":
        mark_sessions_revoked([reused_session])
        logger.warning("refresh token reuse: session revoked", extra={"sessionId": reused_session})
        raise Unauthenticated("Refresh token reuse detected: the session has been revoked")
    raise Unauthenticated("Invalid refresh token" if outcome == "unknown" else "The session has ended")
