"""A small client for the part of GitHub's REST API a profile sync reads, and what a sync makes of it.

`GitHubClient.fetch(username)` reads `GET /users/{username}`, `GET /users/{username}/repos` (paged,
most recently pushed first) and `GET /repos/{owner}/{repo}/languages` for each repository kept;
`skills_and_projects(profile)` turns that into ranked skills, topics and projects.

Rules it follows, from GitHub's REST documentation (API version 2022-11-28, docs.github.com/en/rest):
- "Using pagination in the REST API": at most 100 items a page; the `Link` header's `rel="next"` is
  followed as given (never built by hand), and only while the cap is not reached. A next link to
  another origin than the base URL is not followed, so the token goes nowhere else.
- "Best practices for using the REST API", conditional requests: each GET sends the stored `ETag` as
  `If-None-Match`; a 304 answers with the stored body. A 304 to a request made with a token does not
  count against the primary rate limit.
- "Rate limits for the REST API": 60 requests an hour without a token, 5,000 with a user's; the
  `X-RateLimit-*` headers say what is left and when it resets (epoch seconds). A request is not made
  once the limit is spent and the reset is ahead; 403/429 with no remaining requests or a
  `Retry-After` (a secondary limit) raise `RateLimitDeferred` with the time to try again, never a
  failure the caller cannot schedule.

The token is sent as `Authorization: Bearer ...` and kept out of every log line, error and repr.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from urllib.parse import quote, urlsplit

import requests

from vitae.platform.errors import NotFound, Unavailable
from vitae.platform.text import without_nul

DEFAULT_API_URL = "https://api.github.com"
API_VERSION = "2022-11-28"
USER_AGENT = "vitae-profile-sync"
PAGE_SIZE = 100  # GitHub's largest page
MAX_PAGES = 10  # of a listing: 1,000 repositories (forks included) are more than any sync keeps
DEFAULT_MAX_REPOS = 30  # each repository kept costs one /languages request: 30 fit in an anonymous hour
DEFAULT_TIMEOUT = (5.0, 20.0)  # seconds: connect, read
MAX_WAIT_SECONDS = 24 * 3600  # the longest wait a rate-limit answer is believed for

log = logging.getLogger(__name__)


class GitHubError(Unavailable):
    """GitHub could not be read: a network failure, a 5xx or an answer that is not the documented JSON
    (an `Unavailable` with dependency "github", code "github_unavailable" unless a subclass names another)."""

    def __init__(self, message: str, *, code: str | None = None, public: bool = False) -> None:
        super().__init__(message, dependency="github", code=code, public=public)


class GitHubAuthError(GitHubError):
    """GitHub refused the token (401 "Bad credentials"): it was revoked or expired; sign in again."""

    def __init__(self, message: str = "GitHub refused the token: sign in with GitHub again") -> None:
        super().__init__(message, code="github_auth", public=True)


class RateLimitDeferred(GitHubError):
    """GitHub's rate limit is spent: try again at `retry_at` (aware UTC datetime). `secondary` is True
    for a secondary ("abuse") limit answered with `Retry-After`. A sync raising this is deferred, not failed."""

    def __init__(self, retry_at: datetime, *, secondary: bool = False) -> None:
        kind = "secondary rate limit" if secondary else "rate limit"
        super().__init__(f"GitHub {kind} reached; try again after {retry_at.isoformat()}", code="github_rate_limited",
                         public=True)
        self.retry_at = retry_at
        self.secondary = secondary


class EtagStore(Protocol):
    """Where validators and bodies of earlier answers are kept, keyed by the full request URL. `body` is
    JSON-serialisable (what the client stored; it stores {"json": ..., "next": url | None})."""

    def get(self, url: str) -> tuple[str, Any] | None:
        """(etag, body) stored for `url`, or None."""

    def put(self, url: str, etag: str, body: Any) -> None:
        """Keep `etag` and `body` for `url`, replacing any earlier pair."""


class MemoryEtagStore:
    """An `EtagStore` in a dict: for one process (and tests); a worker passes one kept in the database."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[str, Any]] = {}

    def get(self, url: str) -> tuple[str, Any] | None:
        """(etag, body) stored for `url`, or None."""
        return self.entries.get(url)

    def put(self, url: str, etag: str, body: Any) -> None:
        """Keep `etag` and `body` for `url`."""
        self.entries[url] = (etag, body)


@dataclass
class RateLimit:
    """The primary limit as the last answer's `X-RateLimit-*` headers gave it (None until one did).
    `reset_at`: aware UTC datetime when `remaining` is back to `limit`."""

    limit: int | None = None
    remaining: int | None = None
    used: int | None = None
    reset_at: datetime | None = None

    def spent(self, now: datetime) -> bool:
        """True when no request is left and the reset is still ahead of `now`."""
        return self.remaining == 0 and self.reset_at is not None and self.reset_at > now


@dataclass(frozen=True)
class GitHubRepo:
    """One repository: `languages` maps a language to its bytes of code (GitHub's linguist counts);
    `pushed_at` as GitHub gives it (ISO 8601 UTC) or None for a repository never pushed to."""

    name: str
    full_name: str
    description: str | None
    html_url: str
    stargazers_count: int
    pushed_at: str | None
    topics: tuple[str, ...]
    fork: bool
    languages: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class GitHubProfile:
    """A user's public profile and their repositories kept by `fetch` (most recently pushed first).
    `user`: the `/users/{username}` object as GitHub gave it (login, name, bio, blog, location, ...)."""

    login: str
    user: dict[str, Any]
    repos: tuple[GitHubRepo, ...]


@dataclass(frozen=True)
class GitHubProject:
    """A repository as a candidate's project: `languages` ranked by bytes, `last_push` ISO 8601 or None."""

    name: str
    description: str | None
    url: str
    stars: int
    languages: tuple[str, ...]
    topics: tuple[str, ...]
    last_push: str | None


class GitHubClient:
    """Reads GitHub's REST API at `base_url` (default https://api.github.com; the `GITHUB_API_URL`
    setting names another), with the user's `token` when there is one.

    `etags`: an `EtagStore` for conditional requests (None: none are made). `rate`: the limit last seen
    (a worker may pass what an earlier invocation saw); kept up to date in `self.rate`. `timeout`:
    seconds (connect, read) per request. Errors: `NotFound`, `GitHubAuthError`, `RateLimitDeferred`,
    `GitHubError`.
    """

    def __init__(self, base_url: str = DEFAULT_API_URL, *, token: str | None = None, etags: EtagStore | None = None,
                 rate: RateLimit | None = None, timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                 session: requests.Session | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._token = token or None
        self.etags = etags
        self.rate = rate or RateLimit()
        self.timeout = timeout
        self._session = session or requests.Session()
        self._origin = urlsplit(self.base_url)[:2]

    def __repr__(self) -> str:
        return f"GitHubClient(base_url={self.base_url!r}, authenticated={self._token is not None})"

    def fetch(self, username: str, *, max_repos: int = DEFAULT_MAX_REPOS, include_forks: bool = False) -> GitHubProfile:
        """The user's profile and up to `max_repos` of their own repositories, most recently pushed
        first, forks left out unless `include_forks`, each with its languages (bytes per language).

        Pages of 100 are read through `Link: rel="next"` only until `max_repos` are kept, each page
        once, MAX_PAGES at most; a repository listed twice (a push between two pages moves it) is kept
        once, and one without a name is left out. Errors: `NotFound` (no such user), `GitHubAuthError`,
        `RateLimitDeferred`, `GitHubError`.
        """
        if not username or "/" in username:
            raise NotFound(f"GitHub user {username!r} not found")
        login = quote(username, safe="")
        user = self._get(f"{self.base_url}/users/{login}", missing=f"GitHub user {username!r} not found")[0]
        if not isinstance(user, dict) or "login" not in user:
            raise GitHubError("GitHub answered the user with something other than a user")
        listed: dict[str, dict[str, Any]] = {}  # by full name, case-insensitively
        read: set[str] = set()
        url: str | None = (f"{self.base_url}/users/{login}/repos?per_page={PAGE_SIZE}&page=1&sort=pushed"
                           f"&direction=desc&type=owner")
        while url and len(listed) < max_repos and url not in read and len(read) < MAX_PAGES:
            read.add(url)
            page, url = self._get(url, missing=f"GitHub user {username!r} not found")
            if not isinstance(page, list):
                raise GitHubError("GitHub answered a repository listing with something other than a list")
            for item in page:
                if _listed(item) and (include_forks or not item.get("fork")):
                    listed.setdefault(f"{_owner(item)}/{item['name']}".casefold(), item)
            if url and urlsplit(url)[:2] != self._origin:
                log.warning("GitHub pagination pointed to another origin; not followed")
                url = None
        kept = list(listed.values())
        kept.sort(key=lambda r: r.get("pushed_at") or "", reverse=True)  # stable: GitHub's order among equals
        repos = tuple(self._repo(r) for r in kept[:max_repos])
        return GitHubProfile(login=user["login"], user=user, repos=repos)

    def _repo(self, raw: dict[str, Any]) -> GitHubRepo:
        """A listed repository with its languages; a field GitHub answered in another shape than
        documented is left empty (languages that are no object: none)."""
        owner = _owner(raw)
        path = f"{quote(owner, safe='')}/{quote(raw['name'], safe='')}"
        languages = self._get(f"{self.base_url}/repos/{path}/languages", missing=None)[0]
        stars = raw.get("stargazers_count")
        return GitHubRepo(
            name=raw["name"], full_name=f"{owner}/{raw['name']}", description=_text(raw.get("description")),
            html_url=_text(raw.get("html_url")) or "", stargazers_count=stars if type(stars) is int else 0,
            pushed_at=_text(raw.get("pushed_at")), fork=raw.get("fork") is True,
            topics=tuple(t for t in raw.get("topics") or () if isinstance(t, str)) if isinstance(
                raw.get("topics"), list) else (),
            languages={k: v for k, v in (languages.items() if isinstance(languages, dict) else ())
                       if isinstance(k, str) and type(v) is int and v >= 0})

    def _get(self, url: str, *, missing: str | None) -> tuple[Any, str | None]:
        """(JSON body, next page URL) of GET `url`, conditional on a stored ETag. A 404 raises `NotFound`
        with `missing`, or gives None when `missing` is None (a repository gone between two requests)."""
        now = datetime.now(UTC)
        if self.rate.spent(now) and self.rate.reset_at is not None:
            raise RateLimitDeferred(self.rate.reset_at)
        headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": API_VERSION,
                   "User-Agent": USER_AGENT}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        stored = self.etags.get(url) if self.etags is not None else None
        if stored:
            headers["If-None-Match"] = stored[0]
        try:
            response = self._session.get(url, headers=headers, timeout=self.timeout, allow_redirects=False)
        except requests.RequestException as exc:
            raise GitHubError(f"GitHub could not be reached ({type(exc).__name__})") from None
        self._note_rate(response)
        status = response.status_code
        log.debug("GitHub GET %s: %s (remaining %s)", urlsplit(url).path, status, self.rate.remaining)
        if status == 304 and stored:
            body = stored[1]
            return body.get("json"), body.get("next")
        if status == 401:
            raise GitHubAuthError()
        if status in (403, 429):
            self._raise_limited(response, now)
        if status == 404:
            if missing is None:
                return None, None
            raise NotFound(missing)
        if status != 200:
            raise GitHubError(f"GitHub answered {status}")
        try:
            data = without_nul(response.json())  # what PostgreSQL could not store
        except ValueError:
            raise GitHubError("GitHub answered with something other than JSON") from None
        following = response.links.get("next", {}).get("url")
        etag = response.headers.get("ETag")
        if self.etags is not None and etag:
            self.etags.put(url, etag, {"json": data, "next": following})
        return data, following

    def _note_rate(self, response: requests.Response) -> None:
        headers = response.headers

        def number(name: str) -> int | None:
            value = headers.get(name, "")
            return int(value) if value.isdigit() else None

        if (remaining := number("X-RateLimit-Remaining")) is None:
            return
        reset = number("X-RateLimit-Reset")
        self.rate = RateLimit(limit=number("X-RateLimit-Limit"), remaining=remaining, used=number("X-RateLimit-Used"),
                              reset_at=_moment(reset))

    def _raise_limited(self, response: requests.Response, now: datetime) -> None:
        """Raise `RateLimitDeferred` for a limit answer (GitHub: "Rate limits for the REST API", "Exceeding
        the rate limit"); a 403 that is not one is a refusal (`GitHubError`)."""
        retry_after = response.headers.get("Retry-After", "")
        if retry_after.isdigit():  # an absurd wait is GitHub's mistake: at most a day
            raise RateLimitDeferred(now + timedelta(seconds=min(int(retry_after), MAX_WAIT_SECONDS)), secondary=True)
        if self.rate.remaining == 0:
            raise RateLimitDeferred(self.rate.reset_at or now + timedelta(minutes=1))
        message = _message(response)
        if "secondary rate limit" in message.lower() or response.status_code == 429:
            raise RateLimitDeferred(now + timedelta(minutes=1), secondary=True)  # GitHub: wait at least a minute
        raise GitHubError(f"GitHub refused the request ({response.status_code})")


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _listed(item: object) -> bool:
    """Whether a listing's item is a repository that can be read: an object with a name."""
    return isinstance(item, dict) and isinstance(item.get("name"), str) and bool(item["name"])


def _owner(raw: dict[str, Any]) -> str:
    """A listed repository's owner: `owner.login`, else the first part of `full_name`."""
    owner = raw.get("owner")
    if isinstance(owner, dict) and isinstance(owner.get("login"), str) and owner["login"]:
        return owner["login"]
    full_name = raw.get("full_name")
    return full_name.split("/")[0] if isinstance(full_name, str) and "/" in full_name else ""


def _moment(epoch: int | None) -> datetime | None:
    """`X-RateLimit-Reset` (epoch seconds) as an aware UTC datetime, at most MAX_WAIT_SECONDS ahead;
    None for none."""
    if epoch is None:
        return None
    return datetime.fromtimestamp(min(epoch, int(datetime.now(UTC).timestamp()) + MAX_WAIT_SECONDS), UTC)


def _message(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    return str(body.get("message", "")) if isinstance(body, dict) else ""


def skills_and_projects(profile: GitHubProfile) -> tuple[list[tuple[str, int]], list[str], list[GitHubProject]]:
    """What a profile says about its owner, a pure function of `profile`:
    - skills: (language, bytes summed over the repositories) ranked by bytes, most first (ties by name);
    - topics: each topic once, ranked by how many repositories carry it (ties by name);
    - projects: one per repository in the profile's order (most recently pushed first)."""
    bytes_by_language: Counter[str] = Counter()
    topic_counts: Counter[str] = Counter()
    projects = []
    for repo in profile.repos:
        bytes_by_language.update(repo.languages)
        topic_counts.update(set(repo.topics))
        ranked = tuple(name for name, _ in sorted(repo.languages.items(), key=lambda item: (-item[1], item[0])))
        projects.append(GitHubProject(name=repo.name, description=repo.description, url=repo.html_url,
                                      stars=repo.stargazers_count, languages=ranked, topics=repo.topics,
                                      last_push=repo.pushed_at))
    skills = sorted(bytes_by_language.items(), key=lambda item: (-item[1], item[0]))
    topics = [name for name, _ in sorted(topic_counts.items(), key=lambda item: (-item[1], item[0]))]
    return skills, topics, projects
