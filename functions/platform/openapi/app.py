"""GET /v1/openapi.json (public): the OpenAPI 3.1 document of the whole API, generated into the layer
by `vitae-dev openapi` from the handlers' models and the stacks' routes."""

import json
from functools import cache
from importlib.resources import files
from typing import Any

from pydantic import RootModel

from vitae.platform.http import Request, Response, endpoint


class OpenApiDocument(RootModel[dict[str, Any]]):
    """This document."""


@cache
def document() -> dict[str, Any]:
    """The packaged document, read once per container."""
    return json.loads(files("vitae").joinpath("openapi.json").read_text())


@endpoint(response=OpenApiDocument)
def handler(request: Request) -> Response:
    return Response(200, document(), {"cache-control": "public, max-age=300"})
