"""The users API over real HTTP: gateway, authorizer, handlers, PostgreSQL, LocalStack S3/SQS/EventBridge,
and the event pump for the asynchronous parts (S3 upload notifications, user.deleted purges)."""

import io
import uuid

import boto3
import requests

from tests.e2e.conftest import Api
from vitae_devstack.services import wait_until

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb004300") + b"\0" * 64 + bytes.fromhex("ffd9")
GB5 = 5 * 1024 ** 3
MB = 1024 * 1024


def _row(user_id: str) -> dict | None:
    from vitae.platform import db

    return db.connection().execute("SELECT * FROM users WHERE id = %s", (user_id,)).fetchone()


def _outbox(user_id: str, event_type: str) -> list[dict]:
    from vitae.platform import db

    return db.connection().execute(
        "SELECT data, published_at FROM outbox WHERE user_id = %s AND event_type = %s ORDER BY created_at",
        (user_id, event_type)).fetchall()


def _objects(prefix: str) -> list[str]:
    from vitae.platform.config import settings

    listing = boto3.client("s3").list_objects_v2(Bucket=settings().files_bucket, Prefix=prefix)
    return [item["Key"] for item in listing.get("Contents", [])]


def _set(user_id: str, **columns) -> None:
    from vitae.platform import db

    with db.transaction() as conn:
        for column, value in columns.items():
            conn.execute(f"UPDATE users SET {column} = %s WHERE id = %s", (value, user_id))


# -- registration ------------------------------------------------------------------------------


def test_self_registration_creates_the_callers_user_and_publishes_user_created(as_user):
    api, user_id, email = as_user()
    response = api.post("/v1/users", json={"email": email, "username": "Ada_" + user_id[:8],
                                           "profile": {"fullName": "  Ada Lovelace ", "companyName": "Analytical"}})
    assert response.status_code == 201
    body = response.json()
    assert body["id"] == user_id
    assert body["externalId"] is None
    assert body["username"] == "ada_" + user_id[:8]
    assert body["profile"] == {"fullName": "Ada Lovelace", "companyName": "Analytical", "phone": None, "bio": None}
    assert body["avatarUrl"] is None
    assert body["stats"] == {"interviewsCreated": 0, "interviewsActive": 0, "candidatesTotal": 0, "storageUsed": 0}
    assert body["quotas"] == {"maxInterviews": 10, "maxStorage": GB5}
    assert body["createdAt"].endswith("Z") or "+00:00" in body["createdAt"]
    assert _row(user_id)["email"] == email
    (event,) = _outbox(user_id, "user.created")
    assert event["data"] == {"externalId": None, "keycloakId": None, "email": email, "fullName": "Ada Lovelace"}
    assert event["published_at"] is not None


def test_self_registration_cannot_claim_an_external_id_or_another_email(as_user, gateway_url, token):
    api, user_id, email = as_user()
    claimed = api.post("/v1/users", json={"keycloakId": "kc-someone-else", "email": email,
                                          "profile": {"fullName": "Ab"}})
    assert (claimed.status_code, claimed.json()["message"]) == (403, "Only admins and services may set an external id")
    other_email = api.post("/v1/users", json={"email": "someone@example.com", "profile": {"fullName": "Ab"}})
    assert other_email.status_code == 403
    no_email = Api(gateway_url, token(user_id=str(uuid.uuid4()), email=None))
    assert no_email.post("/v1/users", json={"email": email, "profile": {"fullName": "Ab"}}).status_code == 403
    assert _row(user_id) is None


def test_a_user_who_deleted_themselves_can_register_again_as_a_fresh_account(as_user, gateway_url, token):
    api, user_id, email = as_user()
    first_life = api.post("/v1/users", json={"email": email, "profile": {"fullName": "First Life", "bio": "old"}})
    assert first_life.status_code == 201
    assert api.delete(f"/v1/users/{user_id}").status_code == 200
    ended = api.post("/v1/users", json={"email": email, "profile": {"fullName": "Second Life"}})
    assert ended.status_code == 401  # the first life's token ended with it
    signed_in_again = Api(gateway_url, token(user_id=user_id, email=email))
    again = signed_in_again.post("/v1/users", json={"email": email, "profile": {"fullName": "Second Life"}})
    assert again.status_code == 201, again.text
    assert again.json()["id"] == user_id
    assert again.json()["profile"]["bio"] is None
    assert signed_in_again.get(f"/v1/users/{user_id}").json()["profile"]["fullName"] == "Second Life"


def test_validation_errors_name_the_fields_and_store_nothing(as_user):
    api, user_id, _ = as_user()
    response = api.post("/v1/users", json={"email": "not-an-email",
                                           "profile": {"fullName": "A", "companyName": "x" * 101}})
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "Validation failed"
    assert {d["field"] for d in body["details"]} == {"email", "profile.fullName", "profile.companyName"}
    assert _row(user_id) is None
    malformed = api.post("/v1/users", data="{", headers={"content-type": "application/json"})
    assert (malformed.status_code, malformed.json()["message"]) == (400, "Malformed JSON body")


def test_duplicates_are_409(registered, token, gateway_url):
    api, existing = registered()
    other_api, other = registered()
    taken_username = other_api.patch(f"/v1/users/{other['id']}", json={"username": "taken_" + other["id"][:8]})
    assert taken_username.status_code == 200
    clash = api.patch(f"/v1/users/{existing['id']}", json={"username": "Taken_" + other["id"][:8]})
    assert (clash.status_code, clash.json()["message"]) == (
        409, f"User with username taken_{other['id'][:8]} already exists")
    admin = Api(gateway_url, token(role="admin"))
    same_email = admin.post("/v1/users", json={"email": existing["email"].upper(), "profile": {"fullName": "Someone"}})
    local = existing["email"].split("@")[0].upper()
    assert (same_email.status_code, same_email.json()["message"]) == (
        409, f"User with email {local}@example.com already exists")  # the domain part is normalised
    same_external = admin.post("/v1/users", json={"email": "other-" + existing["email"],
                                                  "externalId": existing["externalId"],
                                                  "profile": {"fullName": "Someone"}})
    assert same_external.status_code == 409
    assert same_external.json()["message"] == f"User with externalId {existing['externalId']} already exists"


def test_registering_twice_is_409(as_user):
    api, user_id, email = as_user()
    first = api.post("/v1/users", json={"email": email, "profile": {"fullName": "Twice"}})
    second = api.post("/v1/users", json={"email": email, "profile": {"fullName": "Twice"}})
    assert (first.status_code, second.status_code) == (201, 409)
    assert second.json()["message"] == f"User with ID {user_id} already exists"


def test_admin_creates_other_users_and_anonymous_callers_are_refused(gateway_url, token):
    admin = Api(gateway_url, token(role="admin"))
    email = f"{uuid.uuid4().hex[:8]}@example.com"
    created = admin.post("/v1/users", json={"email": email, "profile": {"fullName": "Made By Admin"}})
    assert created.status_code == 201
    assert _row(created.json()["id"])["email"] == email
    assert Api(gateway_url, None).post("/v1/users", json={}).status_code == 401


# -- reading -------------------------------------------------------------------------------------


def test_users_read_themselves_and_nobody_else(registered, gateway_url, token):
    api, me = registered()
    _other_api, other = registered()
    assert api.get(f"/v1/users/{me['id']}").json()["email"] == me["email"]
    hidden = api.get(f"/v1/users/{other['id']}")
    assert (hidden.status_code, hidden.json()["message"]) == (404, f"User with ID {other['id']} not found")
    assert api.get("/v1/users/not-a-uuid").status_code == 404
    assert api.get(f"/v1/users/by-external-id/{me['externalId']}").json()["id"] == me["id"]
    assert api.get(f"/v1/users/by-keycloak/{me['externalId']}").json()["id"] == me["id"]
    assert api.get(f"/v1/users/by-external-id/{other['externalId']}").status_code == 404
    admin = Api(gateway_url, token(role="admin"))
    assert admin.get(f"/v1/users/{other['id']}").json()["email"] == other["email"]


# -- updating ------------------------------------------------------------------------------------


def test_patch_changes_only_what_is_sent_and_reports_the_changes(registered):
    api, me = registered(companyName="Old Co", bio="Keep me")
    response = api.patch(f"/v1/users/{me['id']}",
                         json={"profile": {"companyName": "New Co", "phone": "+44 20 7946 0958"}})
    assert response.status_code == 200
    assert response.json()["profile"] == {"fullName": "Ada Lovelace", "companyName": "New Co",
                                          "phone": "+44 20 7946 0958", "bio": "Keep me"}
    (event,) = _outbox(me["id"], "user.updated")
    assert event["data"] == {"changes": {"companyName": "New Co", "phone": "+44 20 7946 0958"}}
    refused = api.patch(f"/v1/users/{me['id']}", json={"profile": {"fullName": None}})
    assert refused.status_code == 400
    assert api.patch(f"/v1/users/{me['id']}", json={"profile": {"phone": "call me"}}).status_code == 400
    assert _row(me["id"])["full_name"] == "Ada Lovelace"


def test_put_profile_replaces_the_whole_profile(registered):
    api, me = registered(companyName="Co", bio="Old bio")
    response = api.put(f"/v1/users/{me['id']}/profile", json={"fullName": "Ada King"})
    assert response.status_code == 200
    assert response.json()["profile"] == {"fullName": "Ada King", "companyName": None, "phone": None, "bio": None}
    assert api.put(f"/v1/users/{me['id']}/profile", json={"companyName": "x"}).status_code == 400


def test_others_cannot_change_or_delete_me(registered):
    _api, me = registered()
    other_api, _ = registered()
    assert other_api.patch(f"/v1/users/{me['id']}", json={"profile": {"bio": "hacked"}}).status_code == 404
    assert other_api.put(f"/v1/users/{me['id']}/profile", json={"fullName": "Hacked"}).status_code == 404
    assert other_api.delete(f"/v1/users/{me['id']}").status_code == 404
    assert _row(me["id"])["bio"] is None and _row(me["id"])["deleted_at"] is None


# -- avatars -------------------------------------------------------------------------------------


def _upload(api: Api, user_id: str, data: bytes, filename: str, declared: str) -> requests.Response:
    return api.post(f"/v1/users/{user_id}/avatar", files={"file": (filename, io.BytesIO(data), declared)})


def test_avatar_is_judged_by_its_bytes(registered):
    api, me = registered()
    renamed_png = _upload(api, me["id"], PNG, "picture.gif", "image/gif")
    assert renamed_png.status_code == 201, renamed_png.text
    assert renamed_png.json()["fileSize"] == len(PNG)
    assert requests.get(renamed_png.json()["avatarUrl"], timeout=10).content == PNG
    text = _upload(api, me["id"], b"I am text, not a picture at all", "evil.png", "image/png")
    assert (text.status_code, text.json()["message"]) == (415, "Only JPEG and PNG images are supported")
    assert api.post(f"/v1/users/{me['id']}/avatar", data=b"x", headers={"content-type": "image/png"}).status_code == 415
    assert len(_objects(f"avatars/{me['id']}/")) == 1
    assert _row(me["id"])["storage_used"] == len(PNG)


def test_direct_avatar_uploads_stop_at_4_mb_like_lambdas_payload(registered):
    api, me = registered()
    largest = PNG + b"\0" * (4 * MB - len(PNG))
    accepted = _upload(api, me["id"], largest, "largest.png", "image/png")
    assert (accepted.status_code, accepted.json()["fileSize"]) == (201, 4 * MB)
    refused = _upload(api, me["id"], largest + b"\0", "too-big.png", "image/png")
    assert (refused.status_code, refused.json()["message"]) == (
        413, "Avatars are limited to 4 MB through the API (use an upload URL up to 5 MB)")
    assert _row(me["id"])["storage_used"] == 4 * MB and len(_objects(f"avatars/{me['id']}/")) == 1


def test_replacing_and_deleting_the_avatar_moves_storage_and_objects(registered):
    api, me = registered()
    _upload(api, me["id"], PNG, "a.png", "image/png")
    (first_key,) = _objects(f"avatars/{me['id']}/")
    replaced = _upload(api, me["id"], JPEG, "b.jpg", "image/jpeg")
    assert replaced.status_code == 201
    (second_key,) = _objects(f"avatars/{me['id']}/")
    assert second_key != first_key
    user = api.get(f"/v1/users/{me['id']}").json()
    assert user["stats"]["storageUsed"] == len(JPEG)
    assert requests.get(user["avatarUrl"], timeout=10).content == JPEG
    assert [e["data"]["fileSize"] for e in _outbox(me["id"], "user.avatar_uploaded")] == [len(PNG), len(JPEG)]
    deleted = api.delete(f"/v1/users/{me['id']}/avatar")
    assert (deleted.status_code, deleted.json()) == (200, {"message": "Avatar deleted successfully"})
    assert _objects(f"avatars/{me['id']}/") == []
    assert api.get(f"/v1/users/{me['id']}").json()["avatarUrl"] is None
    assert _row(me["id"])["storage_used"] == 0
    assert api.delete(f"/v1/users/{me['id']}/avatar").status_code == 404


def test_storage_quota_refuses_an_avatar_and_stores_nothing(registered):
    api, me = registered()
    _set(me["id"], max_storage=len(PNG) - 1)
    refused = _upload(api, me["id"], PNG, "a.png", "image/png")
    assert refused.status_code == 403
    assert refused.json()["message"].startswith("Storage quota exceeded")
    assert _objects(f"avatars/{me['id']}/") == []
    assert _row(me["id"])["storage_used"] == 0


def _presigned_upload(api: Api, user_id: str, data: bytes, content_type: str = "image/png") -> str:
    form = api.post(f"/v1/users/{user_id}/avatar/upload-url", json={"contentType": content_type})
    assert form.status_code == 201, form.text
    body = form.json()
    assert body["maxBytes"] == 5 * 1024 * 1024 and body["key"].startswith(f"avatars/{user_id}/")
    assert body["key"].endswith(".upload")
    uploaded = requests.post(body["url"], data={**body["fields"], "Content-Type": content_type},
                             files={"file": ("x", io.BytesIO(data), content_type)}, timeout=15)
    assert uploaded.status_code == 204, uploaded.text
    return body["key"]


def test_large_file_path_from_presigned_post_to_a_visible_avatar(registered):
    api, me = registered()
    large = PNG + b"\0" * (5 * MB - len(PNG))  # past the direct path's 4 MB, at the 5 MB limit
    key = _presigned_upload(api, me["id"], large)

    def avatar_applied():
        user = api.get(f"/v1/users/{me['id']}").json()
        return user if user["avatarUrl"] else None

    user = wait_until(avatar_applied, "the uploaded avatar on the user", timeout=30)
    assert requests.get(user["avatarUrl"], timeout=10).content == large
    assert user["stats"]["storageUsed"] == 5 * MB
    assert _row(me["id"])["avatar_key"] == key
    (event,) = _outbox(me["id"], "user.avatar_uploaded")
    assert event["data"]["fileSize"] == 5 * MB


def test_presigned_upload_of_a_non_image_is_deleted_and_ignored(registered):
    api, me = registered()
    key = _presigned_upload(api, me["id"], b"plain text dressed as a png")
    wait_until(lambda: key not in _objects(f"avatars/{me['id']}/"), "the rejected object to be deleted", timeout=30)
    assert _row(me["id"])["avatar_key"] is None
    assert _row(me["id"])["storage_used"] == 0
    wrong_type = api.post(f"/v1/users/{me['id']}/avatar/upload-url", json={"contentType": "image/gif"})
    assert wrong_type.status_code == 400


# -- deletion ------------------------------------------------------------------------------------


def test_soft_delete_hides_the_user_frees_the_email_and_purges_files(registered, gateway_url, token):
    api, me = registered()
    _upload(api, me["id"], PNG, "a.png", "image/png")
    deleted = api.delete(f"/v1/users/{me['id']}")
    assert (deleted.status_code, deleted.json()) == (200, {"message": "User deleted successfully"})
    admin = Api(gateway_url, token(role="admin"))
    assert admin.get(f"/v1/users/{me['id']}").status_code == 404
    assert admin.get(f"/v1/users/by-external-id/{me['externalId']}").status_code == 404
    assert admin.get(f"/v1/users/{me['id']}/stats").status_code == 404
    assert _row(me["id"])["deleted_at"] is not None
    (event,) = _outbox(me["id"], "user.deleted")
    assert event["data"]["deletedAt"].endswith("Z")
    wait_until(lambda: _objects(f"avatars/{me['id']}/") == [], "the deleted user's files to be purged", timeout=30)
    again = admin.post("/v1/users", json={"email": me["email"], "externalId": me["externalId"],
                                          "profile": {"fullName": "Ada Again"}})
    assert again.status_code == 201
    assert again.json()["id"] != me["id"]


# -- statistics ----------------------------------------------------------------------------------


def test_stats_are_formatted(registered):
    api, me = registered()
    _set(me["id"], storage_used=1610612736)
    stats = api.get(f"/v1/users/{me['id']}/stats")
    assert stats.status_code == 200
    assert stats.json() == {"interviewsCreated": 0, "interviewsActive": 0, "candidatesTotal": 0,
                            "storageUsed": 1610612736, "storageUsedFormatted": "1.5 GB"}


def test_increment_interviews_is_for_internal_callers_and_respects_the_quota(registered, gateway_url, token):
    import os

    api, me = registered()
    path = f"/v1/users/{me['id']}/stats/increment-interviews"
    assert api.post(path).status_code == 403  # a user token is not enough
    assert Api(gateway_url, None).post(path).status_code == 403
    assert Api(gateway_url, None).post(path, headers={"X-Internal-Token": "guess"}).status_code == 403
    internal = Api(gateway_url, None).post(path, headers={"X-Internal-Token": os.environ["INTERNAL_TOKEN"]})
    assert (internal.status_code, internal.json()["interviewsCreated"]) == (200, 1)
    service = Api(gateway_url, token(role="service"))
    assert service.post(path).json()["interviewsCreated"] == 2
    _set(me["id"], max_interviews=2)
    refused = service.post(path)
    assert (refused.status_code, refused.json()["message"]) == (403, "Interview quota exceeded: 2 of 2 used")
    assert _row(me["id"])["interviews_created"] == 2
    assert service.post(f"/v1/users/{uuid.uuid4()}/stats/increment-interviews").status_code == 404


# -- events in, through the bus, the queues and the pump --------------------------------------------


def test_events_from_other_services_reach_the_counters_once(registered):
    import json

    from vitae.platform.config import settings

    api, me = registered()
    bridge = boto3.client("events")
    interview = {"eventId": str(uuid.uuid4()), "eventType": "interview.created", "userId": me["id"],
                 "data": {"interviewId": str(uuid.uuid4())}}
    media = {"eventId": str(uuid.uuid4()), "eventType": "media.uploaded", "userId": me["id"],
             "data": {"fileId": "f-1", "fileSize": 2048}}
    for source, envelope in [("interviews", interview), ("interviews", interview), ("media", media)]:
        bridge.put_events(Entries=[{"Source": source, "DetailType": envelope["eventType"],
                                    "Detail": json.dumps(envelope), "EventBusName": settings().event_bus_name}])

    def counted():
        stats = api.get(f"/v1/users/{me['id']}/stats").json()
        return stats if stats["interviewsCreated"] >= 1 and stats["storageUsed"] >= 2048 else None

    stats = wait_until(counted, "the external events applied", timeout=30)
    assert (stats["interviewsCreated"], stats["storageUsed"]) == (1, 2048)


def test_a_poison_message_ends_in_the_dead_letter_queue(devstack, gateway_url):
    sqs = boto3.client("sqs")
    poison = f"not an event {uuid.uuid4()}"
    sqs.send_message(QueueUrl=devstack.stack.queue_url("MediaUploadedQueue"), MessageBody=poison)
    dlq = devstack.stack.queue_url("MediaUploadedDLQ")

    def dead_lettered():
        got = sqs.receive_message(QueueUrl=dlq, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
        return [m for m in got if m["Body"] == poison]

    assert len(wait_until(dead_lettered, "the poison message in the DLQ", timeout=60, interval=0)) == 1


def test_every_protected_users_route_answers_401_without_a_token(devstack, gateway_url):
    anonymous = Api(gateway_url, None)
    some_id = str(uuid.uuid4())
    routes = [r for r in devstack.stack.routes() if r.path.startswith("/v1/users") and r.authorizer]
    assert len(routes) == 11
    for route in routes:
        path = route.path.replace("{id}", some_id).replace("{externalId}", "kc").replace("{keycloakId}", "kc")
        response = getattr(anonymous, route.method.lower())(path)
        assert (response.status_code, response.json()) == (401, {"message": "Unauthorized"}), route.route_key
