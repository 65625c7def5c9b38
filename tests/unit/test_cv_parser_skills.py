"""Key-skill coverage of a CV text, and the items of a skills section."""

import pytest

from vitae.cvparse import key_skill_coverage
from vitae.cvparse.lines import GAP, Line
from vitae.cvparse.skills import parse_skills, skills_in

CV_TEXT = """José Ñúñez-García
Backend engineer at Google. Built services in Golang and NodeJS on Postgres, deployed to K8s.
• Wrote the CI/CD pipelines in GitHub Actions; some C++ and C# tooling.
Skills: Python, Kubernates, Amazon Web Services, scikit-learn, .NET
I go to conferences, swim and read.
"""


@pytest.mark.parametrize("skill, present", [
    ("Go", True),  # as "Golang"
    ("Node.js", True),  # as "NodeJS"
    ("PostgreSQL", True),  # as "Postgres"
    ("Kubernetes", True),  # as "K8s", and misspelt "Kubernates"
    ("AWS", True),
    ("CI/CD", True),
    ("GitHub Actions", True),
    ("C++", True),
    ("C#", True),
    ("Scikit-Learn", True),
    (".NET", True),
    ("python", True),
    ("C", False),  # "C++" and "C#" are not C
    ("R", False),
    ("Java", False),  # nor is JavaScript, nor Java inside another word
    ("Rust", False),
    ("Swift", False),
    ("Terraform", False),
])
def test_a_key_skill_is_present_only_when_the_text_shows_it(skill, present):
    result = key_skill_coverage(CV_TEXT, [skill])
    assert result == ({"present": [skill], "missing": []} if present else {"present": [], "missing": [skill]})


def test_go_needs_a_word_of_its_own():
    assert key_skill_coverage("Senior engineer at Google, Goldman Sachs", ["Go"]) == {"present": [], "missing": ["Go"]}
    assert key_skill_coverage("Services written in Go and Python", ["Go"])["present"] == ["Go"]


def test_spelling_and_order_of_the_key_skills_are_kept():
    result = key_skill_coverage(CV_TEXT, ["terraform", "NODE.JS", "Postgres", "Rust", "python"])
    assert result == {"present": ["NODE.JS", "Postgres", "python"], "missing": ["terraform", "Rust"]}


def test_without_key_skills_they_come_from_the_job_description():
    description = ("We are hiring a backend engineer. You know Python and PostgreSQL, have run Kubernetes "
                   "in production and like Terraform. Experience with Go is a plus. Go-getters welcome, "
                   "we go far, with R&D in Munich and C-level sponsors. Go beyond!")
    result = key_skill_coverage(CV_TEXT, [], description)
    assert result == {"present": ["Python", "PostgreSQL", "Kubernetes", "Go"], "missing": ["Terraform"]}


def test_no_key_skills_and_no_job_description_covers_nothing():
    assert key_skill_coverage(CV_TEXT, []) == {"present": [], "missing": []}


def test_skills_in_a_job_description_are_in_order_of_mention_and_once_each():
    text = "Kafka, Apache Kafka, AWS Lambda and Java; JavaScript is nice to have. React/ReactJS."
    assert skills_in(text) == ["Kafka", "Lambda", "Java", "JavaScript", "React"]


def names(lines: list[str]) -> list[str]:
    return [name for name, _ in parse_skills([Line(text) for text in lines])]


@pytest.mark.parametrize("lines, expected", [
    (["Python, Go, SQL"], ["Python", "Go", "SQL"]),
    (["Languages: Python, Go", "Cloud: AWS; GCP | Azure"], ["Python", "Go", "AWS", "GCP", "Azure"]),
    (["• Docker", "• Kubernetes", "- Terraform"], ["Docker", "Kubernetes", "Terraform"]),
    (["Python · Pandas • NumPy"], ["Python", "Pandas", "NumPy"]),
    ([f"Frameworks{GAP}Django, Flask, FastAPI"], ["Django", "Flask", "FastAPI"]),
    (["Python (Django, Flask)", "Statistics (R)"], ["Python (Django, Flask)", "Statistics (R)"]),
    (["Python (expert), Go – intermediate", "SQL: 5 years"], ["Python", "Go", "SQL"]),
    (["Python, python, PYTHON"], ["Python"]),
])
def test_skills_section_items(lines, expected):
    assert names(lines) == expected


def test_known_skills_are_more_certain():
    confidence = dict(parse_skills([Line("Python, Underwater Basket Weaving")]))
    assert confidence["Python"] > confidence["Underwater Basket Weaving"]
