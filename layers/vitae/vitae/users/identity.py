"""Who a token's user is: what the authorizer needs of the users domain, without the rest of it
(files, events), so the authorizer stays small and its role narrow."""

from datetime import datetime

from vitae.platform import db
from vitae.users import repository


def token_user(user_id: str, external_id: str | None, issued_at: datetime | None) -> str | None:
    """The id of the user a token acts as, or None when the token must be refused because its user
    was deleted when or after it was issued (`issued_at`; a token without one is refused whenever its
    user is deleted).

    A token of the external issuer (`external_id`, its subject) acts as the live user linked to
    that subject; it is refused when the user linked to it last was deleted after it was issued,
    and otherwise acts as `user_id` (the id derived from the subject, for registering)."""
    conn = db.connection()
    if external_id is not None:
        linked = repository.linked_to_external(conn, external_id)
        if linked is not None and linked["deleted_at"] is None:
            return str(linked["id"])
        deleted = linked["deleted_at"] if linked is not None else None
    else:
        deleted = repository.deleted_at(conn, user_id)
    if deleted is not None and (issued_at is None or issued_at <= deleted):
        return None
    return user_id
