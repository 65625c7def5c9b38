"""A fake GitHub REST API: a real local HTTP server with paging, ETags, 304s and rate limits.

It serves what a profile sync reads (`GET /users/{username}`, `GET /users/{username}/repos`,
`GET /repos/{owner}/{repo}/languages`, `GET /repos/{owner}/{repo}/topics`) the way GitHub does
(docs.github.com/en/rest, API version 2022-11-28):
- listings are paginated (`per_page` up to 100, `page` from 1) with a `Link` header naming the
  `first`/`prev`/`next`/`last` pages; `sort=pushed` orders by last push, newest first;
- every 200 carries a strong `ETag` that depends on the body and the credentials (GitHub varies on
  `Authorization`); a request whose `If-None-Match` matches gets 304 with no body, which does not
  count against the primary limit when it was made with a valid token ("Best practices for using the
  REST API", conditional requests);
- `X-RateLimit-Limit/-Remaining/-Reset/-Used` on every answer: 60 an hour without a token, 5,000
  with one ("Rate limits for the REST API"); at 0 remaining, 403 `API rate limit exceeded`;
  `abuse(seconds)` scripts a secondary limit: 403 (or 429) with `Retry-After`;
- `Authorization: Bearer <token>` (or `token <token>`) must name one of `tokens`, else 401.
Tests script users, repositories and limits through methods; requests are recorded with headers.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

ANONYMOUS_LIMIT = 60
TOKEN_LIMIT = 5000


@dataclass
class Recorded:
    """One request as the server saw it: method, path, query arguments, headers and the status answered."""

    method: str
    path: str
    args: dict[str, str]
    headers: dict[str, str]
    status: int = 0


@dataclass
class _Bucket:
    limit: int
    remaining: int
    reset: int
    used: int = 0


@dataclass
class _Repo:
    owner: str
    name: str
    fields: dict[str, Any]
    languages: dict[str, int] = field(default_factory=dict)


class FakeGitHub:
    """The server; use as a context manager. `url` is its base URL (what `GITHUB_API_URL` would name)."""

    def __init__(self, tokens: set[str] | None = None) -> None:
        self.tokens: set[str] = set(tokens or ())
        self.requests: list[Recorded] = []
        self._users: dict[str, dict[str, Any]] = {}
        self._repos: dict[str, list[_Repo]] = {}
        self._buckets: dict[str, _Bucket] = {}
        self._abuse: list[tuple[int, int]] = []  # (seconds, status) for the next requests, one each
        self._lock = threading.Lock()
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FakeGitHub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- scripting

    def add_user(self, login: str, **fields: Any) -> dict[str, Any]:
        """Add (or replace) a user; `fields` override GitHub's user fields (name, bio, blog, ...)."""
        user = {"login": login, "id": len(self._users) + 1, "type": "User", "name": None, "company": None,
                "blog": "", "location": None, "email": None, "bio": None, "twitter_username": None,
                "public_repos": 0, "followers": 0, "following": 0, "avatar_url": f"{self.url}/avatars/{login}",
                "html_url": f"https://github.com/{login}", "created_at": "2015-01-01T00:00:00Z",
                "updated_at": "2026-11-01T00:00:00Z", **fields}
        self._users[login.lower()] = user
        self._repos.setdefault(login.lower(), [])
        return user

    def add_repo(self, owner: str, name: str, *, languages: dict[str, int] | None = None, fork: bool = False,
                 pushed_at: str = "2026-01-01T00:00:00Z", topics: list[str] | None = None,
                 stargazers_count: int = 0, description: str | None = None, **fields: Any) -> dict[str, Any]:
        """Add a repository owned by `owner` (added as a user first if unknown) with its languages
        (bytes per language, as `/languages` answers)."""
        if owner.lower() not in self._users:
            self.add_user(owner)
        repo = {"id": sum(len(r) for r in self._repos.values()) + 1, "name": name, "full_name": f"{owner}/{name}",
                "owner": {"login": owner}, "private": False, "html_url": f"https://github.com/{owner}/{name}",
                "description": description, "fork": fork, "url": f"{self.url}/repos/{owner}/{name}",
                "languages_url": f"{self.url}/repos/{owner}/{name}/languages", "homepage": None,
                "stargazers_count": stargazers_count, "watchers_count": stargazers_count, "forks_count": 0,
                "language": max(languages or {"": 0}, key=lambda k: (languages or {}).get(k, 0)) or None,
                "topics": list(topics or []), "archived": False, "created_at": "2020-01-01T00:00:00Z",
                "updated_at": pushed_at, "pushed_at": pushed_at, **fields}
        repos = self._repos[owner.lower()]
        repos[:] = [r for r in repos if r.name.lower() != name.lower()]
        repos.append(_Repo(owner, name, repo, dict(languages or {})))
        self._users[owner.lower()]["public_repos"] = len(repos)
        return repo

    def set_remaining(self, remaining: int, *, token: str | None = None, reset_in: int = 3600) -> None:
        """Set what is left of the primary limit of `token` (None: the anonymous client), resetting
        `reset_in` seconds from now."""
        bucket = self._bucket(token)
        bucket.remaining = remaining
        bucket.used = bucket.limit - remaining
        bucket.reset = int(time.time()) + reset_in

    def remaining(self, token: str | None = None) -> int:
        """What is left of the primary limit of `token` (None: anonymous)."""
        return self._bucket(token).remaining

    def abuse(self, seconds: int, *, status: int = 403, times: int = 1) -> None:
        """The next `times` requests hit a secondary rate limit: `status` with `Retry-After: seconds`."""
        self._abuse += [(seconds, status)] * times

    def reset(self) -> None:
        """Forget recorded requests, scripted abuse and spent limits (users and repositories stay)."""
        self.requests.clear()
        self._abuse.clear()
        self._buckets.clear()

    def statuses(self) -> list[int]:
        """The statuses answered, oldest first."""
        return [r.status for r in self.requests]

    # -- serving

    def _bucket(self, token: str | None) -> _Bucket:
        key = token or ""
        if key not in self._buckets:
            limit = TOKEN_LIMIT if token else ANONYMOUS_LIMIT
            self._buckets[key] = _Bucket(limit, limit, int(time.time()) + 3600)
        return self._buckets[key]

    def _app(self, environ, start_response):
        request = Request(environ)
        recorded = Recorded(request.method, request.path, dict(request.args), dict(request.headers))
        with self._lock:
            self.requests.append(recorded)
            response = self._answer(request)
            recorded.status = response.status_code
        return response(environ, start_response)

    def _answer(self, request: Request) -> Response:
        credentials = request.headers.get("Authorization", "")
        scheme, _, token = credentials.partition(" ")
        if credentials and (scheme.lower() not in ("bearer", "token") or token not in self.tokens):
            return _json({"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest",
                          "status": "401"}, 401)
        bucket = self._bucket(token or None)
        if time.time() >= bucket.reset:
            bucket.remaining, bucket.used, bucket.reset = bucket.limit, 0, int(time.time()) + 3600
        if self._abuse:
            seconds, status = self._abuse.pop(0)
            response = _json({"message": "You have exceeded a secondary rate limit. Please wait a few minutes "
                              "before you try again.", "documentation_url": "https://docs.github.com/rest"}, status)
            response.headers["Retry-After"] = str(seconds)
            return self._limited(response, bucket)
        if bucket.remaining <= 0:
            return self._limited(_json({"message": "API rate limit exceeded for 127.0.0.1. (But here's the good "
                                        "news: Authenticated requests get a higher rate limit.)",
                                        "documentation_url": "https://docs.github.com/rest"}, 403), bucket)
        status, body, link = self._route(request)
        response = _json(body, status)
        if link:
            response.headers["Link"] = link
        if status == 200:
            etag = '"' + hashlib.sha256((response.get_data(as_text=True) + token).encode()).hexdigest()[:32] + '"'
            response.headers["ETag"] = etag
            if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
                response = Response(status=304, headers={"ETag": etag, **({"Link": link} if link else {})})
                if token:  # a 304 to an authorised request is free
                    return self._limited(response, bucket)
        bucket.remaining -= 1
        bucket.used += 1
        return self._limited(response, bucket)

    def _limited(self, response: Response, bucket: _Bucket) -> Response:
        response.headers.update({"X-RateLimit-Limit": str(bucket.limit), "X-RateLimit-Remaining":
                                 str(max(bucket.remaining, 0)), "X-RateLimit-Reset": str(bucket.reset),
                                 "X-RateLimit-Used": str(bucket.used), "X-RateLimit-Resource": "core"})
        return response

    def _route(self, request: Request) -> tuple[int, Any, str | None]:
        parts = [p for p in request.path.split("/") if p]
        missing = {"message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"}
        if request.method != "GET":
            return 404, missing, None
        if len(parts) == 2 and parts[0] == "users" and parts[1].lower() in self._users:
            return 200, self._users[parts[1].lower()], None
        if len(parts) == 3 and parts[0] == "users" and parts[2] == "repos" and parts[1].lower() in self._users:
            return self._repos_page(request, self._repos[parts[1].lower()])
        if len(parts) == 4 and parts[0] == "repos" and parts[3] in ("languages", "topics"):
            repo = next((r for r in self._repos.get(parts[1].lower(), []) if r.name.lower() == parts[2].lower()),
                        None)
            if repo is not None:
                return 200, (repo.languages if parts[3] == "languages" else {"names": repo.fields["topics"]}), None
        return 404, missing, None

    def _repos_page(self, request: Request, repos: list[_Repo]) -> tuple[int, Any, str | None]:
        try:
            per_page = min(max(int(request.args.get("per_page", 30)), 1), 100)
            page = max(int(request.args.get("page", 1)), 1)
        except ValueError:
            return 422, {"message": "Validation Failed"}, None
        kind = request.args.get("type", "owner")
        chosen = [r.fields for r in repos] if kind in ("owner", "all") else []  # no memberships here
        sort = request.args.get("sort", "full_name")
        key = "pushed_at" if sort == "pushed" else sort if sort in ("created", "updated") else "full_name"
        key = {"created": "created_at", "updated": "updated_at"}.get(key, key)
        default = "asc" if key == "full_name" else "desc"
        chosen.sort(key=lambda r: str(r[key]).lower(), reverse=request.args.get("direction", default) == "desc")
        last = max((len(chosen) + per_page - 1) // per_page, 1)
        items = chosen[(page - 1) * per_page: page * per_page]

        def href(number: int) -> str:
            args = {**request.args, "page": str(number)}
            return f"<{self.url}{request.path}?{urlencode(args)}>"

        rels = []
        if page < last:
            rels += [f'{href(page + 1)}; rel="next"', f'{href(last)}; rel="last"']
        if page > 1:
            rels = [f'{href(page - 1)}; rel="prev"', f'{href(1)}; rel="first"', *rels]
        return 200, items, ", ".join(rels) or None


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, content_type="application/json; charset=utf-8")
