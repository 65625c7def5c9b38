"""A fake OAuth 2.0 / OIDC provider: a real HTTP server with authorize, token, userinfo (and GitHub's
/user/emails) endpoints for google, github and linkedin under /<provider>/, plus a JWKS endpoint and
RS256 token minting for an external OIDC issuer (Keycloak-like), with key rotation.

It checks what a real provider checks: client id and secret, redirect URI, single-use codes, the
PKCE verifier against the challenge given at authorization, and the access token a userinfo request
bears (`Authorization: Bearer <token>`; GitHub also takes `token <token>`): unknown, revoked or
another provider's tokens get 401. GitHub's tokens have no expiry (OAuth apps), the others expire in
an hour. `userinfo_status` makes the userinfo endpoint answer that status instead (a provider down).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

CLIENT_SECRET = "fake-client-secret"


@dataclass
class Person:
    provider_user_id: str
    email: str
    name: str
    email_verified: bool = True
    hide_email: bool = False  # GitHub: the profile shows no email, /user/emails has it
    # The profile document as the provider sends it, over what the fields above make of it: a claim
    # with another value ({"email_verified": "false"}), or left out with None ({"sub": None}).
    claims: dict[str, object] = field(default_factory=dict)


@dataclass
class Grant:
    provider: str
    person: Person
    redirect_uri: str
    challenge: str
    access_token: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    expires_in: int | None = 3600


class FakeOAuthProvider:
    def __init__(self) -> None:
        self.people: dict[str, Person] = {}  # the person who consents next, per provider
        self.deny_next = False
        self.next_access_token: str | None = None  # the token the next code is exchanged for
        self.userinfo_status: int | None = None  # answer userinfo with this status instead
        self.userinfo_requests: list[str] = []  # the Authorization headers userinfo was sent
        self._codes: dict[str, Grant] = {}
        self._tokens: dict[str, Grant] = {}
        self._keys: list[tuple[str, rsa.RSAPrivateKey]] = []
        self.rotate_key()
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self.issuer = f"{self.url}/realms/vitae"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FakeOAuthProvider:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()

    # -- configuration for Vitae ---------------------------------------------------------------

    def providers_config(self) -> str:
        return json.dumps({
            name: {"clientId": f"{name}-client", "clientSecret": CLIENT_SECRET,
                   "authorizeUrl": f"{self.url}/{name}/authorize", "tokenUrl": f"{self.url}/{name}/token",
                   "userinfoUrl": f"{self.url}/{name}/userinfo",
                   **({"emailsUrl": f"{self.url}/{name}/user/emails"} if name == "github" else {})}
            for name in ("google", "github", "linkedin")
        })

    def issue(self, provider: str, person: Person, token: str | None = None) -> str:
        """An access token of `person` at `provider`, as a sign-in would have got it."""
        grant = Grant(provider, person, "", "", **({"access_token": token} if token else {}))
        self._tokens[grant.access_token] = grant
        return grant.access_token

    def revoke(self, token: str) -> None:
        """The person revoked the app's access: the token is refused from now on."""
        self._tokens.pop(token, None)

    def reset(self) -> None:
        self.userinfo_status, self.next_access_token = None, None
        self.userinfo_requests.clear()

    # -- the external OIDC issuer --------------------------------------------------------------

    def rotate_key(self) -> str:
        """A new signing key replaces the old one in the JWKS; returns its key id."""
        kid = secrets.token_hex(8)
        self._keys = [(kid, rsa.generate_private_key(public_exponent=65537, key_size=2048))]
        return kid

    def mint(self, sub: str, issuer: str | None = None, ttl: int = 300, key=None, kid: str | None = None,
             **claims) -> str:
        current_kid, current_key = self._keys[0]
        now = int(time.time())
        body = {"iss": issuer or self.issuer, "sub": sub, "iat": now, "exp": now + ttl, "aud": "vitae", **claims}
        return jwt.encode(body, key or current_key, algorithm="RS256", headers={"kid": kid or current_kid})

    # -- HTTP ----------------------------------------------------------------------------------

    def _app(self, environ, start_response):
        request = Request(environ)
        return self._route(request)(environ, start_response)

    def _route(self, request: Request) -> Response:
        parts = request.path.strip("/").split("/")
        if request.path == "/realms/vitae/jwks":
            return _json({"keys": [self._jwk(kid, key) for kid, key in self._keys]})
        provider, action = parts[0], "/".join(parts[1:])
        if action == "authorize":
            return self._authorize(provider, request)
        if action == "token":
            return self._token(provider, request)
        if action in ("userinfo", "user/emails"):
            return self._userinfo(provider, action, request)
        return Response("not found", status=404)

    def _authorize(self, provider: str, request: Request) -> Response:
        args = request.args
        redirect_uri, state = args["redirect_uri"], args.get("state", "")
        if args.get("client_id") != f"{provider}-client" or args.get("code_challenge_method") != "S256":
            return Response("bad client or PKCE method", status=400)
        if self.deny_next:
            self.deny_next = False
            return _redirect(redirect_uri, {"error": "access_denied", "state": state})
        code = secrets.token_urlsafe(16)
        token, self.next_access_token = self.next_access_token, None
        self._codes[code] = Grant(provider, self.people[provider], redirect_uri, args["code_challenge"],
                                  **({"access_token": token} if token else {}),
                                  expires_in=None if provider == "github" else 3600)
        return _redirect(redirect_uri, {"code": code, "state": state})

    def _token(self, provider: str, request: Request) -> Response:
        form = request.form
        client_id, secret = form.get("client_id"), form.get("client_secret")
        if request.authorization:  # client_secret_basic
            client_id, secret = request.authorization.username, request.authorization.password
        grant = self._codes.pop(form.get("code", ""), None)  # codes are single use
        if grant is None or grant.provider != provider:
            return _json({"error": "invalid_grant"}, 400)
        if client_id != f"{provider}-client" or secret != CLIENT_SECRET:
            return _json({"error": "invalid_client"}, 401)
        if form.get("redirect_uri") != grant.redirect_uri:
            return _json({"error": "invalid_grant", "error_description": "redirect_uri mismatch"}, 400)
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
        if challenge != grant.challenge:
            return _json({"error": "invalid_grant", "error_description": "PKCE verification failed"}, 400)
        self._tokens[grant.access_token] = grant
        expiry = {"expires_in": grant.expires_in} if grant.expires_in else {}
        return _json({"access_token": grant.access_token, "token_type": "bearer", **expiry})

    def _userinfo(self, provider: str, action: str, request: Request) -> Response:
        authorization = request.headers.get("Authorization", "")
        self.userinfo_requests.append(authorization)
        if self.userinfo_status:
            return _json({"message": "unavailable"}, self.userinfo_status)
        scheme, _, token = authorization.partition(" ")
        grant = self._tokens.get(token)
        accepted = ("Bearer", "token") if provider == "github" else ("Bearer",)
        if scheme not in accepted or grant is None or grant.provider != provider:
            return _json({"message": "Bad credentials"}, 401,
                         {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        person = grant.person
        if provider == "github":
            if action == "user/emails":
                return _json([{"email": "old@example.com", "primary": False, "verified": True},
                              {"email": person.email, "primary": True, "verified": person.email_verified}])
            return _json(_profile(person, {"id": int(person.provider_user_id),
                                           "login": person.name.replace(" ", "").lower(), "name": person.name,
                                           "email": None if person.hide_email else person.email}))
        given, _, family = person.name.partition(" ")
        return _json(_profile(person, {"sub": person.provider_user_id, "email": person.email,
                                       "email_verified": person.email_verified, "name": person.name,
                                       "given_name": given, "family_name": family or None,
                                       "picture": f"{self.url}/{provider}/pictures/{person.provider_user_id}.jpg",
                                       "locale": {"country": "US", "language": "en"}}))

    @staticmethod
    def _jwk(kid: str, key: rsa.RSAPrivateKey) -> dict:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
        return {**jwk, "kid": kid, "use": "sig", "alg": "RS256"}


def _profile(person: Person, document: dict) -> dict:
    merged = {**document, **person.claims}
    return {key: value for key, value in merged.items() if value is not None or key not in person.claims}


def _json(body, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body), status=status, content_type="application/json", headers=headers)


def _redirect(uri: str, params: dict) -> Response:
    return Response(status=302, headers={"Location": f"{uri}?{urlencode(params)}"})
