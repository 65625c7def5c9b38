"""POST /v1/candidates/{id}/languages: add an entry to the profile."""

from pydantic import BaseModel

from vitae.candidates import service
from vitae.candidates.models import LanguageIn, LanguageView
from vitae.candidates.repository import LANGUAGES
from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint


@endpoint(body=LanguageIn, response=LanguageView, status=201, errors=(409,), idempotency=idempotency.by_key)
def handler(request: Request) -> BaseModel:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return service.add_entry(actor, request.path_params["id"], LANGUAGES, request.body)
