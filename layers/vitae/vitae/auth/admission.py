"""Whether a token with a valid signature may act now, as the authorizer decides it from the database.

A signature proves who issued a token, not that what it names still stands: its session may never
have existed or have ended, and its user may have been deleted since. Redis marks revoked sessions
and deleted users for the handlers (API Gateway caches the authorizer's decisions); the database
is the authority here.
"""

from dataclasses import replace

from vitae.auth import repository
from vitae.platform import db
from vitae.platform.auth import Principal
from vitae.platform.config import settings
from vitae.users.identity import token_user


def admit(principal: Principal) -> Principal | None:
    """The principal as routes will see it, or None when its token must be refused: its session
    does not exist, is another user's, was revoked (logout, refresh token reuse, the user's deletion)
    or has expired; or, for a token without a session (minted by a tool, or of the external
    issuer), its user was deleted after it was issued. A token of the external issuer acts as the
    user linked to its subject. Raises Unavailable when the database does not answer within
    DEPENDENCY_TIMEOUT_SECONDS."""
    with db.bounded(settings().dependency_timeout_seconds):
        if principal.session_id is not None:
            live = repository.session_live(db.connection(), principal.session_id, principal.user_id)
            return principal if live else None
        user_id = token_user(principal.user_id, principal.external_id, principal.issued_at)
    return replace(principal, user_id=user_id) if user_id is not None else None
