"""The rules of the users domain: who may see and change what, quotas, avatars and events."""

import uuid
from typing import Any

import psycopg
from pydantic.alias_generators import to_camel

from vitae.auth import service as auth_sessions
from vitae.platform import cache, consumers, db, events, storage
from vitae.platform.auth import Principal, Role, mark_sessions_revoked
from vitae.platform.consumers import EventEnvelope
from vitae.platform.db import Connection
from vitae.platform.errors import (
    Conflict,
    Forbidden,
    Invalid,
    NotFound,
    QuotaExceeded,
    TooLarge,
    UnsupportedMedia,
    parse_id,
)
from vitae.platform.observability import logger, metrics
from vitae.users import repository
from vitae.users.lookups import profile_summary as profile_summary
from vitae.users.lookups import public_profile_for_username as public_profile_for_username
from vitae.users.lookups import username_key
from vitae.users.models import (
    AvatarUploadForm,
    AvatarView,
    CreateUser,
    ProfileIn,
    Stats,
    StatsView,
    UpdateUser,
    User,
)

AVATAR_DIRECT_MAX_BYTES = 4 * 1024 * 1024  # what fits in a synchronous Lambda payload after base64
AVATAR_MAX_BYTES = 5 * 1024 * 1024  # seed [U], through the presigned POST
AVATAR_TYPES = ("image/jpeg", "image/png")
AVATAR_DIRECT_TOO_LARGE = "Avatars are limited to 4 MB through the API (use an upload URL up to 5 MB)"
AVATAR_TOO_LARGE = "Avatar file size exceeds 5MB limit"
AVATAR_WRONG_TYPE = "Only JPEG and PNG images are supported"
AVATAR_URL_SECONDS = 900
PRIVILEGED = (Role.ADMIN, Role.SERVICE)


# -- reading -------------------------------------------------------------------------------------


def _visible_row(conn: Connection, caller: Principal, user_id: str, for_update: bool = False) -> dict[str, Any]:
    """The user, if the caller may see them: themselves, or anyone for admins and services.
    Anything else is 404, so ids of other users reveal nothing."""
    uid = parse_id(user_id, "User")
    if str(uid) != caller.user_id and not caller.has_role(*PRIVILEGED):
        raise NotFound.by_id("User", user_id)
    row = repository.get(conn, uid, for_update=for_update)
    if row is None:
        raise NotFound.by_id("User", user_id)
    return row


def to_view(row: dict[str, Any]) -> User:
    """The user as the API shows them, validated in one call (profile, stats and quotas nested)."""
    return User.model_validate({
        "id": row["id"], "external_id": row["external_id"], "email": row["email"], "username": row["username"],
        "profile": {f: row[f] for f in repository.PROFILE_FIELDS},
        "avatar_url": storage.presigned_get(row["avatar_key"], AVATAR_URL_SECONDS) if row["avatar_key"] else None,
        "stats": {f: row[f] for f in repository.STATS_FIELDS},
        "quotas": {"max_interviews": row["max_interviews"], "max_storage": row["max_storage"]},
        "created_at": row["created_at"], "updated_at": row["updated_at"],
    })


def get_user(caller: Principal, user_id: str) -> User:
    return to_view(_visible_row(db.connection(), caller, user_id))


def get_user_by_external_id(caller: Principal, external_id: str) -> User:
    """The user linked to an external (Keycloak) id, if the caller may see them; NotFound otherwise."""
    row = repository.get_by_external_id(db.connection(), external_id)
    if row is None or (str(row["id"]) != caller.user_id and not caller.has_role(*PRIVILEGED)):
        raise NotFound(f"User with external ID {external_id} not found")
    return to_view(row)


def _stats(row: dict[str, Any]) -> Stats:
    return Stats(**{f: row[f] for f in repository.STATS_FIELDS})


def format_bytes(size: int) -> str:
    """Storage in the largest binary unit that keeps the number at least 1: "1.5 GB"."""
    value, unit = float(size), "B"
    for larger in ("KB", "MB", "GB", "TB"):
        if value < 1024:
            break
        value, unit = value / 1024, larger
    return f"{value:.1f}".rstrip("0").rstrip(".") + f" {unit}"


def stats_view(row: dict[str, Any]) -> StatsView:
    return StatsView(**_stats(row).model_dump(), storage_used_formatted=format_bytes(row["storage_used"]))


def get_stats(caller: Principal, user_id: str) -> StatsView:
    return stats_view(_visible_row(db.connection(), caller, user_id))


# -- writing -------------------------------------------------------------------------------------


def user_for_sign_in(conn: Connection, email: str, name: str | None) -> tuple[dict[str, Any], uuid.UUID | None]:
    """The live user with this (provider-verified) email, or a new one. Returns the user and the
    id of the `user.created` event when one was created."""
    row = repository.get_by_email(conn, email)
    if row is not None:
        return row, None
    user_id = uuid.uuid4()
    full_name = name if name and len(name.strip()) >= 2 else email
    row = repository.insert(conn, user_id, None, email, None, {"full_name": full_name.strip()[:100]})
    assert row is not None  # a fresh uuid4 is nobody's id
    event_id = events.emit(conn, "user.created", user_id, {"externalId": None, "keycloakId": None, "email": email,
                                                         "fullName": row["full_name"]})
    metrics.add_metric(name="UsersCreated", unit="Count", value=1)
    return row, event_id


def _storage_exceeded(projected: int, row: dict[str, Any]) -> QuotaExceeded:
    return QuotaExceeded(f"Storage quota exceeded: {format_bytes(projected)} of {format_bytes(row['max_storage'])}")


def check_storage(user_id: object, size: int) -> None:
    """Before any bytes are stored: raises QuotaExceeded if `size` more bytes would pass the
    user's storage quota (5 GB by default, seed [U]), NotFound for a user who is gone."""
    row = repository.get(db.connection(), user_id)
    if row is None:
        raise NotFound.by_id("User", user_id)
    if row["storage_used"] + size > row["max_storage"]:
        raise _storage_exceeded(row["storage_used"] + size, row)


def use_storage(conn: Connection, user_id: object, delta: int) -> None:
    """Count (or, negative, release) bytes against the user's storage quota, in the caller's
    transaction. Raises QuotaExceeded when an increase would pass the quota, NotFound for a user
    who is gone."""
    if repository.change_storage(conn, user_id, delta) is None:
        row = repository.get(conn, user_id)
        if row is None:
            raise NotFound.by_id("User", user_id)
        raise _storage_exceeded(row["storage_used"] + delta, row)


def _taken(field: str, body: CreateUser, user_id: object) -> Conflict:
    """409 for the unique field of a new user ("email", "externalId", "username" or "id") that a
    live user already has."""
    value = {"email": body.email, "externalId": body.external_id, "username": body.username}.get(field, user_id)
    return Conflict(f"User with {'ID' if field == 'id' else field} {value} already exists")


def create_user(caller: Principal, body: CreateUser) -> User:
    """Self-registration creates the caller's own user, with the email of their token; admins and
    services create anyone, and only they may link an external (Keycloak) id."""
    if caller.has_role(*PRIVILEGED):
        user_id = uuid.uuid4()
    else:
        user_id = parse_id(caller.user_id, "User")
        if not caller.email or caller.email.lower() != body.email.lower():
            raise Forbidden("The email must be the one of the signed-in account")
        if body.external_id is not None and body.external_id != caller.external_id:
            raise Forbidden("Only admins and services may set an external id")

    def work(conn, emitted):
        if repository.get(conn, user_id) is not None:
            raise _taken("id", body, user_id)
        taken = repository.find_conflict(conn, body.email, body.external_id, body.username)
        if taken:
            raise _taken(taken, body, user_id)
        try:
            with conn.transaction():  # a savepoint: the violation must not poison the transaction
                row = repository.insert(conn, user_id, body.external_id, body.email, body.username,
                                        body.profile.model_dump())
        except psycopg.errors.UniqueViolation as race:  # a concurrent registration won
            raise _taken(repository.taken_field(race), body, user_id) from None
        if row is None:
            raise _taken("id", body, user_id)
        emitted.append(events.emit(conn, "user.created", user_id, {
            "externalId": body.external_id, "keycloakId": body.external_id, "email": body.email,
            "fullName": body.profile.full_name}))
        return row

    row = events.transaction_then_publish(work)
    metrics.add_metric(name="UsersCreated", unit="Count", value=1)
    return to_view(row)


def _apply_update(caller: Principal, user_id: str, fields: dict[str, Any]) -> User:
    def work(conn, emitted):
        before = _visible_row(conn, caller, user_id, for_update=True)
        changed = {name: value for name, value in fields.items() if before[name] != value}
        if not changed:
            return before, changed
        try:
            with conn.transaction():
                row = repository.update(conn, before["id"], changed)
        except psycopg.errors.UniqueViolation:  # the only unique field a profile update can set
            raise Conflict(f"User with username {changed.get('username')} already exists") from None
        emitted.append(events.emit(conn, "user.updated", before["id"],
                                   {"changes": {to_camel(name): value for name, value in changed.items()}}))
        return row, changed | {"previous_username": before["username"]}

    row, changed = events.transaction_then_publish(work)
    if {"username", "full_name"} & changed.keys():
        _forget_usernames(changed.get("previous_username"), row["username"])
    metrics.add_metric(name="ProfilesUpdated", unit="Count", value=1)
    return to_view(row)


def _forget_usernames(*usernames: str | None) -> None:
    keys = [username_key(name) for name in usernames if name]
    if keys:
        cache.invalidate(*keys)


def update_user(caller: Principal, user_id: str, body: UpdateUser) -> User:
    """Partial update: only the fields present in the request change."""
    fields = body.profile.model_dump(exclude_unset=True) if body.profile else {}
    if body.username is not None:
        fields["username"] = body.username
    if "full_name" in fields and fields["full_name"] is None:
        raise Invalid("Validation failed", details=[{"field": "profile.fullName", "message": "cannot be null",
                                                     "in": "body"}])
    return _apply_update(caller, user_id, fields)


def replace_profile(caller: Principal, user_id: str, body: ProfileIn) -> User:
    """Full profile replacement: fields left out are cleared."""
    return _apply_update(caller, user_id, body.model_dump())


def delete_user(caller: Principal, user_id: str) -> None:
    """Soft delete: the user disappears from every read and their email and external id become
    free again; every session ends and every access token issued to them until now is refused at
    once (`vitae.platform.auth`); `user.deleted` makes the purge consumer remove their files."""
    def work(conn, emitted):
        row = _visible_row(conn, caller, user_id, for_update=True)
        deleted = repository.soft_delete(conn, row["id"])
        sessions = auth_sessions.end_sessions_of_deleted_user(conn, row["id"])
        auth_sessions.forget_provider_tokens_of_deleted_user(conn, row["id"])
        emitted.append(events.emit(conn, "user.deleted", deleted["id"], {
            "deletedAt": deleted["deleted_at"].isoformat().replace("+00:00", "Z")}))
        return str(row["id"]), row["username"], sessions

    deleted_id, username, sessions = events.transaction_then_publish(work)
    mark_sessions_revoked(sessions, deleted_user_id=deleted_id)
    _forget_usernames(username)


# -- avatars -------------------------------------------------------------------------------------


def _check_storage_quota(row: dict[str, Any], new_size: int) -> None:
    projected = row["storage_used"] - row["avatar_size"] + new_size
    if projected > row["max_storage"]:
        raise _storage_exceeded(projected, row)


def check_avatar(data: bytes) -> str:
    """The type of an avatar sent through the API, by its bytes. Raises TooLarge past
    AVATAR_DIRECT_MAX_BYTES (Lambda's 6 MB payload, DESIGN.md 2) and UnsupportedMedia unless JPEG or PNG."""
    if len(data) > AVATAR_DIRECT_MAX_BYTES:
        raise TooLarge(AVATAR_DIRECT_TOO_LARGE)
    try:
        return storage.require_type(data, AVATAR_TYPES)
    except storage.UnsupportedContent:
        raise UnsupportedMedia(AVATAR_WRONG_TYPE) from None


def _replace_avatar(conn, emitted, row: dict[str, Any], key: str, size: int) -> dict[str, Any]:
    updated = repository.set_avatar(conn, row["id"], key, size, row["avatar_size"])
    emitted.append(events.emit(conn, "user.avatar_uploaded", row["id"], {
        "avatarUrl": storage.presigned_get(key, AVATAR_URL_SECONDS), "fileSize": size}))
    return updated


def _delete_quietly(key: str | None) -> None:
    if key:
        try:
            storage.delete_object(key)
        except Exception:  # an orphan costs storage, not correctness; the purge on deletion sweeps it
            logger.exception("could not delete a replaced object", extra={"key": key})


def upload_avatar(caller: Principal, user_id: str, data: bytes) -> AvatarView:
    """Make `data` (a JPEG or PNG sent through the API) the user's avatar and delete the previous
    one. Raises TooLarge past AVATAR_DIRECT_MAX_BYTES, UnsupportedMedia, NotFound (not the caller, for
    a user), QuotaExceeded (storage quota), all before anything is stored."""
    content_type = check_avatar(data)
    row = _visible_row(db.connection(), caller, user_id)
    _check_storage_quota(row, len(data))  # before storing anything
    key = storage.new_key("avatars", row["id"])
    storage.put_object(key, data, content_type)

    def work(conn, emitted):
        current = _visible_row(conn, caller, user_id, for_update=True)
        _check_storage_quota(current, len(data))
        return current["avatar_key"], _replace_avatar(conn, emitted, current, key, len(data))

    try:
        previous, updated = events.transaction_then_publish(work)
    except BaseException:
        _delete_quietly(key)
        raise
    _delete_quietly(previous)
    metrics.add_metric(name="AvatarsUploaded", unit="Count", value=1)
    return AvatarView(avatar_url=to_view(updated).avatar_url, file_size=len(data))


def avatar_upload_form(caller: Principal, user_id: str, content_type: str) -> AvatarUploadForm:
    """A presigned POST for an avatar too large for the API; the upload consumer finishes it."""
    row = _visible_row(db.connection(), caller, user_id)
    _check_storage_quota(row, 1)
    expires = 600
    key = storage.new_key("avatars", row["id"], notify=True)
    form = storage.presigned_post(key, (content_type,), AVATAR_MAX_BYTES, expires)
    return AvatarUploadForm(url=form["url"], fields=form["fields"], key=form["key"], max_bytes=AVATAR_MAX_BYTES,
                            expires_in=expires)


def complete_avatar_upload(key: str, size: int, sequencer: str) -> str:
    """Apply an object uploaded through a presigned POST, with the checks of a direct upload.
    Returns what happened; an object that is not applied is deleted."""
    if size > AVATAR_MAX_BYTES:
        rejected = AVATAR_TOO_LARGE
    elif storage.detect_type(storage.read_head(key, 512)) not in AVATAR_TYPES:
        rejected = AVATAR_WRONG_TYPE
    else:
        rejected = None
    if rejected:
        storage.delete_object(key)
        logger.warning("avatar upload rejected", extra={"key": key, "reason": rejected})
        return "rejected"

    def work(conn, emitted):
        upload_id = uuid.uuid5(uuid.NAMESPACE_URL, f"s3:{key}:{sequencer}")
        if not consumers.first_delivery(conn, str(upload_id), "avatar-upload"):
            return "duplicate", None
        row = repository.get(conn, parse_id(key.split("/")[1], "User"), for_update=True)
        if row is None:
            return "no-user", None
        if row["storage_used"] - row["avatar_size"] + size > row["max_storage"]:
            return "over-quota", None
        _replace_avatar(conn, emitted, row, key, size)
        return "applied", row["avatar_key"]

    outcome, previous = events.transaction_then_publish(work)
    if outcome in ("no-user", "over-quota"):
        storage.delete_object(key)
    _delete_quietly(previous)
    if outcome == "applied":
        metrics.add_metric(name="AvatarsUploaded", unit="Count", value=1)
    return outcome


def delete_avatar(caller: Principal, user_id: str) -> None:
    """Remove the user's avatar and its object; NotFound when there is none (or the user is not
    the caller's to change)."""
    def work(conn, emitted):
        row = _visible_row(conn, caller, user_id, for_update=True)
        if row["avatar_key"] is None:
            raise NotFound("The user has no avatar")
        repository.set_avatar(conn, row["id"], None, 0, row["avatar_size"])
        emitted.append(events.emit(conn, "user.updated", row["id"], {"changes": {"avatarUrl": None}}))
        return row["avatar_key"]

    _delete_quietly(events.transaction_then_publish(work))


# -- statistics and incoming events ----------------------------------------------------------------


def increment_interviews(user_id: str) -> StatsView:
    """For internal callers: one more interview, refused past the user's quota."""
    uid = parse_id(user_id, "User")
    with db.transaction() as conn:
        row = repository.increment_interviews(conn, uid, enforce_quota=True)
        if row is None:
            current = repository.get(conn, uid)
            if current is None:
                raise NotFound.by_id("User", user_id)
            raise QuotaExceeded(f"Interview quota exceeded: {current['interviews_created']} of "
                                f"{current['max_interviews']} used")
    return stats_view(row)


def on_interview_created(conn: Connection, event: EventEnvelope) -> None:
    # The interview exists already: count it even past the quota (the quota gates creation).
    """`interview.created`: one more interview for the user, counted even past the quota."""
    if event.user_id is None or repository.increment_interviews(conn, event.user_id, enforce_quota=False) is None:
        logger.warning("interview.created for an unknown user", extra={"userId": str(event.user_id)})


def on_media_uploaded(conn: Connection, event: EventEnvelope) -> None:
    """`media.uploaded`: the file's `fileSize` counts against the user's storage. A size below 0 or
    above S3's largest object (which BIGINT arithmetic could not hold either) is a ValueError (a
    poison message)."""
    size = int(event.data["fileSize"])
    if not 0 <= size <= storage.MAX_OBJECT_BYTES:
        raise ValueError(f"fileSize must be between 0 and {storage.MAX_OBJECT_BYTES} bytes")
    if event.user_id is None or repository.add_storage(conn, event.user_id, size) is None:
        logger.warning("media.uploaded for an unknown user", extra={"userId": str(event.user_id)})


def on_new_user(conn: Connection, event: EventEnvelope) -> None:
    """Seed [D]'s `new_user`: create the user unless one with that id, email or external id exists."""
    email = event.data.get("email") or ""
    external_id = event.data.get("externalId")
    name = event.data.get("fullName") or event.data.get("name") or ""
    data = CreateUser.model_validate({
        "email": email, "externalId": str(external_id) if external_id is not None else None,
        "username": event.data.get("username"),
        "profile": {"fullName": name if len(name.strip()) >= 2 else email},
    })
    user_id = event.user_id or uuid.uuid4()
    if repository.get(conn, user_id) or repository.find_conflict(conn, data.email, data.external_id, data.username):
        return
    if repository.insert(conn, user_id, data.external_id, data.email, data.username, data.profile.model_dump()) is None:
        return
    events.emit(conn, "user.created", user_id, {"externalId": data.external_id, "keycloakId": data.external_id,
                                                "email": data.email, "fullName": data.profile.full_name})


def purge_files(_conn: Connection, event: EventEnvelope) -> None:
    """After `user.deleted`: remove every object the user owned, under every prefix."""
    deleted = storage.delete_owner_files(event.user_id)
    logger.info("purged a deleted user's files", extra={"userId": str(event.user_id), "objects": deleted})
