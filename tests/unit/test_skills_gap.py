"""The skills gap's pure rules (`vitae.assistant.skills_gap`): a role's skills weighted by the share of
its jobs asking for them, a description's by its required/preferred wording, the ranking, the checks on
the LLM's explanations, and the shared vocabulary's ordinary words (a "Head Chef" or a "Spring term" is
no software skill) as the matching reader and the gap read them."""

import pytest

from vitae.assistant import skills_gap as gap
from vitae.assistant.skills_gap import Ask, Explanation, Explanations
from vitae.assistant.targets import Target, described
from vitae.matching import reading
from vitae.matching.vocabulary import skill_keys
from vitae.taxonomy.skills import ORDINARY_NEIGHBOURS, SOFTWARE_WORDS, known_skills

NURSE = """Registered Nurse
Registered nurse (RN) with five years on a medical-surgical unit. BLS certified since 2019.
Skills
Patient Care"""


def ask(name: str, importance: gap.Importance = "required", weight: float = 1.0, key: str | None = None) -> Ask:
    return Ask(key=key or name.lower(), name=name, importance=importance, weight=weight, reason="")


# -- weights and ranking --------------------------------------------------------------------------


def test_weights_and_importance_come_from_the_wording_or_the_share_of_jobs():
    assert gap.weight_of("required") == gap.REQUIRED_WEIGHT == 1.0
    assert gap.weight_of("preferred") == gap.PREFERRED_WEIGHT == 0.5
    assert gap.importance_of_share(0.5) == "required" and gap.importance_of_share(1.0) == "required"
    assert gap.importance_of_share(0.49) == "preferred"


def test_ranking_is_by_weight_then_required_first_then_name():
    asks = [ask("pals", "preferred", 0.5), ask("CCRN", "required", 0.5), ask("acls", "required", 0.5),
            ask("TNCC", "preferred", 0.9), ask("BLS", "required", 1.0)]
    assert [a.name for a in gap.ranked(asks)] == ["BLS", "TNCC", "acls", "CCRN", "pals"]


def test_a_roles_skills_are_weighted_by_the_share_of_its_jobs_that_ask_for_them():
    jobs = [(["registered nurse", "acls", "ccrn", "acls"], ["ACLS"]),  # a key twice counts once
            (["registered nurse", "acls", "ventilator wrangling"], ["Ventilator Wrangling"]),
            (["registered nurse", "pals"], []),
            (["registered nurse"], [])]
    asks = gap.role_asks("ICU Nurse", jobs)
    assert [(a.name, a.importance, a.weight, a.reason) for a in asks] == [
        ("Registered Nurse", "required", 1.0, "asked by 4 of 4 ICU Nurse jobs"),
        ("ACLS", "required", 0.5, "asked by 2 of 4 ICU Nurse jobs"),
        ("CCRN", "preferred", 0.25, "asked by 1 of 4 ICU Nurse jobs"),
        ("PALS", "preferred", 0.25, "asked by 1 of 4 ICU Nurse jobs"),
        # unknown to the vocabulary: named as a job listed it
        ("Ventilator Wrangling", "preferred", 0.25, "asked by 1 of 4 ICU Nurse jobs"),
    ]
    assert gap.role_asks("ICU Nurse", []) == []
    assert gap.role_asks("Nurse", [(["nursing"], [])])[0].reason == "asked by 1 of 1 Nurse job"


def test_skills_few_of_a_roles_jobs_ask_for_are_left_out():
    listed: list[str] = []
    jobs = [(["nursing", "acls"], listed)] + [(["nursing"], listed)] * 10  # ACLS: 1 of 11, under MIN_SHARE
    assert [a.name for a in gap.role_asks("Nurse", jobs)] == ["Nursing"]
    assert [a.weight for a in gap.role_asks("Nurse", jobs[:10])] == [1.0, 0.1], "1 of 10 is MIN_SHARE"


def test_a_roles_gap_gives_the_callers_evidence_for_what_they_show():
    asks = gap.role_gap(NURSE, "Nurse", [(["registered nurse", "bls", "acls", "patient care"], []),
                                         (["registered nurse", "cpr", "flurbo"], ["Flurbo"])])
    evidence = {a.name: a.evidence for a in asks}
    assert evidence["Registered Nurse"] == "Registered Nurse"
    assert evidence["BLS"] == "BLS certified since 2019."
    assert evidence["CPR"] == "BLS certified since 2019.", "BLS implies CPR"
    assert evidence["Patient Care"] == "Patient Care"
    assert evidence["ACLS"] is None and evidence["Flurbo"] is None


def test_a_description_asks_by_its_required_and_preferred_wording():
    job = ("ICU Registered Nurse\nRequirements:\n- Current RN license and BLS\n- ACLS certification required\n"
           "Nice to have:\n- Current PALS certification\n")
    asks = {a.name: a for a in gap.target_gap(NURSE, described(job), "description")}
    assert (asks["ACLS"].importance, asks["ACLS"].weight, asks["ACLS"].evidence) == ("required", 1.0, None)
    assert asks["ACLS"].reason == ("required in the description: 'ACLS certification required' "
                                   "(you show BLS, which it builds on)")
    assert (asks["PALS"].importance, asks["PALS"].weight, asks["PALS"].evidence) == ("preferred", 0.5, None)
    assert asks["BLS"].evidence == "BLS certified since 2019." and asks["BLS"].importance == "required"
    assert asks["Registered Nurse"].evidence
    assert asks["Critical Care"].evidence is None, "ICU is critical care"


def test_a_jobs_listed_skills_count_when_its_text_does_not_ask_for_them():
    target = Target(title="Nurse", text="Nurse\nRequired: ACLS.", skills=["ACLS", "Flurbo Calibration", "BLS"])
    asks = {a.name: a for a in gap.target_gap(NURSE, target, "job")}
    assert asks["ACLS"].reason == "required by the job: 'ACLS.' (you show BLS, which it builds on)"
    assert asks["Flurbo Calibration"].reason == "listed in the job's skills"
    assert asks["Flurbo Calibration"].evidence is None
    assert asks["BLS"].evidence == "BLS certified since 2019."


# -- the LLM's explanations -----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["see https://example.com/acls", "www.acls.org has it", "coursera.org/learn",
                                  "Ask at HTTP://X.Y", "the bbc.co.uk course", "bit.ly/acls-free",
                                  "youtu.be/ccrn101", "acls-prep.net/course", "try ccrn.academy.",
                                  "write to prep@example.net",
                                  # other shapes (review 2): a data: URI, punycode, an IDN, an IP address,
                                  # a full-width or ideographic dot, javascript:, mailto:, IPv6
                                  "ACLS: data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                                  "at xn--80ak6aa92e.xn--p1ai/acls", "at курсы-acls.рф", "at 203.0.113.9/acls",
                                  "at 203.0.113.9", "at acls-prep\uff0ecom/course", "at acls-prep\u3002com",
                                  "javascript:alert(1)", "mailto:acls@prep.example", "at [2001:db8::1]/acls",
                                  "at ACLS-PREP.COM", "at https\uff1a//acls"])
def test_a_url_is_found(text):
    assert gap.has_url(text)


@pytest.mark.parametrize("text", ["ASP.NET and Node.js matter", "e.g. in a code, i.e. an arrest", "ACLS 2025.",
                                  "Vue.js or Next.js", "version 3.5, Ph.D. holders and U.S. hospitals",
                                  "it reads data: vital signs and labs", "rounds at 10:30, a 3:1 ratio",
                                  "Spring Boot 3.2.1 services", "Python 3.11.4 is no address"])
def test_skill_names_and_abbreviations_are_no_urls(text):
    assert not gap.has_url(text)


def test_explanations_are_kept_only_for_missing_skills_and_without_urls():
    missing = [ask("ACLS", key="acls"), ask("CCRN", key="ccrn"), ask("PALS", "preferred", 0.5, key="pals")]
    reply = Explanations(explanations=[
        Explanation(skill="Advanced Cardiac Life Support", explanation="Codes  happen;\nACLS leads them."),
        Explanation(skill="ACLS", explanation="Again."),
        Explanation(skill="CCRN", explanation="Study at https://ccrn.example.com"),
        Explanation(skill="Python", explanation="Everyone needs Python."),
        Explanation(skill="PALS", explanation="   "),
    ])
    kept, dropped = gap.checked_explanations(reply, missing)
    assert kept == {"acls": "Codes happen; ACLS leads them."}
    assert dropped == [{"skill": "ACLS", "reason": "repeated"}, {"skill": "CCRN", "reason": "url"},
                       {"skill": "Python", "reason": "not_missing"}, {"skill": "PALS", "reason": "empty"}]


def test_a_long_explanation_is_cut():
    kept, _ = gap.checked_explanations(
        Explanations(explanations=[Explanation(skill="ACLS", explanation="word " * 400)]), [ask("ACLS", key="acls")])
    assert len(kept["acls"]) == gap.EXPLANATION_CHARS and kept["acls"].endswith("…")


def test_the_llms_schema_requires_every_field_and_one_explanation():
    schema = Explanations.model_json_schema()
    assert schema["required"] == ["explanations"]
    assert schema["properties"]["explanations"]["minItems"] == 1
    assert sorted(schema["$defs"]["Explanation"]["required"]) == ["explanation", "skill"]


def test_unmet_alternatives_share_their_asks_weight():
    job = ("Data Engineer\nRequirements:\n- Python and SQL\n- Experience with Snowflake, BigQuery or Redshift\n"
           "Nice to have:\n- Airflow")
    asks = {a.name: a for a in gap.target_gap("Data engineer: Python.", described(job), "description")}
    assert [(name, asks[name].weight) for name in ("SQL", "Snowflake", "BigQuery", "Redshift", "Airflow")] == [
        ("SQL", 1.0), ("Snowflake", 0.333), ("BigQuery", 0.333), ("Redshift", 0.333), ("Airflow", 0.5)]
    assert asks["BigQuery"].reason.endswith("(any one of Snowflake, BigQuery or Redshift)")

    met = {a.name: a for a in gap.target_gap("Data engineer: Python, SQL and BigQuery.", described(job), "description")}
    assert met["BigQuery"].evidence and "Snowflake" not in met and "Redshift" not in met, "one meets the ask"


# -- ordinary words that name software skills (the shared vocabulary, as the matching reader reads it) ---

COOK = ("Line cook at Bistro 42 for three years on the grill and saute stations. Prep of vegetables, sauces and "
        "proteins; knife skills; food hygiene certificate.")
COOK_JOB = """Line Cook - Harbour Kitchen
You will report to the Head Chef and Sous Chef.
Requirements:
- 2+ years as a line cook
- Knife skills and food preparation
- Knowledge of food safety and HACCP
"""
TEACHER = ("Year 4 class teacher at Oakfield Primary since 2018. Planned and taught the curriculum; classroom "
           "management; safeguarding training.")
TEACHER_JOB = """Year 3 Teacher - Riverside Primary School
Required for the Spring term 2026.
Requirements:
- Qualified Teacher Status
- Excellent classroom management
"""


def test_the_software_words_and_their_neighbours_are_vocabulary_skills():
    assert set(known_skills()) >= SOFTWARE_WORDS
    assert set(ORDINARY_NEIGHBOURS) <= SOFTWARE_WORDS


@pytest.mark.parametrize("text", ["You will report to the Head Chef and Sous Chef.",
                                  "Required for the Spring term 2026.", "Spark curiosity in every pupil.",
                                  "Payments via SWIFT transfer; reconciliations.", "Monitor the QT interval.",
                                  "Assembly line work in shifts.", "Chop celery, onions and carrots."])
@pytest.mark.parametrize("requirements", [False, True])
def test_an_ordinary_word_used_as_one_is_no_software_skill(text, requirements):
    assert not SOFTWARE_WORDS.intersection(m.key for m in reading.read(text, requirements).mentions)
    assert not SOFTWARE_WORDS.intersection(skill_keys(text))


@pytest.mark.parametrize("text, absent", [
    ("Teach Python in the Spring term.", "spring"),  # software around it, but a term
    ("Spring 2026 intake: Python and SQL.", "spring"),
    ("Report to the Executive Chef; Terraform a plus.", "chef"),
    ("Data ops with Python; a spark plug supplier.", "spark"),
])
def test_an_ordinary_word_beside_its_ordinary_neighbour_is_no_skill_even_among_software(text, absent):
    keys = skill_keys(text)
    assert absent not in keys and ("python" in keys or "terraform" in keys), keys


@pytest.mark.parametrize("text, skill", [
    ("Automation with Chef and Terraform", "chef"), ("Spring Boot and Spring with Java", "spring"),
    ("Services written in Go and Python", "go"), ("Swift and SwiftUI apps", "swift"),
    ("Services in Rust; Kubernetes", "rust"), ("ETL in spark and Airflow", "spark"),
    ("Shell and Python scripting on Linux", "shell"), ("Hive and Hadoop", "hive"),
    ("APIs in Flask and Python", "flask"),
    ("Puppet or Ansible", "puppet"), ("Julia and Python for numerics", "julia"), ("Ruby on Rails and Ruby", "ruby"),
])
def test_a_software_word_among_software_skills_is_the_skill(text, skill):
    assert skill in skill_keys(text)
    assert skill in {m.key for m in reading.read(text, requirements=True).mentions}


@pytest.mark.parametrize("text, skills", [
    ("Backend developer. Requirements: Go and Rust.", {"go", "rust"}),
    ("Requirements: 3+ years of Go.", {"go"}), ("iOS developer with Swift.", {"ios", "swift"}),
    ("Embedded engineer: C and Assembly, microcontrollers.", {"c", "assembly"}),
    ("Statistician: R, SAS and SPSS; regression analysis.", {"r", "sas"}),
    ("Ruby developer. Ruby and Sass.", {"ruby", "sass"}),
])
def test_a_software_word_alone_in_an_engineers_text_is_the_skill(text, skills):
    assert skills <= set(skill_keys(text))


def test_a_name_only_the_tool_has_counts_without_other_software():
    assert skill_keys("Golang services.") == ["go"] and "spark" in skill_keys("Head of Apache Spark jobs.")


def test_a_line_cooks_gap_has_no_chef_and_shows_food_preparation():
    asks = {a.name: a for a in gap.target_gap(COOK, described(COOK_JOB), "description")}
    assert "Chef" not in asks
    assert (asks["Food Preparation"].evidence or "").startswith("Prep of vegetables, sauces and proteins;")
    assert asks["Knife Skills"].evidence


def test_a_teachers_gap_has_no_spring_framework_for_a_spring_term():
    asks = {a.name: a for a in gap.target_gap(TEACHER, described(TEACHER_JOB), "description")}
    assert "Spring" not in asks and asks["Classroom Management"].evidence


@pytest.mark.parametrize("text, shown", [
    ("Prep of vegetables, sauces and proteins", True), ("Daily prep: sauces, proteins", True),
    ("Food prep and plating", True), ("SAT prep tutoring for juniors", False), ("X-ray prep and specimen collection",
                                                                              False),
    ("Prepress and file prep for offset printing", False), ("Interview prep with candidates", False),
    ("Sample prep for LC-MS analysis in the lab.", False), ("Surface prep and painting of steel structures.", False),
    ("Audit prep and month-end close.", False), ("Pharmacy: IV prep in a cleanroom.", False),
    ("Prep work for breakfast service.", True),
])
def test_prep_is_food_preparation_in_a_kitchen_only(text, shown):
    assert ("food preparation" in skill_keys(text)) is shown

