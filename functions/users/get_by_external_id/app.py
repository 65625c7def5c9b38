"""GET /v1/users/by-external-id/{externalId}: the user by their external (Keycloak) id; also seed [U]'s
/v1/users/by-keycloak/{keycloakId}."""

from vitae.platform.http import Request, endpoint
from vitae.users import service
from vitae.users.models import User


@endpoint(response=User)
def handler(request: Request) -> User:
    params = request.path_params
    return service.get_user_by_external_id(request.caller, params.get("externalId") or params["keycloakId"])
