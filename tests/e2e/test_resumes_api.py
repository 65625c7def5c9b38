"""Resumes and preferences over real HTTP through the devstack gateway, against PostgreSQL and Redis."""

import copy
import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

SAMPLE = json.loads(json.loads((Path(__file__).parents[2] / "events/resumes/create.json").read_text())["body"])


@pytest.fixture
def owner(registered):
    api, user = registered()
    return api, user


def _create(api, **changes) -> dict:
    response = api.post("/v1/resumes", json={**copy.deepcopy(SAMPLE), **changes})
    assert response.status_code == 201, response.text
    return response.json()


def _outbox(user_id: str, event_type: str) -> list[dict]:
    from vitae.platform import db

    return [r["data"] for r in db.connection().execute(
        "SELECT data FROM outbox WHERE user_id = %s AND event_type = %s ORDER BY created_at", (user_id, event_type))]


def _defaults(user_id: str) -> list[str]:
    from vitae.platform import db

    return [str(r["id"]) for r in db.connection().execute(
        "SELECT id FROM resumes WHERE user_id = %s AND is_default", (user_id,))]


# -- documents ------------------------------------------------------------------------------------


def test_create_stores_typed_sections_in_order_and_the_first_resume_is_default(owner):
    api, user = owner
    resume = _create(api)
    assert resume["title"] == "Backend engineer" and resume["template"] == "modern"
    assert resume["isDefault"] is True and resume["isPublic"] is False
    assert [(s["type"], s["title"], s["position"], s["visible"]) for s in resume["sections"]] == [
        ("summary", "Summary", 0, True), ("experience", "Experience", 1, True),
        ("education", "Education", 2, True), ("skills", "Skills", 3, True)]
    experience = resume["sections"][1]["items"][0]
    assert experience == {"company": "Vitae", "position": "Founding engineer", "startDate": "2024-03",
                          "highlights": ["Built the platform layer", "Cut cold starts by half"]}
    assert api.get(f"/v1/resumes/{resume['id']}").json() == resume
    assert _outbox(user["id"], "resume.created") == [{"resumeId": resume["id"], "title": "Backend engineer"}]
    second = _create(api, title="Second")
    assert second["isDefault"] is False


@pytest.mark.parametrize("sections, field", [
    ([{"type": "experience", "items": [{"company": "A"}]}], "sections[0].items[0].position"),
    ([{"type": "experience", "items": [{"company": "A", "position": "B", "startDate": "2021-05", "endDate": "2020"}]}],
     "sections[0].items[0]"),
    ([{"type": "education", "items": [{"institution": "U", "startDate": "1850"}]}],
     "sections[0].items[0].startDate"),
    ([{"type": "education", "items": [{"institution": "U", "startDate": "2019-02-31"}]}],
     "sections[0].items[0].startDate"),
    ([{"type": "certifications", "items": [{"name": "C", "date": "2023-13"}]}], "sections[0].items[0].date"),
    ([{"type": "skills", "items": [{"company": "not a skill"}]}], "sections[0].items[0].name"),
    ([{"type": "hobbies", "items": []}], "sections[0]"),
    ([{"type": "projects", "items": [{"name": "P", "url": "not a url"}]}], "sections[0].items[0].url"),
])
def test_items_are_validated_per_section_type(owner, sections, field):
    api, _user = owner
    response = api.post("/v1/resumes", json={"title": "Bad", "sections": sections})
    assert response.status_code == 400
    assert field in {d["field"] for d in response.json()["details"]}
    assert api.get("/v1/resumes").json()["items"] == []


def test_list_is_paginated_newest_first(owner):
    api, _ = owner
    ids = [_create(api, title=f"Resume {n}")["id"] for n in range(5)]
    first = api.get("/v1/resumes", params={"limit": 2}).json()
    second = api.get("/v1/resumes", params={"limit": 2, "cursor": first["nextCursor"]}).json()
    third = api.get("/v1/resumes", params={"limit": 2, "cursor": second["nextCursor"]}).json()
    listed = [r["id"] for page in (first, second, third) for r in page["items"]]
    assert listed == list(reversed(ids))
    assert third["nextCursor"] is None
    assert first["items"][0]["sectionCount"] == 4
    assert api.get("/v1/resumes", params={"limit": 101}).status_code == 400
    assert api.get("/v1/resumes", params={"cursor": "garbage!"}).status_code == 400


def test_put_replaces_the_document_keeping_the_ids_it_is_given(owner):
    api, user = owner
    resume = _create(api)
    summary, experience = resume["sections"][0], resume["sections"][1]
    body = {"title": "Staff engineer", "template": "classic", "language": "en-GB", "sections": [
        {"id": experience["id"], "type": "experience", "title": "Work", "items": experience["items"]},
        {"type": "languages", "items": [{"language": "French", "fluency": "Professional"}]},
    ]}
    updated = api.put(f"/v1/resumes/{resume['id']}", json=body).json()
    assert (updated["title"], updated["template"], updated["language"]) == ("Staff engineer", "classic", "en-GB")
    assert [(s["type"], s["title"]) for s in updated["sections"]] == [
        ("experience", "Work"), ("languages", "Languages")]
    assert updated["sections"][0]["id"] == experience["id"]
    assert summary["id"] not in {s["id"] for s in updated["sections"]}
    assert _outbox(user["id"], "resume.updated") == [{"resumeId": resume["id"]}]


def test_put_refuses_section_ids_of_another_resume(owner, registered):
    api, _ = owner
    other_api, _ = registered()
    theirs = _create(other_api)
    mine = _create(api)
    stolen = theirs["sections"][0]
    response = api.put(f"/v1/resumes/{mine['id']}", json={
        "title": "Mine", "sections": [{"id": stolen["id"], "type": "summary", "items": [{"text": "hijacked"}]}]})
    assert response.status_code == 400
    assert other_api.get(f"/v1/resumes/{theirs['id']}").json()["sections"][0] == stolen


def test_other_users_resumes_are_404_for_every_operation(owner, registered):
    api, _ = owner
    intruder, _ = registered()
    resume = _create(api)
    rid = resume["id"]
    section = resume["sections"][0]["id"]
    for response in (intruder.get(f"/v1/resumes/{rid}"), intruder.put(f"/v1/resumes/{rid}", json=SAMPLE),
                     intruder.delete(f"/v1/resumes/{rid}"), intruder.patch(f"/v1/resumes/{rid}/default"),
                     intruder.post(f"/v1/resumes/{rid}/copy"),
                     intruder.patch(f"/v1/resumes/{rid}/sections/order", json={"sectionIds": [section]}),
                     intruder.patch(f"/v1/resumes/{rid}/sections/visibility",
                                    json={"sections": [{"id": section, "visible": False}]})):
        assert (response.status_code, response.json()["message"]) == (404, f"Resume with ID {rid} not found")
    assert intruder.get("/v1/resumes").json()["items"] == []
    assert api.get(f"/v1/resumes/{rid}").json() == resume
    assert api.get("/v1/resumes/not-a-uuid").status_code == 404


def test_deleting_the_default_hands_the_flag_to_the_newest_remaining(owner):
    api, user = owner
    first, second = _create(api), _create(api, title="Second")
    assert api.delete(f"/v1/resumes/{first['id']}").status_code == 204
    assert api.get(f"/v1/resumes/{first['id']}").status_code == 404
    assert _defaults(user["id"]) == [second["id"]]
    assert _outbox(user["id"], "resume.deleted") == [{"resumeId": first["id"]}]


# -- default, copy, sections ----------------------------------------------------------------------


def test_parallel_default_changes_leave_exactly_one_default(owner):
    api, user = owner
    resumes = [_create(api, title=f"R{n}")["id"] for n in range(6)]
    for _ in range(3):
        with ThreadPoolExecutor(max_workers=6) as pool:
            statuses = list(pool.map(lambda rid: api.patch(f"/v1/resumes/{rid}/default").status_code, resumes))
        assert statuses == [200] * 6
        defaults = _defaults(user["id"])
        assert len(defaults) == 1 and defaults[0] in resumes


def test_copy_is_deep_and_not_default(owner):
    api, _user = owner
    original = _create(api)
    copied = api.post(f"/v1/resumes/{original['id']}/copy")
    assert copied.status_code == 201
    body = copied.json()
    assert body["title"] == "Copy of Backend engineer" and body["isDefault"] is False
    assert [(s["type"], s["items"]) for s in body["sections"]] == [
        (s["type"], s["items"]) for s in original["sections"]]
    assert not {s["id"] for s in body["sections"]} & {s["id"] for s in original["sections"]}
    api.put(f"/v1/resumes/{body['id']}", json={"title": "Changed copy", "sections": []})
    assert api.get(f"/v1/resumes/{original['id']}").json()["sections"] == original["sections"]


def test_section_order_must_name_every_section_exactly_once(owner):
    api, _ = owner
    resume = _create(api)
    ids = [s["id"] for s in resume["sections"]]
    reordered = api.patch(f"/v1/resumes/{resume['id']}/sections/order", json={"sectionIds": list(reversed(ids))})
    assert reordered.status_code == 200
    assert [s["id"] for s in reordered.json()["sections"]] == list(reversed(ids))
    assert [s["position"] for s in reordered.json()["sections"]] == [0, 1, 2, 3]
    for bad in (ids[:3], [*ids, ids[0]], [*ids[:3], str(uuid.uuid4())], [ids[0]] * 4):
        response = api.patch(f"/v1/resumes/{resume['id']}/sections/order", json={"sectionIds": bad})
        assert response.status_code == 400, bad
    assert [s["id"] for s in api.get(f"/v1/resumes/{resume['id']}").json()["sections"]] == list(reversed(ids))


def test_section_visibility(owner):
    api, _ = owner
    resume = _create(api)
    summary, skills = resume["sections"][0]["id"], resume["sections"][3]["id"]
    changed = api.patch(f"/v1/resumes/{resume['id']}/sections/visibility",
                        json={"sections": [{"id": summary, "visible": False}, {"id": skills, "visible": False}]})
    assert changed.status_code == 200
    assert [s["visible"] for s in changed.json()["sections"]] == [False, True, True, False]
    unknown = api.patch(f"/v1/resumes/{resume['id']}/sections/visibility",
                        json={"sections": [{"id": str(uuid.uuid4()), "visible": True}]})
    assert unknown.status_code == 400


def test_a_token_without_a_registered_user_is_told_to_register(as_user):
    api, _, _ = as_user()
    response = api.post("/v1/resumes", json=SAMPLE)
    assert response.status_code == 404
    assert "register first" in response.json()["message"]


# -- preferences ------------------------------------------------------------------------------------


def test_preferences_default_save_merge_cache_and_delete(owner):
    from vitae.platform import cache

    api, user = owner
    defaults = api.get("/v1/user-preferences").json()
    assert defaults == {"theme": "system", "language": "en", "timezone": "UTC", "defaultTemplate": "classic",
                        "notifications": {"email": True, "push": False, "weeklyDigest": True},
                        "jobSearch": {"locations": [], "remote": None, "jobTypes": []}}
    saved = api.post("/v1/user-preferences", json={"theme": "dark", "timezone": "Europe/Paris"}).json()
    assert (saved["theme"], saved["timezone"], saved["language"]) == ("dark", "Europe/Paris", "en")
    key = cache.key("preferences", user["id"])
    assert api.get("/v1/user-preferences").json() == saved
    assert json.loads(cache.client().get(key))["theme"] == "dark"  # cached after the read
    assert 3500 < cache.client().ttl(key) <= 3600
    merged = api.post("/v1/user-preferences", json={"notifications": {"email": False}}).json()
    assert merged["theme"] == "dark" and merged["notifications"]["email"] is False
    assert cache.client().get(key) is None  # the write invalidated the cache
    assert api.get("/v1/user-preferences").json() == merged
    assert api.post("/v1/user-preferences", json={"timezone": "Mars/Olympus_Mons"}).status_code == 400
    assert api.post("/v1/user-preferences", json={"theme": "neon"}).status_code == 400
    job_search = api.post("/v1/user-preferences", json={"jobSearch": {
        "locations": ["Lisbon", "Porto", "Lisbon"], "remote": True, "jobTypes": ["contract"]}}).json()
    assert job_search["jobSearch"] == {"locations": ["Lisbon", "Porto"], "remote": True, "jobTypes": ["contract"]}
    assert job_search["theme"] == "dark" and api.get("/v1/user-preferences").json() == job_search
    refused = api.post("/v1/user-preferences", json={"jobSearch": {"jobTypes": ["gig"], "locations": [""]}})
    assert refused.status_code == 400
    assert {d["field"] for d in refused.json()["details"]} == {"jobSearch.jobTypes[0]", "jobSearch.locations[0]"}
    assert api.delete("/v1/user-preferences").status_code == 204
    assert api.get("/v1/user-preferences").json() == defaults
    assert api.delete("/v1/user-preferences").status_code == 404
