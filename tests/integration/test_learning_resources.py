"""Learning resources through their handlers (sample events) against PostgreSQL: saving the caller's
own resources and catalogue entries, one per url; the list filtered by skill in any spelling, by
completed and bookmarked, and paginated newest first; patches and deletes of the caller's own only;
suggestions from the curated catalogue alone, marked saved; input that cannot be stored refused with
nothing written."""

import json
import uuid
from datetime import datetime

import pytest

from tests.samples import sample
from vitae.assistant import catalogue
from vitae.platform import db

LIST, CREATE, UPDATE, DELETE, SUGGEST = ("ListLearningResourcesFunction", "CreateLearningResourceFunction",
                                         "UpdateLearningResourceFunction", "DeleteLearningResourceFunction",
                                         "LearningSuggestionsFunction")
NAMES = {LIST: "learning_resource_list", CREATE: "learning_resource_create", UPDATE: "learning_resource_update",
         DELETE: "learning_resource_delete", SUGGEST: "learning_resource_suggestions"}


def _event(function: str, user_id: str, body=None, resource_id: str | None = None, query: dict | None = None) -> dict:
    event = sample(f"assistant/{NAMES[function]}")
    event["requestContext"]["authorizer"]["lambda"]["userId"] = user_id
    if body is not None:
        event["body"] = body if isinstance(body, str) else json.dumps(body)
    if resource_id is not None:
        event["pathParameters"] = {"id": resource_id}
        event["rawPath"] = f"/v1/learning-resources/{resource_id}"
    if query is not None:
        event["queryStringParameters"] = query
    return event


def call(devstack, function: str, user_id: str, **kwargs) -> tuple[int, dict | None]:
    """(status, body) of a handler invoked with its sample event adjusted."""
    response = devstack.invoke_in_process(function, _event(function, user_id, **kwargs))
    return response["statusCode"], json.loads(response["body"]) if response.get("body") else None


def rows(user_id: str) -> list[dict]:
    return db.connection().execute("SELECT * FROM learning_resources WHERE user_id = %s ORDER BY created_at, id",
                                   (user_id,)).fetchall()


def create(devstack, user_id: str, **body) -> dict:
    status, created = call(devstack, CREATE, user_id, body=body)
    assert status == 201, created
    return created


def own(devstack, user_id: str, skill: str = "Kubernetes", n: int = 0, **extra) -> dict:
    """One of the caller's own resources, its url made unique by `n`."""
    return create(devstack, user_id, skill=skill, type="course", title=f"Course {n}",
                  url=f"https://learn.example.org/{skill.replace(' ', '-').lower()}/{n}", **extra)


def listed(devstack, user_id: str, **query) -> list[dict]:
    status, page = call(devstack, LIST, user_id, query={k: str(v).lower() if isinstance(v, bool) else str(v)
                                                        for k, v in query.items()})
    assert status == 200, page
    assert page is not None
    return page["items"]


# -- creating ---------------------------------------------------------------------------------------


def test_the_callers_own_resource_is_saved_with_its_skill_as_the_vocabulary_names_it(devstack, new_user):
    user = new_user()
    status, body = call(devstack, CREATE, user, body={
        "skill": "k8s", "type": "tutorial", "title": "  Kubernetes the Hard Way  ",
        "url": "https://github.com/kelseyhightower/kubernetes-the-hard-way", "source": "Kelsey Hightower",
        "bookmarked": True})
    assert status == 201, body
    assert body is not None
    assert {k: body[k] for k in ("skill", "type", "title", "url", "source", "catalogueId", "completed", "bookmarked")} \
        == {"skill": "Kubernetes", "type": "tutorial", "title": "Kubernetes the Hard Way",
            "url": "https://github.com/kelseyhightower/kubernetes-the-hard-way", "source": "Kelsey Hightower",
            "catalogueId": None, "completed": False, "bookmarked": True}
    [row] = rows(user)
    assert (str(row["id"]), row["skill"], row["resource_type"], row["catalogue_id"], row["bookmarked"]) \
        == (body["id"], "Kubernetes", "tutorial", None, True)


def test_a_skill_the_vocabulary_does_not_know_is_kept_as_written(devstack, new_user):
    user = new_user()
    assert own(devstack, user, skill="Underwater   Basket Weaving")["skill"] == "Underwater Basket Weaving"


def test_a_catalogue_entry_is_copied_with_its_id(devstack, new_user):
    user = new_user()
    entry = catalogue.by_id("ccrn-aacn-exam")
    assert entry is not None
    body = create(devstack, user, catalogueId=entry.id, completed=True)
    assert {k: body[k] for k in ("skill", "type", "title", "url", "source", "catalogueId", "completed", "bookmarked")} \
        == {"skill": entry.skill, "type": entry.type, "title": entry.title, "url": entry.url, "source": entry.source,
            "catalogueId": entry.id, "completed": True, "bookmarked": False}
    assert [row["catalogue_id"] for row in rows(user)] == [entry.id]


def test_the_same_url_twice_is_a_conflict_whatever_the_form(devstack, new_user):
    user, other = new_user(), new_user()
    first = create(devstack, user, catalogueId="python-tutorial")
    status, body = call(devstack, CREATE, user, body={"skill": "Python", "type": "documentation", "title": "Again",
                                                      "url": "https://docs.python.org/3/tutorial/"})
    assert status == 409 and body is not None
    assert body["error"] == "already_saved" and first["id"] in body["message"]
    status, body = call(devstack, CREATE, user, body={"catalogueId": "python-tutorial"})
    assert status == 409
    assert [str(row["id"]) for row in rows(user)] == [first["id"]]
    create(devstack, other, catalogueId="python-tutorial")  # another user's list is their own


def test_a_caller_without_a_user_record_is_told_to_register(devstack):
    stranger = str(uuid.uuid4())
    status, body = call(devstack, CREATE, stranger, body={"catalogueId": "python-tutorial"})
    assert status == 404 and body is not None and "register first" in body["message"]
    assert rows(stranger) == []


@pytest.mark.parametrize(("body", "field"), [
    ({"skill": "Python", "type": "course", "title": "T", "url": "javascript:alert(document.cookie)"}, "url"),
    ({"skill": "Python", "type": "course", "title": "T", "url": "not a url"}, "url"),
    ({"skill": "Python", "type": "course", "title": "T", "url": "https://example.org/" + "x" * 2000}, "url"),
    ({"skill": "Python", "type": "podcast", "title": "T", "url": "https://example.org/p"}, "type"),
    ({"skill": "Python", "type": "course", "title": None, "url": "https://example.org/p"}, None),
    ({"skill": "Python", "type": "course", "title": "T", "url": "https://example.org/p", "completed": None},
     "completed"),
    ({"skill": "Python", "type": "course", "title": "T", "url": "https://example.org/p", "rating": 5}, "rating"),
    ({"catalogueId": "no-such-entry"}, "catalogueId"),
    ({"catalogueId": "python-tutorial", "title": "Mine"}, None),
    ({}, None),
])
def test_input_that_cannot_be_stored_is_refused_and_nothing_is_written(devstack, new_user, body, field):
    user = new_user()
    status, answer = call(devstack, CREATE, user, body=body)
    assert status == 400, answer
    assert answer is not None
    if field is not None:
        assert field in {detail["field"] for detail in answer["details"]}, answer
    assert rows(user) == []


# -- listing ----------------------------------------------------------------------------------------


def test_the_list_is_the_callers_newest_first_and_filtered(devstack, new_user):
    user, other = new_user(), new_user()
    k8s = own(devstack, user, "Kubernetes", 1)
    icu = create(devstack, user, catalogueId="deranged-physiology", bookmarked=True)
    weaving = own(devstack, user, "Underwater Basket Weaving", 2, completed=True, bookmarked=True)
    own(devstack, other, "Kubernetes", 1)
    ids = lambda items: [item["id"] for item in items]  # noqa: E731
    assert ids(listed(devstack, user)) == [weaving["id"], icu["id"], k8s["id"]]
    assert ids(listed(devstack, user, skill="k8s")) == [k8s["id"]]
    assert ids(listed(devstack, user, skill="KUBERNETES")) == [k8s["id"]]
    assert ids(listed(devstack, user, skill="ICU")) == [icu["id"]]
    assert ids(listed(devstack, user, skill="underwater basket   weaving")) == [weaving["id"]]
    assert ids(listed(devstack, user, skill="Python")) == []
    assert ids(listed(devstack, user, bookmarked=True)) == [weaving["id"], icu["id"]]
    assert ids(listed(devstack, user, bookmarked=False)) == [k8s["id"]]
    assert ids(listed(devstack, user, completed=True)) == [weaving["id"]]
    assert ids(listed(devstack, user, completed=False, bookmarked=True)) == [icu["id"]]
    assert ids(listed(devstack, user, completed=True, skill="k8s")) == []


def test_the_list_pages_with_a_cursor(devstack, new_user):
    user = new_user()
    made = [own(devstack, user, "Python", n)["id"] for n in range(5)]
    seen, cursor, pages = [], None, 0
    while True:
        query = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        status, page = call(devstack, LIST, user, query=query)
        assert status == 200 and page is not None
        seen += [item["id"] for item in page["items"]]
        pages += 1
        cursor = page["nextCursor"]
        if cursor is None:
            break
    assert (seen, pages) == (made[::-1], 3)
    status, _ = call(devstack, LIST, user, query={"cursor": "not-a-cursor"})
    assert status == 400
    status, _ = call(devstack, LIST, user, query={"limit": "0"})
    assert status == 400


# -- changing and deleting --------------------------------------------------------------------------


def test_a_patch_changes_what_it_names_and_nothing_else(devstack, new_user):
    user = new_user()
    made = own(devstack, user, "Python", 1)
    status, body = call(devstack, UPDATE, user, resource_id=made["id"],
                        body={"completed": True, "skill": "postgres", "type": "video", "title": "Renamed"})
    assert status == 200 and body is not None
    assert {k: body[k] for k in ("skill", "type", "title", "completed", "bookmarked", "url")} \
        == {"skill": "PostgreSQL", "type": "video", "title": "Renamed", "completed": True, "bookmarked": False,
            "url": made["url"]}
    assert datetime.fromisoformat(body["updatedAt"]) > datetime.fromisoformat(made["updatedAt"])
    [row] = rows(user)
    assert (row["skill"], row["resource_type"], row["title"], row["completed"]) == ("PostgreSQL", "video", "Renamed",
                                                                                      True)
    status, again = call(devstack, UPDATE, user, resource_id=made["id"], body={"completed": True})
    assert status == 200 and again is not None and again["updatedAt"] == body["updatedAt"]  # nothing differed


@pytest.mark.parametrize("body", [{}, {"completed": None}, {"title": None}, {"type": "podcast"},
                                  {"url": "https://example.org/moved"}, "not json"])
def test_a_patch_that_changes_nothing_storable_is_refused(devstack, new_user, body):
    user = new_user()
    made = own(devstack, user, "Python", 1)
    status, _ = call(devstack, UPDATE, user, resource_id=made["id"], body=body)
    assert status in (400, 415)
    [row] = rows(user)
    assert (row["title"], row["completed"], row["resource_type"]) == ("Course 1", False, "course")


def test_another_users_resource_can_be_neither_patched_nor_deleted(devstack, new_user):
    owner, intruder = new_user(), new_user()
    made = own(devstack, owner, "Python", 1)
    status, body = call(devstack, UPDATE, intruder, resource_id=made["id"], body={"completed": True})
    assert status == 404 and body is not None and made["id"] in body["message"]
    status, _ = call(devstack, DELETE, intruder, resource_id=made["id"])
    assert status == 404
    [row] = rows(owner)
    assert row["completed"] is False
    for function, kwargs in ((UPDATE, {"body": {"completed": True}}), (DELETE, {})):
        status, _ = call(devstack, function, owner, resource_id="not-a-uuid", **kwargs)
        assert status == 404


def test_a_delete_removes_the_resource_once(devstack, new_user):
    user = new_user()
    kept, gone = own(devstack, user, "Python", 1), own(devstack, user, "Python", 2)
    status, body = call(devstack, DELETE, user, resource_id=gone["id"])
    assert (status, body) == (204, None)
    assert [str(row["id"]) for row in rows(user)] == [kept["id"]]
    status, _ = call(devstack, DELETE, user, resource_id=gone["id"])
    assert status == 404


# -- suggestions ------------------------------------------------------------------------------------


def test_suggestions_come_from_the_catalogue_and_say_what_is_saved(devstack, new_user):
    user = new_user()
    create(devstack, user, catalogueId="kubernetes-basics")
    own(devstack, user, "Kubernetes", 1)  # the caller's own url is no suggestion
    status, body = call(devstack, SUGGEST, user, query={"skill": "k8s", "limit": "50"})
    assert status == 200 and body is not None
    assert body["skill"] == "Kubernetes"
    expected = catalogue.suggestions("Kubernetes", limit=50)
    assert [item["catalogueId"] for item in body["items"]] == [entry.id for entry in expected]
    assert {item["url"] for item in body["items"]} <= catalogue.urls()
    assert {item["catalogueId"]: item["saved"] for item in body["items"]} \
        == {entry.id: entry.id == "kubernetes-basics" for entry in expected}
    first = body["items"][0]
    assert set(first) == {"catalogueId", "skill", "type", "title", "url", "source", "free", "saved"}
    status, icu = call(devstack, SUGGEST, user, query={"skill": "ICU"})
    assert status == 200 and icu is not None
    assert icu["skill"] == "Critical Care" and "deranged-physiology" in [i["catalogueId"] for i in icu["items"]]
    assert all(not item["saved"] for item in icu["items"])


def test_suggestions_for_an_unknown_skill_are_empty_and_a_skill_is_required(devstack, new_user):
    user = new_user()
    status, body = call(devstack, SUGGEST, user, query={"skill": "Underwater Basket Weaving"})
    assert (status, body) == (200, {"skill": "Underwater Basket Weaving", "items": []})
    status, body = call(devstack, SUGGEST, user, query={})
    assert status == 400 and body is not None and "skill" in {d["field"] for d in body["details"]}
    status, body = call(devstack, SUGGEST, user, query={"skill": "Python", "limit": "1"})
    assert status == 200 and body is not None and len(body["items"]) == 1
