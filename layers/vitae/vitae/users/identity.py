"""Who a token's external subject is: what the authorizer needs of the users domain, without the
rest of it (files, events), so the authorizer stays small and its role narrow."""

from vitae.platform import db
from vitae.users import repository


def user_id_for_external(external_id: str) -> str | None:
    """The id of the live user linked to an external (Keycloak) id, if any."""
    row = repository.get_by_external_id(db.connection(), external_id)
    return str(row["id"]) if row else None
