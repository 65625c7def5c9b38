"""PUT /v1/languages/{id}: replace one entry of the caller's profile."""

from pydantic import BaseModel

from vitae.candidates import service
from vitae.candidates.models import LanguageIn, LanguageView
from vitae.candidates.repository import LANGUAGES
from vitae.platform.http import Request, endpoint


@endpoint(body=LanguageIn, response=LanguageView, errors=(409,))
def handler(request: Request) -> BaseModel:
    actor = service.Actor.of(request.caller, request.source_ip, request.headers.get("x-tenant-id"))
    return service.update_entry(actor, LANGUAGES, request.path_params["id"], request.body)
