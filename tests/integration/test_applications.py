"""The applications domain's handlers and consumer invoked with their sample events against
PostgreSQL, Redis and LocalStack: applications to catalogue jobs (through the jobs service) and to
external ones, the status machine and its refusals, the history of every change, the resume's JSON
Resume snapshot frozen when applied, owner-only reads, the duplicate 409, the figures, and the
user.deleted consumer."""

import copy
import json
import uuid
from datetime import UTC, datetime, timedelta

from tests.samples import sample
from vitae.platform import db

EXTERNAL = {"title": "Backend Engineer", "company": "Acme", "url": "https://jobs.example.com/1", "location": "Berlin"}


def _rows(query: str, *args) -> list[dict]:
    return db.connection().execute(query, args).fetchall()


def _events(user_id: str) -> list[tuple[str, dict]]:
    return [(r["event_type"], r["data"]) for r in _rows(
        "SELECT event_type, data FROM outbox WHERE user_id = %s AND event_type LIKE 'application.%%' "
        "ORDER BY created_at, id", user_id)]


def principal(user_id: str):
    from vitae.platform.auth import Principal, Role

    return Principal(user_id, None, Role.USER, datetime.now(UTC) + timedelta(hours=1))


def make_resume(user_id: str, title: str = "Backend") -> str:
    """One of the user's resumes, through the resumes service (the sample's sections)."""
    from vitae.resumes import service as resumes
    from vitae.resumes.sections import ResumeIn

    body = {**json.loads(sample("resumes/create")["body"]), "title": title}
    return str(resumes.create_resume(principal(user_id), ResumeIn.model_validate(body)).id)


def _event(name: str, user_id: str, body=None, path_id: str | None = None, query: dict | None = None,
           headers: dict | None = None) -> dict:
    event = sample(f"applications/{name}")
    event["requestContext"]["authorizer"]["lambda"]["userId"] = user_id
    if body is not None:
        event["body"] = body if isinstance(body, str) else json.dumps(body)
    if path_id is not None:
        event["pathParameters"] = {"id": path_id}
        event["rawPath"] = event["requestContext"]["http"]["path"] = (
            event["routeKey"].split(" ", 1)[1].replace("{id}", path_id))
    if query is not None:
        event["queryStringParameters"] = query
    event["headers"].update(headers or {})
    return event


FUNCTIONS = {"application_create": "CreateApplicationFunction", "job_apply": "ApplyToJobFunction",
             "application_list": "ListApplicationsFunction", "application_stats": "ApplicationStatsFunction",
             "application_get": "GetApplicationFunction", "application_update": "UpdateApplicationFunction",
             "application_delete": "DeleteApplicationFunction", "application_history": "ApplicationHistoryFunction"}


def call(devstack, name: str, user_id: str, **kwargs) -> tuple[int, dict, dict]:
    """(status, body, headers) of a handler invoked with its sample event adjusted."""
    response = devstack.invoke_in_process(FUNCTIONS[name], _event(name, user_id, **kwargs))
    body = json.loads(response["body"]) if response.get("body") else None
    return response["statusCode"], body, response["headers"]


def create(devstack, user_id: str, **body) -> dict:
    status, answer, _ = call(devstack, "application_create", user_id, body={"job": EXTERNAL, **body})
    assert status == 201, answer
    return answer


def patch(devstack, user_id: str, application_id: str, **body) -> tuple[int, dict]:
    status, answer, _ = call(devstack, "application_update", user_id, body=body, path_id=application_id)
    return status, answer


def history(devstack, user_id: str, application_id: str) -> list[dict]:
    status, body, _ = call(devstack, "application_history", user_id, path_id=application_id)
    assert status == 200, body
    return body["items"]


def test_an_external_application_is_created_saved_read_and_listed_by_its_owner_only(devstack, new_user):
    me, other = new_user(), new_user()
    created = create(devstack, me, notes="Referred by Grace", coverLetter="Dear Acme")
    assert created["status"] == "saved" and created["job"] == {**EXTERNAL, "id": None}
    assert created["appliedAt"] is None and created["resumeVersion"] is None and created["resumeId"] is None
    assert created["notes"] == "Referred by Grace" and created["coverLetter"] == "Dear Acme"
    assert created["allowedStatuses"] == ["applied", "rejected", "withdrawn"]
    stored = _rows("SELECT * FROM applications WHERE id = %s", created["id"])[0]
    assert str(stored["user_id"]) == me and stored["job_title"] == "Backend Engineer" and stored["job_id"] is None

    status, body, _ = call(devstack, "application_get", me, path_id=created["id"])
    assert status == 200 and body == created
    for name in ("application_get", "application_history", "application_delete"):
        status, body, _ = call(devstack, name, other, path_id=created["id"])
        assert status == 404 and body["message"] == f"Application with ID {created['id']} not found", name
    status, body = patch(devstack, other, created["id"], status="applied")
    assert status == 404
    assert call(devstack, "application_get", me, path_id="not-a-uuid")[0] == 404
    assert call(devstack, "application_list", other)[1]["items"] == []
    assert _rows("SELECT status FROM applications WHERE id = %s", created["id"])[0]["status"] == "saved"
    assert _events(me) == [("application.created", {"applicationId": created["id"], "jobId": None,
                                                    "status": "saved"})]


def test_the_status_machine_allows_its_transitions_only_and_lists_the_allowed_ones(devstack, new_user):
    me = new_user()
    app = create(devstack, me)
    for wanted in ("screening", "offer", "accepted", "saved"):  # not from saved
        status, body = patch(devstack, me, app["id"], status=wanted)
        assert status == 409 and body["error"] == "illegal_status_transition", body
        assert body["details"][0]["allowedStatuses"] == ["applied", "rejected", "withdrawn"]
        assert "allowed next statuses are applied, rejected, withdrawn" in body["message"]
    path = ["applied", "screening", "interviewing", "offer", "accepted"]
    for step in path:
        status, body = patch(devstack, me, app["id"], status=step)
        assert status == 200 and body["status"] == step, body
    assert body["allowedStatuses"] == []
    for wanted in ("rejected", "withdrawn", "offer"):  # accepted is final
        status, body = patch(devstack, me, app["id"], status=wanted)
        assert status == 409 and body["details"][0]["allowedStatuses"] == []
        assert "none (accepted is final)" in body["message"]
    # rejected and withdrawn from every open state, and final after
    for open_path in ([], ["applied"], ["applied", "screening"], ["applied", "screening", "interviewing"],
                      ["applied", "screening", "interviewing", "offer"]):
        for end in ("rejected", "withdrawn"):
            other = create(devstack, me)
            for step in [*open_path, end]:
                assert patch(devstack, me, other["id"], status=step)[0] == 200
            status, body = patch(devstack, me, other["id"], status="applied")
            assert status == 409 and body["details"][0]["allowedStatuses"] == []
    assert patch(devstack, me, app["id"], status="bogus")[0] == 400
    assert patch(devstack, me, app["id"], status=None)[0] == 400
    assert patch(devstack, me, app["id"], note="only a note")[0] == 400
    assert _rows("SELECT status FROM applications WHERE id = %s", app["id"])[0]["status"] == "accepted"


def test_every_change_is_in_the_history_with_its_time_and_note_and_status_changes_are_events(devstack, new_user):
    me = new_user()
    app = create(devstack, me, notes="first")
    assert patch(devstack, me, app["id"], notes="second", note="after the call")[0] == 200
    assert patch(devstack, me, app["id"], status="applied", note="sent")[0] == 200
    assert patch(devstack, me, app["id"], coverLetter="Dear team")[0] == 200
    assert patch(devstack, me, app["id"], status="screening")[0] == 200
    assert patch(devstack, me, app["id"], status="screening")[0] == 409  # not a change: refused, not recorded
    assert patch(devstack, me, app["id"], notes="second")[0] == 200  # the same value: nothing to record
    entries = history(devstack, me, app["id"])
    assert [(e["kind"], e["fromStatus"], e["toStatus"], e["fields"], e["note"]) for e in entries] == [
        ("created", None, "saved", [], None),
        ("updated", "saved", "saved", ["notes"], "after the call"),
        ("status_changed", "saved", "applied", ["status"], "sent"),
        ("updated", "applied", "applied", ["coverLetter"], None),
        ("status_changed", "applied", "screening", ["status"], None),
    ]
    times = [datetime.fromisoformat(e["at"]) for e in entries]
    assert times == sorted(times) and times[0] >= datetime.fromisoformat(app["createdAt"])
    current = call(devstack, "application_get", me, path_id=app["id"])[1]
    assert times[2] == datetime.fromisoformat(current["appliedAt"])
    assert times[4] == datetime.fromisoformat(current["respondedAt"])
    assert [(t, d.get("fromStatus"), d.get("toStatus"), d.get("note")) for t, d in _events(me)] == [
        ("application.created", None, None, None),
        ("application.status_changed", "saved", "applied", "sent"),
        ("application.status_changed", "applied", "screening", None),
    ]


def test_the_resume_version_is_frozen_when_applied_and_the_resume_only_changes_before(devstack, new_user):
    from vitae.resumes import service as resumes
    from vitae.resumes.models import ResumePatch

    me, other = new_user(), new_user()
    resume, second, theirs = make_resume(me), make_resume(me, "Second"), make_resume(other)
    status, body, _ = call(devstack, "application_create", me, body={"job": EXTERNAL, "resumeId": theirs})
    assert status == 404 and body["message"] == f"Resume with ID {theirs} not found"
    assert _rows("SELECT id FROM applications WHERE user_id = %s", me) == []

    app = create(devstack, me, resumeId=resume)
    assert app["resumeId"] == resume and app["resumeVersion"] is None  # saved: nothing sent yet
    assert patch(devstack, me, app["id"], resumeId=theirs)[0] == 404
    status, body = patch(devstack, me, app["id"], resumeId=second)
    assert status == 200 and body["resumeId"] == second
    status, body = patch(devstack, me, app["id"], status="applied")
    expected = resumes.json_resume(principal(me), second)
    assert status == 200 and body["resumeVersion"] == expected and expected["meta"]["vitae"]["title"] == "Second"
    assert expected["basics"]["name"]

    # later edits of the resume do not change what was sent
    resumes.update_resume(principal(me), second, ResumePatch(title="Renamed"))
    assert resumes.json_resume(principal(me), second)["meta"]["vitae"]["title"] == "Renamed"
    assert call(devstack, "application_get", me, path_id=app["id"])[1]["resumeVersion"] == expected
    status, body = patch(devstack, me, app["id"], resumeId=resume)
    assert status == 409 and body["error"] == "resume_already_sent"
    assert patch(devstack, me, app["id"], status="screening")[1]["resumeVersion"] == expected

    # created applied: frozen at creation, and the snapshot is not counted as a download of the resume
    from vitae.resumes import stats

    downloads = stats.totals(resume)
    applied = create(devstack, me, resumeId=resume, status="applied")
    assert applied["resumeVersion"] == resumes.json_resume(principal(me), resume) and applied["appliedAt"]
    assert stats.totals(resume) == downloads

    # a resume deleted before applying: applying says so and changes nothing
    doomed = make_resume(me, "Doomed")
    pending = create(devstack, me, resumeId=doomed)
    resumes.delete_resume(principal(me), doomed)
    status, body = patch(devstack, me, pending["id"], status="applied")
    assert status == 409 and body["error"] == "resume_missing"
    assert _rows("SELECT status FROM applications WHERE id = %s", pending["id"])[0]["status"] == "saved"
    status, body = patch(devstack, me, pending["id"], resumeId=None, status="applied")
    assert status == 200 and body["resumeId"] is None and body["resumeVersion"] is None


def test_applications_are_listed_newest_first_by_status_with_a_cursor(devstack, new_user):
    me = new_user()
    made = [create(devstack, me, job={**EXTERNAL, "title": f"Job {n}"}) for n in range(5)]
    for app in made[:3]:
        patch(devstack, me, app["id"], status="applied")
    seen, cursor = [], None
    while True:
        query = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        status, body, _ = call(devstack, "application_list", me, query=query)
        assert status == 200 and len(body["items"]) <= 2
        seen += [item["id"] for item in body["items"]]
        cursor = body["nextCursor"]
        if cursor is None:
            break
    assert seen == [a["id"] for a in reversed(made)]
    status, body, _ = call(devstack, "application_list", me, query={"status": "applied"})
    assert [i["id"] for i in body["items"]] == [a["id"] for a in reversed(made[:3])]
    assert {i["status"] for i in body["items"]} == {"applied"} and "resumeVersion" not in body["items"][0]
    assert call(devstack, "application_list", me, query={"status": "hired"})[0] == 400
    assert call(devstack, "application_list", me, query={"cursor": "garbage"})[0] == 400
    assert call(devstack, "application_list", me, query={"limit": "101"})[0] == 400


def test_invalid_bodies_are_refused_and_leave_nothing(devstack, new_user):
    me = new_user()
    for body in ({}, {"job": EXTERNAL, "jobId": str(uuid.uuid4())}, {"job": {"title": "No company"}},
                 {"job": {**EXTERNAL, "url": "javascript:alert(1)"}}, {"job": EXTERNAL, "status": "offer"},
                 {"job": EXTERNAL, "extra": 1}, {"job": {**EXTERNAL, "title": " "}}, "not json"):
        status, answer, _ = call(devstack, "application_create", me, body=body)
        assert status == 400, (body, answer)
    status, answer, _ = call(devstack, "job_apply", me, body={"job": EXTERNAL, "status": "saved"})
    assert status == 400
    assert _rows("SELECT id FROM applications WHERE user_id = %s", me) == []
    status, answer, _ = call(devstack, "application_create", str(uuid.uuid4()), body={"job": EXTERNAL})
    assert status == 404 and "register first" in answer["message"]


def test_deleting_an_application_takes_its_history_and_says_so(devstack, new_user):
    me = new_user()
    app = create(devstack, me)
    patch(devstack, me, app["id"], status="applied")
    status, body, _ = call(devstack, "application_delete", me, path_id=app["id"])
    assert status == 204 and body is None
    assert _rows("SELECT id FROM application_history WHERE application_id = %s", app["id"]) == []
    assert call(devstack, "application_get", me, path_id=app["id"])[0] == 404
    assert call(devstack, "application_delete", me, path_id=app["id"])[0] == 404
    assert _events(me)[-1] == ("application.deleted", {"applicationId": app["id"], "jobId": None,
                                                       "status": "applied"})


def test_an_idempotency_key_creates_once(devstack, new_user):
    me = new_user()
    key = {"idempotency-key": f'"{uuid.uuid4()}"'}
    first = call(devstack, "application_create", me, body={"job": EXTERNAL}, headers=key)
    second = call(devstack, "application_create", me, body={"job": EXTERNAL}, headers=key)
    assert first[0] == second[0] == 201 and first[1] == second[1]
    assert second[2]["idempotent-replayed"] == "true"
    assert len(_rows("SELECT id FROM applications WHERE user_id = %s", me)) == 1


def _at(application_id: str, applied: str | None, responded: str | None) -> None:
    """Move an application's applied and responded times (as if it had been sent and answered then)."""
    with db.transaction() as conn:
        conn.execute("UPDATE applications SET applied_at = %s, responded_at = %s WHERE id = %s",
                     (applied, responded, application_id))


def test_stats_count_by_status_and_give_the_response_rate_and_median_days(devstack, new_user):
    me, other = new_user(), new_user()
    status, body, _ = call(devstack, "application_stats", me)
    assert status == 200 and body == {"total": 0, "byStatus": dict.fromkeys(
        ["saved", "applied", "screening", "interviewing", "offer", "accepted", "rejected", "withdrawn"], 0),
        "applied": 0, "responded": 0, "responseRate": None, "medianDaysToFirstResponse": None}
    paths = {  # the statuses each application goes through after saved
        "saved": [], "applied": ["applied"], "screening": ["applied", "screening"],
        "interviewing": ["applied", "screening", "interviewing"],
        "offer": ["applied", "screening", "interviewing", "offer"],
        "rejected_after": ["applied", "rejected"], "rejected_unsent": ["rejected"],
        "withdrawn_after": ["applied", "withdrawn"],
    }
    ids = {}
    for name, steps in paths.items():
        ids[name] = create(devstack, me)["id"]
        for step in steps:
            assert patch(devstack, me, ids[name], status=step)[0] == 200
    create(devstack, other)  # someone else's counts nowhere
    # answered after 2, 4, 5 and 10 days; applied and withdrawn ones never answered
    day = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    for name, days in (("screening", 2), ("interviewing", 4), ("offer", 5), ("rejected_after", 10)):
        _at(ids[name], day.isoformat(), (day + timedelta(days=days)).isoformat())
    status, body, _ = call(devstack, "application_stats", me)
    assert body["total"] == 8
    assert body["byStatus"] == {"saved": 1, "applied": 1, "screening": 1, "interviewing": 1, "offer": 1,
                                "accepted": 0, "rejected": 2, "withdrawn": 1}
    # applied: applied, screening, interviewing, offer, rejected_after, withdrawn_after = 6;
    # responded: screening, interviewing, offer, rejected_after = 4 -> 4/6; median of 2, 4, 5, 10 = 4.5
    assert body["applied"] == 6 and body["responded"] == 4
    assert body["responseRate"] == round(4 / 6, 4) == 0.6667
    assert body["medianDaysToFirstResponse"] == 4.5
    _at(ids["offer"], day.isoformat(), (day + timedelta(hours=36)).isoformat())  # 1.5 days: median of 1.5, 2, 4, 10
    assert call(devstack, "application_stats", me)[1]["medianDaysToFirstResponse"] == 3.0


def test_the_first_response_is_screening_or_a_rejection_after_applying(devstack, new_user):
    me = new_user()
    answered = create(devstack, me)
    patch(devstack, me, answered["id"], status="applied")
    screened = patch(devstack, me, answered["id"], status="screening")[1]
    assert screened["respondedAt"] is not None
    later = patch(devstack, me, answered["id"], status="rejected")[1]
    assert later["respondedAt"] == screened["respondedAt"]  # the first answer stays the first
    unsent = create(devstack, me)
    assert patch(devstack, me, unsent["id"], status="rejected")[1]["respondedAt"] is None
    withdrawn = create(devstack, me, status="applied")
    assert patch(devstack, me, withdrawn["id"], status="withdrawn")[1]["respondedAt"] is None


def test_a_deleted_user_loses_their_applications_and_no_one_else_does(devstack, new_user):
    me, other = new_user(), new_user()
    mine = create(devstack, me)
    patch(devstack, me, mine["id"], status="applied")
    theirs = create(devstack, other)
    event = sample("applications/on_user_deleted")
    record = event["Records"][0]
    body = json.loads(record["body"])
    body["detail"].update(userId=me, eventId=str(uuid.uuid4()))
    record["body"] = json.dumps(body)
    for _ in range(2):  # redelivered: applied once, and harmless
        assert devstack.invoke_in_process("ApplicationsUserDeletedFunction", copy.deepcopy(event)) == {
            "batchItemFailures": []}
    assert _rows("SELECT id FROM applications WHERE user_id = %s", me) == []
    assert _rows("SELECT id FROM application_history WHERE application_id = %s", mine["id"]) == []
    assert [str(r["id"]) for r in _rows("SELECT id FROM applications WHERE user_id = %s", other)] == [theirs["id"]]
    consumed = _rows("SELECT count(*) AS n FROM processed_events WHERE event_id = %s AND consumer = %s",
                     body["detail"]["eventId"], "applications.forget_user")
    assert consumed[0]["n"] == 1
    # an application made after the event was first applied survives its redelivery
    again = create(devstack, me)
    assert devstack.invoke_in_process("ApplicationsUserDeletedFunction", copy.deepcopy(event)) == {
        "batchItemFailures": []}
    assert [str(r["id"]) for r in _rows("SELECT id FROM applications WHERE user_id = %s", me)] == [again["id"]]


def catalogue_job(title: str = "Data Engineer", company: str = "Globex") -> str:
    """A catalogue job, created through the jobs service by an internal service."""
    from vitae.jobs import service as jobs
    from vitae.jobs.models import JobIn
    from vitae.platform.auth import Principal, Role

    writer = Principal(str(uuid.uuid4()), None, Role.SERVICE, datetime.now(UTC) + timedelta(hours=1))
    return str(jobs.create_job(writer, JobIn(title=title, company=company, location="Lisbon",
                                              url="https://jobs.example.com/globex", skills=["Python"])).id)


def test_an_application_to_a_catalogue_job_snapshots_it_once_per_user_and_survives_its_deletion(devstack, new_user):
    from vitae.jobs import service as jobs
    from vitae.platform.auth import Principal, Role

    me, other = new_user(), new_user()
    job_id = catalogue_job()
    status, app, _ = call(devstack, "job_apply", me, body={"jobId": job_id, "notes": "seed [G]"})
    assert status == 201 and app["status"] == "applied" and app["appliedAt"] is not None
    assert app["job"] == {"id": job_id, "title": "Data Engineer", "company": "Globex",
                          "url": "https://jobs.example.com/globex", "location": "Lisbon"}
    assert [(e["kind"], e["toStatus"]) for e in history(devstack, me, app["id"])] == [("created", "applied")]
    assert _events(me) == [("application.created", {"applicationId": app["id"], "jobId": job_id,
                                                    "status": "applied"})]

    for name, body in (("application_create", {"jobId": job_id}), ("job_apply", {"jobId": job_id})):
        status, answer, _ = call(devstack, name, me, body=body)
        assert status == 409 and answer["error"] == "already_applied" and app["id"] in answer["message"], name
    assert len(_rows("SELECT id FROM applications WHERE user_id = %s", me)) == 1
    status, theirs, _ = call(devstack, "application_create", other, body={"jobId": job_id})
    assert status == 201 and theirs["status"] == "saved"  # one per user, not one per job

    unknown = str(uuid.uuid4())
    status, answer, _ = call(devstack, "application_create", me, body={"jobId": unknown})
    assert status == 404 and answer["message"] == f"Job with ID {unknown} not found"
    assert call(devstack, "job_apply", me, body={"jobId": "not-a-uuid"})[0] == 400

    writer = Principal(str(uuid.uuid4()), None, Role.SERVICE, datetime.now(UTC) + timedelta(hours=1))
    jobs.delete_job(writer, job_id)
    status, kept, _ = call(devstack, "application_get", me, path_id=app["id"])
    assert status == 200 and kept["job"] == {**app["job"], "id": None} and kept["status"] == "applied"
    assert patch(devstack, me, app["id"], status="screening")[0] == 200


def test_parallel_applications_to_one_job_create_one(devstack, new_user):
    from concurrent.futures import ThreadPoolExecutor

    me, job_id = new_user(), catalogue_job("Parallel Engineer")

    def apply(_):
        try:
            return call(devstack, "job_apply", me, body={"jobId": job_id})
        finally:
            db.close()  # each thread's own connection

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(apply, range(4)))
    assert sorted(status for status, _, _ in answers) == [201, 409, 409, 409]
    created = next(body for status, body, _ in answers if status == 201)
    assert all(body["error"] == "already_applied" and created["id"] in body["message"]
               for status, body, _ in answers if status == 409)
    assert [str(r["id"]) for r in _rows("SELECT id FROM applications WHERE user_id = %s", me)] == [created["id"]]
