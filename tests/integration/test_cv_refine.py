"""The LLM pass of the CV parser against the fake Ollama: what the model proposes is kept only where
the document's text supports it, and the heuristic result stands whenever the model cannot help."""

import copy
import time
from typing import Any

import pytest

from tests.fakes.ollama import CHAT
from vitae.cvparse.refine import refine
from vitae.cvparse.schema import CvData, ParseResult
from vitae.platform import config
from vitae_devstack.services import wait_until

TEXT = """Jane Doe
Berlin, Germany
jane.doe@example.com · +49 151 1234 5678 · github.com/janedoe

Summary
Backend engineer with eight years of experience building payment systems in Python and Go.

Experience
Senior Software Engineer — Acme Payments GmbH, Berlin        03/2019 – Present
• Led the migration of the billing platform to Kubernetes, cutting hosting costs by a third.
• Mentored four junior engineers.

Software Engineer — Initrode AG, Munich        Sep 2015 – Feb 2019
• Built the settlement service handling two million transactions a day.

Education
MSc Computer Science, Technische Universität München, 2013 – 2015

Skills
Python, Go, PostgreSQL, Kubernetes

Languages
German (native), English (C1)

Certificates
AWS Certified Solutions Architect – Associate, Amazon Web Services, June 2020
"""

LEAD = "Led the migration of the billing platform to Kubernetes, cutting hosting costs by a third."
MENTOR = "Mentored four junior engineers."


def heuristic(text: str = TEXT, data: dict | None = None, confidence: dict | None = None) -> ParseResult:
    """What the heuristic parser might have made of TEXT: most of it, one title cut short."""
    data = data if data is not None else {
        "basics": {"name": "Jane Doe", "email": "jane.doe@example.com", "phone": "+4915112345678"},
        "work": [
            {"name": "Acme Payments GmbH", "position": "Senior Software Eng", "startDate": "2019-03",
             "highlights": [LEAD]},
            {"name": "Initrode AG", "position": "Software Engineer", "startDate": "2015",
             "endDate": "2019-02"},
        ],
        "education": [{"institution": "Technische Universität München", "startDate": "2013", "endDate": "2015"}],
        "skills": [{"name": "Python"}, {"name": "Go"}],
    }
    confidence = confidence if confidence is not None else {
        "basics": {"name": 0.8, "email": 1.0, "phone": 0.9},
        "work": [
            {"name": 0.7, "position": 0.5, "startDate": 0.8, "highlights": 0.6},
            {"name": 0.7, "position": 0.7, "startDate": 0.6, "endDate": 0.8, "highlights": []},
        ],
        "education": [{"institution": 0.7, "startDate": 0.6, "endDate": 0.6}],
        "skills": [{"name": 0.6}, {"name": 0.6}],
        "certificates": [],
        "languages": [],
    }
    return ParseResult(kind="pdf", text=text, pages=1, data=CvData.model_validate(data), confidence=confidence)






def assert_mirrors(data: Any, confidence: Any) -> None:
    """ParseResult's contract: a number in [0, 1] per scalar, one per non-empty list of strings."""
    if isinstance(data, dict):
        assert isinstance(confidence, dict) and confidence.keys() == data.keys(), (data, confidence)
        for key, value in data.items():
            assert_mirrors(value, confidence[key])
    elif isinstance(data, list) and data and isinstance(data[0], str):
        assert isinstance(confidence, float | int) and 0 <= confidence <= 1, (data, confidence)
    elif isinstance(data, list):
        assert isinstance(confidence, list) and len(confidence) == len(data), (data, confidence)
        for item, item_confidence in zip(data, confidence, strict=True):
            assert_mirrors(item, item_confidence)
    else:
        assert isinstance(confidence, float | int) and 0 <= confidence <= 1, (data, confidence)


@pytest.fixture
def ollama(ollama, monkeypatch):
    monkeypatch.setenv("OLLAMA_FAST_MODEL", "fast-model:1b")
    config.settings.cache_clear()
    return ollama


def test_supported_values_fill_empty_fields(ollama):
    ollama.reply_chat({
        "basics": {"name": "Jane Doe", "email": "jane.doe@example.com", "url": "github.com/janedoe",
                   "summary": "Backend engineer with eight years of experience building payment systems "
                              "in Python and Go.",
                   "location": {"city": "Berlin", "region": "Germany"}},
        "work": [
            {"name": "Acme Payments GmbH", "position": "Senior Software Engineer", "startDate": "2019-03",
             "highlights": [LEAD, MENTOR]},
            {"name": "Initrode AG", "position": "Software Engineer", "startDate": "2015-09", "endDate": "2019-02",
             "highlights": ["Built the settlement service handling two million transactions a day."]},
        ],
        "education": [{"institution": "Technische Universität München", "studyType": "MSc",
                       "area": "Computer Science", "startDate": "2013", "endDate": "2015"}],
        "skills": [{"name": "Python"}, {"name": "Go"}, {"name": "PostgreSQL"}, {"name": "Kubernetes"}],
        "languages": [{"language": "German", "fluency": "native"}, {"language": "English", "fluency": "C1"}],
        "certificates": [{"name": "AWS Certified Solutions Architect – Associate",
                          "issuer": "Amazon Web Services", "date": "2020-06"}],
    })
    before = heuristic()
    pristine = copy.deepcopy((before.data.model_dump(), before.confidence))

    after = refine(before)

    data = after.data.model_dump(exclude_none=True)
    assert data["basics"]["url"] == "github.com/janedoe"
    assert data["basics"]["summary"].startswith("Backend engineer with eight years")
    assert data["basics"]["location"] == {"city": "Berlin", "region": "Germany"}
    assert data["work"][0]["highlights"] == [LEAD, MENTOR]
    assert data["work"][1]["highlights"] == ["Built the settlement service handling two million transactions a day."]
    assert data["education"][0] == {"institution": "Technische Universität München", "studyType": "MSc",
                                 "area": "Computer Science", "startDate": "2013", "endDate": "2015"}
    assert [s["name"] for s in data["skills"]] == ["Python", "Go", "PostgreSQL", "Kubernetes"]
    assert data["languages"] == [{"language": "German", "fluency": "native"}, {"language": "English", "fluency": "C1"}]
    assert data["certificates"] == [{"name": "AWS Certified Solutions Architect – Associate",
                                     "issuer": "Amazon Web Services", "date": "2020-06"}]

    confidence = after.confidence
    assert_mirrors(data, confidence)
    assert confidence["basics"]["url"] == 0.9  # a verbatim LLM value, never certain
    assert confidence["education"][0]["studyType"] == 0.9
    assert confidence["skills"][2] == {"name": 0.9}
    # Both passes agree: more confident than either alone.
    assert confidence["basics"]["name"] > 0.9 and confidence["skills"][0]["name"] > 0.9
    assert 0.6 < confidence["work"][0]["highlights"] < 1  # one item confirmed, one added
    # The input is left as it was.
    assert (before.data.model_dump(), before.confidence) == pristine
    assert (after.kind, after.text, after.pages) == (before.kind, before.text, before.pages)

    [request] = ollama.chats()
    assert request["model"] == "fast-model:1b"
    assert request["format"] == CvData.model_json_schema()
    assert request["options"]["temperature"] == 0
    assert request["stream"] is False
    assert any(TEXT in m["content"] for m in request["messages"] if m["role"] == "user")


def test_an_invented_employer_is_dropped_with_its_entry(ollama):
    ollama.reply_chat({"work": [
        {"name": "Globex Corporation", "position": "Staff Engineer", "startDate": "2012-01",
         "highlights": ["Scaled the platform to ten million users."]},
        # A real title and date under a made-up employer: not merged into Initrode's entry either.
        {"name": "Umbrella Corp", "position": "Software Engineer", "startDate": "2015-09", "endDate": "2019-02",
         "highlights": ["Built the settlement service handling two million transactions a day."]},
        {"name": "Acme Payments GmbH", "position": "Senior Software Engineer", "startDate": "2019-03"},
    ]})
    before = heuristic()

    after = refine(before)

    work = after.data.model_dump(exclude_none=True)["work"]
    assert [w["name"] for w in work] == ["Acme Payments GmbH", "Initrode AG"]
    assert work[1] == before.data.work[1].model_dump(exclude_none=True)
    assert after.confidence["work"][1] == before.confidence["work"][1]
    assert "Globex" not in after.data.model_dump_json() and "Umbrella" not in after.data.model_dump_json()


def test_entries_align_by_key_and_new_ones_are_added_once(ollama):
    text = TEXT.replace("Software Engineer — Initrode AG", "Software Engineer — Acme Payments GmbH")
    ollama.reply_chat({"work": [
        {"name": "Acme Payments GmbH", "position": "Senior Software Engineer", "startDate": "2019-03"},
        {"name": "Acme Payments GmbH", "position": "Software Engineer", "startDate": "2015-09",
         "endDate": "2019-02"},
        {"name": "Acme Payments", "position": "Software Engineer", "startDate": "2015-09"},  # read twice
    ]})
    before = heuristic(text, {"work": [{"name": "Acme Payments GmbH", "position": "Senior Software Engineer"}]},
                       {"work": [{"name": 0.7, "position": 0.7, "highlights": []}]})

    work = refine(before).data.model_dump(exclude_none=True)["work"]

    assert work == [
        {"name": "Acme Payments GmbH", "position": "Senior Software Engineer", "startDate": "2019-03",
         "highlights": []},
        {"name": "Acme Payments GmbH", "position": "Software Engineer", "startDate": "2015-09",
         "endDate": "2019-02", "highlights": []},
    ]


def test_a_value_the_text_does_not_hold_is_dropped(ollama):
    ollama.reply_chat({
        "basics": {"name": "Jane Doe", "email": "jane@doe.dev", "phone": "+49 151 9999 0000",
                   "location": {"city": "Hamburg"}},
        "work": [
            {"name": "Acme Payments GmbH", "position": "Senior Software Eng", "startDate": "2019-03",
             "highlights": ["Led a team of twelve engineers across three countries."]},
            {"name": "Initrode AG", "position": "Software Engineer", "startDate": "2015", "endDate": "2019-06"},
        ],
        "skills": [{"name": "Python"}, {"name": "Rust"}],
        "languages": [{"language": "French", "fluency": "fluent"}],
    })
    before = heuristic()

    after = refine(before)

    data = after.data.model_dump(exclude_none=True)
    assert data["basics"]["email"] == "jane.doe@example.com"
    assert data["basics"]["phone"] == "+4915112345678"
    assert "location" not in data["basics"]
    assert data["work"][0]["highlights"] == [LEAD]
    assert data["work"][1]["endDate"] == "2019-02"
    assert after.confidence["work"][1]["endDate"] == 0.8
    assert after.confidence["basics"]["email"] == 1.0
    assert [s["name"] for s in data["skills"]] == ["Python", "Go"]
    assert data["languages"] == []
    assert_mirrors(data, after.confidence)


def test_a_better_supported_value_replaces_a_weaker_one(ollama):
    ollama.reply_chat({"work": [
        {"name": "Acme Payments GmbH", "position": "Senior Software Engineer", "startDate": "2019-03"},
        {"name": "Initrode AG", "position": "Software Engineer", "startDate": "2015-09", "endDate": "2019-02"},
    ]})

    after = refine(heuristic())

    first, second = after.data.work
    assert first.position == "Senior Software Engineer"  # the heuristic's was cut inside a word
    assert after.confidence["work"][0]["position"] == 0.9
    assert second.startDate == "2015-09"  # the month the text gives beats the bare year
    assert after.confidence["work"][1]["startDate"] > 0.9  # and both passes agree on it
    assert first.startDate == "2019-03" and after.confidence["work"][0]["startDate"] > 0.8
    assert_mirrors(after.data.model_dump(exclude_none=True), after.confidence)


@pytest.mark.parametrize("written", ["03/2019", "Mar 2019", "2019-03", "March 2019", "03.2019", "Mär. 2019"])
def test_a_date_is_supported_in_any_common_spelling(ollama, written):
    text = f"John Roe\nData Analyst, Globex Inc.  {written} – 2021\n"
    ollama.reply_chat({"work": [
        {"name": "Globex Inc.", "position": "Data Analyst", "startDate": "2019-03", "endDate": "2021"}]})
    before = heuristic(text, {"work": [{"name": "Globex Inc.", "position": "Data Analyst"}]},
                       {"work": [{"name": 0.6, "position": 0.6, "highlights": []}]})

    [work] = refine(before).data.work

    assert (work.startDate, work.endDate) == ("2019-03", "2021")


def test_a_month_the_text_does_not_give_is_dropped(ollama):
    text = "John Roe\nData Analyst, Globex Inc.  2019 – 2021\n"
    ollama.reply_chat({"work": [
        {"name": "Globex Inc.", "position": "Data Analyst", "startDate": "2019-03", "endDate": "2021-11"}]})
    before = heuristic(text, {"work": [{"name": "Globex Inc.", "position": "Data Analyst", "startDate": "2019"}]},
                       {"work": [{"name": 0.6, "position": 0.6, "startDate": 0.5, "highlights": []}]})

    [work] = refine(before).data.work

    assert (work.startDate, work.endDate) == ("2019", None)


@pytest.mark.parametrize("reply", ["malformed body", "content not the schema's JSON"])
def test_an_invalid_reply_is_retried_then_the_heuristic_result_stands(ollama, reply):
    if reply == "malformed body":
        ollama.fault("malformed")
    else:
        for _ in range(2):
            ollama.reply_chat('Sure! Here is the CV: {"basics": ')
    before = heuristic()

    assert refine(before) is before
    assert len(ollama.chats()) == 2


def test_a_slow_model_is_not_retried(ollama, monkeypatch):
    monkeypatch.setenv("AI_TIMEOUT_SECONDS", "0.5")
    config.settings.cache_clear()
    ollama.fault("slow", 1.5)
    ollama.reply_chat({"basics": {"name": "Jane Doe"}})  # for the abandoned request
    before = heuristic()

    started = time.monotonic()
    assert refine(before) is before
    assert time.monotonic() - started < 1.5
    assert len(ollama.chats()) == 1

    # The fake answers the abandoned request once its delay is over; let it, so that it does not
    # take the next test's reply.
    wait_until(lambda: ollama.scripted(CHAT) == 0, "the fake's answer to the abandoned request", 10, 0.05)


@pytest.mark.parametrize(("status", "attempts"), [(500, 2), (503, 2), (404, 1)])
def test_server_errors_leave_the_heuristic_result(ollama, status, attempts):
    ollama.fault("error", status)  # 5xx: a crashed runner, worth another try; 404: no such model
    before = heuristic()

    assert refine(before) is before
    assert len(ollama.chats()) == attempts


def test_without_ollama_host_the_heuristic_result_stands(ollama, monkeypatch):
    monkeypatch.delenv("OLLAMA_HOST")
    config.settings.cache_clear()
    before = heuristic()

    assert refine(before) is before
    assert ollama.requests == []


def test_the_model_is_told_the_language_the_cv_is_written_in(ollama):
    from vitae.cvparse.refine import refine

    ollama.reply_chat({})
    refine(heuristic(text="Doświadczenie zawodowe\nInżynier, od października 2020 do chwili obecnej\nWykształcenie"))

    [request] = ollama.chats()
    [system] = [m["content"] for m in request["messages"] if m["role"] == "system"]
    assert "written in Polish" in system and "keep every value in Polish" in system
