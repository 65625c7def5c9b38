"""Fixtures for talking to the devstack gateway as different people."""

import uuid

import pytest
import requests


class Api:
    def __init__(self, base: str, token: str | None):
        self.base = base
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def __getattr__(self, method):
        def call(path, **kwargs):
            headers = {**self.headers, **kwargs.pop("headers", {})}
            return requests.request(method.upper(), f"{self.base}{path}", headers=headers, timeout=15, **kwargs)
        return call


@pytest.fixture
def as_user(gateway_url, token):
    """A signed-in person: as_user() -> (api, user_id, email), not yet registered."""
    def make(role: str = "user"):
        user_id, email = str(uuid.uuid4()), f"{uuid.uuid4().hex[:10]}@example.com"
        return Api(gateway_url, token(user_id=user_id, email=email, role=role)), user_id, email
    return make


@pytest.fixture
def registered(gateway_url, token):
    """A user registered by a service (as after a Keycloak sign-up), with an external id:
    (their own api, user body)."""
    service = Api(gateway_url, token(role="service"))

    def make(**profile):
        email, external_id = f"{uuid.uuid4().hex[:10]}@example.com", f"kc-{uuid.uuid4()}"
        response = service.post("/v1/users", json={"email": email, "keycloakId": external_id,
                                                   "profile": {"fullName": "Ada Lovelace", **profile}})
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["externalId"] == external_id
        return Api(gateway_url, token(user_id=body["id"], email=email)), body
    return make


