"""What LinkedIn tells about a person who signed in with it, read into their candidate profile
(seed [G], DESIGN.md 6 "Profile sync"): `POST /v1/profile/linkedin/sync`, synchronous.

LinkedIn's "Sign In with LinkedIn using OpenID Connect" (learn.microsoft.com/linkedin/consumer/
integrations/self-serve/sign-in-with-linkedin-v2) grants the scopes `openid profile email`, and with
them only the OIDC userinfo endpoint (`GET https://api.linkedin.com/v2/userinfo`, the configured
LinkedIn provider's userinfoUrl): sub, name, given_name, family_name, picture, locale, email,
email_verified. Positions, education and skills need LinkedIn partner programmes Vitae is not in: the
person's LinkedIn data export (POST /v1/profile/linkedin/import) brings those.

The userinfo is asked with the access token the person's LinkedIn sign-in stored
(`vitae.auth.provider_tokens`); the token goes nowhere else and into no log line or error.
"""

from __future__ import annotations

from typing import Any

from pydantic.alias_generators import to_camel

from vitae.auth import oauth, provider_tokens
from vitae.candidates import merge
from vitae.candidates import service as candidates
from vitae.candidates.service import Actor
from vitae.platform import db
from vitae.platform.api import ApiModel
from vitae.platform.config import settings
from vitae.platform.errors import Conflict, NotConfigured, Unavailable
from vitae.platform.observability import logger

PROVIDER = "linkedin"
SIGN_IN_REQUIRED = "linkedin_sign_in_required"
HISTORY = ("LinkedIn's API does not give positions, education or skills; import your LinkedIn data export "
           "with POST /v1/profile/linkedin/import")
# The OIDC standard claims LinkedIn's userinfo sends (OpenID Connect Core 1.0, section 5.1): what is kept.
CLAIMS = ("sub", "name", "given_name", "family_name", "picture", "locale", "email", "email_verified")


class LinkedInSync(ApiModel):
    """What a LinkedIn sync did: `filled`, the profile fields it set (camelCase: firstName,
    lastName), only ones that were empty and never edited by the person; `picture`, the URL of the
    LinkedIn profile picture, or null; `history`, why positions, education and skills are not there
    and how to bring them."""

    filled: list[str]
    picture: str | None
    history: str = HISTORY


def _sign_in_required(message: str = "Sign in with LinkedIn first: the sync reads what your LinkedIn "
                                     "sign-in allows") -> Conflict:
    return Conflict(message, code=SIGN_IN_REQUIRED)


def _userinfo(url: str, token: str) -> dict[str, Any] | None:
    """LinkedIn's userinfo document, or None when LinkedIn refused the token (401: revoked or
    expired; 403: not granted the scopes). Raises Unavailable ("linkedin") when LinkedIn cannot be
    reached in time, answers another failure, or answers something that is not a JSON object."""
    import requests

    seconds = settings().dependency_timeout_seconds * 5
    try:
        response = requests.get(url, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
                                timeout=seconds)
    except requests.RequestException as exc:
        raise Unavailable(f"LinkedIn's userinfo could not be read: {type(exc).__name__}",
                          dependency=PROVIDER) from None
    if response.status_code in (401, 403):
        return None
    if response.status_code != 200:
        raise Unavailable(f"LinkedIn's userinfo answered {response.status_code}", dependency=PROVIDER)
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise Unavailable("LinkedIn's userinfo answered something other than a JSON object", dependency=PROVIDER)
    return data


def _text(value: object) -> str | None:
    """A claim as text (oauth.claim_text), without surrounding spaces."""
    text = oauth.claim_text(value)
    return text.strip() if text else None


def _picture(value: object) -> str | None:
    url = _text(value)
    return url if url and url.startswith(("https://", "http://")) else None


def _kept(data: dict[str, Any]) -> dict[str, Any]:
    """The standard claims of the userinfo, as LinkedIn sent them (strings, the locale's object, the
    boolean); anything else is dropped."""
    kept: dict[str, Any] = {}
    for claim in CLAIMS:
        value = data.get(claim)
        if claim == "email_verified":
            if isinstance(value, bool):
                kept[claim] = value
        elif claim == "locale" and isinstance(value, dict):
            kept[claim] = {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}
        elif _text(value):
            kept[claim] = _text(value)
    return kept


def sync(actor: Actor) -> LinkedInSync:
    """Read the caller's LinkedIn userinfo and fill their profile by the merge rules
    (`vitae.candidates.merge`: only empty fields the person never edited; first and last name from
    given_name and family_name), creating an empty profile if they have none; the userinfo is kept
    in the profile's linkedin_data under "openId" with linkedin_synced_at.

    Raises Conflict (code "linkedin_sign_in_required", 409) when the caller has no unexpired LinkedIn
    token (never signed in with LinkedIn, LinkedIn sign-in not configured here, or no encryption key
    to keep it) or LinkedIn refuses it (then it is wiped); Unavailable (dependency "linkedin", 503)
    when LinkedIn cannot be read, or the token key cannot be read."""
    user_id = actor.principal.user_id
    provider = oauth.provider(PROVIDER)
    if provider is None:  # nobody can have signed in with LinkedIn here
        raise _sign_in_required("LinkedIn sign-in is not available here: import your LinkedIn data export with "
                                "POST /v1/profile/linkedin/import")
    try:
        token = provider_tokens.token_of(db.connection(), user_id, PROVIDER)
    except NotConfigured:
        token = None  # no key: no token can have been kept
    if token is None:
        raise _sign_in_required()
    userinfo = _userinfo(provider.userinfo_url, token.token)
    if userinfo is None:
        with db.transaction() as conn:
            provider_tokens.forget(conn, user_id, PROVIDER)
        logger.info("LinkedIn refused a stored token; it was wiped", extra={"user_id": user_id})
        raise _sign_in_required("LinkedIn no longer accepts your sign-in: sign in with LinkedIn again")
    kept = _kept(userinfo)
    proposal = merge.Proposal(fields={"first_name": kept.get("given_name"), "last_name": kept.get("family_name")},
                              entries={})
    with db.transaction() as conn:
        candidate = candidates.own_candidate(conn, user_id, actor)
        candidates.keep_source_data(conn, candidate["id"], PROVIDER, {"openId": kept})
        merged = merge.into_profile(conn, candidate, proposal, source=PROVIDER)
        candidates.audit(conn, actor, candidate["id"], "profile.linkedin_openid_synced", filled=merged.filled)
    return LinkedInSync(filled=[to_camel(field) for field in merged.filled], picture=_picture(kept.get("picture")))
