"""Candidate profile rules that need no services."""

import datetime

import pytest
from pydantic import ValidationError

from vitae.candidates import models


class _LeapDay(datetime.date):
    @classmethod
    def today(cls):
        return cls(2028, 2, 29)


def test_birth_dates_are_checked_on_29_february_too(monkeypatch):
    monkeypatch.setattr(models, "date", _LeapDay)
    assert models.Personal(dob="2014-02-28").dob == datetime.date(2014, 2, 28)  # 14 years old that day
    with pytest.raises(ValidationError, match="dob"):
        models.Personal(dob="2014-03-01")


@pytest.mark.parametrize("field, value", [("startDate", "2099-01"), ("endDate", "1850")])
def test_work_dates_stay_in_a_sane_range(field, value):
    with pytest.raises(ValidationError, match="year must be between 1900"):
        models.WorkExperienceIn(companyName="Acme", jobTitle="Engineer", **{field: value})


@pytest.mark.parametrize("form, skills", [
    ('["Python", "Go"]', ["Python", "Go"]),
    ("Python, Go ,, Rust", ["Python", "Go", "Rust"]),
    ("", []),
])
def test_key_skills_come_as_a_json_array_or_a_comma_separated_list(form, skills):
    assert models.CvJob.model_validate({"keySkills": form}).key_skills == skills


def test_absurd_key_skill_json_is_a_validation_error():
    with pytest.raises(ValidationError, match="not a valid JSON array"):
        models.CvJob.model_validate({"keySkills": "[" * 100_000})


@pytest.mark.parametrize(("given", "link"), [
    ("octo.example", "https://octo.example"), ("http://octo.example/x", "http://octo.example/x"),
    ("HTTPS://octo.example", "HTTPS://octo.example"), ("localhost:8080", "https://localhost:8080"),
    ("javascript:alert(1)", None), ("mailto:ada@example.com", None), ("ftp://files.example", None),
    ("  ", None), (None, None),
])
def test_a_sources_web_address_becomes_an_http_link_or_nothing(given, link):
    from vitae.candidates.merge import web_url

    assert web_url(given) == link
