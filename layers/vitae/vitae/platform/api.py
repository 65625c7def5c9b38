"""The API's shapes that services and domain models share with the HTTP adapter: the base of every
body (`ApiModel`), cursor pagination (`PageQuery`, `keyset_after`, `keyset_page`), an explicit
`Response`, an uploaded file and the multipart form that carries it, documented extra answers.

Apart from the adapter itself (`vitae.platform.http`: the Lambda handler, the caller, error
bodies, rate limits) so that what imports a domain's models or service without serving a route
(its event consumers and workers) does not load the adapter.
"""

import base64
import binascii
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from vitae.platform.errors import Invalid


class ApiModel(BaseModel):
    """Base of every request and response body: camelCase on the wire, unknown fields refused.

    Its validator and serializer are built on first use, not at import (`defer_build`): a domain's
    models module declares every body of the domain, a function uses a few."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid", defer_build=True)


@dataclass
class Response:
    """An explicit response, for statuses, headers or bodies the default JSON path does not cover."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class UploadedFile:
    filename: str | None
    declared_type: str | None  # what the client said; never trusted for the file's type
    data: bytes


@dataclass(frozen=True)
class Form:
    """A multipart/form-data body: the file part `file` (at most `max_bytes`, else 413 with
    `too_large`; its type is judged by its bytes against `media_types` by the service) and text
    fields validated as `fields`."""

    file: str
    media_types: tuple[str, ...]
    max_bytes: int
    too_large: str
    fields: type[BaseModel] | None = None


@dataclass(frozen=True)
class Answer:
    """A documented response other than the success one and the error bodies: a redirect, a
    second success status, a dependency report. `headers`: response headers it always carries."""

    status: int
    description: str
    model: type[BaseModel] | None = None
    headers: tuple[str, ...] = ()


# -- cursor pagination -------------------------------------------------------------------------


class PageQuery(ApiModel):
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = None


def encode_cursor(position: dict[str, Any]) -> str:
    raw = json.dumps(position, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> dict[str, Any] | None:
    """The position an opaque cursor encodes (None for no cursor); raises Invalid for anything else."""
    if not cursor:
        return None
    try:
        position = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise Invalid("Invalid pagination cursor") from None
    if not isinstance(position, dict):
        raise Invalid("Invalid pagination cursor")
    return position


def keyset_after(cursor: str | None) -> tuple[str, str] | None:
    """The (createdAt, id) position after which a newest-first page starts, from its cursor."""
    position = decode_cursor(cursor)
    if position is None:
        return None
    try:
        return datetime.fromisoformat(position["createdAt"]).isoformat(), str(uuid.UUID(position["id"]))
    except (KeyError, ValueError, TypeError):
        raise Invalid("Invalid pagination cursor") from None


def keyset_page[T](rows: list[dict[str, Any]], limit: int,
                   view: Callable[[dict[str, Any]], T]) -> tuple[list[T], str | None]:
    """A page of `limit` items from `limit + 1` rows ordered by (created_at, id) descending, and
    the cursor of the next page (None on the last)."""
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor({"createdAt": last["created_at"].isoformat(), "id": str(last["id"])})
    return [view(row) for row in rows[:limit]], next_cursor
