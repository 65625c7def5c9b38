"""Warm invocations: median and p99 of in-process calls of handlers (as a warm Lambda container
runs them) against the local PostgreSQL, one route of each domain (users, resumes, candidates,
jobs, matching), each beside a floor measured in the same run: the same reads by raw psycopg plus
`json.dumps` of the rows; and beside that floor plus the Redis round trip every route makes before
its handler runs (the per-IP rate limit's MULTI, by raw redis-py).

    .venv/bin/python bench/warm_invoke.py [--calls 2000]

Uses the devstack's services (embedded ones unless DATABASE_URL etc. are set).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "infra"))
os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")
os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")  # as in every devstack container
# Every call comes from the sample event's address; the limit is still checked (and timed), never reached.
os.environ.setdefault("RATE_LIMIT_IP_MAX", str(10**9))

from vitae_devstack.container import LambdaContext  # noqa: E402
from vitae_devstack.stack import Devstack  # noqa: E402


def measure(call, calls: int) -> list[float]:
    samples = []
    for _ in range(calls):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1e6)
    return samples


def summary(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), statistics.quantiles(samples, n=100)[98]


def get_user_case(devstack: Devstack):
    """GET /v1/users/{id} for a user with a full profile."""
    import psycopg
    from psycopg.rows import dict_row

    from vitae.platform import db
    from vitae.users import repository

    user_id = uuid.uuid4()
    with db.transaction() as conn:
        conn.execute("""INSERT INTO users (id, external_id, email, username, full_name, company_name, phone, bio)
                        VALUES (%s, %s, %s, %s, 'Bench Mark', 'Bench Co', '+44 20 7946 0958', 'A typical bio.')""",
                     (user_id, f"kc-{user_id}", f"{user_id.hex[:12]}@example.com", f"u{user_id.hex[:12]}"))
    event = json.loads((ROOT / "events/users/get.json").read_text())
    event["pathParameters"] = {"id": str(user_id)}
    event["requestContext"]["authorizer"]["lambda"]["userId"] = str(user_id)
    handler = devstack.handler_in_process("GetUserFunction")
    context = LambdaContext("GetUserFunction", 512, 10)

    def invoke():
        response = handler(event, context)
        assert response["statusCode"] == 200

    raw = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True, prepare_threshold=None, row_factory=dict_row)
    query = f"SELECT {repository.COLUMNS} FROM users WHERE id = %s AND deleted_at IS NULL"

    def floor():
        json.dumps(raw.execute(query, (user_id,)).fetchone(), default=str)

    return "GET /v1/users/{id}", invoke, floor


def get_resume_case(devstack: Devstack):
    """GET /v1/resumes/{id} for a resume with 5 sections and 20 items."""
    import psycopg
    from psycopg.rows import dict_row
    from psycopg.types.json import Jsonb

    from vitae.platform import db
    from vitae.resumes import repository

    user_id, resume_id = uuid.uuid4(), uuid.uuid4()
    experience = [{"company": f"Company {n}", "position": "Engineer", "startDate": f"20{10 + n}-01",
                   "highlights": ["Shipped things", "Mentored people"]} for n in range(6)]
    sections = [("summary", [{"text": "An engineer. " * 20}]), ("experience", experience),
                ("education", [{"institution": f"University {n}", "area": "CS"} for n in range(3)]),
                ("skills", [{"name": f"Skill {n}", "keywords": ["a", "b"]} for n in range(6)]),
                ("languages", [{"language": f"Language {n}"} for n in range(4)])]
    assert sum(len(items) for _, items in sections) == 20
    with db.transaction() as conn:
        conn.execute("INSERT INTO users (id, email, full_name) VALUES (%s, %s, 'Bench Mark')",
                     (user_id, f"{user_id.hex[:12]}@example.com"))
        conn.execute("INSERT INTO resumes (id, user_id, title, template, language) "
                     "VALUES (%s, %s, 'CV', 'classic', 'en')",
                     (resume_id, user_id))
        for position, (kind, items) in enumerate(sections):
            conn.execute("""INSERT INTO resume_sections (id, resume_id, type, title, position, items)
                            VALUES (%s, %s, %s, %s, %s, %s)""", (uuid.uuid4(), resume_id, kind, kind.title(), position,
                                                                 Jsonb(items)))
    event = json.loads((ROOT / "events/resumes/get.json").read_text())
    event["pathParameters"] = {"id": str(resume_id)}
    event["requestContext"]["authorizer"]["lambda"]["userId"] = str(user_id)
    handler = devstack.handler_in_process("GetResumeFunction")
    context = LambdaContext("GetResumeFunction", 512, 10)

    def invoke():
        response = handler(event, context)
        assert response["statusCode"] == 200

    raw = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True, prepare_threshold=None, row_factory=dict_row)
    resume_query = f"SELECT {repository.RESUME_COLUMNS} FROM resumes WHERE id = %s AND user_id = %s"
    sections_query = ("SELECT id, type, title, position, visible, items FROM resume_sections "
                      "WHERE resume_id = %s ORDER BY position")

    def floor():
        row = raw.execute(resume_query, (resume_id, user_id)).fetchone()
        json.dumps({**row, "sections": raw.execute(sections_query, (resume_id,)).fetchall()}, default=str)

    return "GET /v1/resumes/{id}", invoke, floor


def _event(path: str, user_id: object, role: str = "user", **changes) -> dict:
    """The sample event events/`path`.json acted by `user_id` with `role`, with `changes` on top
    (pathParameters, body: a dict sent as JSON)."""
    event = json.loads((ROOT / "events" / f"{path}.json").read_text())
    event["requestContext"]["authorizer"]["lambda"] |= {"userId": str(user_id), "role": role}
    if "body" in changes:
        changes["body"] = json.dumps(changes["body"])
    return event | changes


def _new_user() -> uuid.UUID:
    from vitae.platform import db

    user_id = uuid.uuid4()
    with db.transaction() as conn:
        conn.execute("INSERT INTO users (id, email, full_name) VALUES (%s, %s, 'Bench Mark')",
                     (user_id, f"{user_id.hex[:12]}@example.com"))
    return user_id


def _created(devstack: Devstack, function: str, event: dict) -> dict:
    response = devstack.invoke_in_process(function, event)
    assert response["statusCode"] in (200, 201, 202), response
    return json.loads(response["body"])


def _case(devstack: Devstack, function: str, event: dict, floor_queries: list[tuple[str, tuple]],
          transaction: bool = False):
    """(invoke, floor): the handler of `function` called with `event`, and the raw floor: the same
    statements by psycopg (the first query's row, then all rows of each other), in one transaction
    when the route makes one (`transaction`: BEGIN and COMMIT are round trips too), else each on
    its own as the route sends them, then `json.dumps`."""
    import contextlib

    import psycopg
    from psycopg.rows import dict_row

    handler = devstack.handler_in_process(function)
    context = LambdaContext(function, 512, 10)

    def invoke():
        response = handler(event, context)
        assert response["statusCode"] == 200, response

    raw = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True, prepare_threshold=None, row_factory=dict_row)

    def floor():
        with raw.transaction() if transaction else contextlib.nullcontext():
            first, *rest = [raw.execute(query, args) for query, args in floor_queries]
            json.dumps({**first.fetchone(), **{str(i): cursor.fetchall() for i, cursor in enumerate(rest)}},
                       default=str)

    return invoke, floor


def get_candidate_case(devstack: Devstack):
    """GET /v1/candidates/{id} for a profile with two entries of each kind (it also writes its audit row)."""
    from vitae.candidates import repository

    user_id = _new_user()
    candidate = _created(devstack, "CreateCandidateFunction", _event("candidates/create", user_id))
    path = {"id": candidate["id"]}
    for action, function in (("education_add", "AddEducationFunction"),
                             ("work_experience_add", "AddWorkExperienceFunction"),
                             ("certification_add", "AddCertificationFunction"), ("project_add", "AddProjectFunction")):
        for _ in range(2):
            _created(devstack, function, _event(f"candidates/{action}", user_id, pathParameters=path))
    for function, action, body in (("AddSkillFunction", "skill_add", {"skillName": "Python"}),
                                   ("AddSkillFunction", "skill_add", {"skillName": "PostgreSQL"}),
                                   ("AddLanguageFunction", "language_add", {"language": "English"}),
                                   ("AddLanguageFunction", "language_add", {"language": "Spanish"})):
        _created(devstack, function, _event(f"candidates/{action}", user_id, pathParameters=path, body=body))
    candidate_id = uuid.UUID(candidate["id"])
    audit = ("INSERT INTO audit_log (id, user_id, candidate_id, action, ip_address, tenant, details) "
             "VALUES (gen_random_uuid(), %s, %s, 'candidate.viewed', '203.0.113.10', NULL, '{}') RETURNING id")
    queries = [("SELECT * FROM candidates WHERE id = %s", (candidate_id,)), (audit, (user_id, candidate_id))]
    queries += [(f"SELECT * FROM {kind.table} WHERE candidate_id = %s ORDER BY created_at, id", (candidate_id,))
                for kind in (repository.EDUCATION, repository.WORK, repository.SKILLS, repository.CERTIFICATIONS,
                             repository.PROJECTS, repository.LANGUAGES)]
    invoke, floor = _case(devstack, "GetCandidateFunction",
                          _event("candidates/get", user_id, pathParameters=path), queries, transaction=True)
    return "GET /v1/candidates/{id}", invoke, floor


def get_job_case(devstack: Devstack):
    """GET /v1/jobs/{id} for the sample job."""
    from vitae.jobs import repository

    sample = json.loads(json.loads((ROOT / "events/jobs/job_create.json").read_text())["body"])
    job = _created(devstack, "CreateJobFunction", _event("jobs/job_create", uuid.uuid4(), "admin",
                                                         body=sample | {"externalId": uuid.uuid4().hex}))
    path = {"id": job["id"]}
    invoke, floor = _case(devstack, "GetJobFunction", _event("jobs/job_get", _new_user(), pathParameters=path),
                          [(f"SELECT {repository._COLUMNS} FROM jobs WHERE id = %s", (uuid.UUID(job["id"]),))])
    return "GET /v1/jobs/{id}", invoke, floor


def get_processing_case(devstack: Devstack):
    """GET /v1/matching/processings/{id} for a done processing of the sample texts (the deterministic
    result, without an LLM)."""
    from psycopg.types.json import Jsonb

    from vitae.matching import repository, scoring
    from vitae.platform import db

    user_id = _new_user()
    requirements = _created(devstack, "CreateRequirementsFunction", _event("matching/requirements_create", user_id))
    resume = _created(devstack, "CreateResumeTextFunction", _event("matching/resume_text_create", user_id))
    processing = _created(devstack, "CreateProcessingFunction", _event(
        "matching/processing_create", user_id, body={"requirementsId": requirements["id"],
                                                     "resumeTextId": resume["id"]}))
    texts = [json.loads(_event(f"matching/{kind}", user_id)["body"])["text"]
             for kind in ("resume_text_create", "requirements_create")]
    result = scoring.assess(*texts).model_dump(mode="json", by_alias=True) | {  # as the worker stores it
        "method": "deterministic", "timings": {"scoringMs": 2.0, "llmMs": None, "totalMs": 2.5}}
    processing_id = uuid.UUID(processing["id"])
    with db.transaction() as conn:
        conn.execute("UPDATE processings SET status = 'done', result = %s, completed_at = now() WHERE id = %s",
                     (Jsonb(result), processing_id))
    query = f"SELECT {repository._PROCESSING} FROM processings WHERE id = %s AND user_id = %s"
    invoke, floor = _case(devstack, "GetProcessingFunction",
                          _event("matching/processing_get", user_id, pathParameters={"id": processing["id"]}),
                          [(query, (processing_id, user_id))])
    return "GET /v1/matching/processings/{id}", invoke, floor


CASES = [get_user_case, get_resume_case, get_candidate_case, get_job_case, get_processing_case]


def rate_limit_round_trip() -> Callable[[], None]:
    """What every route does in Redis before its handler runs, by raw redis-py: the per-IP count
    (SET NX with the window, INCR, TTL) and, in the same MULTI, the read of the caller's revocation
    mark (MGET of the deleted-user key; the sample events carry no session id, so there is no
    revoked-session key to read), as `vitae.platform.http` sends them (`ratelimit.hit_and_read`)."""
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])

    def count() -> None:
        pipe = client.pipeline(transaction=True)
        pipe.set("bench:floor:rl", 0, ex=900, nx=True)
        pipe.incr("bench:floor:rl")
        pipe.ttl("bench:floor:rl")
        pipe.mget(["bench:floor:deleted-user"])
        pipe.execute()

    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    devstack = Devstack(stage=f"bench{uuid.uuid4().hex[:6]}", state_dir=Path(tempfile.mkdtemp(prefix="vitae-bench-")))
    devstack.up()
    os.environ.update(devstack.local_environment())  # the handlers run in this process
    try:
        counted = rate_limit_round_trip()
        print(f"warm invocations: {args.calls} calls each, interleaved in rounds; microseconds. "
              "+redis: the floor and the rate limit's Redis round trip every route makes")
        print(f"{'case':<36}{'median':>9}{'p99':>9}{'floor med':>11}{'floor p99':>11}{'x floor':>9}"
              f"{'+redis med':>12}{'x +redis':>10}")
        for make in CASES:
            name, invoke, floor = make(devstack)

            def floor_and_redis(floor=floor):
                counted()
                floor()

            calls: list[Callable[[], None]] = [invoke, floor, floor_and_redis]
            for warm in calls:
                measure(warm, 50)
            samples: list[list[float]] = [[], [], []]
            for _ in range(10):  # interleave so drift in machine load hits all alike
                for call, taken in zip(calls, samples, strict=True):
                    taken += measure(call, args.calls // 10)
            (median, p99), (floor_median, floor_p99), (redis_median, _) = map(summary, samples)
            print(f"{name:<36}{median:>9.0f}{p99:>9.0f}{floor_median:>11.0f}{floor_p99:>11.0f}"
                  f"{median / floor_median:>9.2f}{redis_median:>12.0f}{median / redis_median:>10.2f}")
    finally:
        devstack.stop()


if __name__ == "__main__":
    main()
