"""Matching's rules without services: what a file's bytes make of it, the one resume side of a
processing, the LLM's evidence checked against both texts, and seed [D]'s event names."""

import re
import uuid
from datetime import date

import pytest
from pydantic import ValidationError

from tests import documents
from vitae.matching.models import LlmReview, ProcessingIn
from vitae.matching.service import KAFKA_TOPICS, SEED_EVENTS, read_document
from vitae.matching.worker import checked_evidence
from vitae.platform.errors import Invalid, TooLarge, UnsupportedMedia

RESUME = "Backend engineer: Python and PostgreSQL."
JOB = "We need Python, PostgreSQL and Kubernetes."


def test_a_file_is_read_by_its_bytes():
    assert read_document("Pflegefachkraft für Intensivpflege\n".encode()) == "Pflegefachkraft für Intensivpflege\n"
    assert read_document("\ufeffBOM text".encode()) == "BOM text"
    assert "Acme GmbH" in read_document(documents.cv_pdf())
    assert "Acme GmbH" in read_document(documents.cv_docx())


def test_a_short_document_is_its_short_text_not_a_scan():
    # the CV parser's minimum of text (a CV shorter than that is a scan) does not apply to matching texts
    text = "Requirements: Python, Kubernetes, 5+ years"
    assert read_document(documents.cv_docx([("text", text)])) == text
    assert read_document(documents.cv_pdf([("text", text)])).strip() == text


@pytest.mark.parametrize("text,message", [
    ("\u200b\u200b \u2060", "text must not be blank"),
    ("Python\x1b[31m developer", "text must not contain control characters (U+001B)"),
    ("ring the bell\x07", "text must not contain control characters (U+0007)"),
])
def test_a_json_text_holds_visible_text_and_no_controls(text, message):
    from pydantic import ValidationError

    from vitae.matching.models import TextIn

    with pytest.raises(ValidationError, match=re.escape(message)):
        TextIn(text=text)
    assert TextIn(text="Python\tdeveloper\r\nRust").text == "Python\tdeveloper\r\nRust"


@pytest.mark.parametrize("data,error", [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, UnsupportedMedia),
    (b"text with a NUL \x00 inside", UnsupportedMedia),
    ("naïve".encode("latin-1"), UnsupportedMedia),
    (b"   \n\t", Invalid),
    ("\u200b\u200c\n".encode(), Invalid),
    (documents.scanned_pdf(), Invalid),
    (documents.encrypted_pdf(), Invalid),
    (b"x" * 100_001, TooLarge),
])
def test_what_is_not_a_readable_document_is_refused(data, error):
    with pytest.raises(error):
        read_document(data)


def test_a_processing_has_exactly_one_resume_side():
    requirements = str(uuid.uuid4())
    assert ProcessingIn.model_validate({"requirementsId": requirements, "useProfile": True}).use_profile
    for sides in ({}, {"useProfile": False}, {"resumeId": str(uuid.uuid4()), "useProfile": True},
                  {"resumeId": str(uuid.uuid4()), "resumeTextId": str(uuid.uuid4())}):
        with pytest.raises(ValidationError):
            ProcessingIn.model_validate({"requirementsId": requirements, **sides})


def test_the_llms_skills_are_kept_only_where_the_texts_show_them():
    review = LlmReview(verdict="good", recommendation="ok", matched_skills=["Python", "Kubernetes", "Python"],
                       missing_skills=["Kubernetes", "Haskell"])
    evidence = checked_evidence(review, RESUME, JOB)
    assert (evidence.matched, evidence.missing, evidence.dropped) == (["Python"], ["Kubernetes"],
                                                                      ["Kubernetes", "Haskell"])


def test_every_matching_event_has_its_seed_name_and_topic():
    assert set(SEED_EVENTS.values()) == {"new_resume", "new_requirements", "new_request", "new_processing",
                                         "delete_processing", "delete_requirements"}
    assert {t for t in KAFKA_TOPICS.values()} == {"uploading_data", "AI_handler"}
    assert KAFKA_TOPICS["matching.processing_requested"] == "AI_handler"


def test_a_stored_result_of_another_scoring_version_is_read_as_stored():
    from vitae.matching.models import MatchResult
    from vitae.matching.scoring import assess

    stored = {**assess(RESUME, JOB).model_dump(mode="json", by_alias=True), "method": "deterministic",
              "timings": {"scoringMs": 1.0, "llmMs": 0.5, "totalMs": 2.0}}
    stored["breakdown"]["skillsRequired"]["dropped in a later version"] = 1
    stored["scoringVersion"] = "0"
    result = MatchResult.model_validate(stored)
    assert result.scoring_version == "0" and result.score == stored["score"]
    assert result.model_dump(mode="json", by_alias=True)["breakdown"]["skillsRequired"] == {
        k: v for k, v in stored["breakdown"]["skillsRequired"].items() if k != "dropped in a later version"}


def test_a_profile_or_resume_document_reads_as_a_resume_with_its_years():
    from vitae.matching.scoring import assess
    from vitae.matching.texts import document_lines

    profile = {"first_name": "Ada", "summary": "Backend engineer.",
               "education": [{"degree": "Bachelor", "university": "MIT", "start_year": 2012, "end_year": 2016}],
               "work_experience": [
                   {"company_name": "Acme", "job_title": "Backend Engineer", "location": None,
                    "start_date": "2016-01", "end_date": "2019-05", "highlights": ["Built Python services"]},
                   {"company_name": "Globex", "job_title": "Senior Engineer", "start_date": "2019-06",
                    "end_date": None, "highlights": []}],
               "skills": [{"skill_name": "Python"}, {"skill_name": "PostgreSQL"}], "certifications": []}
    lines = document_lines(profile)
    assert lines == ["Ada", "Backend engineer.", "Education", "Bachelor, MIT, 2012 – 2016", "Work Experience",
                     "Acme, Backend Engineer, 2016-01 – 2019-05", "Built Python services",
                     "Globex, Senior Engineer, 2019-06 – Present", "Skills", "Python", "PostgreSQL"]
    job = "Backend Engineer\nRequirements: 5+ years of experience with Python and PostgreSQL. Bachelor's degree."
    assessment = assess("\n".join(lines), job, date(2024, 6, 1))
    assert assessment.breakdown.experience.years_shown == pytest.approx(8.4, abs=0.2)  # 2016-01 to 2024-06
    assert assessment.breakdown.education.level_shown == "bachelor"
    # a Vitae resume's items are JSON Resume's (camelCase)
    work = [{"name": "Acme", "position": "Engineer", "startDate": "2020-01", "endDate": "2021-01", "url": None}]
    assert document_lines(work) == ["Acme, Engineer, 2020-01 – 2021-01"]


def test_an_acronym_counts_even_as_a_sentences_first_word_an_ambiguous_word_in_lower_case_never():
    from vitae.matching.vocabulary import skill_keys

    assert skill_keys("PALS certification preferred.") == ["pals"]
    assert skill_keys("Nice to have: PALS certification.") == ["pals"]
    assert skill_keys("Pals came over. We are pals.") == []
    assert skill_keys("GO team! Let's go.") == []  # two capitals: no acronym of an ambiguous skill


def test_an_acronym_in_a_sentence_written_all_in_capitals_is_no_acronym():
    from vitae.matching.vocabulary import skill_keys

    assert skill_keys("SECURITY OFFICER WANTED.") == [] and skill_keys("EXCEL IN A FAST-PACED TEAM.") == []


def test_a_reading_without_sections_has_the_same_sentences_mentions_and_words():
    # `skill_keys` reads without sorting a resume's sentences into sections (no heading patterns loaded)
    from pathlib import Path

    from vitae.matching.reading import read

    fixtures = Path(__file__).parents[1] / "fixtures" / "matching"
    texts = [path.read_text() for path in sorted(fixtures.glob("*/*/*.txt")) + sorted(fixtures.glob("*/*/*/*.txt"))]
    assert len(texts) > 50
    for text in texts:
        whole, skills_only = read(text, requirements=False), read(text, requirements=False, sections=False)
        assert skills_only.mentions == whole.mentions
        assert skills_only.words == whole.words and skills_only.skill_words == whole.skill_words
        assert [s.text for s in skills_only.sentences] == [s.text for s in whole.sentences]
        assert {s.section for s in skills_only.sentences} == {None}
    assert any(s.section for text in texts for s in read(text, requirements=False).sentences)


def test_a_jobs_skill_keys_load_none_of_the_cv_parsers_heading_or_date_patterns():
    # their patterns are ~40 ms of CPU to compile, which a job write's first call would pay for nothing
    import subprocess
    import sys

    program = ("import sys; from vitae.jobs.service import job_skill_keys; "
               "print(job_skill_keys('Nurse', ['BLS'], ['RN license, 2+ years', 'ACLS preferred'], None)); "
               "print(sorted(m for m in ('vitae.cvparse.sections', 'vitae.cvparse.dates', 'vitae.cvparse.vocabulary')"
               " if m in sys.modules))")
    keys, loaded = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                                  check=True).stdout.splitlines()
    assert keys == str(["nursing", "registered nurse", "acls", "bls"]) and loaded == "[]"
