"""Sign-in with an OAuth provider, its second half: the provider's answer checked (state, PKCE,
verified email), the user found or created, the provider's token kept and a session opened."""

import json
import uuid

from vitae.auth import oauth, provider_tokens, repository, signin
from vitae.auth.models import CallbackQuery, TokenPair
from vitae.auth.rotation import Client, open_session
from vitae.platform import cache, db, events
from vitae.platform.errors import Unavailable
from vitae.platform.observability import logger, metrics
from vitae.users import service as users


class SignInFailed(Exception):
    """Sign-in ends in a redirect with this code, never in a 500."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def finish_sign_in(provider_name: str, query: CallbackQuery, client: Client) -> TokenPair:
    """The provider's answer checked (state, PKCE, verified email), the user found or created, the
    provider's access token kept on the identity (encrypted, see provider_tokens; without a key,
    sign-in goes on keeping none) and a session opened. Raises NotFound for a provider that is not
    configured, and SignInFailed with the code the front end is told for everything else
    (temporarily_unavailable without Redis)."""
    try:
        provider = signin.configured_provider(provider_name)
    except Unavailable:
        raise SignInFailed("temporarily_unavailable") from None
    if query.error:
        raise SignInFailed("access_denied" if query.error == "access_denied" else "provider_error")
    if not query.state:
        raise SignInFailed("invalid_state")
    try:
        with cache.connected() as redis_:
            stored = redis_.getdel(signin.state_key(query.state))  # single use, whatever happens next
    except Unavailable:
        raise SignInFailed("temporarily_unavailable") from None
    flow = json.loads(stored) if stored else None
    if flow is None or flow["provider"] != provider.name:
        raise SignInFailed("invalid_state")
    if not query.code:
        raise SignInFailed("invalid_request")
    try:
        who = oauth.fetch_user(provider, flow["redirectUri"], query.code, flow["verifier"])
    except oauth.ProviderError as exc:
        logger.warning("provider refused the sign-in", extra={"provider": provider.name, "reason": str(exc)})
        raise SignInFailed(exc.code) from None
    if not who.email or not who.email_verified:
        raise SignInFailed("email_not_verified")

    emitted: list[uuid.UUID] = []
    with db.transaction() as conn:
        user = repository.identity_user(conn, provider.name, who.provider_user_id)
        if user is None:
            user, created = users.user_for_sign_in(conn, who.email, who.name)
            if created:
                emitted.append(created)
            repository.link_identity(conn, provider.name, who.provider_user_id, user["id"], who.email)
        # A sign-in with a provider the profile sync reads keeps its new token, encrypted; see provider_tokens.
        if provider.name in provider_tokens.SYNCED_PROVIDERS:
            provider_tokens.store(conn, provider.name, who.provider_user_id, who.access_token,
                                  who.access_token_expires_at, who.login)
        pair = open_session(conn, user, provider.name, client)
    events.publish_now(emitted)
    metrics.add_metric(name="SignIns", unit="Count", value=1)
    return pair
