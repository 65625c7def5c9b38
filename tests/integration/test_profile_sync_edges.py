# ruff: noqa: F811 (the tests take the `github` fixture imported from test_profile_sync)
"""Profile sync at its edges (issue 15; each a defect a second review found, now fixed): a user deleted
while their sync runs, pagination that loops or shifts, answers in another shape than GitHub documents,
the OpenAPI document. Handlers and workers are invoked in process with their sample events against the
devstack and the session's fake GitHub, as in test_profile_sync.py."""

import json
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

# `github`: the session's fake GitHub, reset, no limit remembered (test_profile_sync's fixture, with its `server`).
from tests.integration.test_profile_sync import (  # noqa: F401
    _rows,
    call,
    get_sync,
    github,
    run_github_worker,
    server,
    sync_github,
)
from tests.samples import sample
from vitae.platform import db


def _person(user_id: str):
    from vitae.candidates import service as candidates
    from vitae.platform.auth import Principal, Role

    return candidates.Actor(Principal(user_id, None, Role.USER, datetime.now(UTC) + timedelta(hours=1)))


def _consume_user_deleted(devstack, function: str, sample_name: str, user_id: str) -> dict:
    event = sample(sample_name)
    body = json.loads(event["Records"][0]["body"])
    body["detail"]["userId"] = user_id
    body["detail"]["eventId"] = str(uuid.uuid4())
    event["Records"][0]["body"] = json.dumps(body)
    event["Records"][0]["messageId"] = str(uuid.uuid4())
    return devstack.invoke_in_process(function, event)


def _user(login: str, github) -> str:
    """A GitHub account of its own for one test (the fake is shared by the session)."""
    name = f"{login}-{uuid.uuid4().hex[:8]}"
    github.add_user(name, name="Test Person")
    return name


# -- user deletion mid-sync -------------------------------------------------------------------------


def test_a_sync_finishing_after_its_user_was_deleted_does_not_recreate_their_profile(devstack, github, new_user):
    """The user is deleted while their GitHub sync is queued. `user.deleted` reaches the candidates
    consumer (their profile goes) before the sync's message reaches the worker, and before the
    profile-sync consumer has removed the sync: the worker must not create a new profile for a
    deleted user (nothing would ever remove it: `user.deleted` has been consumed)."""
    from vitae.candidates import service as candidates
    from vitae.users import service as users

    login = _user("gone", github)
    github.add_repo(login, "engine", languages={"Python": 1000})
    me = new_user()
    candidates.put_own_profile(_person(me), candidates.CandidateIn.model_validate({"location": "Porto"}))
    sync_id = sync_github(devstack, me, username=login)
    users.delete_user(_person(me).principal, me)
    assert _consume_user_deleted(devstack, "CandidateUserDeletedFunction", "candidates/on_user_deleted",
                                 me) == {"batchItemFailures": []}
    assert _rows("SELECT id FROM candidates WHERE user_id = %s", me) == []

    run_github_worker(devstack, sync_id)  # the sync's message arrives now
    _consume_user_deleted(devstack, "ProfileSyncUserDeletedFunction", "profilesync/on_user_deleted", me)

    # Nothing of the deleted user's is brought back: no profile, no entries, no GitHub data.
    assert _rows("SELECT id, first_name, github_data IS NOT NULL AS synced FROM candidates WHERE user_id = %s",
                 me) == []


def test_a_deferral_after_its_user_was_deleted_stores_no_cached_github_answers(devstack, github, new_user,
                                                                              monkeypatch):
    """The user is deleted (their syncs and cached answers forgotten) while their sync is running;
    GitHub then answers a secondary rate limit. The deferral writes the answers it read only while the
    sync is still its run, so nothing is kept for the deleted user, where nothing would remove it."""
    from vitae.profilesync import repository

    login = _user("vanishing", github)
    github.add_repo(login, "engine", languages={"Python": 1000})
    me = new_user()
    sync_id = sync_github(devstack, me, username=login)
    original = github._route

    def route(request):
        answer = original(request)
        if request.path == f"/users/{login}":  # the user's object is answered (200, ETag) ...
            try:
                with db.transaction() as conn:  # ... as the user is deleted and forgotten
                    conn.execute("UPDATE users SET deleted_at = now() WHERE id = %s", (me,))
                    repository.forget_user(conn, me)
            finally:
                db.close()
            github.abuse(120)  # ... and the next request meets a secondary limit
        return answer

    monkeypatch.setattr(github, "_route", route)

    run_github_worker(devstack, sync_id)

    assert [r.status for r in github.requests] == [200, 403]  # the user read, then the limit met
    assert _rows("SELECT * FROM profile_syncs WHERE user_id = %s", me) == []
    assert _rows("SELECT url FROM github_etags WHERE user_id = %s", me) == []


# -- GitHub answers ---------------------------------------------------------------------------------


def test_a_link_loop_over_the_same_page_is_not_followed_again_and_again(devstack, github, new_user, monkeypatch):
    """GitHub's Link names the page just read as the next one (a loop). The listing must stop (a page
    read once is not read again; pages are bounded) and the sync finish, rather than follow the loop
    until the rate limit is spent (with a token, 304s being free, until the worker's timeout)."""
    login = _user("looper", github)
    github.add_repo(login, "fork-1", fork=True, languages={"C": 10})

    def looping_page(request, repos):
        itself = f"{github.url}{request.path}?{urlencode(dict(request.args))}"
        return 200, [r.fields for r in repos], f'<{itself}>; rel="next"'

    monkeypatch.setattr(github, "_repos_page", looping_page)
    me = new_user()
    sync_id = sync_github(devstack, me, username=login)

    run_github_worker(devstack, sync_id)

    listing = [r for r in github.requests if r.path == f"/users/{login}/repos"]
    assert len(listing) <= 2, f"the same page was requested {len(listing)} times"
    assert get_sync(devstack, me, sync_id)[1]["status"] == "done"


def test_a_repository_listed_on_two_pages_is_read_and_counted_once(devstack, github, new_user, monkeypatch):
    """With `sort=pushed` a push between two page reads moves a repository, so it can be listed on two
    pages (GitHub's offset paging). The sync keeps each repository once: one /languages request, its
    bytes counted once in the skills' ranking, listed once in githubData and `result.repositories`."""
    login = _user("shifty", github)
    for name in ("alpha", "beta", "gamma"):
        github.add_repo(login, name, languages={"Python": 1000})

    def shifting_pages(request, repos):
        fields = {r.name: r.fields for r in repos}
        if request.args.get("page", "1") == "1":
            nxt = {**dict(request.args), "page": "2"}
            return 200, [fields["alpha"], fields["beta"]], f'<{github.url}{request.path}?{urlencode(nxt)}>; rel="next"'
        return 200, [fields["beta"], fields["gamma"]], None  # beta shifted onto page 2

    monkeypatch.setattr(github, "_repos_page", shifting_pages)
    me = new_user()
    sync_id = sync_github(devstack, me, username=login, maxRepos=10)

    run_github_worker(devstack, sync_id)

    view = get_sync(devstack, me, sync_id)[1]
    assert view["status"] == "done"
    kept = _rows("SELECT github_data FROM candidates WHERE user_id = %s", me)[0]["github_data"]
    names = [r["name"] for r in kept["repositories"]]
    assert sorted(names) == ["alpha", "beta", "gamma"], names
    assert view["result"]["repositories"] == 3
    assert len([r for r in github.requests if r.path == f"/repos/{login}/beta/languages"]) == 1


def test_languages_answered_with_something_other_than_an_object_count_as_none(devstack, github, new_user,
                                                                               monkeypatch):
    """GitHub answers a repository's /languages with 200 and a JSON string: the repository is kept
    without languages, and the sync finishes on its first run (no crash, no alert, no retry)."""
    login = _user("stringy", github)
    github.add_repo(login, "odd", languages={"Python": 1000})
    original = github._route

    def route(request):
        if request.path.endswith("/languages"):
            return 200, "Python", None
        return original(request)

    monkeypatch.setattr(github, "_route", route)
    me = new_user()
    sync_id = sync_github(devstack, me, username=login)

    assert run_github_worker(devstack, sync_id) == {"batchItemFailures": []}

    view = get_sync(devstack, me, sync_id)[1]
    assert view["status"] == "done" and view["result"]["repositories"] == 1 and view["result"]["added"]["skills"] == 0
    kept = _rows("SELECT github_data FROM candidates WHERE user_id = %s", me)[0]["github_data"]
    assert [(r["name"], r["languages"]) for r in kept["repositories"]] == [("odd", {})]


# -- OpenAPI --------------------------------------------------------------------------------------------


def test_the_openapi_document_lists_the_404_the_new_profile_routes_answer(devstack):
    """An unregistered caller (a valid token, no users row) gets 404 "register first" from the new
    profile routes that create a sync, as the OpenAPI document says."""
    from vitae_devstack import openapi

    document = json.loads(openapi.DOCUMENT.read_text())
    stranger = str(uuid.uuid4())
    answered = {
        "POST /v1/profile/github/sync": call(devstack, "GitHubSyncFunction", "github_sync", stranger,
                                             body={"username": "octo"})[0],
        "POST /v1/profile/linkedin/import/upload-url": call(devstack, "LinkedInImportUrlFunction",
                                                            "linkedin_import_url", stranger,
                                                            body={"filename": "export.zip"})[0],
    }
    assert answered == {route: 404 for route in answered}
    documented = {route: sorted(document["paths"][route.split(" ")[1]][route.split(" ")[0].lower()]["responses"])
                  for route in answered}
    assert all("404" in statuses for statuses in documented.values()), documented
