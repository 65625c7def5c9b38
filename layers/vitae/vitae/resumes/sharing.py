"""Public pages and share links. Share tokens carry 256 bits of randomness and are stored as
SHA-256 digests; optional passwords are hashed with argon2. Views by the resume's owner are not
counted."""

import hashlib
import secrets
import uuid
from datetime import UTC, datetime
from typing import Any

from vitae.platform import db, events
from vitae.platform.auth import Principal
from vitae.platform.errors import Invalid, NotFound, Unauthenticated, parse_id
from vitae.resumes import repository, stats
from vitae.resumes.public import (
    PublicOwner,
    PublicResume,
    PublicSection,
    ShareCreated,
    ShareRequest,
    Shares,
    ShareView,
    Statistics,
)
from vitae.resumes.service import owned

LINK_GONE = "This share link does not exist or is no longer valid"


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def _public(conn, resume: dict[str, Any], owner: dict[str, Any]) -> PublicResume:
    return PublicResume(
        title=resume["title"], template=resume["template"], language=resume["language"],
        owner=PublicOwner(full_name=owner.get("fullName"), username=owner.get("username")),
        sections=[PublicSection(type=s["type"], title=s["title"], items=s["items"])
                  for s in repository.sections(conn, resume["id"]) if s["visible"]],
        updated_at=resume["updated_at"],
    )


def _count_view(resume: dict[str, Any], viewer: Principal | None) -> None:
    if viewer is None or viewer.user_id != str(resume["user_id"]):
        stats.count(resume["id"], "views")


def public_resume(username: str, viewer: Principal | None) -> PublicResume:
    """The user's default resume, if they made it public."""
    from vitae.users.lookups import public_profile_for_username  # a share's own routes never read its owner

    missing = NotFound(f"No public resume for {username}")
    owner = public_profile_for_username(username)
    if owner is None:
        raise missing
    conn = db.connection()
    resume = repository.default_resume(conn, owner["id"])
    if resume is None or not resume["is_public"]:
        raise missing
    _count_view(resume, viewer)
    return _public(conn, resume, owner)


def create_share(caller: Principal, resume_id: str, body: ShareRequest, base_url: str) -> ShareCreated:
    """A share link to the caller's resume: a 256-bit token (stored hashed), optionally expiring
    (`expiresAt`, Invalid unless in the future) and password protected (argon2). NotFound for a
    resume that is not the caller's (before a password is hashed)."""
    if body.expires_at is not None and body.expires_at <= datetime.now(UTC):  # a UtcTimestamp: aware
        raise Invalid("expiresAt must be in the future", details=[
            {"field": "expiresAt", "message": "must be in the future", "in": "body"}])
    token = secrets.token_urlsafe(32)
    password_hash = None
    if body.password:
        # The resume is checked first: the hash is ~0.2 s of CPU, spent only for the caller's own resume
        # (outside the transaction, which checks it again, so that no lock waits on the hash).
        owned(db.connection(), caller, resume_id)
        password_hash = _hasher().hash(body.password)

    def work(conn, emitted):
        resume = owned(conn, caller, resume_id)
        share = repository.insert_share(conn, uuid.uuid4(), resume["id"], _digest(token), password_hash,
                                        body.expires_at)
        emitted.append(events.emit(conn, "resume.shared", caller.user_id, {
            "resumeId": str(resume["id"]), "shareId": str(share["id"]),
            "expiresAt": share["expires_at"].isoformat() if share["expires_at"] else None}))
        return share

    share = events.transaction_then_publish(work)
    return ShareCreated(id=share["id"], token=token, url=f"{base_url}/v1/public/shares/{token}",
                        expires_at=share["expires_at"], password_protected=password_hash is not None)


def list_shares(caller: Principal, resume_id: str) -> Shares:
    conn = db.connection()
    resume = owned(conn, caller, resume_id)
    return Shares(items=[ShareView(**row) for row in repository.shares(conn, resume["id"])])


def revoke_share(caller: Principal, resume_id: str, share_id: str) -> None:
    """Revoke a link of the caller's resume; NotFound for a resume or share that is not theirs."""
    with db.transaction() as conn:
        resume = owned(conn, caller, resume_id)
        if not repository.revoke_share(conn, resume["id"], parse_id(share_id, "Share")):
            raise NotFound.by_id("Share", share_id)


def shared_resume(token: str, password: str | None, viewer: Principal | None) -> PublicResume:
    """404 for unknown, revoked or expired links; 401 when a password is needed or wrong."""
    from vitae.users.lookups import profile_summary

    conn = db.connection()
    share = repository.live_share(conn, _digest(token))
    if share is None:
        raise NotFound(LINK_GONE)
    if share["password_hash"]:
        if not password:
            raise Unauthenticated("This share link is protected by a password: send it in X-Share-Password",
                                  code="password_required")
        if not _password_matches(share["password_hash"], password):
            raise Unauthenticated("Wrong password for this share link", code="wrong_password")
    resume = repository.get(conn, share["resume_id"])
    if resume is None:  # deleted since the link was read
        raise NotFound(LINK_GONE)
    if viewer is None or viewer.user_id != str(share["user_id"]):
        with db.transaction() as tx:
            repository.record_share_view(tx, share["id"])
        stats.count(resume["id"], "views")
    owner = profile_summary(share["user_id"])
    return _public(conn, resume, owner)


def statistics(caller: Principal, resume_id: str) -> Statistics:
    conn = db.connection()
    resume = owned(conn, caller, resume_id)
    totals = stats.totals(resume["id"])
    return Statistics(views=totals["views"], downloads=totals["downloads"],
                      share_views=repository.share_views(conn, resume["id"]))


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def _password_matches(password_hash: str, password: str) -> bool:
    from argon2.exceptions import VerificationError

    try:
        return _hasher().verify(password_hash, password)
    except VerificationError:
        return False
