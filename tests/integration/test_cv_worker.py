"""The CV parse worker invoked with the sample S3-notification event against PostgreSQL, Redis,
LocalStack and the fake Ollama: redeliveries, unknown objects, our own failures (retried, alerted
once, then given up), and the LLM pass that may add facts but never invent them."""

import copy
import json
import uuid
from datetime import UTC, datetime, timedelta

import boto3
import pytest

from tests import documents
from tests.samples import sample


@pytest.fixture
def actor(new_user):
    from vitae.candidates import service
    from vitae.candidates.models import CandidateIn
    from vitae.platform.auth import Principal, Role

    principal = Principal(new_user(), None, Role.USER, datetime.now(UTC) + timedelta(hours=1))
    me = service.Actor(principal, "198.51.100.7", "acme")
    candidate = service.create_candidate(me, CandidateIn())
    return me, str(candidate.id)


@pytest.fixture
def alerts(devstack):
    """The messages published to the alerts topic, read from a queue subscribed to it; the
    de-duplication window starts empty."""
    from vitae.platform import cache
    from vitae.platform.config import settings

    for key in cache.client().scan_iter(cache.key("alert", "*")):
        cache.client().delete(key)

    sqs = boto3.client("sqs")
    queue_url = sqs.create_queue(QueueName=f"alerts-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    boto3.client("sns").subscribe(TopicArn=settings().alerts_topic_arn, Protocol="sqs", Endpoint=queue_arn,
                                  Attributes={"RawMessageDelivery": "true"})

    def until(check) -> list[dict]:
        """Messages in arrival order, read until `check(messages)` holds (a deadline fails the test)."""
        from vitae_devstack.services import wait_until

        seen: list[dict] = []

        def poll():
            for message in sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10,
                                               WaitTimeSeconds=1).get("Messages", []):
                seen.append(json.loads(message["Body"]))
                sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
            return check(seen)

        wait_until(poll, "alerts", timeout=20)
        return seen

    yield until
    sqs.delete_queue(QueueUrl=queue_url)


def _notification(key: str, size: int) -> dict:
    event = sample("candidates/cv_parse")
    record = event["Records"][0]
    body = json.loads(record["body"])
    body["Records"][0]["s3"]["object"].update(key=key, size=size)
    record["body"] = json.dumps(body)
    record["messageId"] = str(uuid.uuid4())
    return event


def _upload(actor, data: bytes):
    from vitae.candidates import cv
    from vitae.candidates.models import CvJob
    from vitae.platform.http import UploadedFile

    me, candidate_id = actor
    accepted = cv.upload(me, candidate_id, UploadedFile("cv.pdf", "application/pdf", data), CvJob())
    from vitae.platform import db

    return db.connection().execute("SELECT * FROM cv_documents WHERE id = %s", (accepted.document_id,)).fetchone()


def _document(document_id) -> dict:
    from vitae.platform import db

    return db.connection().execute("SELECT * FROM cv_documents WHERE id = %s", (document_id,)).fetchone()


def _work(candidate_id: str) -> list[str]:
    from vitae.platform import db

    return [r["company_name"] for r in db.connection().execute(
        "SELECT company_name FROM candidate_work_experience WHERE candidate_id = %s ORDER BY created_at",
        (candidate_id,))]


def test_a_redelivered_notification_changes_nothing(devstack, actor):
    from vitae.platform import db

    row = _upload(actor, documents.cv_pdf())
    event = _notification(row["key"], row["size"])
    assert devstack.invoke_in_process("ParseCvFunction", event) == {"batchItemFailures": []}
    assert _document(row["id"])["status"] == "parsed"
    assert devstack.invoke_in_process("ParseCvFunction", copy.deepcopy(event)) == {"batchItemFailures": []}
    assert _work(actor[1]) == ["Acme GmbH", "Globex Corporation"]
    audit = db.connection().execute("SELECT action, user_id, ip_address, tenant FROM audit_log "
                                    "WHERE candidate_id = %s ORDER BY created_at", (actor[1],)).fetchall()
    assert [a["action"] for a in audit] == ["candidate.created", "cv.uploaded", "cv.parsed"]
    assert (audit[1]["ip_address"], audit[1]["tenant"]) == ("198.51.100.7", "acme")
    assert audit[2]["user_id"] is None  # the worker acts for the system


def test_deleting_a_document_that_a_concurrent_request_deleted_first_is_404(devstack, actor, monkeypatch):
    from vitae.candidates import cv, repository
    from vitae.platform.errors import NotFound

    me, _ = actor
    row = _upload(actor, documents.cv_pdf())
    monkeypatch.setattr(repository, "lock_cv", lambda conn, document_id: None)  # gone once our lock is granted
    with pytest.raises(NotFound, match=f"CV document with ID {row['id']} not found"):
        cv.delete_document(me, str(row["id"]))
    monkeypatch.undo()
    assert _document(row["id"])["status"] == "queued"  # that other request's delete is not ours to repeat


def test_an_object_no_document_wants_is_deleted(devstack):
    from vitae.platform import storage
    from vitae.platform.config import settings

    key = storage.new_key("cv", uuid.uuid4(), notify=True)
    storage.put_object(key, documents.cv_pdf(), "application/pdf")
    assert devstack.invoke_in_process("ParseCvFunction", _notification(key, 10)) == {"batchItemFailures": []}
    listed = boto3.client("s3").list_objects_v2(Bucket=settings().files_bucket, Prefix=key).get("Contents", [])
    assert listed == []


def test_our_own_failures_are_retried_alerted_once_then_given_up(devstack, actor, alerts):
    from vitae.candidates import cv
    from vitae.platform import storage

    row = _upload(actor, documents.cv_pdf())
    storage.delete_object(row["key"])  # the worker cannot take it: a failure of ours, not of the file
    event = _notification(row["key"], row["size"])
    for attempt in range(1, cv.MAX_ATTEMPTS + 1):
        result = devstack.invoke_in_process("ParseCvFunction", copy.deepcopy(event))
        assert result == {"batchItemFailures": [{"itemIdentifier": event["Records"][0]["messageId"]}]}
        assert (_document(row["id"])["status"], _document(row["id"])["attempts"]) == ("queued", attempt)
    assert devstack.invoke_in_process("ParseCvFunction", copy.deepcopy(event)) == {"batchItemFailures": []}
    document = _document(row["id"])
    assert (document["status"], document["failure_reason"]) == ("failed", "internal_error")
    assert _work(actor[1]) == []

    from vitae.platform import alerts as platform_alerts

    marker = RuntimeError("a different failure")
    try:
        raise marker
    except RuntimeError as error:
        assert platform_alerts.critical("test marker", error)
    # The marker is published after the three failures: once it is in, a repeat alert would be too.
    messages = alerts(lambda seen: any(m["where"] == "test marker" for m in seen))
    assert sorted(m["where"] for m in messages) == ["test marker", "upload processing"]  # three failures, one alert
    (failure,) = [m for m in messages if m["where"] == "upload processing"]
    assert failure["error"] == "NoSuchKey" and failure["context"]["messageId"]


def test_alerts_without_redis_are_still_deduplicated_per_container(devstack, alerts, monkeypatch):
    from vitae.platform import alerts as platform_alerts
    from vitae.platform import cache, config

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    config.settings.cache_clear()
    cache.client.cache_clear()
    try:
        def fail(n):
            try:
                raise ValueError(f"order {n} could not be read")
            except ValueError as error:
                return platform_alerts.critical("redis-less", error)

        assert [fail(1), fail(2), fail(3)] == [True, False, False]  # numbers differ, fingerprint does not
    finally:
        monkeypatch.undo()
        config.settings.cache_clear()
        cache.client.cache_clear()
    messages = alerts(lambda seen: seen)
    assert [m["where"] for m in messages] == ["redis-less"]


def test_the_llm_pass_adds_supported_facts_and_drops_invented_ones(devstack, actor, ollama):
    proposal = {
        "basics": {"name": "José Ñúñez-García", "email": "jose.nunez@example.com"},
        "work": [
            {"name": "Acme GmbH", "position": "Senior Engineer", "startDate": "2020-01"},
            {"name": "Initech", "position": "Principal Architect", "startDate": "2012-01", "endDate": "2014-01"},
        ],
        "education": [], "skills": [{"name": "Python"}, {"name": "COBOL"}], "certificates": [], "languages": [],
    }
    ollama.reply_chat(proposal)
    row = _upload(actor, documents.cv_pdf())
    parsed = devstack.invoke_in_process("ParseCvFunction", _notification(row["key"], row["size"]))
    assert parsed == {"batchItemFailures": []}
    document = _document(row["id"])
    assert document["status"] == "parsed"
    assert "Initech" not in json.dumps(document["parsed"]) and "COBOL" not in json.dumps(document["parsed"])
    assert _work(actor[1]) == ["Acme GmbH", "Globex Corporation"]
    (chat,) = ollama.chats()
    assert "Globex Corporation" in json.dumps(chat["messages"], ensure_ascii=False)


def _skills(candidate_id: str) -> list[str]:
    from vitae.platform import db

    return sorted(r["skill_name"] for r in db.connection().execute(
        "SELECT skill_name FROM candidate_skills WHERE candidate_id = %s", (candidate_id,)))


def test_cv_text_with_nul_characters_is_parsed_and_stored_without_them(devstack, actor):
    """Issue 11, kind 1, in a worker: a PDF whose font maps a glyph to U+0000 gives text PostgreSQL
    cannot store; the parse failed three times and gave up. The characters carry nothing: dropped."""
    data = documents.pdf_with_nul_text([
        "Ada Lovelace", "London | ada@example.com", "Experience", "Senior Engineer - Analytical\x01 Engines Ltd",
        "Jan 2019 - Present", "Education", "BSc Mathe\x01matics, University of London, 2010 - 2013",
        "Skills", "Py\x01thon, Postgre\x01SQL, Docker"])
    row = _upload(actor, data)
    assert devstack.invoke_in_process("ParseCvFunction", _notification(row["key"], row["size"])) == {
        "batchItemFailures": []}
    document = _document(row["id"])
    assert (document["status"], document["attempts"]) == ("parsed", 1)
    assert "\\u0000" not in json.dumps(document["parsed"])
    assert [s["name"] for s in document["parsed"]["skills"]] == ["Python", "PostgreSQL", "Docker"]
    assert _work(actor[1]) == ["Analytical Engines Ltd"]
    assert _skills(actor[1]) == ["Docker", "PostgreSQL", "Python"]


def test_two_deliveries_at_once_parse_and_announce_once(devstack, actor):
    from concurrent.futures import ThreadPoolExecutor

    from vitae.platform import db

    row = _upload(actor, documents.cv_pdf())
    event = _notification(row["key"], row["size"])
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda e: devstack.invoke_in_process("ParseCvFunction", e),
                                [copy.deepcopy(event), copy.deepcopy(event)]))
    assert results == [{"batchItemFailures": []}] * 2
    assert _document(row["id"])["status"] == "parsed"
    announced = db.connection().execute(
        "SELECT count(*) AS n FROM outbox WHERE event_type = 'cv.parsed' AND data->>'documentId' = %s",
        (str(row["id"]),)).fetchone()["n"]
    assert announced == 1
    assert _work(actor[1]) == ["Acme GmbH", "Globex Corporation"]


def test_a_deleted_user_loses_their_candidate_profile(devstack, actor):
    from vitae.platform import db

    me, candidate_id = actor
    _upload(actor, documents.cv_pdf())
    event = sample("candidates/on_user_deleted")
    record = event["Records"][0]
    body = json.loads(record["body"])
    body["detail"].update(userId=me.principal.user_id, eventId=str(uuid.uuid4()))
    record["body"] = json.dumps(body)
    for _ in range(2):  # redelivered: applied once
        result = devstack.invoke_in_process("CandidateUserDeletedFunction", copy.deepcopy(event))
        assert result == {"batchItemFailures": []}
    conn = db.connection()
    assert conn.execute("SELECT count(*) AS n FROM candidates WHERE id = %s", (candidate_id,)).fetchone()["n"] == 0
    documents_left = conn.execute("SELECT count(*) AS n FROM cv_documents WHERE candidate_id = %s", (candidate_id,))
    assert documents_left.fetchone()["n"] == 0
    actions = [r["action"] for r in conn.execute(
        "SELECT action FROM audit_log WHERE candidate_id = %s ORDER BY created_at", (candidate_id,))]
    assert actions[-1] == "candidate.deleted" and actions.count("candidate.deleted") == 1


def test_a_redelivery_after_a_crash_mid_parse_finishes_the_document(devstack, actor):
    from vitae.candidates import cv

    row = _upload(actor, documents.cv_pdf())
    outcome, taken = cv._claim(row["key"], row["size"])  # an attempt that took the file, then died
    assert outcome == "claimed" and _document(row["id"])["status"] == "parsing"
    assert devstack.invoke_in_process("ParseCvFunction", _notification(row["key"], row["size"])) == {
        "batchItemFailures": []}
    document = _document(row["id"])
    assert (document["status"], document["attempts"], document["key"]) == ("parsed", 2, taken["key"])
    assert _work(actor[1]) == ["Acme GmbH", "Globex Corporation"]


def test_the_merge_keeps_distinct_skills_and_entries_with_an_overlong_highlight(devstack, actor):
    from vitae.candidates import merge, repository
    from vitae.cvparse.schema import CvData
    from vitae.platform import db

    data = CvData.model_validate({
        "skills": [{"name": n} for n in ("C++", "C#", "C", ".NET", "NET", "c++")],
        "work": [{"name": "Initech", "position": "Engineer", "startDate": "2019-01",
                  "highlights": ["x" * 600, "Shipped the billing system"]}],
    })
    with db.transaction() as conn:
        candidate = repository.get_candidate(conn, actor[1], for_update=True)
        merged = merge.into_profile(conn, candidate, merge.from_cv(data)).summary()
    assert merged["added"]["skills"] == 5 and merged["added"]["work-experience"] == 1
    conn = db.connection()
    skills = [r["skill_name"] for r in conn.execute(
        "SELECT skill_name FROM candidate_skills WHERE candidate_id = %s ORDER BY created_at", (actor[1],))]
    assert skills == ["C++", "C#", "C", ".NET", "NET"]
    (work,) = conn.execute("SELECT highlights FROM candidate_work_experience WHERE candidate_id = %s",
                           (actor[1],)).fetchall()
    assert work["highlights"] == ["Shipped the billing system"]  # the entry stays, the unusable line goes


def test_an_alert_that_could_not_be_published_is_tried_again(devstack, alerts, monkeypatch):
    from vitae.platform import alerts as platform_alerts
    from vitae.platform import config

    def report():
        try:
            raise KeyError("the same failure")
        except KeyError as error:
            return platform_alerts.critical("flaky topic", error)

    real_topic = config.settings().alerts_topic_arn
    monkeypatch.setenv("ALERTS_TOPIC_ARN", real_topic + "-gone")
    config.settings.cache_clear()
    try:
        assert report() is False  # SNS refused: the window must not swallow the next try
    finally:
        monkeypatch.undo()
        config.settings.cache_clear()
    assert report() is True
    assert [m["where"] for m in alerts(lambda seen: seen)] == ["flaky topic"]


@pytest.fixture
def newcomer(new_user):
    """A registered user without a candidate profile, as an actor."""
    from vitae.candidates import service
    from vitae.platform.auth import Principal, Role

    principal = Principal(new_user(), None, Role.USER, datetime.now(UTC) + timedelta(hours=1))
    return service.Actor(principal, "198.51.100.8", "acme")


def _upload_own(me, data: bytes) -> dict:
    from vitae.candidates import cv
    from vitae.candidates.models import CvJob
    from vitae.platform.http import UploadedFile

    accepted = cv.upload_own(me, UploadedFile("cv.pdf", "application/pdf", data), CvJob())
    return _document(accepted.document_id)


def _own_candidates(user_id: str) -> list[dict]:
    from vitae.platform import db

    return db.connection().execute("SELECT * FROM candidates WHERE user_id = %s", (user_id,)).fetchall()


def test_an_upload_to_ones_own_profile_creates_it_empty_and_the_parse_fills_it(devstack, newcomer):
    from vitae.platform import db

    row = _upload_own(newcomer, documents.cv_pdf())
    (created,) = _own_candidates(newcomer.principal.user_id)
    assert row["candidate_id"] == created["id"] and row["status"] == "queued"
    assert created["edited_fields"] == [] and created["first_name"] is None
    assert devstack.invoke_in_process("ParseCvFunction", _notification(row["key"], row["size"])) == {
        "batchItemFailures": []}
    (filled,) = _own_candidates(newcomer.principal.user_id)
    assert (filled["first_name"], filled["last_name"], filled["phone"]) == ("José", "Ñúñez-García", "+34912345678")
    assert _work(str(created["id"])) == ["Acme GmbH", "Globex Corporation"]
    again = _upload_own(newcomer, documents.cv_pdf())
    assert again["candidate_id"] == created["id"] and len(_own_candidates(newcomer.principal.user_id)) == 1
    audit = db.connection().execute("SELECT action, user_id, ip_address FROM audit_log WHERE candidate_id = %s "
                                    "ORDER BY created_at", (created["id"],)).fetchall()
    assert [a["action"] for a in audit] == ["candidate.created", "cv.uploaded", "cv.parsed", "cv.uploaded"]
    assert (str(audit[0]["user_id"]), audit[0]["ip_address"]) == (newcomer.principal.user_id, "198.51.100.8")


def test_first_uploads_at_once_create_one_profile(devstack, newcomer):
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from vitae.platform import db

    start = threading.Barrier(4)

    def upload(_):
        start.wait(timeout=30)
        try:
            return _upload_own(newcomer, documents.cv_pdf())["candidate_id"]
        finally:
            db.close()

    with ThreadPoolExecutor(4) as pool:
        candidate_ids = set(pool.map(upload, range(4)))
    (profile,) = _own_candidates(newcomer.principal.user_id)
    assert candidate_ids == {profile["id"]}
    created = db.connection().execute("SELECT count(*) AS n FROM audit_log WHERE candidate_id = %s AND action = "
                                      "'candidate.created'", (profile["id"],)).fetchone()["n"]
    assert created == 1


def test_an_upload_to_ones_own_profile_never_touches_anothers(devstack, actor, newcomer):
    from vitae.candidates import service

    me, candidate_id = actor
    before = service.get_candidate(me, candidate_id)
    row = _upload_own(newcomer, documents.cv_pdf())
    assert str(row["candidate_id"]) != candidate_id
    assert devstack.invoke_in_process("ParseCvFunction", _notification(row["key"], row["size"])) == {
        "batchItemFailures": []}
    after = service.get_candidate(me, candidate_id)
    assert after == before and _work(candidate_id) == []
    assert _work(str(row["candidate_id"])) == ["Acme GmbH", "Globex Corporation"]


def test_a_first_upload_that_loses_the_race_to_create_the_profile_uses_the_winners(devstack, newcomer):
    """A request creates the profile first and commits while the upload's insert waits on it: the
    upload goes into that profile instead of failing."""
    from concurrent.futures import ThreadPoolExecutor

    import psycopg
    from psycopg.rows import dict_row

    from vitae.candidates import repository
    from vitae.platform import db
    from vitae_devstack.services import wait_until

    def upload():
        try:
            return _upload_own(newcomer, documents.cv_pdf())
        finally:
            db.close()

    def waiting() -> bool:
        return db.connection().execute(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND query LIKE 'INSERT INTO candidates %%'").fetchone()["n"] == 1

    user_id = newcomer.principal.user_id
    with psycopg.connect(db.database_url(), row_factory=dict_row) as winner, ThreadPoolExecutor(1) as pool:
        won = repository.insert_candidate(winner, user_id, {"headline": "Nurse", "links": []}, edited=["headline"])
        uploading = pool.submit(upload)
        wait_until(waiting, "the upload to wait for the other request's profile", timeout=20)
        winner.commit()
        document = uploading.result(timeout=30)
    (profile,) = _own_candidates(user_id)
    assert document["candidate_id"] == profile["id"] == won["id"] and profile["headline"] == "Nurse"
