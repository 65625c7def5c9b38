"""The GitHub client against the fake GitHub (a real local HTTP server): paging up to the cap, forks,
languages, conditional requests, rate limits (primary and secondary), tokens and unknown users."""

import io
import logging
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.fakes.github import FakeGitHub
from vitae.platform.errors import NotFound
from vitae.profilesync.github import (
    GitHubAuthError,
    GitHubClient,
    GitHubProject,
    MemoryEtagStore,
    RateLimit,
    RateLimitDeferred,
    skills_and_projects,
)

TOKEN = "gho_s3cr3tT0kenValue0123456789abcdef"


@pytest.fixture(scope="module")
def server():
    with FakeGitHub(tokens={TOKEN}) as fake:
        fake.add_user("octo", name="Octo Cat", bio="Builds things", location="Lisbon")
        # 230 repositories: every third one a fork, pushed one day apart (repo-000 the oldest)
        for n in range(230):
            fake.add_repo("octo", f"repo-{n:03}", fork=n % 3 == 2, stargazers_count=n,
                          pushed_at=(datetime(2026, 1, 1, tzinfo=UTC) - timedelta(days=230 - n)).strftime(
                              "%Y-%m-%dT%H:%M:%SZ"),
                          languages={"Python": 1000 + n, "Shell": 10} if n % 2 else {"Go": 500},
                          topics=["cli"] + (["web"] if n % 5 == 0 else []), description=f"Repository {n}")
        yield fake


@pytest.fixture
def github(server):
    server.reset()
    return server


def test_a_fetch_reads_pages_up_to_the_cap_most_recently_pushed_first_without_forks(github):
    profile = GitHubClient(github.url, token=TOKEN).fetch("OCTO", max_repos=100)  # 103 requests: past 60 anonymous

    assert profile.login == "octo" and profile.user["name"] == "Octo Cat"
    expected = [n for n in range(229, -1, -1) if n % 3 != 2][:100]  # newest first, forks left out
    assert [r.name for r in profile.repos] == [f"repo-{n:03}" for n in expected]
    assert not any(r.fork for r in profile.repos)
    first = profile.repos[0]  # repo-229
    assert (first.languages, first.stargazers_count, first.topics, first.description) == (
        {"Python": 1229, "Shell": 10}, 229, ("cli",), "Repository 229")
    assert first.html_url == "https://github.com/octo/repo-229" and first.pushed_at == "2025-12-31T00:00:00Z"
    listings = [r for r in github.requests if r.path == "/users/OCTO/repos"]  # as the caller spelled it
    # 100 non-forks need 150 repositories: two pages of 100 (67 non-forks each), the third is not read
    assert [r.args["page"] for r in listings] == ["1", "2"]
    assert {(r.args["per_page"], r.args["sort"], r.args["type"]) for r in listings} == {("100", "pushed", "owner")}
    assert len([r for r in github.requests if r.path.endswith("/languages")]) == 100
    assert {r.headers["Authorization"] for r in github.requests} == {f"Bearer {TOKEN}"}


def test_a_small_cap_reads_one_page_and_forks_come_when_asked(github):
    profile = GitHubClient(github.url).fetch("octo", max_repos=3, include_forks=True)

    assert [r.name for r in profile.repos] == ["repo-229", "repo-228", "repo-227"]
    assert [r.fork for r in profile.repos] == [False, False, True]
    assert [r.path for r in github.requests] == ["/users/octo", "/users/octo/repos", *(
        f"/repos/octo/repo-{n}/languages" for n in (229, 228, 227))]
    sent = github.requests[0].headers
    assert sent["Accept"] == "application/vnd.github+json" and sent["X-Github-Api-Version"] == "2022-11-28"
    assert sent["User-Agent"] == "vitae-profile-sync" and "Authorization" not in sent


def test_skills_are_languages_ranked_by_bytes_across_repositories_and_projects_keep_their_facts(github):
    profile = GitHubClient(github.url).fetch("octo", max_repos=4)  # repo-229, 228, 226, 225
    skills, topics, projects = skills_and_projects(profile)

    assert skills == [("Python", 1229 + 1225), ("Go", 1000), ("Shell", 20)]
    assert topics == ["cli", "web"]  # cli on four, web on repo-225
    assert projects[0] == GitHubProject(name="repo-229", description="Repository 229",
                                        url="https://github.com/octo/repo-229", stars=229,
                                        languages=("Python", "Shell"), topics=("cli",),
                                        last_push="2025-12-31T00:00:00Z")
    assert [p.name for p in projects] == ["repo-229", "repo-228", "repo-226", "repo-225"]


def test_a_second_fetch_with_unchanged_etags_makes_only_conditional_requests_and_returns_the_same(github):
    store = MemoryEtagStore()
    first = GitHubClient(github.url, token=TOKEN, etags=store).fetch("octo", max_repos=120)
    spent = 5000 - github.remaining(TOKEN)
    github.requests.clear()

    second = GitHubClient(github.url, token=TOKEN, etags=store).fetch("octo", max_repos=120)

    assert second == first and len(second.repos) == 120
    assert github.requests and github.statuses() == [304] * len(github.requests)
    assert all(r.headers.get("If-None-Match") for r in github.requests)
    assert 5000 - github.remaining(TOKEN) == spent  # 304s to an authorised client are free
    assert skills_and_projects(second) == skills_and_projects(first)


def test_a_changed_resource_is_read_again(github):
    store = MemoryEtagStore()
    client = GitHubClient(github.url, token=TOKEN, etags=store)
    client.fetch("octo", max_repos=2)
    github.add_repo("octo", "repo-229", languages={"Rust": 7}, pushed_at="2025-12-31T00:00:00Z",
                    stargazers_count=229, topics=["cli"], description="Repository 229")
    github.requests.clear()
    try:
        profile = client.fetch("octo", max_repos=2)
    finally:
        github.add_repo("octo", "repo-229", languages={"Python": 1229, "Shell": 10}, stargazers_count=229,
                        pushed_at="2025-12-31T00:00:00Z", topics=["cli"], description="Repository 229")

    assert profile.repos[0].languages == {"Rust": 7}
    assert {r.path: r.status for r in github.requests}["/repos/octo/repo-229/languages"] == 200
    assert {r.path: r.status for r in github.requests}["/repos/octo/repo-228/languages"] == 304


def test_a_limit_spent_on_github_defers_and_then_nothing_is_asked_until_the_reset(github):
    github.set_remaining(0, reset_in=900)
    client = GitHubClient(github.url)  # knows nothing of the limit yet: asks, GitHub answers 403
    with pytest.raises(RateLimitDeferred) as deferred:
        client.fetch("octo", max_repos=5)
    assert github.statuses() == [403]
    assert abs((deferred.value.retry_at - (datetime.now(UTC) + timedelta(seconds=900))).total_seconds()) < 5
    assert not deferred.value.secondary and client.rate.remaining == 0

    with pytest.raises(RateLimitDeferred) as again:
        client.fetch("octo", max_repos=5)
    assert len(github.requests) == 1  # known to be spent: nothing asked
    assert again.value.retry_at == deferred.value.retry_at and again.value.code == "github_rate_limited"


def test_a_sync_that_spends_the_limit_midway_defers_before_the_next_request(github):
    github.set_remaining(2, reset_in=600)
    client = GitHubClient(github.url)
    with pytest.raises(RateLimitDeferred) as deferred:
        client.fetch("octo", max_repos=5)  # the user and the listing spend the last two
    assert github.statuses() == [200, 200]
    assert deferred.value.retry_at == client.rate.reset_at and github.remaining() == 0


def test_a_limit_whose_reset_has_passed_is_tried_again(github):
    github.set_remaining(0, reset_in=-1)  # the fake starts a new hour on the next request
    spent = RateLimit(limit=60, remaining=0, used=60, reset_at=datetime.now(UTC) - timedelta(seconds=1))
    client = GitHubClient(github.url, rate=spent)
    assert client.fetch("octo", max_repos=1).repos[0].name == "repo-229"
    assert client.rate.limit == 60 and client.rate.remaining == 57 and client.rate.used == 3


def test_a_secondary_limit_with_retry_after_defers(github):
    github.abuse(120)
    with pytest.raises(RateLimitDeferred) as deferred:
        GitHubClient(github.url, token=TOKEN).fetch("octo")
    assert deferred.value.secondary
    assert abs((deferred.value.retry_at - (datetime.now(UTC) + timedelta(seconds=120))).total_seconds()) < 5
    github.abuse(30, status=429)
    with pytest.raises(RateLimitDeferred):
        GitHubClient(github.url).fetch("octo")
    assert github.statuses() == [403, 429]


def test_a_bad_token_is_an_auth_error(github):
    with pytest.raises(GitHubAuthError) as refused:
        GitHubClient(github.url, token="gho_revoked").fetch("octo")
    assert refused.value.code == "github_auth" and github.statuses() == [401]


def test_an_unknown_user_is_not_found(github):
    with pytest.raises(NotFound, match="nobody-here"):
        GitHubClient(github.url).fetch("nobody-here")
    assert github.statuses() == [404]


def test_the_token_is_sent_but_never_logged_nor_shown(github, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    # the client's own log lines, wherever the "vitae" logger's configuration sends them
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    client_log = logging.getLogger("vitae.profilesync.github")
    client_log.addHandler(handler)
    level = client_log.level
    client_log.setLevel(logging.DEBUG)
    try:
        _fetch_and_fail(github, capsys, caplog, written)
    finally:
        client_log.removeHandler(handler)
        client_log.setLevel(level)


def _fetch_and_fail(github, capsys, caplog, written) -> None:
    client = GitHubClient(github.url, token=TOKEN, etags=MemoryEtagStore())
    client.fetch("octo", max_repos=2)
    assert github.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"
    errors: list[BaseException] = []
    github.abuse(60)
    for action in (lambda: client.fetch("octo"), lambda: client.fetch("nobody-here"),
                   lambda: GitHubClient("http://127.0.0.1:9", token=TOKEN, timeout=(0.5, 0.5)).fetch("octo"),
                   lambda: GitHubClient(github.url, token=TOKEN + "x").fetch("octo")):
        with pytest.raises(Exception) as raised:
            action()
        errors.append(raised.value)

    assert [type(e).__name__ for e in errors] == ["RateLimitDeferred", "NotFound", "GitHubError", "GitHubAuthError"]
    shown = [repr(client), str(client), *(f"{e!s} {e!r} {e.__cause__!r} {e.__context__!r}" for e in errors)]
    captured = capsys.readouterr()
    assert "GitHub GET /users/octo: 200" in written.getvalue()  # the client does log
    for text in [*shown, written.getvalue(), caplog.text, captured.out, captured.err]:
        assert TOKEN not in text and TOKEN[-12:] not in text


def test_pagination_never_leaves_the_base_url(github):
    # The fake names itself in Link headers; a client configured with another spelling of the same
    # server sees the next page on another origin and stops there rather than send the token on.
    client = GitHubClient(github.url.replace("127.0.0.1", "localhost"), token=TOKEN)
    profile = client.fetch("octo", max_repos=200)
    assert len(profile.repos) == 67  # the non-forks of the first page only
    assert [r.args.get("page") for r in github.requests if r.path == "/users/octo/repos"] == ["1"]


def test_the_fake_pages_and_validates_as_github_does(github):
    listing = f"{github.url}/users/octo/repos?per_page=100&page=2&sort=pushed"
    page = requests.get(listing, timeout=5)
    assert [r["name"] for r in page.json()][:2] == ["repo-129", "repo-128"] and len(page.json()) == 100
    pages = {rel: parse_qs(urlsplit(link["url"]).query) for rel, link in page.links.items()}
    assert {rel: query["page"] for rel, query in pages.items()} == {
        "first": ["1"], "prev": ["1"], "next": ["3"], "last": ["3"]}
    assert all(query["per_page"] == ["100"] and query["sort"] == ["pushed"] for query in pages.values())
    again = requests.get(listing, headers={"If-None-Match": page.headers["ETag"]}, timeout=5)
    assert (again.status_code, again.content) == (304, b"")
    # an anonymous 304 still counts; one to an authorised request does not
    assert [int(r.headers["X-RateLimit-Remaining"]) for r in (page, again)] == [59, 58]
    authorised = {"Authorization": f"Bearer {TOKEN}"}
    fresh = requests.get(listing, headers=authorised, timeout=5)
    assert fresh.headers["ETag"] != page.headers["ETag"]  # ETags vary with the credentials
    free = requests.get(listing, headers={**authorised, "If-None-Match": fresh.headers["ETag"]}, timeout=5)
    assert free.status_code == 304 and free.headers["X-RateLimit-Remaining"] == fresh.headers["X-RateLimit-Remaining"]
    assert fresh.headers["X-RateLimit-Limit"] == "5000" and page.headers["X-RateLimit-Limit"] == "60"
