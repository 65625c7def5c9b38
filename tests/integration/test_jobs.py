"""The jobs domain's handlers and import worker invoked with their sample events against PostgreSQL,
Redis and LocalStack: the catalogue written by admins and services only, validation naming fields,
(source, externalId) as the key of a job (409 for a second one, upserted by imports), JSON and
JSON Lines imports with their refusals, events in the outbox, and the search's relevance, filters,
highlights and pages. Each search test owns its jobs by a location no other test uses."""

import copy
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tests.samples import sample
from vitae.platform import db, storage
from vitae.platform.config import settings

ADMIN = "admin"


def _rows(query: str, *args) -> list[dict]:
    return db.connection().execute(query, args).fetchall()


def _events(job_ids: list[str]) -> list[tuple[str, str]]:
    return [(r["event_type"], r["data"]["jobId"]) for r in _rows(
        "SELECT event_type, data FROM outbox WHERE event_type LIKE 'job.%%' AND data->>'jobId' = ANY(%s) "
        "ORDER BY created_at, id", job_ids)]


def _event(name: str, role: str, body=None, path_id: str | None = None, query: dict | None = None) -> dict:
    event = sample(f"jobs/{name}")
    event["requestContext"]["authorizer"]["lambda"].update(userId=str(uuid.uuid4()), role=role)
    if body is not None:
        event["body"] = body if isinstance(body, str) else json.dumps(body)
    if path_id is not None:
        event["pathParameters"] = {"id": path_id}
        event["rawPath"] = f"/v1/jobs/{path_id}"
    if query is not None:
        event["queryStringParameters"] = query
    return event


FUNCTIONS = {"job_create": "CreateJobFunction", "job_get": "GetJobFunction", "job_update": "UpdateJobFunction",
             "job_delete": "DeleteJobFunction", "job_import": "ImportJobsFunction", "job_search": "SearchJobsFunction"}


def call(devstack, name: str, role: str = "user", **kwargs) -> tuple[int, dict | None]:
    """(status, body) of a handler invoked with its sample event adjusted."""
    response = devstack.invoke_in_process(FUNCTIONS[name], _event(name, role, **kwargs))
    return response["statusCode"], json.loads(response["body"]) if response.get("body") else None


def job(**fields) -> dict:
    """A valid job, as the API takes it, with a fresh (source, externalId)."""
    return {"title": "Backend Engineer", "company": "Acme Corp", "location": "Testville",
            "description": "You will build APIs.", "skills": ["Python"], "requirements": ["3+ years of Python"],
            "salaryMin": 50_000, "salaryMax": 70_000, "currency": "EUR", "jobType": "full_time", "remote": False,
            "url": "https://acme.example/jobs/1", "source": "test", "externalId": str(uuid.uuid4()),
            "postedAt": (datetime.now(UTC) - timedelta(days=2)).isoformat(), **fields}


def search(devstack, **query) -> dict:
    status, body = call(devstack, "job_search", query={k: str(v) for k, v in query.items()})
    assert status == 200, body
    return body


# -- the catalogue -------------------------------------------------------------------------------


def test_admins_and_services_write_jobs_and_every_signed_in_user_reads_them(devstack):
    status, created = call(devstack, "job_create", ADMIN, body=job(title="C# Developer", skills=["C#", ".NET"],
                                                                   currency="eur"))
    assert status == 201, created
    assert created["title"] == "C# Developer" and created["currency"] == "EUR" and created["skills"] == ["C#", ".NET"]
    assert created["url"] == "https://acme.example/jobs/1" and created["jobType"] == "full_time"
    job_id = created["id"]
    [row] = _rows("SELECT title, external_url, salary_min, salary_max FROM jobs WHERE id = %s", job_id)
    assert row == {"title": "C# Developer", "external_url": "https://acme.example/jobs/1", "salary_min": 50_000,
                   "salary_max": 70_000}
    status, by_service = call(devstack, "job_create", "service", body=job())
    assert status == 201

    assert call(devstack, "job_get", path_id=job_id) == (200, created)
    assert call(devstack, "job_get", path_id=str(uuid.uuid4()))[0] == 404
    assert call(devstack, "job_get", path_id="not-a-uuid")[0] == 404

    changed = {**job(), "title": "Senior C# Developer", "salaryMax": 90_000, "remote": True,
               "source": None, "externalId": None}
    status, updated = call(devstack, "job_update", ADMIN, path_id=job_id, body=changed)
    assert status == 200, updated
    assert (updated["title"], updated["salaryMax"], updated["remote"], updated["source"]) == \
        ("Senior C# Developer", 90_000, True, None)
    assert updated["createdAt"] == created["createdAt"] and updated["updatedAt"] > created["updatedAt"]
    assert call(devstack, "job_get", path_id=job_id)[1] == updated

    assert call(devstack, "job_delete", ADMIN, path_id=job_id)[0] == 204
    assert call(devstack, "job_get", path_id=job_id)[0] == 404
    assert call(devstack, "job_delete", ADMIN, path_id=job_id)[0] == 404
    assert call(devstack, "job_update", ADMIN, path_id=job_id, body=job())[0] == 404
    assert _events([job_id, by_service["id"]]) == [("job.created", job_id), ("job.created", by_service["id"]),
                                                   ("job.updated", job_id), ("job.deleted", job_id)]


def test_users_may_not_write_the_catalogue(devstack):
    _, existing = call(devstack, "job_create", ADMIN, body=job())
    before = _rows("SELECT count(*) AS n FROM jobs")[0]["n"]
    for name, kwargs in (("job_create", {"body": job()}), ("job_import", {"body": [job()]}),
                         ("job_update", {"path_id": existing["id"], "body": job(title="Hacked")}),
                         ("job_delete", {"path_id": existing["id"]})):
        status, body = call(devstack, name, "user", **kwargs)
        assert status == 403 and body["error"] == "Forbidden", (name, body)
    assert _rows("SELECT count(*) AS n FROM jobs")[0]["n"] == before
    assert call(devstack, "job_get", path_id=existing["id"])[1]["title"] == "Backend Engineer"


@pytest.mark.parametrize("fields,where,words", [
    ({"salaryMin": 90_000, "salaryMax": 80_000}, "body", "salaryMin must not exceed salaryMax"),
    ({"currency": "XYZ"}, "body.currency", "ISO 4217"),
    ({"currency": "EURO"}, "body.currency", "at most 3"),
    ({"currency": None}, "body", "currency is required"),
    ({"url": "ftp://acme.example/job"}, "body.url", "http or https URL"),
    ({"title": "x" * 256}, "body.title", "at most 255"),
    ({"title": "   "}, "body.title", "at least 1"),
    ({"postedAt": "1970-01-01T00:00:00Z"}, "body.postedAt", "between 1990-01-01 and tomorrow"),
    ({"postedAt": "2999-01-01T00:00:00Z"}, "body.postedAt", "between 1990-01-01 and tomorrow"),
    ({"externalId": None}, "body", "source and externalId go together"),
    ({"jobType": "gig"}, "body.jobType", "full_time"),
    ({"salaryMin": -1}, "body.salaryMin", "greater than or equal to 0"),
    ({"company": None}, "body.company", "string"),
    ({"skills": ["x" * 101]}, "body.skills[0]", "at most 100"),
])
def test_invalid_jobs_are_refused_naming_their_fields_and_write_nothing(devstack, fields, where, words):
    body = job(**fields)
    status, answer = call(devstack, "job_create", ADMIN, body=body)
    assert status == 400, answer
    detail = next(d for d in answer["details"] if f"{d['in']}.{d['field']}".rstrip(".") == where
                  or (where == "body" and d["in"] == "body"))
    assert words in detail["message"], answer["details"]
    assert _rows("SELECT 1 FROM jobs WHERE external_id = %s", body["externalId"] or "") == []


def test_a_source_and_external_id_name_one_job(devstack):
    first = job()
    assert call(devstack, "job_create", ADMIN, body=first)[0] == 201
    status, body = call(devstack, "job_create", ADMIN, body={**first, "title": "Another"})
    assert status == 409 and body["error"] == "job_exists" and first["externalId"] in body["message"]
    _, other = call(devstack, "job_create", ADMIN, body=job())
    status, body = call(devstack, "job_update", ADMIN, path_id=other["id"], body={**other_fields(other),
                                                                                  "externalId": first["externalId"]})
    assert status == 409 and body["error"] == "job_exists"
    assert _rows("SELECT count(*) AS n FROM jobs WHERE external_id = %s", first["externalId"])[0]["n"] == 1
    assert call(devstack, "job_get", path_id=other["id"])[1]["externalId"] == other["externalId"]


def other_fields(view: dict) -> dict:
    """A job's view as a PUT body."""
    return {k: v for k, v in view.items() if k not in ("id", "createdAt", "updatedAt")}


# -- imports -------------------------------------------------------------------------------------


def test_an_import_keeps_the_good_rows_refuses_the_bad_ones_and_a_reimport_updates(devstack):
    source = f"board-{uuid.uuid4().hex[:8]}"
    rows = [job(source=source, externalId="1", title="Nurse"), {"title": "No company", "source": source},
            job(source=source, externalId="2", title="Teacher"), "not an object",
            job(source=source, externalId="3", title="Welder", salaryMin=10, salaryMax=5),
            job(source=None, externalId=None), job(source=source, externalId="4", title="Chef")]
    status, report = call(devstack, "job_import", ADMIN, body=rows)
    assert status == 200, report
    assert (report["created"], report["updated"], report["unchanged"]) == (3, 0, 0)
    refused = {r["index"]: r["reason"] for r in report["refused"]}
    assert sorted(refused) == [1, 3, 4, 5]
    assert "company: Field required" in refused[1] and refused[3] == "a job must be a JSON object"
    assert "salaryMin must not exceed salaryMax" in refused[4] and "source and externalId are required" in refused[5]
    stored = {r["external_id"]: r for r in _rows("SELECT id, external_id, title FROM jobs WHERE source = %s", source)}
    assert {k: v["title"] for k, v in stored.items()} == {"1": "Nurse", "2": "Teacher", "4": "Chef"}
    ids = [str(r["id"]) for r in stored.values()]
    assert sorted(_events(ids)) == sorted(("job.created", i) for i in ids)

    # the same rows again, one changed, one new, one twice: updated, never duplicated
    again = [rows[0], {**rows[2], "title": "Maths Teacher"}, rows[6], job(source=source, externalId="5"),
             {**rows[6], "title": "Head Chef"}]
    status, report = call(devstack, "job_import", ADMIN, body=again)
    assert status == 200, report
    assert (report["created"], report["updated"], report["unchanged"], report["refused"]) == (1, 2, 2, [])
    titles = {r["external_id"]: r["title"] for r in _rows("SELECT external_id, title FROM jobs WHERE source = %s",
                                                           source)}
    assert titles == {"1": "Nurse", "2": "Maths Teacher", "4": "Head Chef", "5": "Backend Engineer"}
    assert [t for t, i in _events([str(stored["2"]["id"])])] == ["job.created", "job.updated"]


@pytest.mark.parametrize("body,message", [([], "at least 1"), ([job()] * 1001, "at most 1000"),
                                          ({"jobs": []}, "array")])
def test_an_import_is_an_array_of_1_to_1000_jobs(devstack, body, message):
    status, answer = call(devstack, "job_import", ADMIN, body=body)
    assert status == 400 and message in json.dumps(answer["details"]), answer


def _notification(key: str) -> dict:
    event = sample("jobs/import_worker")
    record = event["Records"][0]
    body = json.loads(record["body"])
    body["Records"][0]["s3"]["object"]["key"] = key
    record["body"], record["messageId"] = json.dumps(body), str(uuid.uuid4())
    return event


def _put(key: str, data: bytes) -> None:
    storage.s3().put_object(Bucket=settings().files_bucket, Key=key, Body=data)


def _report(key: str) -> dict:
    return json.loads(storage.s3().get_object(Bucket=settings().files_bucket, Key=key)["Body"].read())


def test_a_json_lines_file_is_imported_in_batches_with_its_refusals_by_line(devstack, monkeypatch):
    from vitae.jobs import worker

    monkeypatch.setattr(worker, "IMPORT_BATCH", 2)  # several transactions for a small file
    source = f"file-{uuid.uuid4().hex[:8]}"
    lines = [json.dumps(job(source=source, externalId="a", title="Plumber")),
             "{not json",
             "",
             json.dumps(job(source=source, externalId="b", title="Electrician")),
             json.dumps({**job(source=source, externalId="c"), "title": None}),
             json.dumps(job(source=source, externalId="d", title="Carpenter", description="x" * 300_000)),
             json.dumps(job(source=source, externalId="e", title="Roofer")),
             json.dumps(job(source=source, externalId="a", title="Master Plumber"))]
    key = f"imports/jobs/{uuid.uuid4()}.jsonl"
    _put(key, "\n".join(lines).encode())
    event = _notification(key)
    assert devstack.invoke_in_process("ImportJobsFileFunction", event) == {"batchItemFailures": []}

    report = _report(key.removesuffix(".jsonl") + ".report.json")
    assert (report["key"], report["lines"], report["created"], report["updated"]) == (key, 8, 3, 1)
    assert report["refusedTotal"] == 3
    assert [(r["line"], r["reason"]) for r in report["refused"]] == [
        (2, "not a JSON document"), (5, "title: Input should be a valid string"),
        (6, "line longer than 262144 bytes")]
    titles = {r["external_id"]: r["title"] for r in _rows("SELECT external_id, title FROM jobs WHERE source = %s",
                                                           source)}
    assert titles == {"a": "Master Plumber", "b": "Electrician", "e": "Roofer"}

    # the same file again (a redelivery, or dropped again): nothing new, nothing duplicated
    assert devstack.invoke_in_process("ImportJobsFileFunction", copy.deepcopy(event)) == {"batchItemFailures": []}
    report = _report(key.removesuffix(".jsonl") + ".report.json")
    # "a" comes twice: set back to its first title, then to its last
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 2, 2)
    assert _rows("SELECT count(*) AS n FROM jobs WHERE source = %s", source)[0]["n"] == 3

    # a file deleted before it was read is done with, not retried
    gone = _notification(f"imports/jobs/{uuid.uuid4()}.jsonl")
    assert devstack.invoke_in_process("ImportJobsFileFunction", gone) == {"batchItemFailures": []}


def test_the_import_worker_may_only_touch_imports(devstack):
    event = _notification("cv/someone/secret.upload")
    assert devstack.invoke_in_process("ImportJobsFileFunction", event) == {"batchItemFailures": []}


# -- search --------------------------------------------------------------------------------------


@pytest.fixture
def place(devstack):
    """A location of this test's own: a search filtered by it sees only this test's jobs."""
    name = f"Testville {uuid.uuid4().hex[:10]}"

    def add(**fields) -> str:
        status, body = call(devstack, "job_create", ADMIN, body=job(location=name, **fields))
        assert status == 201, body
        return body["id"]

    add.name = name  # type: ignore[attr-defined]
    return add


def _titles(page: dict) -> list[str]:
    return [item["title"] for item in page["items"]]


def test_an_exact_title_phrase_ranks_first(devstack, place):
    place(title="Data Analyst", description="You will work with the data engineer team. Data engineer tools. "
                                            "A data engineer mentors you.")
    place(title="Senior Data Engineer")
    exact = place(title="Data Engineer")
    place(title="Engineer of Data Platforms")
    page = search(devstack, q='"data engineer"', location=place.name)
    assert page["items"][0]["id"] == exact
    assert _titles(page) == ["Data Engineer", "Senior Data Engineer", "Data Analyst"]
    assert page["items"][0]["highlight"]["title"] == "<mark>Data</mark> <mark>Engineer</mark>"
    assert [i["rank"] for i in page["items"]] == sorted((i["rank"] for i in page["items"]), reverse=True)


def test_the_title_outranks_the_skills_which_outrank_the_description(devstack, place):
    place(title="Baker", skills=["Bread"], requirements=[], description="We might use Kotlin one day.")
    place(title="Android Lead", skills=["Kotlin"], requirements=[], description="Mobile apps.")
    place(title="Senior Kotlin Developer", skills=["Java"], requirements=[], description="Backend.")
    place(title="Kotlin", skills=["Java"], requirements=[], description="Backend.")
    page = search(devstack, q="kotlin", location=place.name)
    assert [(i["title"], i["rank"]) for i in page["items"]] == [
        ("Kotlin", 4), ("Senior Kotlin Developer", 3), ("Android Lead", 1), ("Baker", 0)]
    # both titles have one of the words (rank 2): the newest first
    page = search(devstack, q="kotlin backend", location=place.name)
    assert [(i["title"], i["rank"]) for i in page["items"]] == [("Kotlin", 2), ("Senior Kotlin Developer", 2)]


def test_minus_excludes_and_or_widens(devstack, place):
    place(title="ICU Nurse")
    place(title="Registered Nurse")
    place(title="Primary School Teacher")
    assert _titles(search(devstack, q="nurse -icu", location=place.name)) == ["Registered Nurse"]
    assert sorted(_titles(search(devstack, q="nurse or teacher", location=place.name))) == \
        ["ICU Nurse", "Primary School Teacher", "Registered Nurse"]
    assert _titles(search(devstack, q='"registered nurse" -"school teacher"', location=place.name)) == \
        ["Registered Nurse"]
    assert _titles(search(devstack, q="nurse or teacher -icu", location=place.name)) == \
        ["Primary School Teacher", "Registered Nurse"]  # an exclusion leaves a job out, whatever the rest says
    assert search(devstack, q="-icu", location=place.name)["items"] == []


@pytest.mark.parametrize("query,expected", [
    ("C#", ["C# Developer"]), ("c#", ["C# Developer"]), ("C++", ["C++ Engineer"]), ("C", ["Embedded C Engineer"]),
    (".NET", ["ASP.NET Developer"]), ("node.js", ["Node.js Developer"]), ("nodejs", ["Node.js Developer"]),
    ("C# -.NET", ["C# Developer"]), ("F#", []),
])
def test_tech_tokens_are_words_of_their_own(devstack, place, query, expected):
    place(title="C# Developer", skills=["C#"], description="Desktop apps.")
    place(title="C++ Engineer", skills=["C++"], description="Trading systems.")
    place(title="Embedded C Engineer", skills=["C"], description="Firmware in C.")
    place(title="ASP.NET Developer", skills=["ASP.NET"], description="Web apps.")
    place(title="Node.js Developer", skills=["Node.js"], description="APIs.")
    assert _titles(search(devstack, q=query, location=place.name)) == expected


def test_a_misspelt_company_or_title_still_finds_its_jobs(devstack, place):
    company = f"Zyntheon{uuid.uuid4().hex[:4]} Biologics"
    place(title="Lab Technician", company=company)
    place(title="Quality Analyst", company=company)
    place(title="Cook", company="Other Foods")
    typo = company.replace("Zyntheon", "Zynthion").replace("Biologics", "Biologix")
    page = search(devstack, q=typo, location=place.name)
    assert sorted(_titles(page)) == ["Lab Technician", "Quality Analyst"]
    assert page["correctedQuery"].lower() == company.lower()

    place(title="Sommelier Trainee", company="Vineyard Ltd")
    page = search(devstack, q="somelier", location=place.name)
    assert _titles(page) == ["Sommelier Trainee"] and page["correctedQuery"] == "sommelier"
    assert search(devstack, q="sommelier", location=place.name)["correctedQuery"] is None
    place(title="Width Engineer", company="Wide Ltd")  # "with" is a stop word, not a typo of "width"
    assert search(devstack, q="sommelier with trainee", location=place.name)["correctedQuery"] is None


def test_filters_combine(devstack, place):
    now = datetime.now(UTC)
    wanted = place(title="Python Developer", remote=True, jobType="contract", salaryMin=90_000, salaryMax=120_000,
                   postedAt=(now - timedelta(days=3)).isoformat())
    place(title="Python Developer", remote=False, jobType="contract", salaryMin=90_000, salaryMax=120_000)
    place(title="Python Developer", remote=True, jobType="full_time", salaryMin=90_000, salaryMax=120_000)
    place(title="Python Developer", remote=True, jobType="contract", salaryMin=40_000, salaryMax=60_000)
    place(title="Python Developer", remote=True, jobType="contract", salaryMin=90_000, salaryMax=120_000,
          postedAt=(now - timedelta(days=40)).isoformat())
    place(title="Java Developer", remote=True, jobType="contract", salaryMin=90_000, salaryMax=120_000, skills=["Java"],
          requirements=[])
    page = search(devstack, q="python", location=place.name.upper(), remote="true", type="contract",
                  salaryMin=100_000, postedWithin=30)
    assert [i["id"] for i in page["items"]] == [wanted], page["items"]
    assert len(search(devstack, q="python", location=place.name)["items"]) == 5
    assert len(search(devstack, location=place.name, remote="false")["items"]) == 1
    assert search(devstack, q="python", location="Nowhere-at-all-" + uuid.uuid4().hex)["items"] == []


def test_pages_return_every_match_once(devstack, place):
    ids = {place(title="Warehouse Operative") for _ in range(12)} | {place(title="Warehouse Manager")
                                                                    for _ in range(5)}
    for query in ({"q": "warehouse"}, {}):
        seen, cursor, pages = [], None, 0
        while True:
            page = search(devstack, location=place.name, limit=5, **query, **({"cursor": cursor} if cursor else {}))
            seen += [i["id"] for i in page["items"]]
            pages += 1
            if not (cursor := page["nextCursor"]):
                break
        assert len(seen) == len(set(seen)) == 17 and set(seen) == ids and pages == 4
    first = search(devstack, q="warehouse", location=place.name, limit=5)
    status, body = call(devstack, "job_search", query={"q": "manager", "location": place.name,
                                                       "cursor": first["nextCursor"]})
    assert status == 400 and "another search" in body["message"]
    assert call(devstack, "job_search", query={"cursor": "%%%"})[0] == 400


@pytest.mark.parametrize("query", ['"unclosed', "-", "or or", '" & | ! ( ) : * <->', "the and of", "'", "C# --",
                                   "x" * 200])
def test_any_query_text_is_searched_never_an_error(devstack, place, query):
    place(title="Baker")
    assert search(devstack, q=query, location=place.name)["items"] == []


@pytest.mark.parametrize("query", [{"limit": "0"}, {"limit": "101"}, {"type": "gig"}, {"salaryMin": "-5"},
                                   {"postedWithin": "0"}, {"remote": "maybe"}, {"q": "x" * 201}])
def test_invalid_search_parameters_are_400(devstack, query):
    status, body = call(devstack, "job_search", query=query)
    assert status == 400 and body["details"][0]["in"] == "query", body


def test_highlights_are_html_safe(devstack, place):
    place(title="Pastry Chef <b>", description="Make <script>alert(1)</script> croissants & pastry every day.")
    [item] = search(devstack, q="pastry", location=place.name)["items"]
    assert item["highlight"]["title"] == "<mark>Pastry</mark> Chef &lt;b&gt;"
    assert "<script>" not in item["highlight"]["snippet"] and "&lt;script&gt;" in item["highlight"]["snippet"]
    assert "<mark>pastry</mark>" in item["highlight"]["snippet"]
