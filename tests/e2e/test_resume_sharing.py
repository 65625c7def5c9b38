"""Public resumes, share links and view statistics over real HTTP."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import requests

from tests.e2e.conftest import Api
from tests.e2e.test_resumes_api import _create


@pytest.fixture
def owner(registered):
    api, user = registered()
    username = f"u{uuid.uuid4().hex[:10]}"
    assert api.patch(f"/v1/users/{user['id']}", json={"username": username}).status_code == 200
    return api, {**user, "username": username}


def _anonymous(gateway_url: str) -> Api:
    return Api(gateway_url, None)


def _statistics(api: Api, resume_id: str) -> dict:
    return api.get(f"/v1/resumes/{resume_id}/statistics").json()


def test_public_resume_shows_visible_sections_only_and_counts_other_peoples_views(owner, gateway_url, registered):
    api, user = owner
    resume = _create(api, isPublic=True)
    hidden = resume["sections"][3]["id"]
    api.patch(f"/v1/resumes/{resume['id']}/sections/visibility", json={"sections": [{"id": hidden, "visible": False}]})
    page = _anonymous(gateway_url).get(f"/v1/public/resumes/{user['username'].upper()}")
    assert page.status_code == 200
    body = page.json()
    assert [s["type"] for s in body["sections"]] == ["summary", "experience", "education"]
    assert body["owner"] == {"fullName": "Ada Lovelace", "username": user["username"]}
    assert "id" not in body and all("id" not in s for s in body["sections"])
    assert "isDefault" not in body and "isPublic" not in body
    api.get(f"/v1/public/resumes/{user['username']}")  # the owner, signed in: not counted
    other, _ = registered()
    other.get(f"/v1/public/resumes/{user['username']}")
    assert _statistics(api, resume["id"]) == {"views": 2, "downloads": 0, "shareViews": 0}


def test_private_or_missing_public_resumes_are_404(owner, gateway_url):
    api, user = owner
    resume = _create(api)  # not public
    anonymous = _anonymous(gateway_url)
    assert anonymous.get(f"/v1/public/resumes/{user['username']}").status_code == 404
    assert anonymous.get("/v1/public/resumes/nobody-has-this-name").status_code == 404
    api.put(f"/v1/resumes/{resume['id']}", json={"title": "Now public", "isPublic": True, "sections": []})
    assert anonymous.get(f"/v1/public/resumes/{user['username']}").json()["title"] == "Now public"


def test_username_changes_reach_the_public_page_despite_the_cache(owner, gateway_url):
    from vitae.platform import cache

    api, user = owner
    _create(api, isPublic=True)
    anonymous = _anonymous(gateway_url)
    assert anonymous.get(f"/v1/public/resumes/{user['username']}").status_code == 200
    key = cache.key("user-id-by-username", user["username"])
    assert 7000 < cache.client().ttl(key) <= 7200  # cached for two hours
    renamed = f"r{uuid.uuid4().hex[:10]}"
    api.patch(f"/v1/users/{user['id']}", json={"username": renamed})
    assert cache.client().get(key) is None
    assert anonymous.get(f"/v1/public/resumes/{user['username']}").status_code == 404
    assert anonymous.get(f"/v1/public/resumes/{renamed}").status_code == 200


def test_share_links_views_expiry_revocation(owner, gateway_url):
    from vitae.platform import db

    api, _user = owner
    resume = _create(api)
    created = api.post(f"/v1/resumes/{resume['id']}/shares", json={})
    assert created.status_code == 201
    share = created.json()
    assert len(share["token"]) >= 43 and share["url"].endswith(f"/v1/public/shares/{share['token']}")
    stored = db.connection().execute("SELECT token_hash FROM resume_shares WHERE id = %s", (share["id"],)).fetchone()
    assert share["token"].encode() not in bytes(stored["token_hash"])
    anonymous = _anonymous(gateway_url)
    for _ in range(3):
        viewed = requests.get(share["url"], timeout=10)
        assert viewed.status_code == 200 and viewed.json()["title"] == resume["title"]
    listed = api.get(f"/v1/resumes/{resume['id']}/shares").json()["items"]
    assert [(s["id"], s["viewCount"], s["revoked"]) for s in listed] == [(share["id"], 3, False)]
    assert listed[0]["lastViewedAt"] is not None and "token" not in listed[0]
    assert api.delete(f"/v1/resumes/{resume['id']}/shares/{share['id']}").status_code == 204
    assert anonymous.get(f"/v1/public/shares/{share['token']}").status_code == 404
    assert api.get(f"/v1/resumes/{resume['id']}/shares").json()["items"][0]["revoked"] is True
    assert anonymous.get("/v1/public/shares/not-a-real-token").status_code == 404
    soon = api.post(f"/v1/resumes/{resume['id']}/shares",
                    json={"expiresAt": (datetime.now(UTC) + timedelta(hours=1)).isoformat()}).json()
    assert anonymous.get(f"/v1/public/shares/{soon['token']}").status_code == 200
    with db.transaction() as conn:  # an hour later
        conn.execute("UPDATE resume_shares SET expires_at = now() - interval '1 second' WHERE id = %s", (soon["id"],))
    assert anonymous.get(f"/v1/public/shares/{soon['token']}").status_code == 404
    past = api.post(f"/v1/resumes/{resume['id']}/shares", json={"expiresAt": "2020-01-01T00:00:00Z"})
    assert past.status_code == 400
    assert _statistics(api, resume["id"]) == {"views": 4, "downloads": 0, "shareViews": 4}


def test_password_protected_links(owner, gateway_url):
    from vitae.platform import db

    api, _ = owner
    resume = _create(api)
    share = api.post(f"/v1/resumes/{resume['id']}/shares", json={"password": "correct horse"}).json()
    assert share["passwordProtected"] is True
    stored = db.connection().execute("SELECT password_hash FROM resume_shares WHERE id = %s", (share["id"],)).fetchone()
    assert stored["password_hash"].startswith("$argon2")
    anonymous = _anonymous(gateway_url)
    needed = anonymous.get(f"/v1/public/shares/{share['token']}")
    assert (needed.status_code, needed.json()["error"]) == (401, "password_required")
    wrong = anonymous.get(f"/v1/public/shares/{share['token']}", headers={"X-Share-Password": "wrong horse"})
    assert (wrong.status_code, wrong.json()["error"]) == (401, "wrong_password")
    right = anonymous.get(f"/v1/public/shares/{share['token']}", headers={"X-Share-Password": "correct horse"})
    assert right.status_code == 200
    assert api.get(f"/v1/resumes/{resume['id']}/shares").json()["items"][0]["viewCount"] == 1


def test_other_users_cannot_share_list_or_revoke(owner, registered):
    api, _ = owner
    intruder, _ = registered()
    resume = _create(api)
    share = api.post(f"/v1/resumes/{resume['id']}/shares", json={}).json()
    assert intruder.post(f"/v1/resumes/{resume['id']}/shares", json={}).status_code == 404
    assert intruder.get(f"/v1/resumes/{resume['id']}/shares").status_code == 404
    assert intruder.delete(f"/v1/resumes/{resume['id']}/shares/{share['id']}").status_code == 404
    assert intruder.get(f"/v1/resumes/{resume['id']}/statistics").status_code == 404
    assert api.get(f"/v1/resumes/{resume['id']}/shares").json()["items"][0]["revoked"] is False


def test_the_flush_moves_counts_to_postgres_without_changing_totals(owner, gateway_url, devstack):
    from vitae.platform import db

    api, user = owner
    resume = _create(api, isPublic=True)
    for _ in range(5):
        _anonymous(gateway_url).get(f"/v1/public/resumes/{user['username']}")
    before = _statistics(api, resume["id"])
    assert before["views"] == 5
    result = devstack.runtime.invoke("ResumeStatsFlushFunction", {"detail-type": "Scheduled Event"})
    assert result["flushed"] >= 1
    row = db.connection().execute("SELECT views FROM resume_statistics WHERE resume_id = %s",
                                  (resume["id"],)).fetchone()
    assert row["views"] == 5
    assert _statistics(api, resume["id"]) == before
