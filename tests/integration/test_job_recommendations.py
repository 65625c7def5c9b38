"""Job recommendations against PostgreSQL (pgvector), Redis, LocalStack and the fake Ollama: the
recommendation handler invoked with its sample event, the embedding worker with the events the
outbox holds for the jobs written, the sweep and the user.deleted consumer.

Each test owns its jobs by a location no other test uses, and its users' job-search preferences
name that location, so the catalogue other tests fill never competes."""

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tests.fakes.ollama import hashed_embedding
from tests.samples import sample
from vitae.platform import db
from vitae.platform.auth import Principal, Role


def _rows(query: str, *args) -> list[dict]:
    return db.connection().execute(query, args).fetchall()


def principal(user_id: str, role: Role = Role.USER) -> Principal:
    return Principal(user_id, None, role, datetime.now(UTC) + timedelta(hours=1))


WRITER = principal(str(uuid.uuid4()), Role.SERVICE)

NURSING = [
    {"title": "Registered Nurse - ICU", "company": "St Mary Hospital",
     "skills": ["Registered Nurse", "Patient Care", "ACLS", "BLS", "Medication Administration"],
     "description": "Care for critically ill patients in a 20-bed intensive care unit."},
    {"title": "Staff Nurse, Medical-Surgical", "company": "Mercy Health",
     "skills": ["Patient Care", "IV Therapy", "Electronic Health Records", "BLS"],
     "description": "Provide nursing care to adult patients on a busy medical-surgical floor."},
    {"title": "Pediatric Nurse", "company": "Children's Clinic",
     "skills": ["Registered Nurse", "Pediatrics", "Patient Care", "Medication Administration"],
     "description": "Nursing care for children and families in an outpatient clinic."},
]
SOFTWARE = [
    {"title": "Backend Software Engineer", "company": "Initech",
     "skills": ["Python", "Django", "PostgreSQL", "Docker", "REST"],
     "description": "Build and run the APIs behind our payments platform."},
    {"title": "Frontend Developer", "company": "Hooli",
     "skills": ["JavaScript", "TypeScript", "React", "REST", "Git"],
     "description": "Build accessible web interfaces for millions of users."},
    {"title": "DevOps Engineer", "company": "Globex",
     "skills": ["Kubernetes", "Terraform", "AWS", "Python", "CI/CD"],
     "description": "Automate our cloud infrastructure and delivery pipelines."},
]
OTHER = [
    {"title": "Senior Accountant", "company": "Dunder Mifflin",
     "skills": ["Accounting", "Financial Reporting", "Excel", "GAAP"],
     "description": "Own the monthly close and the financial statements."},
]
NURSE_PROFILE = {"headline": "Registered Nurse", "summary": (
    "Registered nurse with six years of patient care on medical and ICU wards. BLS and ACLS certified; "
    "medication administration, IV therapy and electronic health records (Epic) every day.")}
ENGINEER_PROFILE = {"headline": "Software Engineer", "summary": (
    "Backend software engineer: Python, Django and PostgreSQL APIs, Docker and Kubernetes on AWS, "
    "REST services, Git and CI/CD pipelines.")}


@pytest.fixture
def place() -> str:
    return f"Townsville {uuid.uuid4().hex[:8]}"


@pytest.fixture
def user(new_user):
    """A registered user: make(profile=None, location=None, **job_search) -> their id; with a
    candidate profile when `profile` is given, with job-search preferences naming `location`."""
    from vitae.candidates import service as candidates
    from vitae.candidates.models import CandidateIn
    from vitae.resumes import service as resumes
    from vitae.resumes.preferences import PreferencesPatch

    def make(profile: dict | None = None, location: str | None = None, **job_search) -> str:
        user_id = new_user()
        if profile is not None:
            candidates.create_candidate(candidates.Actor(principal(user_id)), CandidateIn.model_validate(profile))
        if location is not None or job_search:
            preferences = {"locations": [location] if location else [], **job_search}
            resumes.save_preferences(principal(user_id), PreferencesPatch.model_validate({"jobSearch": preferences}))
        return user_id
    return make


def add_jobs(place: str, jobs: list[dict], **fields) -> dict[str, str]:
    """Catalogue jobs in `place` (through the jobs service): {title: id}."""
    from vitae.jobs import service as jobs_service
    from vitae.jobs.models import JobIn

    return {job["title"]: str(jobs_service.create_job(WRITER, JobIn.model_validate(
        {"location": place, "jobType": "full_time", **job, **fields})).id) for job in jobs}


def recommend(devstack, user_id: str, **query) -> tuple[int, dict]:
    event = sample("jobs/job_recommendations")
    event["requestContext"]["authorizer"]["lambda"]["userId"] = user_id
    event["queryStringParameters"] = {k: str(v) for k, v in query.items()} or None
    response = devstack.invoke_in_process("RecommendJobsFunction", event)
    return response["statusCode"], json.loads(response["body"])


def job_events(job_ids: list[str]) -> dict:
    """The SQS batch EmbedJobsFunction receives for these jobs' outbox events (as EventBridge wraps them)."""
    from vitae.platform.events import envelope

    rows = _rows("SELECT id, event_type, user_id, data, created_at FROM outbox "
                 "WHERE event_type IN ('job.created', 'job.updated') AND data->>'jobId' = ANY(%s) ORDER BY created_at",
                 job_ids)
    record = sample("jobs/embed_worker")["Records"][0]
    return {"Records": [{**record, "messageId": str(row["id"]), "body": json.dumps(
        {"version": "0", "id": str(uuid.uuid4()), "detail-type": row["event_type"], "source": "vitae",
         "detail": envelope(row)})} for row in rows]}


def embed(devstack, job_ids: list[str]) -> dict:
    return devstack.invoke_in_process("EmbedJobsFunction", job_events(job_ids))


def stored_embedding(job_id: str) -> list[float] | None:
    rows = _rows("SELECT embedding::text AS e FROM job_embeddings WHERE job_id = %s", job_id)
    return json.loads(rows[0]["e"]) if rows else None


# -- relevance --------------------------------------------------------------------------------------


def test_a_nurse_gets_nursing_jobs_first_and_an_engineer_software_jobs_each_with_reasons(devstack, user, place,
                                                                                        ollama):
    ids = add_jobs(place, NURSING + SOFTWARE + OTHER)
    assert embed(devstack, list(ids.values())) == {"batchItemFailures": []}
    nurse, engineer = user(NURSE_PROFILE, place), user(ENGINEER_PROFILE, place)

    status, body = recommend(devstack, nurse, limit=7)
    assert status == 200, body
    titles = [item["job"]["title"] for item in body["items"]]
    assert set(titles[:3]) == {job["title"] for job in NURSING}, titles
    assert body["embeddings"] == "used" and body["basis"]["source"] == "profile"
    assert {"Registered Nurse", "Patient Care", "BLS", "ACLS"} <= set(body["basis"]["skills"])
    assert body["basis"]["preferences"]["locations"] == [place]
    icu = body["items"][0] if titles[0] == "Registered Nurse - ICU" else \
        next(item for item in body["items"] if item["job"]["title"] == "Registered Nurse - ICU")
    reasons = icu["reasons"]
    # "ICU" in its title is the vocabulary's Critical Care, which the nurse's "ICU wards" says too
    assert set(reasons["matchedSkills"]) == {"Registered Nurse", "Critical Care", "Patient Care", "ACLS", "BLS",
                                             "Medication Administration"} and reasons["missingSkills"] == []
    assert reasons["parts"]["skills"] == round(6 / 7, 4) and 0 < reasons["parts"]["embedding"] <= 1
    assert reasons["summary"].startswith("You have 6 of the 6 skills it asks for (")
    pediatric = next(item for item in body["items"] if item["job"]["title"] == "Pediatric Nurse")
    assert pediatric["reasons"]["missingSkills"][0] == "Pediatrics" and "missing: Pediatrics" in \
        pediatric["reasons"]["summary"]
    scores = [item["score"] for item in body["items"]]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 100 for s in scores)
    # the score is the parts weighted as documented
    parts = icu["reasons"]["parts"]
    assert icu["score"] == round(100 * (0.5 * parts["skills"] + 0.2 * parts["text"] + 0.3 * parts["embedding"]))

    status, body = recommend(devstack, engineer, limit=3)
    assert status == 200, body
    assert {item["job"]["title"] for item in body["items"]} == {job["title"] for job in SOFTWARE}
    assert body["items"][0]["job"]["title"] == "Backend Software Engineer"
    assert {"Python", "Django", "PostgreSQL", "Docker"} <= set(body["items"][0]["reasons"]["matchedSkills"])


def test_without_ollama_recommendations_go_without_the_embedding_part(devstack, user, place, ollama):
    ids = add_jobs(place, NURSING + SOFTWARE)
    embed(devstack, list(ids.values()))
    nurse = user(NURSE_PROFILE, place)
    ollama.requests.clear()
    ollama.fault("error", 500)

    status, body = recommend(devstack, nurse, limit=3)
    assert status == 200, body
    assert body["embeddings"] == "unavailable"
    assert {item["job"]["title"] for item in body["items"]} == {job["title"] for job in NURSING}
    for item in body["items"]:
        parts = item["reasons"]["parts"]
        assert parts["embedding"] is None
        assert item["score"] == round(100 * (0.7 * parts["skills"] + 0.3 * parts["text"]))
    assert _rows("SELECT 1 FROM profile_embeddings WHERE user_id = %s", nurse) == []

    ollama.requests.clear()
    ollama.fault(None)
    status, body = recommend(devstack, nurse, limit=3)
    assert body["embeddings"] == "used"
    [stored] = _rows("SELECT model, embedding::text AS e FROM profile_embeddings WHERE user_id = %s", nurse)
    assert stored["model"] == "nomic-embed-text"
    embedded = ollama.embedded()
    assert len(embedded) == 1 and "Registered nurse with six years" in embedded[0]
    assert json.loads(stored["e"]) == pytest.approx(hashed_embedding(embedded[0]), abs=1e-6)

    recommend(devstack, nurse, limit=3)
    assert len(ollama.embedded()) == 1, "an unchanged profile is not embedded again"
    from vitae.candidates import service as candidates
    from vitae.candidates.models import CandidateIn

    candidates.put_own_profile(candidates.Actor(principal(nurse)),
                               CandidateIn.model_validate({**NURSE_PROFILE, "headline": "ICU Nurse"}))
    recommend(devstack, nurse, limit=3)
    assert len(ollama.embedded()) == 2 and "ICU Nurse" in ollama.embedded()[1]


def test_a_slow_ollama_costs_the_request_its_embedding_timeout_only(devstack, user, place, ollama, monkeypatch):
    from vitae.platform import config

    add_jobs(place, NURSING)
    nurse = user(NURSE_PROFILE, place)
    monkeypatch.setenv("AI_EMBED_TIMEOUT_SECONDS", "0.3")
    config.settings.cache_clear()
    ollama.fault("slow", 2)
    status, body = recommend(devstack, nurse, limit=3)
    assert status == 200 and body["embeddings"] == "unavailable"
    assert len(body["items"]) == 3


# -- preferences and basis --------------------------------------------------------------------------


def test_preferences_choose_the_places_remote_work_and_job_types(devstack, user, place):
    elsewhere = f"Elsewhere {uuid.uuid4().hex[:8]}"
    here = add_jobs(place, NURSING[:1])
    contract = add_jobs(place, NURSING[1:2], jobType="contract")
    remote_far = add_jobs(elsewhere, NURSING[2:3], remote=True)
    add_jobs(elsewhere, [{**NURSING[0], "title": "Nurse far away"}])

    def titles(user_id: str) -> set[str]:
        status, body = recommend(devstack, user_id, limit=50)
        assert status == 200, body
        return {item["job"]["title"] for item in body["items"] if item["job"]["location"] in (place, elsewhere)}

    assert titles(user(NURSE_PROFILE, place)) == set(here) | set(contract)
    assert titles(user(NURSE_PROFILE, place, remote=True)) == set(here) | set(contract) | set(remote_far)
    assert titles(user(NURSE_PROFILE, place, remote=True, jobTypes=["contract"])) == set(contract)
    remote_here = add_jobs(place, [{**NURSING[2], "title": "Remote nurse here"}], remote=True)
    assert titles(user(NURSE_PROFILE, place, remote=False)) == set(here) | set(contract)
    # remote without places: remote jobs only (here those of these two places; others' are elsewhere)
    assert titles(user(NURSE_PROFILE, remote=True)) == set(remote_far) | set(remote_here)


def test_skills_listed_by_name_count_even_when_the_vocabulary_does_not_know_them(devstack, user, place):
    from vitae.candidates import service as candidates
    from vitae.candidates.models import SkillIn
    from vitae.candidates.repository import SKILLS

    ids = add_jobs(place, [{"title": "Flurbo Technician", "company": "Plumbus Ltd",
                            "skills": ["Flurbo Calibration", "Snazzle Design"]}])
    nurse = user(NURSE_PROFILE, place)
    status, body = recommend(devstack, nurse)
    assert status == 200 and body["items"] == [], "nothing in common: nothing recommended"
    profile = candidates.own_profile(candidates.Actor(principal(nurse)))
    candidates.add_entry(candidates.Actor(principal(nurse)), str(profile.id), SKILLS,
                         SkillIn(skill_name="Flurbo Calibration"))
    status, body = recommend(devstack, nurse)
    assert status == 200, body
    [item] = body["items"]
    assert item["job"]["id"] == ids["Flurbo Technician"] and "Flurbo Calibration" in body["basis"]["skills"]
    assert item["reasons"]["matchedSkills"] == ["Flurbo Calibration"]
    assert item["reasons"]["missingSkills"][-1] == "Snazzle Design"


def test_a_job_not_embedded_yet_never_outranks_the_same_job_embedded(devstack, user, place, ollama):
    twin = {**NURSING[0], "company": "Twin Hospital"}
    [embedded_id] = add_jobs(place, [twin]).values()
    embed(devstack, [embedded_id])
    [later_id] = add_jobs(place, [{**twin, "title": twin["title"] + " "}]).values()  # newer, not embedded
    status, body = recommend(devstack, user(NURSE_PROFILE, place))
    assert status == 200 and body["embeddings"] == "used"
    first, second = body["items"]
    assert (first["job"]["id"], second["job"]["id"]) == (embedded_id, later_id)
    assert second["reasons"]["parts"]["embedding"] is None and first["score"] > second["score"]


def test_jobs_already_tracked_are_left_out(devstack, user, place):
    from vitae.applications import service as applications
    from vitae.applications.models import ApplicationIn

    ids = add_jobs(place, NURSING)
    nurse = user(NURSE_PROFILE, place)
    applications.create_application(principal(nurse), ApplicationIn.model_validate(
        {"jobId": ids["Pediatric Nurse"]}))
    status, body = recommend(devstack, nurse, limit=10)
    assert status == 200
    assert {item["job"]["title"] for item in body["items"]} == {"Registered Nurse - ICU",
                                                                "Staff Nurse, Medical-Surgical"}


def test_without_a_profile_the_default_resume_is_read_and_without_either_409(devstack, user, place):
    from vitae.resumes import service as resumes
    from vitae.resumes.sections import ResumeIn

    add_jobs(place, NURSING + SOFTWARE)
    engineer = user(location=place)
    status, body = recommend(devstack, engineer)
    assert status == 409 and body["error"] == "profile_required" and "PUT /v1/profile" in body["message"]

    resume = json.loads(sample("resumes/create")["body"])  # a backend engineer: Python, PostgreSQL...
    created = resumes.create_resume(principal(engineer), ResumeIn.model_validate(resume))
    status, body = recommend(devstack, engineer, limit=2)
    assert status == 200, body
    assert body["basis"]["source"] == "resume" and body["basis"]["resumeId"] == str(created.id)
    assert body["items"][0]["job"]["title"] in {job["title"] for job in SOFTWARE}
    assert "Python" in body["items"][0]["reasons"]["matchedSkills"]


@pytest.mark.parametrize("limit", ["0", "51", "ten"])
def test_a_bad_limit_is_refused_naming_it(devstack, user, limit):
    status, body = recommend(devstack, user(NURSE_PROFILE), limit=limit)
    assert status == 400 and body["details"][0]["field"] == "limit"


# -- the skill keys and the embeddings of jobs --------------------------------------------------------


def test_a_jobs_skill_keys_are_read_when_it_is_written_created_or_imported(devstack, place):
    from vitae.jobs import service as jobs_service
    from vitae.jobs.models import JobIn

    [job_id] = add_jobs(place, [{"title": "Data Engineer", "company": "Acme", "skills": ["Postgres", "Airflow"],
                                 "requirements": ["3+ years of Python", "Kafka a plus"]}]).values()
    [row] = _rows("SELECT skill_keys FROM jobs WHERE id = %s", job_id)
    assert row["skill_keys"] == ["data engineering", "python", "kafka", "postgresql", "airflow"]

    jobs_service.update_job(WRITER, job_id, JobIn(title="Data Engineer", company="Acme", location=place,
                                                  description="We use dbt and Snowflake every day."))
    [row] = _rows("SELECT skill_keys FROM jobs WHERE id = %s", job_id)
    assert row["skill_keys"] == ["data engineering", "dbt", "snowflake"]

    report = jobs_service.import_jobs(WRITER, [{"title": "Nurse", "company": "Mercy", "location": place,
                                                "skills": ["BLS", "Wound Care Nursing"], "source": "t",
                                                "externalId": str(uuid.uuid4())}])
    assert report.created == 1
    [row] = _rows("SELECT skill_keys FROM jobs WHERE location = %s AND title = 'Nurse'", place)
    assert {"nursing", "bls", "wound care nursing"} <= set(row["skill_keys"])


def test_the_worker_embeds_written_jobs_once_per_text_and_the_sweep_catches_up(devstack, place, ollama):
    from vitae.jobs import embeddings
    from vitae.jobs import service as jobs_service
    from vitae.jobs.models import JobIn

    embeddings.embed_missing(limit=100_000)  # other tests' jobs (the fuzz tier's dated tomorrow): not this sweep's
    ollama.requests.clear()
    ids = add_jobs(place, NURSING[:2])
    first, second = ids.values()
    assert embed(devstack, [first, second]) == {"batchItemFailures": []}
    assert len(ollama.embedded()) == 2
    for job_id in (first, second):
        [row] = _rows("SELECT title, company, location, skills, requirements, description FROM jobs WHERE id = %s",
                      job_id)
        assert stored_embedding(job_id) == pytest.approx(hashed_embedding(embeddings.job_text(row)), abs=1e-6)

    embed(devstack, [first])  # redelivered: the same text is not embedded again
    assert len(ollama.embedded()) == 2

    ollama.fault("error", 503)
    jobs_service.update_job(WRITER, first, JobIn.model_validate({**NURSING[0], "location": place,
                                                                  "description": "Night shifts only."}))
    before = stored_embedding(first)
    assert embed(devstack, [first]) == {"batchItemFailures": []}, "an Ollama outage is left to the sweep"
    assert stored_embedding(first) == before
    jobs_service.delete_job(WRITER, second)
    ollama.fault(None)
    ollama.requests.clear()

    devstack.invoke_in_process("JobsSweepFunction", sample("jobs/jobs_sweep"))
    assert any("Night shifts only." in text for text in ollama.embedded())
    assert stored_embedding(first) != before and stored_embedding(second) is None
    assert _rows("SELECT 1 FROM job_embeddings e LEFT JOIN jobs j ON j.id = e.job_id WHERE j.id IS NULL") == []


def test_one_job_ollama_cannot_embed_holds_no_other_back_in_the_sweep(devstack, place, ollama):
    from vitae.jobs import embeddings

    embeddings.embed_missing(limit=100_000)  # other tests' jobs (the fuzz tier's dated tomorrow): the sweep sees ours
    marker = f"Refused {uuid.uuid4().hex[:8]}"
    ids = add_jobs(place, [NURSING[0], {**NURSING[1], "company": marker}, NURSING[2]])
    ollama.zero_for.add(marker)  # Ollama answers a zero vector for that job's text: refused, batch or alone
    assert embeddings.embed_missing(limit=3) == 2
    assert stored_embedding(ids["Staff Nurse, Medical-Surgical"]) is None
    assert stored_embedding(ids["Pediatric Nurse"]) is not None and stored_embedding(ids["Registered Nurse - ICU"])

    more = add_jobs(place, SOFTWARE[:2])  # with the refused one, the three newest without an embedding
    ollama.zero_for.clear()
    ollama.fault("error", 500)  # Ollama away: two jobs failing alone in a row, and the sweep stops
    sent = len(ollama.requests)
    assert embeddings.embed_missing(limit=3) == 0
    ours = [payload["input"] for _, payload in ollama.requests[sent:] if any(place in t for t in payload["input"])]
    assert [len(texts) for texts in ours] == [3, 3, 1, 1, 1, 1]  # the batch and two jobs alone, two attempts each
    ollama.fault(None)
    assert embeddings.embed_missing(limit=3) == 3
    assert all(stored_embedding(job_id) is not None for job_id in [*more.values(), *ids.values()])


def test_the_sweep_stops_when_ollama_goes_away_after_a_success_and_when_its_time_runs_out(devstack, place, ollama,
                                                                                          monkeypatch):
    from vitae.jobs import embeddings

    embeddings.embed_missing(limit=100_000)  # other tests' jobs (the fuzz tier's dated tomorrow): the sweep sees ours
    monkeypatch.setattr(embeddings, "EMBED_BATCH", 1)
    marker = f"Refused {uuid.uuid4().hex[:8]}"
    older = add_jobs(place, [{**job, "company": marker} for job in NURSING + SOFTWARE[:2]])
    [newest] = add_jobs(place, SOFTWARE[2:]).values()
    ollama.zero_for.add(marker)  # Ollama fails every job but the newest

    def asked() -> list[str]:
        return [text for text in ollama.embedded() if place in text]

    assert embeddings.embed_missing(limit=6) == 1
    assert stored_embedding(newest) is not None
    assert len(asked()) == 5, "the newest, then two jobs failing as a batch and alone: stopped"

    ollama.zero_for.clear()
    ollama.requests.clear()
    clock = iter([500.0, 119.0])  # seconds left before each batch: the second is under the reserve
    assert embeddings.embed_missing(limit=6, time_left=lambda: next(clock)) == 1
    assert len(asked()) == 1
    assert sum(stored_embedding(job_id) is not None for job_id in older.values()) == 1


def test_the_sweep_never_overwrites_the_keys_of_a_job_rewritten_meanwhile(devstack, place):
    from vitae.jobs import repository
    from vitae.jobs import service as jobs_service

    [job_id] = add_jobs(place, NURSING[:1]).values()
    [fresh] = _rows("SELECT skill_keys FROM jobs WHERE id = %s", job_id)
    with db.transaction() as conn:  # the sweep read it at version 0, then the job was written again
        repository.set_skill_keys(conn, jobs_service.SKILL_KEYS_VERSION, [(job_id, ["stale"])])
    assert _rows("SELECT skill_keys FROM jobs WHERE id = %s", job_id) == [fresh]


def test_the_sweep_reads_again_the_skill_keys_of_jobs_read_before_them(devstack, place):
    from vitae.jobs import service as jobs_service

    [job_id] = add_jobs(place, NURSING[:1]).values()
    [before] = _rows("SELECT skill_keys FROM jobs WHERE id = %s", job_id)
    with db.transaction() as conn:  # as migration 0014 left jobs written before it
        conn.execute("UPDATE jobs SET skill_keys = '{}', skill_keys_version = 0 WHERE id = %s", (job_id,))
    assert jobs_service.refresh_skill_keys() >= 1
    [after] = _rows("SELECT skill_keys, skill_keys_version FROM jobs WHERE id = %s", job_id)
    assert after == {"skill_keys": before["skill_keys"], "skill_keys_version": jobs_service.SKILL_KEYS_VERSION}
    assert _rows("SELECT 1 FROM jobs WHERE skill_keys_version < %s", jobs_service.SKILL_KEYS_VERSION) == []


def test_a_model_that_gives_other_dimensions_is_refused_and_nothing_is_stored(devstack, place, ollama):
    from vitae.jobs import embeddings
    from vitae.platform.ai import AiInvalidReply

    [job_id] = add_jobs(place, NURSING[:1]).values()
    ollama.reply("/api/embed", {"model": "x", "embeddings": [[0.1] * 1024]})
    with pytest.raises(AiInvalidReply, match="need 768"):
        embeddings.embed_jobs([job_id])
    assert stored_embedding(job_id) is None


def test_events_that_are_not_job_events_are_dropped_without_failing_the_batch(devstack, ollama):
    poison = {"Records": [{**sample("jobs/embed_worker")["Records"][0], "messageId": "m1", "body": "{not json"}]}
    assert devstack.invoke_in_process("EmbedJobsFunction", poison) == {"batchItemFailures": []}
    assert ollama.embedded() == []


def test_a_deleted_user_loses_their_profile_embedding_and_no_one_else_does(devstack, user, place, ollama):
    embed(devstack, list(add_jobs(place, NURSING[:1]).values()))
    gone, kept = user(NURSE_PROFILE, place), user(NURSE_PROFILE, place)
    for user_id in (gone, kept):
        assert recommend(devstack, user_id)[1]["embeddings"] == "used"
    event = sample("jobs/on_user_deleted")
    body = json.loads(event["Records"][0]["body"])
    body["detail"]["userId"], body["detail"]["eventId"] = gone, str(uuid.uuid4())
    event["Records"][0]["body"] = json.dumps(body)
    assert devstack.invoke_in_process("JobsUserDeletedFunction", event) == {"batchItemFailures": []}
    left = {str(row["user_id"]) for row in _rows("SELECT user_id FROM profile_embeddings WHERE user_id = ANY(%s)",
                                                 [gone, kept])}
    assert left == {kept}
