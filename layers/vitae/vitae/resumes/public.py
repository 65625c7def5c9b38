"""Public resumes, share links and a resume's statistics on the wire, apart from the other resume
models: only their routes declare them."""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import StringConstraints

from vitae.platform.api import ApiModel
from vitae.platform.validation import UtcTimestamp


class PublicSection(ApiModel):
    type: str
    title: str
    items: list[dict]


class PublicOwner(ApiModel):
    full_name: str | None
    username: str | None


class PublicResume(ApiModel):
    """What anyone may see: visible sections only, no ids, flags or file keys."""

    title: str
    template: str
    language: str
    owner: PublicOwner
    sections: list[PublicSection]
    updated_at: datetime


class ShareRequest(ApiModel):
    expires_at: UtcTimestamp | None = None
    password: Annotated[str, StringConstraints(min_length=4, max_length=128)] | None = None


class ShareCreated(ApiModel):
    id: uuid.UUID
    token: str
    url: str
    expires_at: datetime | None
    password_protected: bool


class ShareView(ApiModel):
    id: uuid.UUID
    created_at: datetime
    expires_at: datetime | None
    revoked: bool
    password_protected: bool
    view_count: int
    last_viewed_at: datetime | None


class Shares(ApiModel):
    items: list[ShareView]


class Statistics(ApiModel):
    views: int
    downloads: int
    share_views: int


