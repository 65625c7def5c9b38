"""Profile sync on the wire (seed [G] `/profile/github/sync`, `/profile/linkedin/...`; DESIGN.md 6)."""

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from vitae.platform.api import ApiModel

Source = Literal["github", "linkedin"]
Status = Literal["awaiting_upload", "queued", "running", "deferred", "done", "failed"]
# GitHub's rule for user names: 1-39 letters, digits or single hyphens, not starting with one.
GitHubLogin = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$")]


class GitHubSyncIn(ApiModel):
    """POST /v1/profile/github/sync: whose repositories (default: the GitHub account the caller signed
    in with), forks included or not, and at most how many (default GITHUB_MAX_REPOS)."""

    username: GitHubLogin | None = None
    include_forks: bool = False
    max_repos: int | None = Field(None, ge=1, le=100)


class LinkedInUploadRequest(ApiModel):
    """POST /v1/profile/linkedin/import/upload-url: a presigned form for an export too large for the API."""

    filename: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    content_type: Literal["application/zip"] = "application/zip"


class Failure(ApiModel):
    """Why a sync failed: a `reason` code and a message for people."""

    reason: str
    message: str


class SyncAccepted(ApiModel):
    """202: the sync queued; poll it at /v1/profile/syncs/{id} (Location)."""

    id: uuid.UUID
    source: Source
    status: Status


class UploadForm(SyncAccepted):
    """A presigned POST: send the ZIP to `url` with `fields` (the file last) before `expiresIn` seconds."""

    url: str
    fields: dict[str, str]
    max_bytes: int
    expires_in: int


class SyncView(ApiModel):
    """A sync: `status` (deferred: GitHub's rate limit is spent, it runs again at `retryAt`), what was
    asked, and when done what it filled and added (`result.filled`, `result.added` per entry kind)."""

    id: uuid.UUID
    source: Source
    status: Status
    request: dict[str, Any]
    result: dict[str, Any] | None
    failure: Failure | None
    retry_at: datetime | None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None


class SourceView(ApiModel):
    """GET /v1/profile/github and /v1/profile/linkedin: the last sync of the source, when the profile
    was last synced from it (`syncedAt`), and what it holds from it (`data`: seed [G]'s `githubData`
    or `linkedinData`, as read)."""

    source: Source
    synced_at: datetime | None
    last_sync: SyncView | None
    data: dict[str, Any] | None
