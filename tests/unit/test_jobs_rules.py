"""The jobs domain's rules that need no service: reading JSON Lines from chunks of any size, runs
of an import without a key twice, a row judged alone, and the words a query asks for."""

import json

import pytest

from vitae.jobs import service, worker
from vitae.jobs.models import JobIn


def _chunks(data: bytes, size: int):
    for start in range(0, len(data), size):
        yield data[start:start + size]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 1000])
def test_lines_come_whole_numbered_and_an_overlong_one_is_dropped_unread(monkeypatch, size):
    monkeypatch.setattr(worker, "MAX_LINE_BYTES", 10)
    data = b"abc\n0123456789ABCDEF\nxy\n\nlast"
    assert list(worker.lines_of(_chunks(data, size))) == [(1, b"abc"), (2, None), (3, b"xy"), (4, b""),
                                                            (5, b"last")]
    assert list(worker.lines_of(_chunks(b"a\n", size))) == [(1, b"a")]
    assert list(worker.lines_of(_chunks(b"0123456789ABC", size))) == [(1, None)]


def test_a_line_is_a_job_a_reason_or_nothing():
    good = {"title": "Nurse", "company": "St Mary", "source": "nhs", "externalId": "1"}
    assert isinstance(worker.judge_line(json.dumps(good).encode()), JobIn)
    assert worker.judge_line(b"   ") is None
    assert worker.judge_line(None) == "line longer than 262144 bytes"
    assert worker.judge_line(b"\xff\xfe") == "not UTF-8 text"
    assert worker.judge_line(b"{") == "not a JSON document"
    assert worker.judge_line(b"[1]") == "a job must be a JSON object"
    assert worker.judge_line(json.dumps({**good, "title": "a\u0000b"}).encode()) == \
        "title: text must not contain NUL characters"
    assert worker.judge_line(json.dumps({**good, "source": None, "externalId": None}).encode()).startswith(
        "source and externalId are required")
    reason = worker.judge_line(json.dumps({"company": "X", "salaryMin": "lots", "source": "s",
                                           "externalId": "1"}).encode())
    assert reason == "title: Field required; salaryMin: Input should be a valid integer, unable to parse string " \
                     "as an integer"


def _job(key: str) -> JobIn:
    return JobIn(title="T", company="C", source="s", external_id=key)


def test_an_import_runs_in_batches_where_no_key_comes_twice():
    jobs = [_job(k) for k in "abcadefgh"]
    runs = [[j.external_id for j in run] for run in service.batches(jobs, size=3)]
    assert runs == [["a", "b", "c"], ["a", "d", "e"], ["f", "g", "h"]]
    assert [[j.external_id for j in run] for run in service.batches([_job("a"), _job("a")], size=10)] == [["a"], ["a"]]


@pytest.mark.parametrize("query,words", [
    ('"data engineer" -senior', "data engineer"), ("nurse OR teacher", "nurse teacher"),
    ('python -"machine learning" django', "python django"), ("c# -.net", "c#"), ("e-commerce", "e-commerce"),
])
def test_the_words_a_query_asks_for(query, words):
    assert service.plain_words(query) == words


def test_a_row_of_the_views_columns_and_one_with_more_give_the_same_view():
    import uuid
    from datetime import UTC, datetime

    from vitae.jobs import repository

    now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    row = {"id": uuid.UUID(int=1), "title": "Nurse", "company": "St Mary", "location": None, "description": "Care",
           "requirements": ["RGN"], "skills": ["care"], "salary_range": None, "salary_min": 30000, "salary_max": None,
           "currency": "GBP", "job_type": None, "remote": False, "url": None, "external_id": "1", "source": "nhs",
           "posted_at": None, "created_at": now, "updated_at": now}
    assert list(row) == repository._COLUMNS.replace("external_url AS url", "url").split(", ")  # repository.job's row
    view = service.view(row)
    assert service.view({**row, "rank": 0.5, "skill_keys": ["care"]}) == view
    assert view.model_dump(by_alias=True)["externalId"] == "1"
