"""The access token a user's sign-in got from the provider (GitHub, LinkedIn, Google), kept for the
profile sync (seed [G], DESIGN.md 6): encrypted at rest, never returned, never logged.

Encryption is Fernet (AES-128-CBC with HMAC-SHA256, cryptography.io/en/latest/fernet) through
`MultiFernet` over TOKEN_ENCRYPTION_KEY (or the SSM parameter TOKEN_ENCRYPTION_KEY_PARAM names):
comma-separated Fernet keys, the first encrypts, every one decrypts. Rotating is: put a new key first,
keep the old ones after it until every stored token was written again (each sign-in writes its
token anew) or has expired, then drop them.

Without a key (the setting unset, or its parameter missing) sign-in still works and stores no token
(logged at info); the sync then says to sign in again. A token that no key decrypts (the key was
dropped) counts as absent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache

from vitae.auth import repository
from vitae.platform.config import token_encryption_key
from vitae.platform.db import Connection
from vitae.platform.errors import NotConfigured, Unavailable
from vitae.platform.observability import logger

SYNCED_PROVIDERS = frozenset({"github", "linkedin"})  # the profile sync reads these (DESIGN.md 6); no other's is kept


@dataclass(frozen=True)
class ProviderToken:
    """A stored provider token, decrypted: `token` (never in the repr), `expires_at` (aware UTC, None
    when the provider gave no expiry, as GitHub's OAuth app tokens), `login` (the provider's user name:
    GitHub's `login`; None for providers without one)."""

    token: str = field(repr=False)
    expires_at: datetime | None
    login: str | None


@cache
def _cipher(keys: str):
    """The MultiFernet of the comma-separated `keys`. Raises NotConfigured when one is no Fernet key
    (32 url-safe base64-encoded bytes) or there is none."""
    from cryptography.fernet import Fernet, MultiFernet

    try:
        return MultiFernet([Fernet(key.strip()) for key in keys.split(",") if key.strip()])
    except ValueError:  # a malformed key, or none at all (MultiFernet refuses an empty list)
        raise NotConfigured("TOKEN_ENCRYPTION_KEY is not a comma-separated list of Fernet keys",
                            dependency="token_encryption_key") from None


def encrypt(token: str) -> bytes:
    """`token` encrypted with the first key. Raises NotConfigured without a usable key, Unavailable
    when the key's SSM parameter cannot be read."""
    return _cipher(token_encryption_key()).encrypt(token.encode())


def decrypt(ciphertext: bytes) -> str:
    """What `encrypt` made, with any of the keys. Raises cryptography's InvalidToken when no key
    decrypts it, NotConfigured / Unavailable as `encrypt`."""
    return _cipher(token_encryption_key()).decrypt(bytes(ciphertext)).decode()


def store(conn: Connection, provider: str, provider_user_id: str, token: str | None,
          expires_at: datetime | None, login: str | None) -> bool:
    """Keep a sign-in's access token on its identity (which must exist), in the caller's
    transaction, with its expiry and the provider's user name; each sign-in replaces what the last
    one stored. Returns whether the token was stored: without a usable key (NotConfigured, logged at
    info) or with the key unreadable (Unavailable, logged as a warning) only `login` is written and
    the sign-in goes on. A `token` of None (the provider sent none) clears the stored one."""
    encrypted = None
    if token:
        try:
            encrypted = encrypt(token)
        except NotConfigured as off:
            logger.info("provider tokens are not kept: no encryption key", extra={"provider": provider,
                                                                                  "reason": off.message})
            repository.set_login(conn, provider, provider_user_id, login)
            return False
        except Unavailable as down:
            logger.warning("provider token not kept: the encryption key is unreadable",
                           extra={"provider": provider, "reason": down.message})
            repository.set_login(conn, provider, provider_user_id, login)
            return False
    repository.set_access_token(conn, provider, provider_user_id, encrypted, expires_at if encrypted else None, login)
    return encrypted is not None


def token_of(conn: Connection, user_id: object, provider: str) -> ProviderToken | None:
    """The user's token at `provider` (from their most recent identity there that has one), or None
    when there is none, it has expired, or no key decrypts it (logged as a warning, without the
    token). Raises NotConfigured without a usable key, Unavailable when the key cannot be read."""
    from cryptography.fernet import InvalidToken

    row = repository.access_token(conn, user_id, provider)
    if row is None:
        return None
    if row["access_token_expires_at"] is not None and row["access_token_expires_at"] <= datetime.now(UTC):
        return None
    try:
        token = decrypt(row["access_token"])
    except InvalidToken:
        logger.warning("a stored provider token could not be decrypted: no key matches",
                       extra={"provider": provider, "user_id": str(user_id)})
        return None
    return ProviderToken(token=token, expires_at=row["access_token_expires_at"], login=row["login"])


def forget(conn: Connection, user_id: object, provider: str) -> None:
    """Wipe the user's stored token at `provider`, in the caller's transaction: the provider refused
    it (revoked, or expired early)."""
    repository.forget_access_tokens(conn, user_id, provider)
