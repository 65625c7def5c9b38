"""The resumes domain's handlers invoked with their sample events against PostgreSQL, Redis and
LocalStack, for what the e2e tests do not reach: refused and failed writes leave no rows, objects
or events behind; the outbox rows' data; the preferences cache; the statistics flush; the
attachment upload consumer; and which public views are counted."""

import base64
import copy
import json
import uuid
from datetime import UTC, datetime

import pytest

from tests.conftest import username_of
from tests.samples import EVENTS, sample, with_bearer
from vitae.platform import cache, db, storage
from vitae.platform.config import settings

SAMPLE = json.loads(sample("resumes/create")["body"])
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _rows(sql: str, *args) -> list[dict]:
    return db.connection().execute(sql, args).fetchall()


def _objects(prefix: str) -> list[str]:
    listing = storage.s3().list_objects_v2(Bucket=settings().files_bucket, Prefix=prefix)
    return [o["Key"] for o in listing.get("Contents", [])]


def _events(user_id: str) -> list[tuple[str, dict]]:
    return [(r["event_type"], r["data"]) for r in _rows(
        "SELECT event_type, data FROM outbox WHERE user_id = %s ORDER BY created_at, id", user_id)]


def _state(user_id: str) -> dict:
    """Everything of one user's that the resume handlers write: rows, events, storage, objects."""
    mine = "JOIN resumes r ON r.id = x.resume_id WHERE r.user_id = %s ORDER BY x.id"
    return {
        "resumes": _rows("SELECT id, title, is_default, is_public, updated_at FROM resumes WHERE user_id = %s "
                         "ORDER BY id", user_id),
        "sections": _rows(f"SELECT x.id, x.title, x.position, x.visible, x.items FROM resume_sections x {mine}",
                          user_id),
        "shares": _rows(f"SELECT x.id, x.revoked_at, x.view_count FROM resume_shares x {mine}", user_id),
        "attachments": _rows("SELECT id, key, status, size FROM resume_attachments WHERE user_id = %s ORDER BY id",
                             user_id),
        "storage": _rows("SELECT storage_used FROM users WHERE id = %s", user_id),
        "events": _events(user_id),
        "objects": _objects(f"attachments/{user_id}/"),
    }


@pytest.fixture
def call(devstack, token):
    """Invoke `function` with its sample event (events/ mirrors its CodeUri under functions/),
    adjusted, as `user_id` (None: anonymous); the response with its body parsed under "json"."""
    def invoke(function: str, user_id: str | None = None, path: dict | None = None, body=None,
               query: dict | None = None) -> dict:
        event = sample(str(devstack.runtime.functions[function].code_uri.relative_to(EVENTS.parent / "functions")))
        if user_id:
            with_bearer(event, token(user_id=user_id))
            if "authorizer" in event["requestContext"]:  # what the authorizer puts there for that token
                event["requestContext"]["authorizer"]["lambda"].update(userId=user_id, email=None)
        event["pathParameters"] = {**event.get("pathParameters", {}), **(path or {})}
        if body is not None:
            event["body"] = body if isinstance(body, str) else json.dumps(body)
        if query is not None:
            event["queryStringParameters"] = query
        response = devstack.invoke_in_process(function, event)
        return {**response, "json": json.loads(response["body"]) if response["body"] else None}

    return invoke


def _resume(call, user_id: str, **changes) -> dict:
    response = call("CreateResumeFunction", user_id, body={**SAMPLE, **changes})
    assert response["statusCode"] == 201, response["body"]
    return response["json"]


# -- documents --------------------------------------------------------------------------------------


def test_create_refusals_leave_nothing_and_a_success_writes_resume_sections_and_event(call, user):
    for body, message in (('{"title": ', "Malformed JSON body"), ("[]", "Validation failed"),
                          ({**SAMPLE, "sections": [{"id": str(uuid.uuid4()), "type": "summary"}]},
                           "New sections cannot carry ids")):
        refused = call("CreateResumeFunction", user, body=body)
        assert (refused["statusCode"], refused["json"]["message"]) == (400, message)
    invalid = call("CreateResumeFunction", user,
                   body={**SAMPLE, "template": "baroque", "sections": [{"type": "skills", "items": [{}]}]})
    assert {d["field"] for d in invalid["json"]["details"]} == {"template", "sections[0].items[0].name"}
    stranger = str(uuid.uuid4())  # a valid token, but never registered
    unregistered = call("CreateResumeFunction", stranger, body=SAMPLE)
    assert unregistered["statusCode"] == 404 and "register first" in unregistered["json"]["message"]
    assert _state(user)["resumes"] == [] == _state(stranger)["resumes"] and _events(user) == _events(stranger) == []

    created = _resume(call, user)
    positions = _rows("SELECT type, position FROM resume_sections WHERE resume_id = %s ORDER BY position",
                      created["id"])
    assert positions == [
        {"type": t, "position": n} for n, t in enumerate(("summary", "experience", "education", "skills"))]
    assert _events(user) == [("resume.created", {"resumeId": created["id"], "title": "Backend engineer"})]


def test_list_refuses_cursors_that_do_not_point_at_a_resume_and_shows_only_the_callers(call, user, new_user):
    first = _resume(call, user)

    def encode(value) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    for cursor in ("%%%", encode([1]), encode({}), encode({"createdAt": "yesterday", "id": first["id"]}),
                   encode({"createdAt": 12, "id": first["id"]}),
                   encode({"createdAt": "2026-01-01T00:00:00Z", "id": "x"})):
        refused = call("ListResumesFunction", user, query={"cursor": cursor})
        assert (refused["statusCode"], refused["json"]["message"]) == (400, "Invalid pagination cursor"), cursor
    # instants at the ends of the range, in any offset: a page, never a 500 (issue 11, kind 2)
    assert [r["id"] for r in call("ListResumesFunction", user, query={"cursor": encode(
        {"createdAt": "9999-12-31T23:00:00-05:00", "id": first["id"]})})["json"]["items"]] == [first["id"]]
    assert call("ListResumesFunction", user, query={"cursor": encode(
        {"createdAt": "0001-01-01T00:00:00+05:00", "id": first["id"]})})["json"]["items"] == []
    zero = call("ListResumesFunction", user, query={"limit": "0"})
    assert zero["statusCode"] == 400 and [d["field"] for d in zero["json"]["details"]] == ["limit"]
    assert [r["id"] for r in call("ListResumesFunction", user)["json"]["items"]] == [first["id"]]
    assert call("ListResumesFunction", new_user())["json"] == {"items": [], "nextCursor": None}


BY_RESUME_ID = ["GetResumeFunction", "ReplaceResumeFunction", "DeleteResumeFunction", "SetDefaultResumeFunction",
                "CopyResumeFunction", "OrderSectionsFunction", "SectionVisibilityFunction", "ResumeStatisticsFunction",
                "ExportResumeFunction", "CreateShareFunction", "ListSharesFunction", "RevokeShareFunction",
                "UploadAttachmentFunction", "AttachmentUploadUrlFunction", "ListAttachmentsFunction",
                "GetAttachmentFunction", "DeleteAttachmentFunction"]


def test_every_handler_answers_404_for_another_users_or_a_malformed_id_and_changes_nothing(call, user, new_user):
    rid = _resume(call, user)["id"]
    share = call("CreateShareFunction", user, path={"id": rid})["json"]
    attachment = call("UploadAttachmentFunction", user, path={"id": rid})["json"]
    intruder = new_user()
    theirs = _resume(call, intruder)["id"]
    before = _state(user), _state(intruder)
    for function in BY_RESUME_ID:
        for caller, resume_id in ((intruder, rid), (user, "not-a-uuid")):
            response = call(function, caller, path={"id": resume_id, "shareId": share["id"], "aid": attachment["id"]})
            assert (response["statusCode"], response["json"]["message"]) == (
                404, f"Resume with ID {resume_id} not found"), (function, caller)
    for function, path, what in (
            ("RevokeShareFunction", {"shareId": share["id"]}, f"Share with ID {share['id']}"),
            ("GetAttachmentFunction", {"aid": attachment["id"]}, f"Attachment with ID {attachment['id']}"),
            ("DeleteAttachmentFunction", {"aid": "nope"}, "Attachment with ID nope")):
        # someone else's share or file, on their resume
        response = call(function, intruder, path={"id": theirs, **path})
        assert (response["statusCode"], response["json"]["message"]) == (404, f"{what} not found")
    assert (_state(user), _state(intruder)) == before
    assert cache.client().get(f"{settings().valkey_prefix}resume-stats:{rid}:downloads") is None


def test_refused_changes_leave_the_resume_and_the_outbox_as_they_were(call, user):
    resume = _resume(call, user)
    rid, ids = resume["id"], [s["id"] for s in resume["sections"]]
    before = _state(user)
    for function, body, field in (
            ("ReplaceResumeFunction", "{not json", None),
            ("ReplaceResumeFunction", {**SAMPLE, "title": " "}, "title"),
            ("ReplaceResumeFunction", {**SAMPLE, "sections": [{"id": str(uuid.uuid4()), "type": "summary"}]},
             "sections"),
            ("OrderSectionsFunction", {"sectionIds": ids[:-1]}, "sectionIds"),
            ("OrderSectionsFunction", {"sectionIds": [ids[0], "nope"]}, "sectionIds[1]"),
            ("SectionVisibilityFunction", {"sections": []}, "sections"),
            ("SectionVisibilityFunction", {"sections": [{"id": ids[0], "visible": False},
                                                        {"id": str(uuid.uuid4()), "visible": False}]}, "sections"),
            ("CreateShareFunction", {"password": "abc"}, "password"),
            ("CreateShareFunction", {"expiresAt": "2020-01-01T00:00:00Z"}, "expiresAt"),
            # out of range once in UTC (issue 11, kind 2): a 500 from psycopg before
            ("CreateShareFunction", {"expiresAt": "9999-12-31T23:00:00-05:00"}, "expiresAt"),
            ("CreateShareFunction", {"expiresAt": "0001-01-01T01:00:00+05:00"}, "expiresAt")):
        response = call(function, user, path={"id": rid}, body=body)
        assert response["statusCode"] == 400, (function, body)
        assert (response["json"].get("details") or [{}])[0].get("field") == field, response["json"]
    assert _state(user) == before


def test_a_change_whose_event_cannot_be_recorded_is_not_made(call, user, monkeypatch):
    from vitae.platform import events

    first, second = _resume(call, user), _resume(call, user, title="Second")
    rid, ids = first["id"], [s["id"] for s in first["sections"]]
    before = _state(user)
    real_emit = events.emit

    def emit_then_fail(conn, *args):
        real_emit(conn, *args)
        raise RuntimeError("the container died after the outbox row was written")

    monkeypatch.setattr(events, "emit", emit_then_fail)
    for function, path, body in (
            ("CreateResumeFunction", {}, None), ("ImportResumeFunction", {}, None),
            ("ReplaceResumeFunction", {"id": rid}, None), ("CopyResumeFunction", {"id": rid}, None),
            ("SetDefaultResumeFunction", {"id": second["id"]}, None),
            ("OrderSectionsFunction", {"id": rid}, {"sectionIds": ids[::-1]}),
            ("SectionVisibilityFunction", {"id": rid}, {"sections": [{"id": ids[0], "visible": False}]}),
            ("DeleteResumeFunction", {"id": rid}, None), ("CreateShareFunction", {"id": rid}, None),
            ("UploadAttachmentFunction", {"id": rid}, None)):
        response = call(function, user, path=path, body=body)
        assert (response["statusCode"], response["json"]["message"]) == (500, "Internal server error"), function
    assert _state(user) == before  # no resume, section, share, attachment, object or outbox row


def test_each_write_records_its_event_with_its_data_and_publishes_it(call, user):
    first, second = _resume(call, user), _resume(call, user, title="Second")
    rid, ids = first["id"], [s["id"] for s in first["sections"]]
    copied = call("CopyResumeFunction", user, path={"id": rid})["json"]
    for _ in range(2):  # the second time it is the default already: no change, no event
        assert call("SetDefaultResumeFunction", user, path={"id": second["id"]})["json"]["isDefault"]
    call("OrderSectionsFunction", user, path={"id": rid}, body={"sectionIds": ids[::-1]})
    call("SectionVisibilityFunction", user, path={"id": rid}, body={"sections": [{"id": ids[0], "visible": False}]})
    share = call("CreateShareFunction", user, path={"id": rid})["json"]
    assert call("DeleteResumeFunction", user, path={"id": second["id"]})["statusCode"] == 204
    recorded = _events(user)[2:]
    assert datetime.fromisoformat(recorded[4][1].pop("expiresAt")) == datetime(2030, 1, 1, tzinfo=UTC)
    assert recorded == [
        ("resume.created", {"resumeId": copied["id"], "title": "Copy of Backend engineer", "copiedFrom": rid}),
        ("resume.updated", {"resumeId": second["id"], "changes": {"isDefault": True}}),
        ("resume.updated", {"resumeId": rid, "changes": {"sectionOrder": ids[::-1]}}),
        ("resume.updated", {"resumeId": rid, "changes": {"visibility": {ids[0]: False}}}),
        ("resume.shared", {"resumeId": rid, "shareId": share["id"]}),
        ("resume.deleted", {"resumeId": second["id"]})]
    assert _rows("SELECT count(*) AS n FROM outbox WHERE user_id = %s AND published_at IS NULL", user) == [{"n": 0}]
    assert [r["id"] for r in _rows("SELECT id::text FROM resumes WHERE user_id = %s AND is_default", user)] == [rid]


# -- preferences ------------------------------------------------------------------------------------


def test_preferences_are_cached_on_read_and_dropped_on_write_and_delete(call, user):
    key, redis = f"{settings().valkey_prefix}preferences:{user}", cache.client()
    query = "SELECT theme, timezone, notifications, default_template FROM user_preferences WHERE user_id = %s"
    defaults = call("GetPreferencesFunction", user)["json"]
    assert defaults["theme"] == "system" and json.loads(redis.get(key))["theme"] == "system"
    assert 3590 <= redis.ttl(key) <= 3600
    redis.set(key, json.dumps({**json.loads(redis.get(key)), "theme": "light"}))
    assert call("GetPreferencesFunction", user)["json"]["theme"] == "light"  # served from Redis
    saved = call("SavePreferencesFunction", user)["json"]
    assert (saved["theme"], saved["timezone"], saved["notifications"]["weeklyDigest"]) == (
        "dark", "Europe/Paris", False)
    assert redis.get(key) is None
    assert _rows(query, user) == [{"theme": "dark", "timezone": "Europe/Paris", "default_template": "classic",
                                   "notifications": {"email": True, "push": False, "weekly_digest": False}}]
    assert call("GetPreferencesFunction", user)["json"] == saved
    assert json.loads(redis.get(key))["timezone"] == "Europe/Paris"
    saved_row = _rows(query, user)
    for body in ('{"theme": "dark"', {"timezone": "Mars/Olympus_Mons"}, {"theme": "neon"}, {"colour": "red"}):
        assert call("SavePreferencesFunction", user, body=body)["statusCode"] == 400
    assert _rows(query, user) == saved_row
    assert call("DeletePreferencesFunction", user)["statusCode"] == 204
    assert redis.get(key) is None and _rows(query, user) == []
    assert call("GetPreferencesFunction", user)["json"] == defaults
    assert call("DeletePreferencesFunction", user)["statusCode"] == 404 and redis.get(key) is None
    stranger = str(uuid.uuid4())
    refused = call("SavePreferencesFunction", stranger)
    assert refused["statusCode"] == 404 and "register first" in refused["json"]["message"]
    assert _rows(query, stranger) == []


def test_a_save_racing_a_read_never_leaves_the_old_preferences_cached(call, user, monkeypatch):
    from vitae.resumes import repository

    key, read = f"{settings().valkey_prefix}preferences:{user}", repository.preferences

    def read_then_a_save_lands(conn, user_id):
        row = read(conn, user_id)
        monkeypatch.setattr(repository, "preferences", read)
        assert call("SavePreferencesFunction", user, body={"theme": "dark"})["statusCode"] == 200
        return row

    monkeypatch.setattr(repository, "preferences", read_then_a_save_lands)
    assert call("GetPreferencesFunction", user)["json"]["theme"] == "system"  # what it read before the save
    assert cache.client().get(key) is None  # ... but that is not what the cache keeps
    assert call("GetPreferencesFunction", user)["json"]["theme"] == "dark"


# -- statistics and public pages --------------------------------------------------------------------


def test_the_flush_moves_counts_to_postgres_once_and_a_failed_flush_loses_none(call, user, new_user, devstack,
                                                                                  monkeypatch):
    from vitae.resumes import stats
    from vitae_devstack.runtime import InvocationError

    def flush() -> dict:
        return devstack.invoke_in_process("ResumeStatsFlushFunction", sample("resumes/stats_flush"))

    def statistics() -> tuple:
        totals = call("ResumeStatisticsFunction", user, path={"id": rid})["json"]
        return totals, _rows("SELECT views, downloads FROM resume_statistics WHERE resume_id = %s", rid)

    flush()  # counts earlier tests left behind
    rid = _resume(call, user, isPublic=True)["id"]
    for _ in range(3):
        assert call("PublicResumeFunction", path={"username": username_of(user)})["statusCode"] == 200
    exported = call("ExportResumeFunction", user, path={"id": rid}, query={"format": "json"})
    assert exported["headers"]["content-disposition"] == (
        "attachment; filename=\"Backend engineer.json\"; filename*=UTF-8''Backend%20engineer.json")
    prefix = f"{settings().valkey_prefix}resume-stats:"
    counters, dirty = [f"{prefix}{rid}:views", f"{prefix}{rid}:downloads"], f"{prefix}dirty"
    assert cache.client().mget(counters) == ["3", "1"] and cache.client().sismember(dirty, rid)
    assert statistics() == ({"views": 3, "downloads": 1, "shareViews": 0}, [])
    for flushed in (1, 0):  # the second run finds nothing to move
        assert flush() == {"flushed": flushed}
        assert cache.client().mget(counters) == [None, None] and not cache.client().sismember(dirty, rid)
        assert statistics() == ({"views": 3, "downloads": 1, "shareViews": 0}, [{"views": 3, "downloads": 1}])

    other = new_user()
    rid2 = _resume(call, other, isPublic=True)["id"]
    for username in (username_of(user), username_of(other)):
        call("PublicResumeFunction", path={"username": username})
    monkeypatch.setattr(stats, "_add_to_database", lambda *args: (_ for _ in ()).throw(RuntimeError("database down")))
    with pytest.raises(InvocationError, match="database down"):
        flush()
    for resume_id in (rid, rid2):  # the failed one and the rest of its batch are put back
        assert cache.client().get(f"{prefix}{resume_id}:views") == "1" and cache.client().sismember(dirty, resume_id)
    assert statistics() == ({"views": 4, "downloads": 1, "shareViews": 0}, [{"views": 3, "downloads": 1}])
    monkeypatch.undo()
    assert flush() == {"flushed": 2}
    assert statistics() == ({"views": 4, "downloads": 1, "shareViews": 0}, [{"views": 4, "downloads": 1}])
    assert _rows("SELECT views FROM resume_statistics WHERE resume_id = %s", rid2) == [{"views": 1}]


def test_public_pages_are_404_for_unknown_names_and_tokens_and_the_owners_views_are_not_counted(call, user, new_user):
    rid = _resume(call, user, isPublic=True)["id"]
    share = call("CreateShareFunction", user, path={"id": rid})["json"]  # the sample's: password "open sesame"

    def views() -> tuple:  # the resume's in Redis, the link's in PostgreSQL
        link = _rows("SELECT view_count FROM resume_shares WHERE id = %s", share["id"])[0]["view_count"]
        return cache.client().get(f"{settings().valkey_prefix}resume-stats:{rid}:views"), link

    def public(viewer, username=None):
        return call("PublicResumeFunction", viewer, path={"username": username or username_of(user)})

    def shared(viewer, token=share["token"]):
        return call("SharedResumeFunction", viewer, path={"token": token})

    assert public(None, f"nobody-{uuid.uuid4().hex[:8]}")["statusCode"] == 404
    assert public(None, username_of(new_user()))["statusCode"] == 404  # a user without a resume
    for token in ("<share token>", share["token"][:-1], share["token"] + "A"):
        assert shared(None, token)["statusCode"] == 404
    assert views() == (None, 0)
    assert public(user)["json"]["title"] == shared(user)["json"]["title"] == "Backend engineer"  # the owner, signed in
    assert views() == (None, 0)
    assert public(new_user())["statusCode"] == public(None)["statusCode"] == 200 and views() == ("2", 0)
    assert shared(None)["headers"]["cache-control"] == "no-store" and views() == ("3", 1)
    with db.transaction() as conn:  # the owner deletes their account: their links die with it
        conn.execute("UPDATE users SET deleted_at = now() WHERE id = %s", (user,))
    assert shared(None)["statusCode"] == 404 and views() == ("3", 1)


def test_a_shared_resume_deleted_while_its_link_is_read_is_404(call, user, monkeypatch):
    from vitae.resumes import repository

    share = call("CreateShareFunction", user, path={"id": _resume(call, user)["id"]})["json"]
    monkeypatch.setattr(repository, "get", lambda conn, resume_id: None)  # deleted right after the link was read
    gone = call("SharedResumeFunction", None, path={"token": share["token"]})
    assert (gone["statusCode"], gone["json"]["message"]) == (
        404, "This share link does not exist or is no longer valid")
    assert _rows("SELECT view_count FROM resume_shares WHERE id = %s", share["id"]) == [{"view_count": 0}]


# -- the attachment upload consumer -----------------------------------------------------------------


def _pending_upload(call, user: str) -> dict:
    rid = _resume(call, user)["id"]
    form = call("AttachmentUploadUrlFunction", user, path={"id": rid})["json"]
    (row,) = _rows("SELECT * FROM resume_attachments WHERE id = %s", form["attachmentId"])
    assert (row["status"], row["key"], row["size"]) == ("pending", form["key"], 0)
    return row


def _notification(key: str, size: int) -> dict:
    event = sample("resumes/attachment_uploaded")
    body = json.loads(event["Records"][0]["body"])
    body["Records"][0]["s3"]["object"].update(key=key, size=size)
    event["Records"][0].update(body=json.dumps(body), messageId=str(uuid.uuid4()))
    return event


def test_an_uploaded_pdf_makes_its_attachment_ready_once(call, user, devstack):
    row = _pending_upload(call, user)
    storage.put_object(row["key"], PDF, "application/pdf")
    event = _notification(row["key"], len(PDF))
    assert devstack.invoke_in_process("AttachmentUploadedFunction", event) == {"batchItemFailures": []}
    after = _state(user)
    assert _rows("SELECT status, size, content_type FROM resume_attachments WHERE id = %s", row["id"]) == [
        {"status": "ready", "size": len(PDF), "content_type": "application/pdf"}]
    settled = storage.settled_key(row["key"])
    assert after["storage"] == [{"storage_used": len(PDF)}] and after["objects"] == [settled]
    assert after["events"][-1] == ("resume.updated", {"resumeId": str(row["resume_id"]),
                                                      "changes": {"attachmentAdded": str(row["id"])}})
    assert devstack.invoke_in_process("AttachmentUploadedFunction", copy.deepcopy(event)) == {"batchItemFailures": []}
    assert _state(user) == after and storage.read_object(settled) == PDF  # the redelivery changed nothing
    storage.put_object(row["key"], b"MZ" + b"\x00" * 3_000_000, "application/pdf")  # the same form, used again
    reused = _notification(row["key"], 3_000_002)
    assert devstack.invoke_in_process("AttachmentUploadedFunction", reused) == {"batchItemFailures": []}
    assert _state(user) == after and storage.read_object(settled) == PDF  # unchecked bytes never stay


@pytest.mark.parametrize("case", ["not-a-pdf", "over-quota", "owner-deleted", "attachment-deleted-while-pending"])
def test_a_refused_or_unwanted_upload_leaves_neither_attachment_nor_object(call, user, devstack, case):
    row = _pending_upload(call, user)
    if case == "over-quota":
        with db.transaction() as conn:
            conn.execute("UPDATE users SET max_storage = %s WHERE id = %s", (len(PDF) - 1, user))
    if case == "owner-deleted":  # soft-deleted while the upload was under way
        with db.transaction() as conn:
            conn.execute("UPDATE users SET deleted_at = now() WHERE id = %s", (user,))
    if case == "attachment-deleted-while-pending":
        path = {"id": str(row["resume_id"]), "aid": str(row["id"])}
        assert call("DeleteAttachmentFunction", user, path=path)["statusCode"] == 204
    data = b"MZ\x90\x00 not a document at all" if case == "not-a-pdf" else PDF
    before = _state(user)
    storage.put_object(row["key"], data, "application/pdf")
    event = _notification(row["key"], len(data))
    for _ in range(2):  # the redelivery finds nothing left to do
        result = devstack.invoke_in_process("AttachmentUploadedFunction", copy.deepcopy(event))
        assert result == {"batchItemFailures": []}
        assert _state(user) == {**before, "attachments": []} and _objects(storage.settled_key(row["key"])) == []


def _same(body: dict, resume_id: str) -> dict:
    """An error body without what differs between two requests (the resume's id, the request's)."""
    return {k: (v.replace(resume_id, "ID") if isinstance(v, str) else v) for k, v in body.items()
            if k not in ("timestamp", "traceId")}


def test_a_password_protected_share_of_another_users_resume_is_404_before_any_hash(call, user, new_user,
                                                                                  monkeypatch):
    """The resume is checked before the password is hashed (~0.2 s of CPU): another's resume answers
    as a missing one does, without a hash, and nothing is stored."""
    from vitae.resumes import sharing

    rid = _resume(call, user)["id"]
    hashed = []
    monkeypatch.setattr(sharing, "_hasher", lambda: hashed.append(1))  # called: the test fails on .hash
    intruder = new_user()
    body = {"password": "open sesame"}
    missing_id = str(uuid.uuid4())
    theirs = call("CreateShareFunction", intruder, path={"id": rid}, body=body)
    missing = call("CreateShareFunction", intruder, path={"id": missing_id}, body=body)
    assert theirs["statusCode"] == missing["statusCode"] == 404
    assert _same(theirs["json"], rid) == _same(missing["json"], missing_id)
    assert hashed == [] and _rows("SELECT id FROM resume_shares WHERE resume_id = %s", rid) == []


def test_a_resume_deleted_while_its_share_password_is_hashed_is_404_and_nothing_is_stored(call, user,
                                                                                          monkeypatch):
    """The ownership check before the hash is not the one that counts: the transaction checks again."""
    from vitae.resumes import sharing

    rid = _resume(call, user)["id"]
    real = sharing._hasher()

    class DeletingHasher:
        def hash(self, password: str) -> str:
            db.connection().execute("DELETE FROM resumes WHERE id = %s", (rid,))
            return real.hash(password)

    monkeypatch.setattr(sharing, "_hasher", DeletingHasher)
    response = call("CreateShareFunction", user, path={"id": rid}, body={"password": "open sesame"})
    assert response["statusCode"] == 404
    assert _rows("SELECT id FROM resume_shares WHERE resume_id = %s", rid) == []
