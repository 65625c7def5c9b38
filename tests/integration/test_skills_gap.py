"""The skills gap (`vitae.assistant.skills_gap.run`) against PostgreSQL and the fake Ollama: a nurse's
candidate profile against an ICU nurse job (pasted and from the catalogue), a role over its catalogue
jobs, the caller's side from their resume or missing, the LLM's explanations checked, and the result
without Ollama."""

import json
import random
import string
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tests.samples import sample
from tests.unit.test_skills_gap import COOK, COOK_JOB, TEACHER, TEACHER_JOB
from vitae.assistant import catalogue
from vitae.assistant import skills_gap as gap
from vitae.assistant.models import GapIn
from vitae.platform.auth import Principal, Role
from vitae.platform.config import settings
from vitae.platform.errors import Conflict, NotFound, Unprocessable

ICU_JOB = """ICU Registered Nurse
Join the 24-bed intensive care unit of a teaching hospital.
Requirements:
- Current RN license and BLS
- ACLS certification required
- CCRN certification required
Nice to have:
- Current PALS certification
"""
NURSE = {"headline": "Registered Nurse", "summary": (
    "Registered nurse (RN) with five years on a medical-surgical unit. BLS certified since 2019.")}
NURSE_WORK = {"companyName": "Mercy Hospital", "jobTitle": "Staff Nurse", "startDate": "2019-03",
              "highlights": ["Medication administration and patient assessment on a 30-bed med-surg floor"]}


def principal(user_id: str, role: Role = Role.USER) -> Principal:
    return Principal(user_id, None, role, datetime.now(UTC) + timedelta(hours=1))


WRITER = principal(str(uuid.uuid4()), Role.ADMIN)


def word() -> str:
    """A made-up word no other test's job title has: a role of its own in the shared catalogue."""
    return "".join(random.choices(string.ascii_lowercase, k=10))


@pytest.fixture
def nurse(new_user) -> Principal:
    """A registered nurse with a candidate profile: headline, summary, a med-surg job, RN and BLS."""
    from vitae.candidates import service as candidates
    from vitae.candidates.models import CandidateIn, SkillIn, WorkExperienceIn
    from vitae.candidates.repository import SKILLS, WORK

    caller = principal(new_user())
    actor = candidates.Actor(caller, "203.0.113.7")
    profile = candidates.put_own_profile(actor, CandidateIn.model_validate(NURSE))
    candidates.add_entry(actor, str(profile.id), WORK, WorkExperienceIn.model_validate(NURSE_WORK))
    for skill in ("Registered Nurse", "BLS", "Patient Care"):
        candidates.add_entry(actor, str(profile.id), SKILLS, SkillIn(skill_name=skill))
    return caller


def add_job(title: str, skills: list[str], **fields) -> str:
    from vitae.jobs import service as jobs
    from vitae.jobs.models import JobIn

    return str(jobs.create_job(WRITER, JobIn.model_validate(
        {"title": title, "company": "St Mary Hospital", "skills": skills, **fields})).id)




def by_skill(items: list[dict]) -> dict[str, dict]:
    return {item["skill"]: item for item in items}


def assert_catalogue_resources_only(result: dict) -> None:
    urls = catalogue.urls()
    for item in result["missing"]:
        assert len(item["resources"]) <= gap.RESOURCES_PER_SKILL
        for resource in item["resources"]:
            assert resource["url"] in urls
            entry = catalogue.by_id(resource["catalogueId"])
            assert entry is not None and entry.url == resource["url"] and entry.skill == item["skill"]


# -- a job or a description -----------------------------------------------------------------------


def test_a_nurse_against_an_icu_job_description_misses_the_certifications_and_shows_rn_and_bls(devstack, nurse,
                                                                                              no_ollama):
    result, provenance = gap.run(nurse, GapIn(job_description=ICU_JOB), "203.0.113.7")

    assert result["target"] == {"kind": "description", "title": None, "jobId": None, "jobsConsidered": 0}
    assert result["basis"]["kind"] == "profile"
    missing = by_skill(result["missing"])
    assert missing["ACLS"]["importance"] == "required" and missing["ACLS"]["weight"] == 1.0
    assert missing["CCRN"]["importance"] == "required" and missing["CCRN"]["weight"] == 1.0
    assert missing["PALS"]["importance"] == "preferred" and missing["PALS"]["weight"] == 0.5
    assert missing["CCRN"]["reason"] == "required in the description: 'CCRN certification required'"
    assert "you show BLS" in missing["ACLS"]["reason"], "ACLS goes beyond the BLS the nurse has"
    names = [item["skill"] for item in result["missing"]]
    assert names.index("PALS") > max(names.index("ACLS"), names.index("CCRN")), "required first"
    assert all(item["explanation"] is None for item in result["missing"])

    have = by_skill(result["have"])
    assert {"Registered Nurse", "BLS"} <= set(have)
    assert "BLS" in have["BLS"]["evidence"] and have["BLS"]["importance"] == "required"
    assert have["Registered Nurse"]["evidence"], "the line of the profile that shows it"
    assert not set(have) & set(missing)

    assert missing["ACLS"]["resources"], "the catalogue has ACLS"
    assert_catalogue_resources_only(result)
    assert result["method"] == "deterministic" and result["dropped"] == []
    assert provenance == gap.Provenance("deterministic", None, None, gap.RULES_VERSION)
    json.dumps(result)  # JSON-able as it is


def test_a_catalogue_job_is_read_with_its_listed_skills(devstack, nurse, no_ollama):
    job_id = add_job("ICU Registered Nurse", ["ACLS", "CCRN", "Ventilator Wrangling"],
                     description="Care for critically ill adults in our intensive care unit.",
                     requirements=["Current RN license and BLS", "ACLS certification", "CCRN certification"])

    result, provenance = gap.run(nurse, GapIn(job_id=uuid.UUID(job_id)))

    assert result["target"] == {"kind": "job", "title": "ICU Registered Nurse", "jobId": job_id, "jobsConsidered": 1}
    missing = by_skill(result["missing"])
    assert {"ACLS", "CCRN"} <= set(missing) and missing["ACLS"]["importance"] == "required"
    assert missing["CCRN"]["reason"] == "required by the job: 'CCRN certification'"
    # a skill the vocabulary does not know counts because the job lists it
    assert missing["Ventilator Wrangling"] == {
        "skill": "Ventilator Wrangling", "importance": "required", "weight": 1.0,
        "reason": "listed in the job's skills", "resources": [], "explanation": None}
    assert {"Registered Nurse", "BLS"} <= set(by_skill(result["have"]))
    assert_catalogue_resources_only(result)
    assert provenance.method == "deterministic"

    with pytest.raises(NotFound):
        gap.run(nurse, GapIn(job_id=uuid.uuid4()))


# -- a role ---------------------------------------------------------------------------------------


def test_a_role_ranks_skills_by_the_share_of_its_catalogue_jobs_asking_for_them(devstack, nurse, no_ollama):
    ward = word()
    role = f"{ward.title()} Nurse"
    add_job(f"{ward.title()} ICU Nurse", ["Registered Nurse", "ACLS", "CCRN", "BLS"])
    add_job(f"Senior {ward.title()} Nurse", ["Registered Nurse", "ACLS", "BLS"])
    add_job(f"{ward.upper()} NURSE (nights)", ["Registered Nurse", "ACLS", "PALS"])
    add_job(f"{ward.title()} Nurse", ["Registered Nurse", "TNCC"])
    add_job(f"{ward.title()} Pharmacist", ["ACLS", "Pharmacology"])  # another role of the ward
    add_job("ICU Nurse", ["Python"])  # another ward's

    result, _ = gap.run(nurse, GapIn(target_role=role.lower()))

    assert result["target"] == {"kind": "role", "title": role.lower(), "jobId": None, "jobsConsidered": 4}
    missing = result["missing"]
    assert [(m["skill"], m["importance"], m["weight"]) for m in missing] == [
        ("ACLS", "required", 0.75), ("CCRN", "preferred", 0.25), ("Critical Care", "preferred", 0.25),  # "ICU"
        ("PALS", "preferred", 0.25), ("TNCC", "preferred", 0.25)]
    assert missing[0]["reason"] == f"asked by 3 of 4 {role.lower()} jobs"
    have = result["have"]
    assert [(h["skill"], h["importance"]) for h in have] == [
        ("Nursing", "required"), ("Registered Nurse", "required"), ("BLS", "required")]  # 4, 4 and 2 of 4
    assert "Staff Nurse" in by_skill(have)["Nursing"]["evidence"]
    assert "BLS" in by_skill(have)["BLS"]["evidence"]
    assert "Python" not in by_skill(missing) and "Pharmacology" not in by_skill(missing)
    assert_catalogue_resources_only(result)


def test_a_role_without_catalogue_jobs_is_unprocessable(devstack, nurse):
    with pytest.raises(Unprocessable) as refused:
        gap.run(nurse, GapIn(target_role=f"{word()} whisperer"), use_llm=False)
    assert refused.value.code == "unknown_role" and "paste a job description" in refused.value.message


# -- the caller's side ----------------------------------------------------------------------------


def test_without_a_profile_the_default_resume_is_read_and_without_either_profile_required(devstack, new_user):
    from vitae.resumes import service as resumes
    from vitae.resumes.sections import ResumeIn

    caller = principal(new_user())
    with pytest.raises(Conflict) as refused:
        gap.run(caller, GapIn(job_description=ICU_JOB), use_llm=False)
    assert refused.value.code == "profile_required"

    resume = json.loads(sample("resumes/create")["body"])  # a backend engineer: Python, PostgreSQL...
    created = resumes.create_resume(caller, ResumeIn.model_validate(resume))
    result, _ = gap.run(caller, GapIn(job_description="Backend Engineer\nRequired: Python and Rust."), use_llm=False)
    assert result["basis"] == {"kind": "resume", "id": str(created.id)}
    assert "Python" in by_skill(result["have"]) and "Rust" in by_skill(result["missing"])


# -- the LLM --------------------------------------------------------------------------------------


def test_the_llm_explains_missing_skills_and_what_it_says_of_others_or_with_urls_is_dropped(devstack, nurse, ollama):
    ollama.reply_chat({"explanations": [
        {"skill": "Advanced Cardiac Life Support", "explanation": "ICU patients arrest; ACLS leads the code."},
        {"skill": "CCRN", "explanation": "Take the CCRN course at https://ccrn-prep.example.com today."},
        {"skill": "Python", "explanation": "Every nurse needs Python."},
        {"skill": "BLS", "explanation": "You have it, but renew it."},
        {"skill": "PALS", "explanation": "Children come to the ICU too; see www.pals-now.org."},
    ]})

    result, provenance = gap.run(nurse, GapIn(job_description=ICU_JOB), "203.0.113.7")

    missing = by_skill(result["missing"])
    assert missing["ACLS"]["explanation"] == "ICU patients arrest; ACLS leads the code."
    assert missing["CCRN"]["explanation"] is None and missing["PALS"]["explanation"] is None
    assert result["dropped"] == [{"skill": "CCRN", "reason": "url"}, {"skill": "Python", "reason": "not_missing"},
                                 {"skill": "BLS", "reason": "not_missing"}, {"skill": "PALS", "reason": "url"}]
    assert not any("http" in (item["explanation"] or "") for item in result["missing"])
    assert_catalogue_resources_only(result)
    assert result["method"] == "deterministic+llm"
    model = settings().ollama_fast_model
    assert provenance.method == "deterministic+llm" and provenance.model == model
    assert provenance.prompt_version == gap.PROMPT_VERSION
    assert provenance.model_version and len(provenance.model_version) == 64, "the digest /api/tags lists"

    [chat] = ollama.chats()
    assert chat["model"] == model and chat["format"]["required"] == ["explanations"]
    assert chat["format"]["properties"]["explanations"]["minItems"] == 1
    asked = chat["messages"][-1]["content"]
    assert '"skill": "ACLS"' in asked and "ICU Registered Nurse" in asked


@pytest.mark.parametrize("answer", [{}, {"explanations": []}, "not json"])
def test_an_empty_or_invalid_llm_answer_leaves_the_deterministic_result(devstack, nurse, ollama, answer):
    for _ in range(settings().ai_max_attempts):
        ollama.reply_chat(answer)

    result, provenance = gap.run(nurse, GapIn(job_description=ICU_JOB))

    assert provenance == gap.Provenance("deterministic", None, None, gap.RULES_VERSION)
    assert result["method"] == "deterministic" and {"ACLS", "CCRN", "PALS"} <= set(by_skill(result["missing"]))
    assert len(ollama.chats()) == settings().ai_max_attempts


def test_without_ollama_the_result_is_complete_and_marked_deterministic(devstack, nurse, no_ollama):
    with_llm, provenance = gap.run(nurse, GapIn(job_description=ICU_JOB))
    without, _ = gap.run(nurse, GapIn(job_description=ICU_JOB), use_llm=False)

    assert with_llm == without
    assert provenance.method == "deterministic" and provenance.model is None
    assert provenance.prompt_version == gap.RULES_VERSION
    assert {"ACLS", "CCRN", "PALS"} <= set(by_skill(with_llm["missing"]))


def test_use_llm_false_asks_no_model(devstack, nurse, ollama):
    result, provenance = gap.run(nurse, GapIn(job_description=ICU_JOB), use_llm=False)
    assert ollama.chats() == [] and ollama.requests == []
    assert result["method"] == provenance.method == "deterministic"


# -- ordinary words of a posting (review 2) -------------------------------------------------------------



def with_profile(new_user, headline: str, summary: str) -> Principal:
    from vitae.candidates import service as candidates
    from vitae.candidates.models import CandidateIn

    caller = principal(new_user())
    candidates.put_own_profile(candidates.Actor(caller, "203.0.113.7"),
                               CandidateIn.model_validate({"headline": headline, "summary": summary}))
    return caller


def test_a_line_cook_reporting_to_a_head_chef_misses_no_chef_software_and_shows_food_preparation(devstack, new_user):
    """"Chef" is also the configuration tool of the software field: a posting naming whom the cook
    reports to asks nothing of it; the cook's "Prep of vegetables" is food preparation."""
    result, _ = gap.run(with_profile(new_user, "Line Cook", COOK), GapIn(job_description=COOK_JOB), use_llm=False)
    have, missing = by_skill(result["have"]), by_skill(result["missing"])
    assert "Chef" not in missing and "Chef" not in have, missing
    assert have["Food Preparation"]["evidence"].startswith("Prep of vegetables, sauces and proteins;")
    assert {"Knife Skills", "Food Safety"} <= set(have), have
    assert "HACCP" in missing


def test_a_teacher_for_a_spring_term_post_misses_no_spring_framework(devstack, new_user):
    result, _ = gap.run(with_profile(new_user, "Primary Teacher", TEACHER), GapIn(job_description=TEACHER_JOB),
                        use_llm=False)
    assert "Spring" not in by_skill(result["missing"]), result["missing"]
    assert "Classroom Management" in by_skill(result["have"])
