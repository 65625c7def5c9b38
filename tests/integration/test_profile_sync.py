"""Profile sync (issue 15, seed [G]) through its handlers and workers (sample events) against PostgreSQL,
Redis, LocalStack and a fake GitHub (a real HTTP server with paging, ETags, 304s and rate limits):
GitHub repositories become skills and projects, merged by the CV rules; a LinkedIn export's six CSVs
merge, hostile ones are refused and merge nothing; syncs are the caller's own."""

import io
import json
import uuid
import zipfile
from datetime import UTC, datetime, timedelta

import pytest

from tests.linkedin_exports import ALL
from tests.linkedin_exports import zip_of as _zip
from tests.samples import delivered, sample
from vitae.platform import db

PAGE = 100


@pytest.fixture(scope="module")
def server(fake_github):
    """The session's fake GitHub with "octo": four own repositories behind a page of forks."""
    fake = fake_github
    fake.add_user("octo", name="Octo Cat", bio="Builds command-line tools", location="Lisbon",
                  blog="octo.example")
    # 130 forks pushed most recently fill the first page; the four own repositories are on the second.
    for n in range(130):
        fake.add_repo("octo", f"fork-{n:03}", fork=True, pushed_at=f"2026-10-{1 + n % 28:02}T00:00:00Z",
                      languages={"JavaScript": 5000})
    fake.add_repo("octo", "engine", pushed_at="2026-09-01T00:00:00Z", stargazers_count=42,
                  description="A difference engine", languages={"Python": 90_000, "C": 9_000, "Makefile": 300},
                  topics=["machine-learning", "hacktoberfest"])
    fake.add_repo("octo", "tabulator", pushed_at="2026-08-01T00:00:00Z", languages={"Go": 40_000})
    fake.add_repo("octo", "notes", pushed_at="2026-07-01T00:00:00Z", languages={"Python": 1_000})
    fake.add_repo("octo", "dotfiles", pushed_at="2026-06-01T00:00:00Z", languages={"Shell": 2_000})
    return fake


@pytest.fixture
def github(server, devstack):
    from vitae.platform import cache
    from vitae.profilesync import github_sync

    server.reset()
    server.tokens.clear()
    with cache.connected() as redis_:
        redis_.delete(github_sync._rate_key(None))
    return server


def _rows(query: str, *args) -> list[dict]:
    return db.connection().execute(query, args).fetchall()


def call(devstack, function: str, name: str, user_id: str, body=None,
         path: dict | None = None) -> tuple[int, dict, dict]:
    event = sample(f"profilesync/{name}")
    event["requestContext"]["authorizer"]["lambda"]["userId"] = user_id
    if body is not None:
        event["body"] = json.dumps(body)
    event["pathParameters"] = path or {}
    response = devstack.invoke_in_process(function, event)
    return response["statusCode"], json.loads(response["body"]) if response.get("body") else None, response["headers"]


def sync_github(devstack, user_id: str, **body) -> str:
    status, accepted, headers = call(devstack, "GitHubSyncFunction", "github_sync", user_id,
                                     body={"username": "octo", "maxRepos": 4, **body})
    assert status == 202, accepted
    assert accepted["status"] == "queued" and headers["location"] == f"/v1/profile/syncs/{accepted['id']}"
    return accepted["id"]


def run_github_worker(devstack, sync_id: str) -> dict:
    return devstack.invoke_in_process("GitHubSyncWorkerFunction", delivered(
        "profilesync/github_worker", "profile.github_sync_requested", "syncId", sync_id))


def get_sync(devstack, user_id: str, sync_id: str) -> tuple[int, dict]:
    status, body, _ = call(devstack, "GetProfileSyncFunction", "sync_get", user_id, path={"id": sync_id})
    return status, body


def profile(user_id: str) -> dict:
    return _rows("SELECT * FROM candidates WHERE user_id = %s", user_id)[0]


def entries(user_id: str, table: str, column: str) -> list[tuple[str, str]]:
    return [(r[column], r["source"]) for r in _rows(
        f"SELECT e.* FROM {table} e JOIN candidates c ON c.id = e.candidate_id WHERE c.user_id = %s "
        "ORDER BY e.created_at, e.id", user_id)]


def test_a_sync_over_several_pages_adds_languages_as_skills_and_repositories_as_projects(devstack, github, new_user):
    me = new_user()
    sync_id = sync_github(devstack, me)

    assert run_github_worker(devstack, sync_id) == {"batchItemFailures": []}

    listing = [r for r in github.requests if r.path == "/users/octo/repos"]
    assert [r.args["page"] for r in listing] == ["1", "2"]  # the own repositories are on the second page
    # Python 91,000 bytes, Go 40,000, C 9,000, Shell 2,000; Makefile (0.2%) is incidental; the topic
    # "machine-learning" is a skill the taxonomy knows, "hacktoberfest" is not.
    assert entries(me, "candidate_skills", "skill_name") == [
        ("Python", "github"), ("Go", "github"), ("C", "github"), ("Shell", "github"), ("Machine Learning", "github")]
    projects = _rows("SELECT p.* FROM candidate_projects p JOIN candidates c ON c.id = p.candidate_id "
                     "WHERE c.user_id = %s ORDER BY p.created_at", me)
    assert [(p["name"], p["stars"], p["end_date"], p["source"]) for p in projects] == [
        ("engine", 42, "2026-09-01", "github"), ("tabulator", 0, "2026-08-01", "github"),
        ("notes", 0, "2026-07-01", "github"), ("dotfiles", 0, "2026-06-01", "github")]
    assert projects[0]["keywords"] == ["Python", "C", "Makefile", "machine-learning", "hacktoberfest"]
    assert projects[0]["url"] == "https://github.com/octo/engine"
    assert projects[0]["description"] == "A difference engine"
    row = profile(me)
    assert (row["first_name"], row["last_name"], row["headline"], row["location"]) == (
        "Octo", "Cat", "Builds command-line tools", "Lisbon")
    assert row["links"] == [{"label": "GitHub", "url": "https://github.com/octo"},
                            {"label": "Website", "url": "https://octo.example"}]
    assert row["github_data"]["user"]["login"] == "octo"
    assert [r["name"] for r in row["github_data"]["repositories"]] == ["engine", "tabulator", "notes", "dotfiles"]
    assert row["github_synced_at"] is not None

    status, view = get_sync(devstack, me, sync_id)
    assert status == 200 and view["status"] == "done" and view["failure"] is None
    assert view["result"]["added"] == {"skills": 5, "projects": 4}
    assert view["result"]["filled"] == ["first_name", "headline", "last_name", "links", "location"]
    assert set(view["result"]) == {"filled", "added", "username", "repositories", "maxRepos", "authenticated"}
    status, shown, _ = call(devstack, "GetGitHubSyncFunction", "github_get", me)
    assert status == 200 and shown["lastSync"]["id"] == sync_id and shown["syncedAt"] is not None
    assert shown["data"]["user"]["login"] == "octo"
    audit = _rows("SELECT action, details FROM audit_log a JOIN candidates c ON c.id = a.candidate_id "
                  "WHERE c.user_id = %s ORDER BY a.created_at", me)
    assert [a["action"] for a in audit] == ["candidate.created", "profile.github_synced"]
    assert _rows("SELECT data FROM outbox WHERE event_type = 'profile.synced' AND data->>'syncId' = %s",
                 sync_id)[0]["data"]["added"] == {"skills": 5, "projects": 4}


def test_a_second_sync_with_unchanged_etags_makes_no_data_request_and_changes_nothing(devstack, github, new_user):
    me = new_user()
    run_github_worker(devstack, sync_github(devstack, me))
    before = (entries(me, "candidate_skills", "skill_name"), entries(me, "candidate_projects", "name"),
              profile(me)["github_data"])
    github.requests.clear()

    second = sync_github(devstack, me)
    assert run_github_worker(devstack, second) == {"batchItemFailures": []}

    assert github.statuses() and set(github.statuses()) == {304}  # every request conditional, none answered data
    assert all("If-None-Match" in r.headers for r in github.requests)
    assert (entries(me, "candidate_skills", "skill_name"), entries(me, "candidate_projects", "name"),
            profile(me)["github_data"]) == before
    assert get_sync(devstack, me, second)[1]["result"]["added"] == {"skills": 0, "projects": 0}


def test_an_edited_or_deleted_entry_is_not_overwritten_nor_added_again(devstack, github, new_user):
    from vitae.candidates import repository
    from vitae.candidates import service as candidates
    from vitae.candidates.models import SkillIn
    from vitae.platform.auth import Principal, Role

    me = new_user()
    person = candidates.Actor(Principal(me, None, Role.USER, datetime.now(UTC) + timedelta(hours=1)))
    created = candidates.put_own_profile(person, candidates.CandidateIn.model_validate({"location": "Porto"}))
    candidates.add_entry(person, str(created.id), repository.SKILLS, SkillIn(skill_name="go"))
    run_github_worker(devstack, sync_github(devstack, me))
    skills = {r["skill_name"]: r for r in _rows(
        "SELECT * FROM candidate_skills WHERE candidate_id = %s", created.id)}
    assert skills["go"]["source"] == "user" and "Go" not in skills  # the person's spelling stays theirs
    assert profile(me)["location"] == "Porto"  # an edited field is never filled
    candidates.update_entry(person, repository.SKILLS, str(skills["Python"]["id"]), SkillIn(skill_name="Python 3"))
    candidates.delete_entry(person, repository.SKILLS, str(skills["Shell"]["id"]))
    github.add_repo("octo", "notes", pushed_at="2026-07-02T00:00:00Z", languages={"Python": 2_000, "Rust": 90_000})

    second = sync_github(devstack, me)
    run_github_worker(devstack, second)

    names = [name for name, _ in entries(me, "candidate_skills", "skill_name")]
    assert "Python 3" in names and "Python" not in names and "Shell" not in names  # neither comes back
    assert "Rust" in names  # what is new is added
    assert get_sync(devstack, me, second)[1]["result"]["added"]["skills"] == 1


@pytest.fixture
def own_queue(devstack):
    """A queue of this test's own: (its URL, its ARN)."""
    import boto3

    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName=f"github-sync-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    yield url, sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.delete_queue(QueueUrl=url)


def _queued(url: str) -> dict[str, int]:
    import boto3

    attributes = boto3.client("sqs").get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    return {name: int(attributes[f"ApproximateNumberOf{name}"]) for name in ("Messages", "MessagesDelayed")}


def test_a_spent_rate_limit_defers_the_sync_until_the_reset_and_it_then_finishes(devstack, github, new_user,
                                                                                  own_queue):
    url, arn = own_queue
    me = new_user()
    github.set_remaining(0, reset_in=1800)
    sync_id = sync_github(devstack, me)
    event = delivered("profilesync/github_worker", "profile.github_sync_requested", "syncId", sync_id)
    event["Records"][0]["eventSourceARN"] = arn

    assert devstack.invoke_in_process("GitHubSyncWorkerFunction", event) == {"batchItemFailures": []}

    # Not failed, not lost: the message is on its queue again, delayed, as a new message (no receive
    # counted towards the dead-letter queue).
    assert _queued(url) == {"Messages": 0, "MessagesDelayed": 1}
    view = get_sync(devstack, me, sync_id)[1]
    assert view["status"] == "deferred" and view["failure"] is None
    retry_at = datetime.fromisoformat(view["retryAt"])
    assert timedelta(minutes=29) < retry_at - datetime.now(UTC) <= timedelta(minutes=30)
    assert _rows("SELECT attempts FROM profile_syncs WHERE id = %s", sync_id)[0]["attempts"] == 0
    github.requests.clear()
    # The message arriving before the reset (each hop is at most 15 minutes) asks GitHub nothing.
    assert devstack.invoke_in_process("GitHubSyncWorkerFunction", event) == {"batchItemFailures": []}
    assert github.requests == [] and get_sync(devstack, me, sync_id)[1]["status"] == "deferred"
    assert _queued(url)["MessagesDelayed"] == 2

    github.reset()
    with db.transaction() as conn:
        conn.execute("UPDATE profile_syncs SET retry_at = now() - interval '1 second' WHERE id = %s", (sync_id,))
    from vitae.platform import cache
    from vitae.profilesync import github_sync

    with cache.connected() as redis_:
        redis_.delete(github_sync._rate_key(None))  # the limit GitHub reported has reset
    assert devstack.invoke_in_process("GitHubSyncWorkerFunction", event) == {"batchItemFailures": []}
    assert get_sync(devstack, me, sync_id)[1]["status"] == "done"


def test_a_deferral_that_cannot_be_queued_again_keeps_its_message(devstack, github, new_user):
    me = new_user()
    github.set_remaining(0, reset_in=600)
    sync_id = sync_github(devstack, me)
    event = delivered("profilesync/github_worker", "profile.github_sync_requested", "syncId", sync_id)
    event["Records"][0]["eventSourceARN"] = "arn:aws:sqs:us-east-1:000000000000:no-such-queue"

    answer = devstack.invoke_in_process("GitHubSyncWorkerFunction", event)

    assert answer == {"batchItemFailures": [{"itemIdentifier": event["Records"][0]["messageId"]}]}
    assert get_sync(devstack, me, sync_id)[1]["status"] == "deferred"


def test_a_sync_that_would_exceed_the_limit_is_deferred_before_asking(devstack, github, new_user):
    me = new_user()
    run_github_worker(devstack, sync_github(devstack, me))  # 1 user + 2 pages + 4 languages: 53 of 60 left
    github.set_remaining(5, reset_in=600)
    run_github_worker(devstack, sync_github(devstack, new_user()))  # GitHub reports 5 left, then defers
    github.requests.clear()

    sync_id = sync_github(devstack, me, maxRepos=10)
    run_github_worker(devstack, sync_id)

    assert github.requests == []  # 12 requests would not fit in what GitHub last said was left
    assert get_sync(devstack, me, sync_id)[1]["status"] == "deferred"


def test_an_unknown_github_user_fails_the_sync_with_a_reason(devstack, github, new_user):
    me = new_user()
    sync_id = sync_github(devstack, me, username="nobody-here")

    assert run_github_worker(devstack, sync_id) == {"batchItemFailures": []}

    view = get_sync(devstack, me, sync_id)[1]
    assert view["status"] == "failed" and view["failure"]["reason"] == "not_found"
    assert "nobody-here" in view["failure"]["message"]


def test_github_down_is_retried_then_the_sync_fails(devstack, new_user, setting):
    me = new_user()
    setting(GITHUB_API_URL="http://127.0.0.1:9")  # nothing listens
    sync_id = sync_github(devstack, me)
    event = delivered("profilesync/github_worker", "profile.github_sync_requested", "syncId", sync_id)

    for attempt in range(1, 4):
        assert devstack.invoke_in_process("GitHubSyncWorkerFunction", event)["batchItemFailures"]
        # the claim given back for the queue's retry, the attempt counted
        assert _rows("SELECT status, attempts FROM profile_syncs WHERE id = %s", sync_id) == [
            {"status": "queued", "attempts": attempt}]
    assert devstack.invoke_in_process("GitHubSyncWorkerFunction", event) == {"batchItemFailures": []}

    view = get_sync(devstack, me, sync_id)[1]
    assert view["status"] == "failed" and view["failure"]["reason"] == "github_unavailable"
    assert _rows("SELECT * FROM candidates WHERE user_id = %s", me) == []  # nothing half-written


def test_requests_are_refused_clearly_and_syncs_are_the_callers_own(devstack, github, new_user):
    me, other = new_user(), new_user()
    sync_id = sync_github(devstack, me)

    assert get_sync(devstack, other, sync_id)[0] == 404
    assert get_sync(devstack, me, "not-a-uuid")[0] == 404
    status, body, _ = call(devstack, "GitHubSyncFunction", "github_sync", me, body={"username": "octo"})
    assert status == 409 and body["error"] == "sync_in_progress" and sync_id in body["message"]
    status, body, _ = call(devstack, "GitHubSyncFunction", "github_sync", other, body={})
    assert status == 400 and "username" in body["message"].lower()  # not signed in with GitHub
    for bad in ({"username": "-octo"}, {"username": "a" * 40}, {"username": "octo", "maxRepos": 0},
                {"username": "octo", "maxRepos": 101}, {"username": "octo/../x"}):
        assert call(devstack, "GitHubSyncFunction", "github_sync", other, body=bad)[0] == 400, bad
    assert _rows("SELECT * FROM profile_syncs WHERE user_id = %s", other) == []
    assert call(devstack, "GitHubSyncFunction", "github_sync", str(uuid.uuid4()), body={"username": "octo"})[0] == 404


# -- LinkedIn --------------------------------------------------------------------------------------

def import_export(devstack, user_id: str, data: bytes) -> tuple[int, dict]:
    from vitae.platform.auth import Principal, Role
    from vitae.platform.http import UploadedFile
    from vitae.profilesync import service

    caller = Principal(user_id, None, Role.USER, datetime.now(UTC) + timedelta(hours=1))
    accepted = service.import_linkedin(caller, UploadedFile("Basic_LinkedInDataExport.zip", "application/zip", data))
    row = _rows("SELECT * FROM profile_syncs WHERE id = %s", accepted.id)[0]
    event = sample("profilesync/linkedin_worker")
    body = json.loads(event["Records"][0]["body"])
    body["Records"][0]["s3"]["object"].update(key=row["key"], size=row["size"])
    event["Records"][0]["body"] = json.dumps(body)
    assert devstack.invoke_in_process("LinkedInImportWorkerFunction", event) == {"batchItemFailures": []}
    return str(accepted.id), row


def _object_exists(key: str) -> bool:
    from vitae.platform import storage

    try:
        storage.object_size(key)
    except Exception:
        return False
    return True


def test_an_export_with_all_six_files_merges_into_the_profile(devstack, new_user):
    me = new_user()
    sync_id, row = import_export(devstack, me, _zip(ALL))

    view = get_sync(devstack, me, sync_id)[1]
    assert view["status"] == "done", view
    assert view["result"]["filesMissing"] == [] and len(view["result"]["filesFound"]) == 6
    assert view["result"]["added"] == {"work-experience": 2, "education": 1, "skills": 3, "certifications": 1,
                                       "languages": 2}
    kept = profile(me)
    assert (kept["first_name"], kept["last_name"], kept["headline"], kept["summary"], kept["location"]) == (
        "Ada", "Lovelace", "Analyst of engines", "Writes programs,\nfor engines.", "London, United Kingdom")
    work = _rows("SELECT w.* FROM candidate_work_experience w JOIN candidates c ON c.id = w.candidate_id "
                 "WHERE c.user_id = %s ORDER BY w.created_at", me)
    assert [(w["company_name"], w["job_title"], w["start_date"], w["end_date"], w["source"]) for w in work] == [
        ("Analytical Engines Ltd", "Programmer", "2020-01", None, "linkedin"),
        ("Babbage & Co", "Assistant", "2017", "2019-12", "linkedin")]
    assert work[0]["highlights"] == ["Wrote the first program"]
    assert entries(me, "candidate_education", "university") == [("University of London", "linkedin")]
    assert entries(me, "candidate_certifications", "title") == [("AWS Certified Developer", "linkedin")]
    assert _rows("SELECT l.language, l.fluency FROM candidate_languages l JOIN candidates c ON c.id = l.candidate_id"
                 " WHERE c.user_id = %s ORDER BY l.created_at", me) == [
        {"language": "English", "fluency": "Native or bilingual proficiency"},
        {"language": "French", "fluency": "Professional working proficiency"}]
    assert kept["linkedin_data"]["export"]["skills"] == ["Python", "SQL", "Machine Learning"]
    assert kept["linkedin_synced_at"]
    assert not _object_exists(row["key"])  # the export is read, kept as data, and its file deleted
    status, shown, _ = call(devstack, "GetLinkedInSyncFunction", "linkedin_get", me)
    assert status == 200 and shown["lastSync"]["id"] == sync_id and shown["data"]["export"]["profile"]["first_name"]


def test_an_export_missing_a_file_merges_the_rest(devstack, new_user):
    me = new_user()
    sync_id, _ = import_export(devstack, me, _zip({k: v for k, v in ALL.items() if k != "Positions.csv"}))

    view = get_sync(devstack, me, sync_id)[1]
    assert view["status"] == "done" and view["result"]["filesMissing"] == ["Positions.csv"]
    assert entries(me, "candidate_work_experience", "company_name") == []
    assert [n for n, _ in entries(me, "candidate_skills", "skill_name")] == ["Python", "SQL", "Machine Learning"]


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Skills.csv", b"Name\n" + b"A" * (20 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(("archive", "reason"), [
    (_bomb(), "zip_bomb"),
    (_zip({**ALL, "../../etc/Skills.csv": "Name\nRoot\n"}), "unsafe_name"),
])
def test_a_hostile_export_is_refused_with_its_reason_and_nothing_is_merged(devstack, new_user, archive, reason):
    me = new_user()
    sync_id, row = import_export(devstack, me, archive)

    view = get_sync(devstack, me, sync_id)[1]
    assert view["status"] == "failed" and view["failure"]["reason"] == reason and view["failure"]["message"]
    assert _rows("SELECT * FROM candidates WHERE user_id = %s", me) == []
    assert not _object_exists(row["key"])


def test_an_upload_that_is_no_zip_is_refused_and_nothing_is_stored(devstack, new_user):
    from vitae.platform.auth import Principal, Role
    from vitae.platform.errors import UnsupportedMedia
    from vitae.platform.http import UploadedFile
    from vitae.profilesync import service

    me = new_user()
    with pytest.raises(UnsupportedMedia):
        service.import_linkedin(Principal(me, None, Role.USER, datetime.now(UTC) + timedelta(hours=1)),
                                UploadedFile("export.zip", "application/zip", b"%PDF-1.7 not a zip"))
    assert _rows("SELECT * FROM profile_syncs WHERE user_id = %s", me) == []


def test_the_multipart_route_and_the_presigned_form_queue_an_import(devstack, new_user):
    me = new_user()
    status, accepted, headers = call(devstack, "LinkedInImportFunction", "linkedin_import", me)
    assert status == 202 and accepted["source"] == "linkedin" and headers["location"].endswith(accepted["id"])
    stored = _rows("SELECT * FROM profile_syncs WHERE id = %s", accepted["id"])[0]
    assert stored["key"].startswith(f"linkedin/{me}/") and _object_exists(stored["key"])

    status, form, _ = call(devstack, "LinkedInImportUrlFunction", "linkedin_import_url", str(uuid.uuid4()))
    assert status == 404  # not registered
    other = new_user()
    status, form, _ = call(devstack, "LinkedInImportUrlFunction", "linkedin_import_url", other)
    assert status == 202 and form["status"] == "awaiting_upload" and form["maxBytes"] == 50 * 1024 * 1024
    assert form["fields"]["key"].startswith(f"linkedin/{other}/")
    # An upload form not used yet is no sync in progress, and no last sync.
    assert call(devstack, "GetLinkedInSyncFunction", "linkedin_get", other)[1]["lastSync"] is None


def test_a_deleted_user_loses_their_syncs_and_cached_answers(devstack, github, new_user):
    me = new_user()
    run_github_worker(devstack, sync_github(devstack, me))
    assert _rows("SELECT * FROM github_etags WHERE user_id = %s", me)
    event = sample("profilesync/on_user_deleted")
    body = json.loads(event["Records"][0]["body"])
    body["detail"]["userId"] = me
    body["detail"]["eventId"] = str(uuid.uuid4())
    event["Records"][0]["body"] = json.dumps(body)

    assert devstack.invoke_in_process("ProfileSyncUserDeletedFunction", event) == {"batchItemFailures": []}

    assert _rows("SELECT * FROM github_etags WHERE user_id = %s", me) == []
    assert _rows("SELECT * FROM profile_syncs WHERE user_id = %s", me) == []


# -- a user signed in with GitHub ----------------------------------------------------------------------

TOKEN = "gho_Pr0f1leSyncT0kenNeverShown0123456789"


def test_a_github_sign_in_syncs_its_own_account_with_its_token_which_shows_nowhere(devstack, github,
                                                                                   oauth_provider, logs):
    from tests.integration.test_provider_tokens import _identity, _person, sign_in

    person = _person("Grace Hopper")
    sign_in(devstack, oauth_provider, "github", person, token=TOKEN)
    identity = _identity("github", person)
    me, login = identity["user_id"], identity["login"]
    github.tokens.add(TOKEN)
    github.add_user(login, name="Grace Hopper")
    github.add_repo(login, "compiler", languages={"COBOL": 5_000}, pushed_at="2026-05-01T00:00:00Z")

    status, accepted, headers = call(devstack, "GitHubSyncFunction", "github_sync", me, body={})
    assert status == 202
    assert run_github_worker(devstack, accepted["id"]) == {"batchItemFailures": []}

    assert github.requests and all(r.headers.get("Authorization") == f"Bearer {TOKEN}" for r in github.requests)
    view = get_sync(devstack, me, accepted["id"])[1]
    assert view["status"] == "done" and view["request"]["username"] == login and view["result"]["authenticated"]
    assert [n for n, _ in entries(me, "candidate_skills", "skill_name")] == ["COBOL"]
    shown = call(devstack, "GetGitHubSyncFunction", "github_get", me)[1]
    stored = [*_rows("SELECT * FROM profile_syncs WHERE user_id = %s", me), profile(me),
              *_rows("SELECT * FROM github_etags WHERE user_id = %s", me),
              *_rows("SELECT * FROM outbox WHERE user_id = %s", me),
              *_rows("SELECT * FROM audit_log WHERE details->>'syncId' = %s", accepted["id"])]
    for where, text in {"answers": json.dumps([accepted, headers, view, shown]), "logs": logs.getvalue(),
                        "rows": json.dumps(stored, default=str)}.items():
        assert TOKEN not in text, where


def test_a_revoked_github_token_is_forgotten_and_the_sync_goes_on_without_it(devstack, github, oauth_provider):
    from tests.integration.test_provider_tokens import _identity, _person, sign_in
    from vitae.auth import provider_tokens

    person = _person("Alan Kay")
    sign_in(devstack, oauth_provider, "github", person, token=TOKEN + "revoked")
    identity = _identity("github", person)
    me = identity["user_id"]
    github.add_user(identity["login"])
    github.add_repo(identity["login"], "smalltalk", languages={"Smalltalk": 8_000})

    sync_id = sync_github(devstack, me, username=identity["login"])
    assert run_github_worker(devstack, sync_id) == {"batchItemFailures": []}

    assert [r.status for r in github.requests][:1] == [401]  # the token, refused once
    assert all("Authorization" not in r.headers for r in github.requests[1:])
    assert get_sync(devstack, me, sync_id)[1]["result"]["authenticated"] is False
    assert provider_tokens.token_of(db.connection(), me, "github") is None


# -- one sync at a time, and none stuck for ever --------------------------------------------------------


def test_requests_racing_start_one_sync(devstack, github, new_user):
    import threading

    from vitae.platform.auth import Principal, Role
    from vitae.platform.errors import Conflict
    from vitae.profilesync import service
    from vitae.profilesync.models import GitHubSyncIn

    me = new_user()
    caller = Principal(me, None, Role.USER, datetime.now(UTC) + timedelta(hours=1))
    start, answers = threading.Barrier(4), []

    def request() -> None:
        start.wait()
        try:
            answers.append(service.request_github_sync(caller, GitHubSyncIn(username="octo")))
        except Conflict as refused:
            answers.append(refused.code)
        finally:
            db.close()

    threads = [threading.Thread(target=request) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(str(type(a).__name__) for a in answers) == ["SyncAccepted", "str", "str", "str"]
    assert [a for a in answers if isinstance(a, str)] == ["sync_in_progress"] * 3
    assert len(_rows("SELECT * FROM profile_syncs WHERE user_id = %s", me)) == 1


def test_a_sync_left_unfinished_is_abandoned_and_no_longer_blocks(devstack, github, new_user):
    me = new_user()
    stuck = sync_github(devstack, me)
    with db.transaction() as conn:
        conn.execute("UPDATE profile_syncs SET status = 'running', updated_at = now() - interval '4 hours' "
                     "WHERE id = %s", (stuck,))

    fresh = sync_github(devstack, me)

    view = get_sync(devstack, me, stuck)[1]
    assert view["status"] == "failed" and view["failure"]["reason"] == "abandoned"
    assert get_sync(devstack, me, fresh)[1]["status"] == "queued"


def test_a_delivery_while_another_runs_the_sync_does_nothing(devstack, github, new_user):
    me = new_user()
    sync_id = sync_github(devstack, me)
    with db.transaction() as conn:
        conn.execute("UPDATE profile_syncs SET status = 'running', attempts = 1 WHERE id = %s", (sync_id,))

    assert run_github_worker(devstack, sync_id) == {"batchItemFailures": []}

    assert github.requests == []
    assert _rows("SELECT status, attempts FROM profile_syncs WHERE id = %s", sync_id) == [
        {"status": "running", "attempts": 1}]


def test_without_a_token_a_sync_reads_what_an_anonymous_hour_allows(devstack, github, new_user):
    me = new_user()
    sync_id = sync_github(devstack, me, maxRepos=100, includeForks=True)

    assert run_github_worker(devstack, sync_id) == {"batchItemFailures": []}

    view = get_sync(devstack, me, sync_id)[1]
    assert view["status"] == "done", view
    assert (view["result"]["maxRepos"], view["result"]["repositories"]) == (58, 58)
    assert len(github.requests) == 60 and set(github.statuses()) == {200}  # the user, a page, 58 languages


def test_a_sync_deferred_too_often_fails_with_a_reason(devstack, github, new_user, own_queue):
    from vitae.profilesync.github_sync import MAX_DEFERRALS

    url, arn = own_queue
    me = new_user()
    github.set_remaining(0)
    sync_id = sync_github(devstack, me)
    with db.transaction() as conn:
        conn.execute("UPDATE profile_syncs SET deferrals = %s WHERE id = %s", (MAX_DEFERRALS, sync_id))
    event = delivered("profilesync/github_worker", "profile.github_sync_requested", "syncId", sync_id)
    event["Records"][0]["eventSourceARN"] = arn

    assert devstack.invoke_in_process("GitHubSyncWorkerFunction", event) == {"batchItemFailures": []}

    view = get_sync(devstack, me, sync_id)[1]
    assert view["status"] == "failed" and view["failure"]["reason"] == "rate_limited"
    assert _queued(url) == {"Messages": 0, "MessagesDelayed": 0}  # not sent again


def test_a_late_notification_of_a_finished_import_changes_nothing(devstack, new_user):
    me = new_user()
    sync_id, row = import_export(devstack, me, _zip(ALL))
    before = entries(me, "candidate_skills", "skill_name")
    event = sample("profilesync/linkedin_worker")
    body = json.loads(event["Records"][0]["body"])
    body["Records"][0]["s3"]["object"].update(key=row["key"], size=row["size"])
    event["Records"][0]["body"] = json.dumps(body)

    assert devstack.invoke_in_process("LinkedInImportWorkerFunction", event) == {"batchItemFailures": []}

    assert entries(me, "candidate_skills", "skill_name") == before
    assert _rows("SELECT status, attempts FROM profile_syncs WHERE id = %s", sync_id) == [
        {"status": "done", "attempts": 1}]


# -- what PostgreSQL or a Lambda answer could not hold (found by review) ---------------------------------


def test_nul_characters_in_githubs_answers_are_taken_out(devstack, github, new_user):
    github.add_user("nulbio", name="Nul Bio", bio="Hello\x00 world")
    github.add_repo("nulbio", "tool", languages={"Python": 100}, description="a\x00 tool", topics=["c\x00li"])
    me = new_user()
    sync_id = sync_github(devstack, me, username="nulbio")

    assert run_github_worker(devstack, sync_id) == {"batchItemFailures": []}

    assert get_sync(devstack, me, sync_id)[1]["status"] == "done"
    assert profile(me)["headline"] == "Hello world"
    assert _rows("SELECT p.description, p.keywords FROM candidate_projects p JOIN candidates c "
                 "ON c.id = p.candidate_id WHERE c.user_id = %s", me) == [
        {"description": "a tool", "keywords": ["Python", "cli"]}]


def test_nul_bytes_in_a_linkedin_csv_are_taken_out(devstack, new_user):
    me = new_user()
    sync_id, _ = import_export(devstack, me, _zip({**ALL, "Skills.csv": "Name\nPy\x00thon\nSQL\n"}))

    assert get_sync(devstack, me, sync_id)[1]["status"] == "done"
    assert [n for n, _ in entries(me, "candidate_skills", "skill_name")] == ["Python", "SQL"]


def test_an_export_with_more_rows_than_any_career_has_is_refused(devstack, new_user):
    from vitae.profilesync.linkedin import MAX_ROWS

    rows = "".join(f"Company {i},Title {i},,London,Jan 2020,\n" for i in range(MAX_ROWS + 1))
    me = new_user()
    sync_id, _ = import_export(devstack, me, _zip({
        **ALL, "Positions.csv": "Company Name,Title,Description,Location,Started On,Finished On\n" + rows}))

    view = get_sync(devstack, me, sync_id)[1]
    assert view["status"] == "failed" and view["failure"]["reason"] == "too_many_rows"
    assert str(MAX_ROWS) in view["failure"]["message"]
    assert _rows("SELECT * FROM candidates WHERE user_id = %s", me) == []


def test_an_absurd_retry_after_defers_for_at_most_a_day(devstack, github, new_user, own_queue):
    _, arn = own_queue
    me = new_user()
    github.abuse(10**12)
    sync_id = sync_github(devstack, me)
    event = delivered("profilesync/github_worker", "profile.github_sync_requested", "syncId", sync_id)
    event["Records"][0]["eventSourceARN"] = arn

    assert devstack.invoke_in_process("GitHubSyncWorkerFunction", event) == {"batchItemFailures": []}

    view = get_sync(devstack, me, sync_id)[1]
    assert view["status"] == "deferred"
    assert timedelta(hours=23) < datetime.fromisoformat(view["retryAt"]) - datetime.now(UTC) <= timedelta(days=1)
