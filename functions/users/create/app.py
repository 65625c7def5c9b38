"""POST /v1/users: register a user (the caller's own, or anyone's for admins and services)."""

from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint
from vitae.users import service
from vitae.users.models import CreateUser, User


@endpoint(body=CreateUser, response=User, status=201, errors=(409,), idempotency=idempotency.by_key)
def handler(request: Request) -> User:
    return service.create_user(request.caller, request.body)
