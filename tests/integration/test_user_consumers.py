"""The users domain's event consumers with the sample SQS and Kafka events: idempotent by event id
across redeliveries and transports, failures isolated to their record."""

import base64
import copy
import json
import uuid

import boto3
import pytest

from tests.samples import sample


def _counters(user_id: str) -> dict:
    from vitae.platform import db

    return db.connection().execute(
        "SELECT interviews_created, storage_used FROM users WHERE id = %s", (user_id,)).fetchone()


def _sqs_event(name: str, **envelope_changes) -> dict:
    event = sample(f"users/{name}/sqs")
    record = event["Records"][0]
    body = json.loads(record["body"])
    body["detail"].update(envelope_changes)
    record["body"] = json.dumps(body)
    record["messageId"] = str(uuid.uuid4())
    return event


def _kafka_event(name: str, **envelope_changes) -> dict:
    event = sample(f"users/{name}/kafka")
    (record,) = next(iter(event["records"].values()))
    envelope = json.loads(base64.b64decode(record["value"]))
    envelope.update(envelope_changes)
    record["value"] = base64.b64encode(json.dumps(envelope).encode()).decode()
    return event


def test_interview_created_counts_once_across_redeliveries_and_transports(devstack, user):
    event_id = str(uuid.uuid4())
    invoke = devstack.invoke_in_process
    assert invoke("InterviewCreatedFunction", _sqs_event("on_interview_created", userId=user, eventId=event_id)) == {
        "batchItemFailures": []}
    invoke("InterviewCreatedFunction", _sqs_event("on_interview_created", userId=user, eventId=event_id))
    invoke("InterviewCreatedFunction", _kafka_event("on_interview_created", userId=user, eventId=event_id))
    assert _counters(user)["interviews_created"] == 1
    invoke("InterviewCreatedFunction", _kafka_event("on_interview_created", userId=user, eventId=str(uuid.uuid4())))
    assert _counters(user)["interviews_created"] == 2


def test_events_without_an_id_are_deduplicated_by_their_transport_id(devstack, user):
    event = _sqs_event("on_media_uploaded", userId=user, data={"fileId": "f", "fileSize": 300})
    body = json.loads(event["Records"][0]["body"])
    del body["detail"]["eventId"]
    event["Records"][0]["body"] = json.dumps(body)
    devstack.invoke_in_process("MediaUploadedFunction", event)
    devstack.invoke_in_process("MediaUploadedFunction", copy.deepcopy(event))  # the same EventBridge event again
    assert _counters(user)["storage_used"] == 300


def test_a_malformed_record_fails_alone(devstack, user):
    good = _sqs_event("on_media_uploaded", userId=user, eventId=str(uuid.uuid4()), data={"fileSize": 1000})
    bad_size = _sqs_event("on_media_uploaded", userId=user, eventId=str(uuid.uuid4()), data={"fileSize": "lots"})
    not_json = _sqs_event("on_media_uploaded")
    not_json["Records"][0]["body"] = "{{{"
    also_good = _sqs_event("on_media_uploaded", userId=user, eventId=str(uuid.uuid4()), data={"fileSize": 24})
    batch = {"Records": [good["Records"][0], bad_size["Records"][0], not_json["Records"][0], also_good["Records"][0]]}
    result = devstack.invoke_in_process("MediaUploadedFunction", batch)
    assert sorted(f["itemIdentifier"] for f in result["batchItemFailures"]) == sorted(
        [bad_size["Records"][0]["messageId"], not_json["Records"][0]["messageId"]])
    assert _counters(user)["storage_used"] == 1024


def test_a_poison_kafka_record_is_skipped_instead_of_blocking_its_partition(devstack, user):
    good = _kafka_event("on_media_uploaded", userId=user, eventId=str(uuid.uuid4()), data={"fileSize": 10})
    poison = _kafka_event("on_media_uploaded", userId=user, eventId=str(uuid.uuid4()), data={})
    records = [*next(iter(good["records"].values())), {**next(iter(poison["records"].values()))[0], "offset": 43}]
    result = devstack.invoke_in_process("MediaUploadedFunction", {**good, "records": {"media.uploaded-0": records}})
    assert result["batchItemFailures"] == [{"itemIdentifier": "media.uploaded:0:43"}]  # ignored by Kafka sources
    assert _counters(user)["storage_used"] == 10


def test_a_file_size_past_bigint_is_poison_not_a_database_error(devstack, user):
    """Issue 11, kind 2: a size BIGINT arithmetic cannot hold failed in PostgreSQL, a transient-looking
    error that Kafka retried forever; now it is refused as malformed and skipped."""
    good = _kafka_event("on_media_uploaded", userId=user, eventId=str(uuid.uuid4()), data={"fileSize": 10})
    huge = _kafka_event("on_media_uploaded", userId=user, eventId=str(uuid.uuid4()), data={"fileSize": 2**63})
    records = [*next(iter(good["records"].values())), {**next(iter(huge["records"].values()))[0], "offset": 43}]
    result = devstack.invoke_in_process("MediaUploadedFunction", {**good, "records": {"media.uploaded-0": records}})
    assert result["batchItemFailures"] == [{"itemIdentifier": "media.uploaded:0:43"}]
    assert _counters(user)["storage_used"] == 10


def test_a_transient_kafka_failure_fails_the_batch_and_the_retry_counts_once(devstack, user, monkeypatch):
    import psycopg

    from vitae.users import service
    from vitae_devstack.runtime import InvocationError

    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    good = _kafka_event("on_media_uploaded", userId=user, eventId=first, data={"fileSize": 10})
    later = _kafka_event("on_media_uploaded", userId=user, eventId=second, data={"fileSize": 5})
    records = [*next(iter(good["records"].values())), {**next(iter(later["records"].values()))[0], "offset": 43}]
    batch = {**good, "records": {"media.uploaded-0": records}}
    real = service.on_media_uploaded

    def database_hiccup(conn, event):
        if str(event.event_id) == second:
            raise psycopg.OperationalError("server closed the connection unexpectedly")
        real(conn, event)

    monkeypatch.setattr(service, "on_media_uploaded", database_hiccup)
    with pytest.raises(InvocationError, match="KafkaBatchFailed"):
        devstack.invoke_in_process("MediaUploadedFunction", batch)
    assert _counters(user)["storage_used"] == 10
    monkeypatch.setattr(service, "on_media_uploaded", real)
    devstack.invoke_in_process("MediaUploadedFunction", batch)  # Lambda's retry of the same batch
    assert _counters(user)["storage_used"] == 15


def test_events_for_other_types_are_acknowledged_untouched(devstack, user):
    event = _sqs_event("on_interview_created", userId=user, eventType="interview.deleted", eventId=str(uuid.uuid4()))
    assert devstack.invoke_in_process("InterviewCreatedFunction", event) == {"batchItemFailures": []}
    assert _counters(user)["interviews_created"] == 0


def test_new_user_creates_the_user_once(devstack):
    from vitae.platform import db

    user_id = str(uuid.uuid4())
    email = f"{user_id[:8]}@example.com"
    data = {"email": email, "fullName": "New Person", "externalId": f"kc-{user_id}"}
    devstack.invoke_in_process("NewUserFunction", _sqs_event("on_new_user", userId=user_id, data=data))
    devstack.invoke_in_process("NewUserFunction", _kafka_event("on_new_user", userId=str(uuid.uuid4()), data=data))
    rows = db.connection().execute("SELECT id::text, full_name, external_id FROM users WHERE email = %s",
                                   (email,)).fetchall()
    assert rows == [{"id": user_id, "full_name": "New Person", "external_id": f"kc-{user_id}"}]
    created = db.connection().execute("SELECT data FROM outbox WHERE user_id = %s AND event_type = 'user.created'",
                                      (user_id,)).fetchall()
    assert [c["data"]["email"] for c in created] == [email]
    no_email = devstack.invoke_in_process("NewUserFunction", _sqs_event("on_new_user", eventId=str(uuid.uuid4()),
                                                                     data={"fullName": "Nobody"}))
    assert len(no_email["batchItemFailures"]) == 1


def test_an_event_whose_text_holds_a_nul_is_poison_not_a_partition_blocked_forever(devstack):
    """Issue 11, kind 1, in a consumer: PostgreSQL refused the NUL in the name, the failure looked
    transient, and Kafka retried the batch for ever. It is a malformed record: skipped and logged."""
    from vitae.platform import db

    good_id, bad_id = str(uuid.uuid4()), str(uuid.uuid4())
    good = _kafka_event("on_new_user", userId=good_id, eventId=str(uuid.uuid4()),
                        data={"email": f"{good_id[:8]}@example.com", "fullName": "Good Person"})
    bad = _kafka_event("on_new_user", userId=bad_id, eventId=str(uuid.uuid4()),
                       data={"email": f"{bad_id[:8]}@example.com", "fullName": "Bad\u0000 Person"})
    records = [*next(iter(good["records"].values())), {**next(iter(bad["records"].values()))[0], "offset": 77}]
    topic, partition = next(iter(good["records"].values()))[0]["topic"], next(iter(good["records"]))
    result = devstack.invoke_in_process("NewUserFunction", {**good, "records": {partition: records}})
    assert result["batchItemFailures"] == [{"itemIdentifier": f"{topic}:0:77"}]  # ignored by Kafka sources
    found = db.connection().execute("SELECT id::text FROM users WHERE id = ANY(%s::uuid[])",
                                    ([good_id, bad_id],)).fetchall()
    assert found == [{"id": good_id}]
    on_sqs = devstack.invoke_in_process("NewUserFunction", _sqs_event(
        "on_new_user", userId=bad_id, eventId=str(uuid.uuid4()),
        data={"email": "x@example.com", "fullName": "A\u0000"}))
    assert len(on_sqs["batchItemFailures"]) == 1  # SQS moves it to the DLQ after its retries


def test_new_user_with_a_short_name_and_a_numeric_external_id_is_created(devstack):
    from vitae.platform import db

    user_id = str(uuid.uuid4())
    email = f"{user_id[:8]}@example.com"
    event = _sqs_event("on_new_user", userId=user_id, eventId=str(uuid.uuid4()),
                       data={"email": email, "fullName": "A", "externalId": 12345 + int(user_id[:5], 16)})
    assert devstack.invoke_in_process("NewUserFunction", event) == {"batchItemFailures": []}
    row = db.connection().execute("SELECT full_name, external_id FROM users WHERE id = %s", (user_id,)).fetchone()
    assert row == {"full_name": email, "external_id": str(12345 + int(user_id[:5], 16))}


def test_purge_removes_every_file_of_the_deleted_user_only(devstack, user):
    from vitae.platform import storage
    from vitae.platform.config import settings

    mine = [storage.new_key(prefix, user) for prefix in storage.PREFIXES]  # every prefix, new ones too
    other = storage.new_key("avatars", uuid.uuid4())
    for key in [*mine, other]:
        storage.put_object(key, b"data", "application/octet-stream")
    event = sample("users/purge_files")
    body = json.loads(event["Records"][0]["body"])
    body["detail"].update(userId=user, eventId=str(uuid.uuid4()))
    event["Records"][0]["body"] = json.dumps(body)
    assert devstack.invoke_in_process("PurgeUserFilesFunction", event) == {"batchItemFailures": []}
    s3 = boto3.client("s3")
    remaining = {o["Key"] for o in s3.list_objects_v2(Bucket=settings().files_bucket).get("Contents", [])}
    assert not set(mine) & remaining
    assert other in remaining
    storage.delete_object(other)


def test_avatar_notification_for_a_vanished_user_deletes_the_object(devstack):
    from vitae.platform import storage

    key = storage.new_key("avatars", uuid.uuid4(), notify=True)
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\0" * 16
    storage.put_object(key, png, "image/png")
    event = sample("users/avatar_uploaded")
    notification = json.loads(event["Records"][0]["body"])
    notification["Records"][0]["s3"]["object"].update(key=key, size=len(png))
    event["Records"][0]["body"] = json.dumps(notification)
    assert devstack.invoke_in_process("AvatarUploadedFunction", event) == {"batchItemFailures": []}
    with pytest.raises(storage.s3().exceptions.NoSuchKey):
        storage.read_head(key, 1)


def test_s3_test_events_are_acknowledged(devstack):
    event = sample("users/avatar_uploaded")
    event["Records"][0]["body"] = json.dumps({"Service": "Amazon S3", "Event": "s3:TestEvent", "Bucket": "b"})
    assert devstack.invoke_in_process("AvatarUploadedFunction", event) == {"batchItemFailures": []}
