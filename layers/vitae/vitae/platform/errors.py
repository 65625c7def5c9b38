"""The domain's failures, in its own words (DESIGN.md 1 and 3).

Services, workers and the platform raise these; none of them knows HTTP. `vitae.platform.http`
maps each class to its status in one table. Every error carries a human `message` and, where a
client or a caller branches on it, a machine `code` (the error body's `error` field).
"""

import uuid
from typing import Any


class DomainError(Exception):
    """Base of every domain error: `message` for people, `code` (optional) for programs."""

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code


class NotFound(DomainError):
    """What was asked for does not exist, or is someone else's (the same answer, so ids leak nothing)."""

    @classmethod
    def by_id(cls, what: str, identifier: object) -> "NotFound":
        """The usual wording: "<what> with ID <identifier> not found"."""
        return cls(f"{what} with ID {identifier} not found")


class Conflict(DomainError):
    """The request contradicts what exists: a taken email, a second profile, a file still uploading."""


class Unprocessable(DomainError):
    """The request is well formed but contradicts an earlier one it claims to repeat (an
    Idempotency-Key sent again with another request)."""


class Forbidden(DomainError):
    """The caller is known but may not do this (a role, the signed-in account's email)."""

    def __init__(self, message: str = "You are not allowed to do this", *, code: str | None = None):
        super().__init__(message, code=code)


class Unauthenticated(DomainError):
    """The caller could not be identified: no token, an ended session, a missing or wrong password."""

    def __init__(self, message: str = "Authentication required", *, code: str | None = None):
        super().__init__(message, code=code)


class Invalid(DomainError):
    """The input breaks a rule. `details`: [{field, message, in}] naming each offending field."""

    def __init__(self, message: str, *, details: list[dict[str, Any]] | None = None, code: str | None = None):
        super().__init__(message, code=code)
        self.details = details


class QuotaExceeded(DomainError):
    """A quota of the user's (storage, interviews) would be passed."""


class UnsupportedMedia(DomainError):
    """The bytes (judged by their content) or the body's media type are not one accepted here."""


class TooLarge(DomainError):
    """A body or file is larger than the limit of the path it came through."""


class RateLimited(DomainError):
    """Too many requests; `headers` (Retry-After, RateLimit-*) tell the client when to come back."""

    def __init__(self, message: str, *, headers: dict[str, str], code: str | None = None):
        super().__init__(message, code=code)
        self.headers = headers


class Unavailable(DomainError):
    """A dependency (`dependency`: "cache", "ssm", "ollama"...) is down, slow or refusing us.

    `code` defaults to "<dependency>_unavailable"; callers that degrade catch this, callers that
    cannot raise their own (e.g. code "sign_in_unavailable"). `message` is for logs and alerts (it
    may name settings, hosts and models); a client is told `public_message`, which says only what
    is unavailable, unless the raiser wrote its message for clients (`public=True`)."""

    def __init__(self, message: str, *, dependency: str, code: str | None = None, public: bool = False):
        super().__init__(message, code=code or f"{dependency}_unavailable")
        self.dependency = dependency
        self.public = public

    @property
    def public_message(self) -> str:
        return self.message if self.public else "A service this request needs is temporarily unavailable"

    @property
    def reason(self) -> str:
        """The message and the failure underneath, for logs only: it may name hosts and parameters."""
        cause = self.__cause__
        return f"{self.message}: {type(cause).__name__}: {cause}" if cause else self.message


class NotConfigured(Unavailable):
    """The dependency is not configured here at all: no setting, or an SSM parameter that does not
    exist. Optional features read this as "off" (sign-in providers); the others as Unavailable."""


def parse_id(value: str, what: str) -> uuid.UUID:
    """`value` as a UUID. Raises NotFound.by_id(what, value) when it is not one: an id that cannot
    exist is simply not found."""
    try:
        return uuid.UUID(value)
    except ValueError:
        raise NotFound.by_id(what, value) from None
