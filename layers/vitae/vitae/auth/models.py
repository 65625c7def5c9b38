"""The auth API's bodies."""

from datetime import datetime

from pydantic import ConfigDict, Field

from vitae.platform.api import ApiModel


class RefreshRequest(ApiModel):
    refresh_token: str = Field(min_length=20, max_length=200)


class TokenPair(ApiModel):
    access_token: str
    refresh_token: str
    token_type: str = "Bearer"
    expires_in: int
    refresh_expires_in: int
    user_id: str
    session_id: str


class Session(ApiModel):
    id: str
    provider: str | None
    user_agent: str | None
    ip: str | None
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    current: bool


class Sessions(ApiModel):
    items: list[Session]


class CallbackQuery(ApiModel):
    """The provider's redirect back: `code` and `state`, or `error`; other parameters are ignored."""

    model_config = ConfigDict(extra="ignore")  # providers add their own parameters; the rest is inherited

    state: str | None = None
    code: str | None = None
    error: str | None = None
