"""A user's preferences (GET, PUT and DELETE /v1/user-preferences), apart from the other resume
models: only their routes declare them and the jobs domain's `JobSearch` they hold."""

from typing import Literal

from pydantic import Field, field_validator

from vitae.jobs.preferences import JobSearch
from vitae.platform.api import ApiModel
from vitae.platform.validation import is_timezone
from vitae.resumes.models import Language, Template


class Notifications(ApiModel):
    email: bool = True
    push: bool = False
    weekly_digest: bool = True


class Preferences(ApiModel):
    theme: Literal["light", "dark", "system"] = "system"
    language: Language = "en"
    timezone: str = "UTC"
    notifications: Notifications = Field(default_factory=Notifications)
    default_template: Template = "classic"
    job_search: JobSearch = Field(default_factory=JobSearch)

    _timezone = field_validator("timezone")(lambda value: _known_timezone(value))


def _known_timezone(value: str | None) -> str | None:
    if value is not None and not is_timezone(value):
        raise ValueError("unknown IANA time zone")
    return value


class PreferencesPatch(ApiModel):
    theme: Literal["light", "dark", "system"] | None = None
    language: Language | None = None
    timezone: str | None = None
    notifications: Notifications | None = None
    default_template: Template | None = None
    job_search: JobSearch | None = None

    _timezone = field_validator("timezone")(lambda value: _known_timezone(value))


