"""What other domains ask of candidate profiles without reading one: answers, not views, so that
asking does not load the domain's models (~8 ms of a cold start; `service` re-exports these)."""

from vitae.candidates import repository
from vitae.platform import db
from vitae.platform.auth import Principal


def has_profile(principal: Principal) -> bool:
    """Whether the caller has a candidate profile (nothing of it is read, so nothing is audited)."""
    return repository.candidate_of_user(db.connection(), principal.user_id) is not None
