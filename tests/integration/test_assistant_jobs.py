"""AI jobs through their handlers and the assistant worker (sample events) against PostgreSQL,
Redis, LocalStack and the fake Ollama: a tailoring and a skills gap are queued (202, Location),
computed once by the worker and polled at /v1/ai-jobs/{id} with the model, its version and the
prompt version; references are checked before anything is stored; the AI quota; owners only."""

import copy
import json
import uuid
from datetime import UTC, datetime, timedelta

from tests.fakes.ollama import DEFAULT_MODELS
from tests.samples import delivered, sample
from vitae.platform import db
from vitae.platform.auth import Principal, Role

JOB = ("ICU Registered Nurse\nRequired: an active RN license, BLS and ACLS certification, and two years of "
       "critical care experience. CCRN is required within a year. Preferred: PALS.")
REASONING_DIGEST = next(m["digest"] for m in DEFAULT_MODELS if m["name"] == "llama3.1:8b")


def _rows(query: str, *args) -> list[dict]:
    return db.connection().execute(query, args).fetchall()


def call(devstack, function: str, name: str, user_id: str, body=None, path: dict | None = None,
         headers: dict | None = None) -> tuple[int, dict, dict]:
    event = sample(f"assistant/{name}")
    event["requestContext"]["authorizer"]["lambda"]["userId"] = user_id
    if body is not None:
        event["body"] = json.dumps(body)
    event["pathParameters"] = path or {}
    event["headers"].update(headers or {})
    response = devstack.invoke_in_process(function, event)
    return response["statusCode"], json.loads(response["body"]) if response.get("body") else None, response["headers"]


def caller(user_id: str) -> Principal:
    return Principal(user_id, None, Role.USER, datetime.now(UTC) + timedelta(hours=1))


def nurse_resume(user_id: str) -> str:
    from vitae.resumes import service as resumes
    from vitae.resumes.sections import ResumeIn

    resume = resumes.create_resume(caller(user_id), ResumeIn.model_validate({"title": "Nurse", "sections": [
        {"type": "summary", "items": [{"text": "Registered nurse with five years on a busy medical-surgical ward."}]},
        {"type": "skills", "items": [{"name": "Wound Care"}, {"name": "BLS"}, {"name": "Patient Education"},
                                     {"name": "Critical Care"}]},
        {"type": "experience", "items": [{"company": "St Mary's Hospital", "position": "Staff Nurse",
                                          "startDate": "2020-01", "highlights": [
                                              "Educated patients and families on discharge plans",
                                              "Cared for up to six patients per shift on a medical-surgical ward",
                                              "Floated to the intensive care unit to support critical care nurses"]}]},
        {"type": "education", "items": [{"institution": "King's College London", "studyType": "BSc",
                                         "area": "Nursing", "endDate": "2019"}]}]}))
    return str(resume.id)


def worker_event(job_id: str) -> dict:
    return delivered("assistant/assistant_worker", "assistant.job_requested", "jobId", job_id)


def get_job(devstack, user_id: str, job_id: str) -> tuple[int, dict]:
    status, body, _ = call(devstack, "GetAiJobFunction", "ai_job_get", user_id, path={"id": job_id})
    return status, body


def jobs_of(user_id: str) -> list[dict]:
    return _rows("SELECT * FROM ai_jobs WHERE user_id = %s ORDER BY created_at", user_id)




def test_a_tailoring_is_queued_computed_once_and_polled_deterministic_without_ollama(devstack, new_user, no_ollama):
    me = new_user()
    resume_id = nurse_resume(me)
    status, accepted, headers = call(devstack, "TailorResumeFunction", "resume_tailor", me,
                                     body={"jobDescription": JOB, "jobTitle": "ICU Registered Nurse",
                                           "baseResumeId": resume_id})
    assert status == 202 and accepted["status"] == "queued" and accepted["kind"] == "tailor"
    assert headers["location"] == f"/v1/ai-jobs/{accepted['id']}"
    assert get_job(devstack, me, accepted["id"])[1]["result"] is None

    event = worker_event(accepted["id"])
    assert devstack.invoke_in_process("AssistantWorkerFunction", event) == {"batchItemFailures": []}
    status, job = get_job(devstack, me, accepted["id"])
    assert status == 200 and job["status"] == "done" and job["completedAt"]
    assert (job["method"], job["model"], job["modelVersion"], job["promptVersion"]) == \
        ("deterministic", None, None, "tailor-rules/1")
    assert job["request"] == {"jobDescription": JOB, "jobTitle": "ICU Registered Nurse", "baseResumeId": resume_id}
    result = job["result"]
    assert result["method"] == "deterministic" and result["source"] == {"kind": "resume", "id": resume_id}
    [resume] = _rows("SELECT id, title FROM resumes WHERE id = %s AND user_id = %s", result["resumeId"], me)
    assert resume["title"] == result["title"] and "ICU Registered Nurse" in resume["title"]
    assert result["coverage"]["before"]["matched"] and "ACLS" in result["coverage"]["before"]["missing"]

    # a redelivery computes nothing: one job, one tailored resume
    assert devstack.invoke_in_process("AssistantWorkerFunction", copy.deepcopy(event)) == {"batchItemFailures": []}
    assert len(_rows("SELECT id FROM resumes WHERE user_id = %s", me)) == 2
    assert [(j["status"], j["attempts"]) for j in jobs_of(me)] == [("done", 1)]
    assert [r["data"] for r in _rows("SELECT data FROM outbox WHERE user_id = %s AND event_type = "
                                     "'assistant.job_completed'", me)] == [{"id": accepted["id"]}]


def test_a_tailoring_with_the_model_records_the_model_its_digest_and_the_prompt_version(devstack, new_user, ollama):
    me = new_user()
    nurse_resume(me)  # the default resume: no baseResumeId
    ollama.reply_chat({"summary": "Registered nurse with five years on a busy medical-surgical ward.",
                       "bullets": [], "skills": ["Critical Care", "BLS"]})
    status, accepted, _ = call(devstack, "GenerateResumeFunction", "resume_generate", me,
                               body={"jobDescription": JOB, "template": "modern"})
    assert status == 202
    devstack.invoke_in_process("AssistantWorkerFunction", worker_event(accepted["id"]))
    job = get_job(devstack, me, accepted["id"])[1]
    assert job["status"] == "done"
    assert (job["method"], job["model"], job["modelVersion"], job["promptVersion"]) == \
        ("deterministic+llm", "llama3.1:8b", REASONING_DIGEST, "tailor/1")
    [resume] = _rows("SELECT template FROM resumes WHERE id = %s", job["result"]["resumeId"])
    assert resume["template"] == "modern"


def test_references_are_checked_before_anything_is_stored(devstack, new_user, ollama):
    me, other = new_user(), new_user()
    theirs = nurse_resume(other)
    for body in ({"jobId": str(uuid.uuid4())}, {"jobDescription": JOB, "baseResumeId": theirs}):
        status, answer, _ = call(devstack, "TailorResumeFunction", "resume_tailor", me, body=body)
        assert status == 404, answer
    status, _, _ = call(devstack, "SkillsGapFunction", "skills_gap", me, body={"jobId": str(uuid.uuid4())})
    assert status == 404
    for body in ({}, {"jobId": str(uuid.uuid4()), "jobDescription": JOB}, {"jobDescription": ""},
                 {"jobDescription": "x" * 20_001}, {"jobDescription": JOB, "template": "fancy"},
                 {"jobDescription": "\u200b\u200b"}, {"jobDescription": "Nurse\x07"}):
        assert call(devstack, "TailorResumeFunction", "resume_tailor", me, body=body)[0] == 400, body
    for body in ({}, {"targetRole": "Nurse", "jobDescription": JOB}, {"targetRole": "42"}):
        assert call(devstack, "SkillsGapFunction", "skills_gap", me, body=body)[0] == 400, body
    assert call(devstack, "AnalyzeSkillsFunction", "skills_analyze", me, body={})[0] == 400
    assert jobs_of(me) == []


def test_ai_jobs_count_against_the_quota_and_are_the_owners_only(devstack, new_user, ollama, setting):
    setting(AI_QUOTA_PER_MINUTE="1")
    me, other = new_user(), new_user()
    nurse_resume(me)
    status, accepted, _ = call(devstack, "SkillsGapFunction", "skills_gap", me, body={"jobDescription": JOB})
    assert status == 202 and accepted["kind"] == "skills_gap"
    status, body, headers = call(devstack, "TailorResumeFunction", "resume_tailor", me, body={"jobDescription": JOB})
    assert status == 429 and body["error"] == "ai_quota_exceeded" and int(headers["retry-after"]) > 0
    assert len(jobs_of(me)) == 1
    assert get_job(devstack, other, accepted["id"])[0] == 404
    assert get_job(devstack, me, "not-an-id")[0] == 404
    assert get_job(devstack, me, accepted["id"])[0] == 200


def test_without_a_profile_or_resume_or_for_an_unknown_role_nothing_is_queued(devstack, new_user, ollama):
    me = new_user()  # neither a resume nor a profile
    for function, name, body in (("TailorResumeFunction", "resume_tailor", {"jobDescription": JOB}),
                                 ("GenerateResumeFunction", "resume_generate", {"jobDescription": JOB}),
                                 ("SkillsGapFunction", "skills_gap", {"jobDescription": JOB})):
        status, answer, _ = call(devstack, function, name, me, body=body)
        assert (status, answer["error"]) == (409, "profile_required"), answer
    nurse_resume(me)
    status, answer, _ = call(devstack, "AnalyzeSkillsFunction", "skills_analyze", me,
                             body={"targetRole": "Zyxwv Wrangler"})
    assert (status, answer["error"]) == (422, "unknown_role") and "jobDescription" in answer["message"]
    assert jobs_of(me) == []


def test_a_job_refused_by_the_time_it_runs_fails_with_its_reason(devstack, new_user, no_ollama):
    from vitae.resumes import service as resumes

    me = new_user()
    resume_id = nurse_resume(me)
    status, accepted, _ = call(devstack, "TailorResumeFunction", "resume_tailor", me, body={"jobDescription": JOB})
    assert status == 202
    resumes.delete_resume(caller(me), resume_id)  # the only source goes before the worker runs
    devstack.invoke_in_process("AssistantWorkerFunction", worker_event(accepted["id"]))
    job = get_job(devstack, me, accepted["id"])[1]
    assert job["status"] == "failed" and job["failure"]["reason"] == "profile_required"
    assert job["result"] is None


def test_an_idempotency_key_queues_once(devstack, new_user, ollama):
    me = new_user()
    nurse_resume(me)
    key = {"idempotency-key": str(uuid.uuid4())}
    first = call(devstack, "SkillsGapFunction", "skills_gap", me, body={"jobDescription": JOB}, headers=key)
    again = call(devstack, "SkillsGapFunction", "skills_gap", me, body={"jobDescription": JOB}, headers=key)
    assert first[0] == again[0] == 202 and first[1]["id"] == again[1]["id"]
    assert len(jobs_of(me)) == 1


def test_a_skills_gap_for_an_icu_job_names_the_missing_certifications_with_catalogue_resources(devstack, new_user,
                                                                                             ollama):
    from vitae.assistant import catalogue

    me = new_user()
    nurse_resume(me)
    ollama.reply_chat({"explanations": [
        {"skill": "ACLS", "explanation": "ICU nurses lead resuscitations."},
        {"skill": "CCRN", "explanation": "Free prep at ccrn.academy or bit.ly/ccrn-free."},
        {"skill": "Wound Care", "explanation": "You need it."}]})
    status, accepted, _ = call(devstack, "SkillsGapFunction", "skills_gap", me, body={"jobDescription": JOB})
    assert status == 202
    devstack.invoke_in_process("AssistantWorkerFunction", worker_event(accepted["id"]))
    job = get_job(devstack, me, accepted["id"])[1]
    assert job["status"] == "done", job
    assert (job["method"], job["model"], job["promptVersion"]) == ("deterministic+llm", "llama3.2", "skills-gap/1")
    missing = {m["skill"]: m for m in job["result"]["missing"]}
    assert {"ACLS", "CCRN"} <= set(missing) and missing["ACLS"]["importance"] == "required"
    assert missing["ACLS"]["explanation"] == "ICU nurses lead resuscitations."
    assert "BLS" in {h["skill"] for h in job["result"]["have"]}
    resources = [r for m in job["result"]["missing"] for r in m["resources"]]
    assert resources and {r["url"] for r in resources} <= catalogue.urls()
    assert missing["CCRN"]["explanation"] is None  # it carried web addresses
    assert "ccrn.academy" not in json.dumps(job["result"]) and "bit.ly" not in json.dumps(job["result"])
    assert "Wound Care" not in missing  # not missing: its explanation is dropped too
