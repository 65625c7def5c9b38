"""The deterministic match score (vitae.matching.scoring): vocabulary, required vs preferred, years,
education, terms, evidence, composition and determinism."""

from datetime import date

import pytest

from vitae.matching import reading
from vitae.matching.scoring import SCORING_VERSION, WEIGHTS, assess, mentions

AS_OF = date(2026, 12, 1)

REQUIREMENTS = """Senior Backend Engineer

About us
We are a fintech in Berlin; our data team uses Scala and Spark.

Requirements:
- 5+ years of experience building backend services
- Strong Python and Go; PostgreSQL, Redis
- Kubernetes and Docker in production, CI/CD
- Bachelor's degree in Computer Science or equivalent experience

Nice to have:
- Kafka, Terraform
- Experience with AWS is a plus
"""

RESUME = """Jane Doe
Backend Engineer

EXPERIENCE
Acme GmbH, Senior Software Engineer, Jan 2019 – Present
• Built payment APIs in Golang and Python on Postgres, deployed on k8s with GitHub Actions CI/CD.
• Ran Kafka consumers; Docker everywhere.
Beta Ltd, Software Engineer, 2015 - 2018
• Django services, MySQL, Redis caching.

EDUCATION
BSc Computer Science, University of Leeds, 2011 - 2015
"""


@pytest.mark.parametrize("text, skill", [
    ("Deployed services to k8s clusters", "Kubernetes"),
    ("Wrote the front end in JS and TS", "JavaScript"),
    ("Wrote the front end in JS and TS", "TypeScript"),
    ("Licensed RN, 6 years on a med-surg floor", "Registered Nurse"),
    ("Licensed RN, 6 years on a med-surg floor", "Medical-Surgical"),
    ("Prepared statements under US GAAP and IFRS", "GAAP"),
    ("Prepared statements under US GAAP and IFRS", "IFRS"),
    ("Certified Public Accountant (2019)", "CPA"),
    ("Managed the HubSpot CRM for B2B accounts", "Customer Relationship Management"),
    ("Managed the HubSpot CRM for B2B accounts", "business to business"),
    ("BLS and ACLS certified, EMR charting in Epic", "Electronic Health Records"),
    ("Designed IEPs and lesson plans for grade 4", "Lesson Planning"),
    ("Designed IEPs and lesson plans for grade 4", "IEP"),
    ("Drafted GD&T callouts in SolidWorks, ran FEA in ANSYS", "Finite Element Analysis"),
    ("Drafted GD&T callouts in SolidWorks, ran FEA in ANSYS", "GD&T"),
    ("Ran e-discovery in Relativity and research on Westlaw", "E-Discovery"),
    ("ServSafe certified; front office and Opera PMS", "Front Desk"),
    ("Ran the 3PL relationship and the WMS rollout", "Warehouse Management"),
    ("Payroll and onboarding in Workday", "Employee Onboarding"),
])
def test_synonyms_and_abbreviations_meet_on_one_skill(text, skill):
    assert mentions(text, skill)


@pytest.mark.parametrize("text, skill, shown", [
    ("Tooling in C++ and C#, services on .NET and Node.js", "C++", True),
    ("Tooling in C++ and C#, services on .NET and Node.js", "C#", True),
    ("Tooling in C++ and C#, services on .NET and Node.js", ".NET", True),
    ("Tooling in C++ and C#, services on .NET and Node.js", "Node.js", True),
    ("Tooling in C++ and C#, services on .NET and Node.js", "C", False),
    ("Tooling in C++ and C#, services on .NET and Node.js", "NET", False),
    ("Pipelines with CI/CD in GitLab", "CI/CD", True),
    ("Senior engineer at Google, Goldman Sachs", "Go", False),
    ("Services written in Go and Python", "Go", True),
    ("We go far and excel at it", "Excel", False),
    ("Reporting in Excel and Power BI", "Excel", True),
    ("A React and Redux front end", "React Native", False),
])
def test_tech_tokens_are_kept_whole_and_ordinary_words_are_not_skills(text, skill, shown):
    assert mentions(text, skill) is shown


def test_mentions_checks_names_outside_the_vocabulary_by_their_words():
    assert mentions(RESUME, "payment APIs")
    assert not mentions(RESUME, "payment gateways")
    assert not mentions(RESUME, "")


def test_required_and_preferred_come_from_headings_and_wording():
    result = assess(RESUME, REQUIREMENTS, AS_OF).breakdown
    assert result.skills_required.matched + result.skills_required.missing == [
        "Python", "Go", "PostgreSQL", "Redis", "Kubernetes", "Docker", "CI/CD"]
    assert result.skills_preferred.matched == ["Kafka"]
    assert result.skills_preferred.missing == ["Terraform", "AWS"]


@pytest.mark.parametrize("sentence, expected", [
    ("Python required, Rust is a plus", {"Python": "required", "Rust": "preferred"}),
    ("Experience with Python, Go, and Rust is a plus", {"Python": "preferred", "Go": "preferred",
                                                        "Rust": "preferred"}),
    ("Must have Python; ideally some Terraform", {"Python": "required", "Terraform": "preferred"}),
    ("Bonus: Kafka", {"Kafka": "preferred"}),
    ("You have shipped React apps", {"React": "required"}),
])
def test_the_wording_of_a_clause_sets_its_importance(sentence, expected):
    read = reading.read(sentence, requirements=True)
    from vitae.taxonomy.skills import known_skills

    assert {known_skills()[m.key]: m.importance for m in read.mentions} == expected


def test_skills_in_sections_that_ask_nothing_are_not_asked():
    result = assess(RESUME, REQUIREMENTS, AS_OF).breakdown
    asked = result.skills_required.matched + result.skills_required.missing + result.skills_preferred.missing
    assert "Scala" not in asked and "Spark" not in asked  # named under "About us" only


@pytest.mark.parametrize("text, years", [
    ("5+ years of experience building backend services", 5),
    ("At least 3 years of experience in accounting", 3),
    ("3-5 years of professional experience", 3),
    ("Minimum two years experience as a registered nurse", 2),
    ("Requirements: 2 years in a classroom; 7+ years leading teams is a plus", 2),
])
def test_years_asked(text, years):
    asked = reading.years_asked(reading.read(text, requirements=True))
    assert asked is not None and asked[0] == years


def test_years_asked_ignores_other_figures():
    assert reading.years_asked(reading.read("Kids aged 5 years old; a 2 year contract", True)) is None


def test_years_shown_unions_date_ranges_and_reads_explicit_figures():
    resume = "EXPERIENCE\nAcme, Engineer, Jan 2019 – Present\nBeta, Engineer, 2015 - 2018\nGamma, 2017 - 2019\n"
    shown = reading.years_shown(reading.read(resume, False), AS_OF)
    assert shown is not None and shown[0] == pytest.approx(11.9, abs=0.1)  # 2015-01 .. 2026-12, overlaps once
    explicit = "Nurse with over 12 years of experience in critical care.\nEXPERIENCE\nCity Hospital 2020 - 2023\n"
    assert reading.years_shown(reading.read(explicit, False), AS_OF)[0] == 12


def test_education_ranges_are_not_work_experience():
    resume = "EDUCATION\nBSc Biology, University of Leeds, 2010 - 2014\nEXPERIENCE\nAcme 2020 - 2022\n"
    assert reading.years_shown(reading.read(resume, False), AS_OF)[0] == 2


@pytest.mark.parametrize("text, level", [
    ("Bachelor's degree in Accounting or Finance required", "bachelor"),
    ("BS/MS in Computer Science", "bachelor"),
    ("Associate Degree in Nursing (ADN) or BSN", "associate"),
    ("High school diploma or GED", "high school"),
    ("Master's degree in Education", "master"),
    ("PhD in Machine Learning or a related field", "doctorate"),
    ("Bachelor's degree required; Master's preferred", "bachelor"),
])
def test_education_asked(text, level):
    asked = reading.education_asked(reading.read(text, requirements=True))
    assert asked is not None and reading.LEVELS[asked[0]] == level


@pytest.mark.parametrize("text, level", [
    ("EDUCATION\nBSc Computer Science, University of Leeds", "bachelor"),
    ("EDUCATION\nMBA, INSEAD\nBA Economics, Yale University", "master"),
    ("EDUCATION\nAssociate Degree in Nursing, Austin Community College", "associate"),
    ("EDUCATION\nPh.D. in Physics, ETH Zurich", "doctorate"),
    ("Contact: Boston, MA 02115\nSkills: MS Office", None),
])
def test_education_shown(text, level):
    shown = reading.education_shown(reading.read(text, False))
    assert (reading.LEVELS[shown[0]] if shown else None) == level


def test_evidence_says_where_each_match_and_each_missing_item_was_found():
    result = assess(RESUME, REQUIREMENTS, AS_OF)
    go = next(e for e in result.matches if e.name == "Go")
    assert go.in_requirements == "Strong Python and Go;"
    assert "Golang" in go.in_resume
    terraform = next(e for e in result.missing if e.name == "Terraform")
    assert terraform.importance == "preferred" and terraform.in_requirements == "Kafka, Terraform"
    assert terraform.in_resume is None
    experience = next(e for e in result.matches if e.kind == "experience")
    assert experience.in_requirements.startswith("5+ years")
    education = next(e for e in result.matches if e.kind == "education")
    assert "BSc" in education.in_resume


def test_the_score_is_the_documented_weighted_mean():
    result = assess(RESUME, REQUIREMENTS, AS_OF)
    parts = result.breakdown
    assert set(parts.weights) == set(WEIGHTS) and sum(parts.weights.values()) == pytest.approx(1)
    expected = (parts.weights["skillsRequired"] * parts.skills_required.score
                + parts.weights["skillsPreferred"] * parts.skills_preferred.score
                + parts.weights["experience"] * parts.experience.score
                + parts.weights["education"] * parts.education.score
                + parts.weights["terms"] * parts.terms.score)
    assert result.score == round(100 * expected)
    assert result.scoring_version == SCORING_VERSION == "1"
    assert result.verdict == "strong"


def test_parts_not_asked_drop_out_and_the_rest_renormalise():
    result = assess(RESUME, "We need Python and PostgreSQL for our payment services.", AS_OF)
    assert set(result.breakdown.weights) == {"skillsRequired", "terms"}
    assert sum(result.breakdown.weights.values()) == pytest.approx(1)
    assert result.breakdown.experience.years_asked is None and result.breakdown.education.level_asked is None


def test_requirements_that_ask_nothing_score_zero_with_a_reason():
    result = assess(RESUME, "", AS_OF)
    assert result.score == 0 and result.verdict == "weak" and result.breakdown.weights == {}
    assert "no skill" in result.recommendation


def test_same_inputs_same_assessment():
    first = assess(RESUME, REQUIREMENTS, AS_OF).model_dump()
    for _ in range(3):
        assert assess(RESUME, REQUIREMENTS, AS_OF).model_dump() == first


def test_the_recommendation_names_what_is_strong_and_what_is_missing():
    text = assess(RESUME, REQUIREMENTS, AS_OF).recommendation
    assert text.startswith("A strong match (")
    assert "Terraform and AWS" in text and "5 years asked" in text


def test_a_weaker_resume_scores_lower_and_says_what_to_add():
    weak = "Software Engineer\nEXPERIENCE\nAcme, 2023 - 2024\n• Built PHP websites with MySQL.\n"
    result = assess(weak, REQUIREMENTS, AS_OF)
    assert result.score < 40 and result.verdict in ("weak", "partial")
    assert "Missing required skills: Python, Go" in result.recommendation
    experience = result.breakdown.experience
    assert experience.years_shown == 1 and experience.relevance < 1  # 2023 - 2024: one year of five...
    assert experience.score == round(0.2 * experience.relevance, 3)  # ... and in a field barely shown


def test_years_and_degrees_from_another_field_count_for_less():
    nurse = ("Registered Nurse\nEXPERIENCE\nStaff Nurse, City Hospital, 2012 - 2024\n• Patient care on a med-surg "
             "floor.\nEDUCATION\nBSN, University of Ohio")
    backend = assess(RESUME, REQUIREMENTS, AS_OF).breakdown
    other = assess(nurse, REQUIREMENTS, AS_OF).breakdown
    assert other.experience.years_shown > 5 and other.education.level_shown == "bachelor"
    assert backend.experience.relevance == 1 and other.experience.relevance < 0.5
    assert other.experience.score < 0.5 and other.education.score < 0.5


def test_a_skill_shown_only_through_a_broader_one_counts_half():
    result = assess("EXPERIENCE\nCook, City Hospital, 2020 - 2024\nBatch cooking for 400 patients.",
                    "Requirements:\n- Line cook experience", AS_OF)
    line_cook = next(e for e in result.missing if e.name == "Line Cook")
    assert line_cook.related == "Cooking" and line_cook.in_resume.startswith("Cook, City Hospital")
    assert result.breakdown.skills_required.partial == ["Line Cook"]
    assert result.breakdown.skills_required.score == 0.5


def test_a_specific_skill_shows_the_broader_one_it_implies():
    assert mentions("Pipelines in Salesforce and HubSpot", "CRM")
    assert mentions("Charting in Epic", "Electronic Health Records")
    result = assess("Managed accounts in Salesforce.", "Requirements: CRM experience", AS_OF)
    assert [e.name for e in result.matches if e.kind == "skill"] == ["CRM"]


def test_names_do_not_run_across_commas_and_lower_case_rest_is_a_word():
    read = reading.read("Own frontend performance, testing and tooling; the rest of the team", True)
    assert [m.key for m in read.mentions] == []


def test_every_alias_and_implication_names_a_known_skill():
    from vitae.taxonomy.skills import AMBIGUOUS_SKILLS, IMPLIED_SKILLS, SKILL_ALIASES, known_skills

    known = known_skills()
    assert not [alias for alias, key in SKILL_ALIASES.items() if key not in known]
    assert not [key for key, implied in IMPLIED_SKILLS.items() for k in (key, *implied) if k not in known]
    assert not [key for key in AMBIGUOUS_SKILLS if key not in known]


def test_the_assessment_does_not_depend_on_hash_seeds():
    import json
    import os
    import subprocess
    import sys

    program = ("import json, sys; from datetime import date; from vitae.matching.scoring import assess; "
               "r, j = json.load(sys.stdin); print(assess(r, j, date(2026, 12, 1)).model_dump_json())")
    outputs = set()
    for seed in ("1", "2", "3"):
        run = subprocess.run([sys.executable, "-c", program], input=json.dumps([RESUME, REQUIREMENTS]),
                             capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.add(run.stdout)
    assert len(outputs) == 1


def test_as_of_only_moves_where_present_ends():
    early = assess(RESUME, REQUIREMENTS, date(2024, 1, 1)).breakdown.experience.years_shown
    late = assess(RESUME, REQUIREMENTS, date(2026, 1, 1)).breakdown.experience.years_shown
    assert late - early == pytest.approx(2, abs=0.1)
    assert assess(RESUME, REQUIREMENTS).breakdown.experience.years_shown is not None  # default: today


def test_generic_skills_are_known_and_weigh_half():
    from vitae.taxonomy.skills import GENERIC_SKILLS, known_skills

    assert not GENERIC_SKILLS - set(known_skills())
    result = assess("Skilled in Excel.", "Requirements: Excel and QuickBooks", AS_OF)
    assert result.breakdown.skills_required.score == pytest.approx(1 / 3, abs=0.001)  # 0.5 of 1.5


def test_headings_in_other_styles():
    text = ("Software Engineer\nMinimum Qualifications\nPython\nPreferred Qualifications\nRust\n"
            "Skills & Experience\nDocker\nWhat Would Make You Stand Out\nTerraform\nABOUT US\nWe use Scala\n"
            "Pluses\nRedis\n")
    found = {m.key: m.importance for m in reading.read(text, requirements=True).mentions}
    assert found == {"python": "required", "rust": "preferred", "docker": "required", "terraform": "preferred",
                     "scala": None, "redis": "preferred"}


def test_british_and_american_spellings_meet():
    assert mentions("Specialised in paediatric nursing and behaviour management", "Pediatrics")
    assert mentions("Specialised in paediatric nursing and behaviour management", "Behavior Management")
    result = assess("Led the organisation of colour workshops.", "We want someone to improve the organization "
                    "and color of our workshops.", AS_OF)
    assert {"organization", "color"} <= set(result.breakdown.terms.matched)


@pytest.mark.parametrize("text, groups", [
    ("A cloud warehouse such as Snowflake, BigQuery or Redshift", [["snowflake", "bigquery", "redshift"]]),
    ("Proficiency in SolidWorks (or Creo/NX) and GD&T", [["solidworks", "creo", "siemens nx"]]),
    ("Python, Go and Rust", []),
    ("Strong Python or Go; PostgreSQL, Redis", [["python", "go"]]),
])
def test_alternatives_are_read_as_one_group(text, groups):
    read = reading.read(text, requirements=True)
    found: dict[int, list[str]] = {}
    for m in read.mentions:
        if m.group is not None:
            found.setdefault(m.group, []).append(m.key)
    assert list(found.values()) == groups


def test_one_alternative_meets_the_ask_and_the_others_are_not_missing():
    result = assess("Modelled marts in dbt on Snowflake.", "Requirements:\n- Snowflake, BigQuery or Redshift\n- dbt",
                    AS_OF)
    part = result.breakdown.skills_required
    assert (part.asked, part.shown, part.score) == (2, 2, 1.0)
    assert part.matched == ["Snowflake", "dbt"] and part.missing == []
    none = assess("Modelled marts in Excel.", "Requirements:\n- Snowflake, BigQuery or Redshift\n- dbt", AS_OF)
    assert none.breakdown.skills_required.missing == ["Snowflake", "BigQuery", "Redshift", "dbt"]


def test_legal_and_benefits_boilerplate_asks_nothing():
    text = ("Staff Accountant\nRequirements:\n- GAAP and reconciliations\nAcme is an equal opportunity employer "
            "and considers applicants without regard to disability.\nThe salary range is $65,000 - $80,000; we "
            "offer health insurance, 401(k) and paid time off.\nExperience managing a $2M budget is a plus.\n")
    sentences = reading.read(text, requirements=True).sentences
    assert [s.importance for s in sentences] == ["required", "required", None, None, "required"]
