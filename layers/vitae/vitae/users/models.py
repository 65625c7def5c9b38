"""The users API's bodies, camelCase on the wire."""

import re
import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AliasChoices, EmailStr, Field, StringConstraints, field_validator

from vitae.platform.api import ApiModel

FullName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=100)]
CompanyName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=32)]
Bio = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Username = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True,
                                            pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{2,29}$")]
ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]

_PHONE = re.compile(r"^\+?[0-9 ().-]{3,32}$")


def _check_phone(value: str | None) -> str | None:
    if value is not None and not _PHONE.fullmatch(value):
        raise ValueError("phone may contain digits, spaces, parentheses, dots, dashes and a leading +")
    return value


class ProfileIn(ApiModel):
    full_name: FullName
    company_name: CompanyName | None = None
    phone: Phone | None = None
    bio: Bio | None = None

    _phone = field_validator("phone")(_check_phone)


class ProfilePatch(ApiModel):
    full_name: FullName | None = None
    company_name: CompanyName | None = None
    phone: Phone | None = None
    bio: Bio | None = None

    _phone = field_validator("phone")(_check_phone)


class CreateUser(ApiModel):
    """POST /users (seed [U]): `externalId` (or `keycloakId`), `email`, `username`, `profile`."""

    external_id: ExternalId | None = Field(
        None, validation_alias=AliasChoices("externalId", "keycloakId", "external_id"),
        serialization_alias="externalId")
    email: EmailStr
    username: Username | None = None
    profile: ProfileIn


class UpdateUser(ApiModel):
    username: Username | None = None
    profile: ProfilePatch | None = None


class Profile(ApiModel):
    full_name: str | None
    company_name: str | None
    phone: str | None
    bio: str | None


class Stats(ApiModel):
    interviews_created: int
    interviews_active: int
    candidates_total: int
    storage_used: int


class StatsView(Stats):
    storage_used_formatted: str


class Quotas(ApiModel):
    max_interviews: int
    max_storage: int


class User(ApiModel):
    id: uuid.UUID
    external_id: str | None
    email: str
    username: str | None
    profile: Profile
    avatar_url: str | None
    stats: Stats
    quotas: Quotas
    created_at: datetime
    updated_at: datetime


class Message(ApiModel):
    message: str


class AvatarView(ApiModel):
    avatar_url: str
    file_size: int


class AvatarUploadRequest(ApiModel):
    content_type: Literal["image/jpeg", "image/png"]


class AvatarUploadForm(ApiModel):
    url: str
    fields: dict[str, str]
    key: str
    max_bytes: int
    expires_in: int
