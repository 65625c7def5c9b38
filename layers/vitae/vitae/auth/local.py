"""Sign-in without a provider, for developers' tools (`vitae-dev login`): the same user lookup or
creation by email and the same session a provider's sign-in ends with, so refresh, the session list
and logout can be tried locally. No route exposes it."""

from vitae.auth.models import TokenPair
from vitae.auth.rotation import Client, open_session
from vitae.platform import db
from vitae.users import service as users

PROVIDER = "local"


def sign_in(email: str, name: str | None = None) -> TokenPair:
    """A new session for the live user with `email` and its first token pair. A user created here
    emits `user.created` through the outbox, which the relay publishes (this runs outside any
    function, without the event bus)."""
    with db.transaction() as conn:
        user, _created = users.user_for_sign_in(conn, email, name)
        return open_session(conn, user, PROVIDER, Client("vitae-dev login", "127.0.0.1"))
