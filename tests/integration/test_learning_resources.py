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


CKA = "https://training.linuxfoundation.org/certification/certified-kubernetes-administrator-cka/"


@pytest.mark.parametrize("spelling", [
    CKA.replace("training.linuxfoundation.org", "TRAINING.LinuxFoundation.org"),  # a host is case-insensitive
    CKA.replace("linuxfoundation.org/", "linuxfoundation.org:443/", 1),  # https's default port
    CKA.replace("https", "HTTPS", 1) + "#exam",  # a scheme is case-insensitive; a fragment is no other page
    CKA.replace("linuxfoundation.org/", "linuxfoundation.org:/", 1),  # an empty port
], ids=["host-case", "default-port", "scheme-case-and-fragment", "empty-port"])
def test_the_same_url_in_another_spelling_is_a_conflict_and_counts_as_saved(devstack, new_user, spelling):
    """RFC 3986 6.2.2 and 6.2.3: these are the catalogue's CKA page, already saved."""
    user = new_user()
    first = create(devstack, user, catalogueId="cka")
    status, body = call(devstack, CREATE, user, body={"skill": "k8s", "type": "course", "title": "CKA",
                                                      "url": spelling})
    assert status == 409 and body is not None, body
    assert body["error"] == "already_saved" and first["id"] in body["message"]
    assert [(str(row["id"]), row["url"]) for row in rows(user)] == [(first["id"], CKA)]


def test_a_url_is_stored_in_its_normal_spelling_with_its_path_as_written(devstack, new_user):
    user = new_user()
    made = create(devstack, user, skill="Python", type="course", title="Python",
                  url="HTTPS://Learn.EXAMPLE.org:443/Courses/Python?Level=Intro#week-2")
    assert made["url"] == "https://learn.example.org/Courses/Python?Level=Intro"
    bare = create(devstack, user, skill="Python", type="course", title="Python", url="http://Bücher.example.org:80")
    assert bare["url"] == "http://xn--bcher-kva.example.org/"
    kept = create(devstack, user, skill="Python", type="course", title="Python", url="https://learn.example.org:8443/")
    assert kept["url"] == "https://learn.example.org:8443/"  # not the default port: another address
    assert {row["url"] for row in rows(user)} == {made["url"], bare["url"], kept["url"]}


@pytest.mark.parametrize("url", [
    "https://:443/course",  # no host
    "https:///course",  # no host
    "https://learn.example.org/course\u0007",  # a control character
    "https://learn.example.org/co urse",  # a space
    "https://learn.example.org/\u202ecourse",  # a bidi control
    "https://docs.python.org@evil.example/tutorial/",  # shows docs.python.org, opens evil.example
    "https://user:secret@learn.example.org/",  # a user part with a password
    "https://learn.example.org:99999/",  # a port out of range
    "https://learn..example.org/",  # an empty label
    "https://docs.python.org\\@evil.example/",  # a backslash, which browsers read as a slash
    "mailto:someone@example.org",  # not http(s)
], ids=["no-host", "no-host-at-all", "control-character", "space", "bidi", "user-part", "password", "port",
        "empty-label", "backslash", "mailto"])
def test_a_url_without_a_host_with_controls_or_a_user_part_is_refused(devstack, new_user, url):
    user = new_user()
    status, body = call(devstack, CREATE, user, body={"skill": "Python", "type": "course", "title": "Python",
                                                      "url": url})
    assert status == 400, body
    assert body is not None and "url" in {detail["field"] for detail in body["details"]}, body
    assert rows(user) == []


@pytest.mark.parametrize(("field", "value"), [
    ("title", "\u200b\u200b"), ("title", "Python\u202e course"), ("title", "Python\u2066 course\u2069"),
    ("title", "Python\ncourse"), ("source", "\u202eevil"), ("source", "\u00ad"), ("skill", "Python\u200f"),
    ("skill", "\ufeff"),
], ids=["invisible-title", "bidi-title", "isolate-title", "line-break-title", "bidi-source", "soft-hyphen-source",
        "mark-skill", "bom-skill"])
def test_invisible_or_bidi_text_is_refused(devstack, new_user, field, value):
    user = new_user()
    body = {"skill": "Python", "type": "course", "title": "Python", "url": f"https://learn.example.org/{uuid.uuid4()}",
            field: value}
    status, answer = call(devstack, CREATE, user, body=body)
    assert status == 400, answer
    assert answer is not None and field in {detail["field"] for detail in answer["details"]}, answer
    assert rows(user) == []
    made = own(devstack, user, "Python", 1)
    status, answer = call(devstack, UPDATE, user, resource_id=made["id"], body={field: value} if field != "source"
                          else {"title": value})
    assert status == 400, answer
    assert [row["title"] for row in rows(user)] == ["Course 1"]


def test_a_title_in_a_script_that_needs_a_joiner_is_kept(devstack, new_user):
    user = new_user()
    title = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # Persian "I want", with a zero-width non-joiner
    assert own(devstack, user, "Python", 1, source="Fa\u200cBooks")["source"] == "Fa\u200cBooks"
    made = create(devstack, user, skill="Python", type="course", title=title, url="https://learn.example.org/fa")
    assert made["title"] == title and [row["title"] for row in rows(user)][-1] == title


def test_the_database_holds_only_normal_urls(devstack, new_user):
    """The table's CHECK holds what UNIQUE (user_id, url) relies on, whatever writes the row."""
    import psycopg

    user = new_user()
    conn = db.connection()
    for url in ("https://Example.org/", "https://example.org", "https://example.org:443/x", "http://example.org:80/",
                "https://example.org/x#frag"):
        with pytest.raises(psycopg.errors.CheckViolation), conn.transaction():
            conn.execute("INSERT INTO learning_resources (id, user_id, skill, resource_type, title, url) "
                         "VALUES (%s, %s, 'Python', 'course', 'Py', %s)", (uuid.uuid4(), user, url))
    assert rows(user) == []


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


def test_suggestions_mark_a_catalogue_url_saved_in_another_spelling(devstack, new_user):
    user = new_user()
    create(devstack, user, skill="Kubernetes", type="certification", title="CKA",
           url=CKA.replace("training.", "TRAINING.").replace(".org/", ".org:443/") + "#top")
    status, body = call(devstack, SUGGEST, user, query={"skill": "k8s"})
    assert status == 200 and body is not None
    assert {item["catalogueId"]: item["saved"] for item in body["items"]} \
        == {entry.id: entry.id == "cka" for entry in catalogue.suggestions("Kubernetes", limit=10)}


def test_suggestions_for_an_unknown_skill_are_empty_and_a_skill_is_required(devstack, new_user):
    user = new_user()
    status, body = call(devstack, SUGGEST, user, query={"skill": "Underwater Basket Weaving"})
    assert (status, body) == (200, {"skill": "Underwater Basket Weaving", "items": []})
    status, body = call(devstack, SUGGEST, user, query={})
    assert status == 400 and body is not None and "skill" in {d["field"] for d in body["details"]}
    status, body = call(devstack, SUGGEST, user, query={"skill": "Python", "limit": "1"})
    assert status == 200 and body is not None and len(body["items"]) == 1
