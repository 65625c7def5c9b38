"""SQL for identities, sessions and refresh tokens (stored as SHA-256 digests, never in clear)."""

from typing import Any

from vitae.platform.db import Connection


def identity_user(conn: Connection, provider: str, provider_user_id: str) -> dict[str, Any] | None:
    """The live user linked to an identity at a provider."""
    return conn.execute(
        """SELECT u.id, u.email, u.role FROM user_identities i JOIN users u ON u.id = i.user_id
           WHERE i.provider = %s AND i.provider_user_id = %s AND u.deleted_at IS NULL""",
        (provider, provider_user_id),
    ).fetchone()


def link_identity(conn: Connection, provider: str, provider_user_id: str, user_id: Any, email: str) -> None:
    """Link an identity at a provider to a user (moving it if it pointed at another one)."""
    conn.execute(
        """INSERT INTO user_identities (provider, provider_user_id, user_id, email) VALUES (%s, %s, %s, %s)
           ON CONFLICT (provider, provider_user_id) DO UPDATE SET user_id = EXCLUDED.user_id, email = EXCLUDED.email""",
        (provider, provider_user_id, user_id, email),
    )


def create_session(conn: Connection, session_id: Any, user_id: Any, provider: str | None,
                   user_agent: str | None, ip: str | None, ttl_seconds: int) -> None:
    """A new sign-in session (one device) of the user, ending in `ttl_seconds`."""
    conn.execute(
        """INSERT INTO auth_sessions (id, user_id, provider, user_agent, ip, expires_at)
           VALUES (%s, %s, %s, %s, %s, now() + make_interval(secs => %s))""",
        (session_id, user_id, provider, (user_agent or "")[:300] or None, ip, ttl_seconds),
    )


def add_refresh_token(conn: Connection, token_hash: bytes, session_id: Any) -> None:
    """Record a refresh token of the session, by its SHA-256 digest."""
    conn.execute("INSERT INTO refresh_tokens (token_hash, session_id) VALUES (%s, %s)", (token_hash, session_id))


def claim_refresh_token(conn: Connection, token_hash: bytes) -> dict[str, Any] | None:
    """The token with its session and user, locked; marks nothing (the caller decides)."""
    return conn.execute(
        """SELECT t.used_at, s.id AS session_id, s.revoked_at, s.expires_at > now() AS live, s.provider,
                  u.id AS user_id, u.email, u.role, u.deleted_at
           FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id JOIN users u ON u.id = s.user_id
           WHERE t.token_hash = %s FOR UPDATE OF t, s""",
        (token_hash,),
    ).fetchone()


def mark_used(conn: Connection, token_hash: bytes) -> None:
    """Retire a refresh token: presenting it again means it was copied."""
    conn.execute("UPDATE refresh_tokens SET used_at = now() WHERE token_hash = %s", (token_hash,))


def touch_session(conn: Connection, session_id: Any, user_agent: str | None, ip: str | None) -> None:
    """Note the session's use now, from this user agent and IP when known."""
    conn.execute(
        """UPDATE auth_sessions SET last_used_at = now(), user_agent = coalesce(%s, user_agent), ip = coalesce(%s, ip)
           WHERE id = %s""",
        ((user_agent or "")[:300] or None, ip, session_id),
    )


def revoke_sessions(conn: Connection, user_id: Any, reason: str, session_id: Any = None) -> list[str]:
    """Revoke one live session of the user (or all of them); returns the ids revoked."""
    rows = conn.execute(
        """UPDATE auth_sessions SET revoked_at = now(), revoke_reason = %s
           WHERE user_id = %s AND revoked_at IS NULL AND (%s::uuid IS NULL OR id = %s::uuid) RETURNING id""",
        (reason, user_id, session_id, session_id),
    ).fetchall()
    return [str(row["id"]) for row in rows]


def session_live(conn: Connection, session_id: Any, user_id: Any) -> bool:
    """Whether the session exists, is the user's, and is neither revoked nor expired."""
    return conn.execute(
        """SELECT 1 FROM auth_sessions
           WHERE id = %s AND user_id = %s AND revoked_at IS NULL AND expires_at > now()""",
        (session_id, user_id),
    ).fetchone() is not None


def live_sessions(conn: Connection, user_id: Any) -> list[dict[str, Any]]:
    """The user's sessions neither revoked nor expired, most recently used first: [{id, provider,
    user_agent, ip, created_at, last_used_at, expires_at}]."""
    return conn.execute(
        """SELECT id, provider, user_agent, ip, created_at, last_used_at, expires_at FROM auth_sessions
           WHERE user_id = %s AND revoked_at IS NULL AND expires_at > now() ORDER BY last_used_at DESC""",
        (user_id,),
    ).fetchall()


def set_access_token(conn: Connection, provider: str, provider_user_id: str, encrypted: bytes | None,
                     expires_at: Any, login: str | None) -> None:
    """Keep an identity's provider token (already encrypted), its expiry and the provider's user name."""
    conn.execute(
        """UPDATE user_identities SET access_token = %s, access_token_expires_at = %s, login = %s
           WHERE provider = %s AND provider_user_id = %s""",
        (encrypted, expires_at, login, provider, provider_user_id),
    )


def set_login(conn: Connection, provider: str, provider_user_id: str, login: str | None) -> None:
    """Note the provider's user name of an identity, leaving its token as it is."""
    conn.execute("UPDATE user_identities SET login = %s WHERE provider = %s AND provider_user_id = %s",
                 (login, provider, provider_user_id))


def access_token(conn: Connection, user_id: Any, provider: str) -> dict[str, Any] | None:
    """The encrypted token of the user's identity at `provider` that has one (the most recently
    linked): {access_token, access_token_expires_at, login}, or None."""
    return conn.execute(
        """SELECT access_token, access_token_expires_at, login FROM user_identities
           WHERE user_id = %s AND provider = %s AND access_token IS NOT NULL
           ORDER BY created_at DESC LIMIT 1""",
        (user_id, provider),
    ).fetchone()


def login_of(conn: Connection, user_id: Any, provider: str) -> str | None:
    """The provider's user name (GitHub's login) of the user's most recently linked identity there."""
    row = conn.execute(
        """SELECT login FROM user_identities WHERE user_id = %s AND provider = %s AND login IS NOT NULL
           ORDER BY created_at DESC LIMIT 1""", (user_id, provider)).fetchone()
    return row["login"] if row else None


def forget_access_tokens(conn: Connection, user_id: Any, provider: str | None = None) -> None:
    """Wipe the tokens the user's identities keep at `provider`; without one, at every provider and
    their user names too (a user being deleted)."""
    conn.execute(
        """UPDATE user_identities SET access_token = NULL, access_token_expires_at = NULL,
                  login = CASE WHEN %s::text IS NULL THEN NULL ELSE login END
           WHERE user_id = %s AND (%s::text IS NULL OR provider = %s)""",
        (provider, user_id, provider, provider),
    )
