"""Warm invocations: median and p99 of in-process calls of a handler (as a warm Lambda container
runs them) against the local PostgreSQL, beside a floor measured in the same run: the same SELECT
by raw psycopg plus `json.dumps` of the row.

    .venv/bin/python bench/warm_invoke.py [--calls 2000]

Uses the devstack's services (embedded ones unless DATABASE_URL etc. are set).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "infra"))
os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")

from vitae_devstack.stack import Devstack  # noqa: E402


def measure(call, calls: int) -> list[float]:
    samples = []
    for _ in range(calls):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1e6)
    return samples


def summary(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), statistics.quantiles(samples, n=100)[98]


def get_user_case(devstack: Devstack):
    """GET /v1/users/{id} for a user with a full profile."""
    import psycopg
    from psycopg.rows import dict_row

    from vitae.platform import db
    from vitae.users import repository

    user_id = uuid.uuid4()
    with db.transaction() as conn:
        conn.execute("""INSERT INTO users (id, external_id, email, username, full_name, company_name, phone, bio)
                        VALUES (%s, %s, %s, %s, 'Bench Mark', 'Bench Co', '+44 20 7946 0958', 'A typical bio.')""",
                     (user_id, f"kc-{user_id}", f"{user_id.hex[:12]}@example.com", f"u{user_id.hex[:12]}"))
    event = json.loads((ROOT / "events/users/get.json").read_text())
    event["pathParameters"] = {"id": str(user_id)}
    event["requestContext"]["authorizer"]["lambda"]["userId"] = str(user_id)
    handler = devstack.runtime.handler("GetUserFunction")
    context = devstack.runtime.context("GetUserFunction")

    def invoke():
        response = handler(event, context)
        assert response["statusCode"] == 200

    raw = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True, prepare_threshold=None, row_factory=dict_row)
    query = f"SELECT {repository.COLUMNS} FROM users WHERE id = %s AND deleted_at IS NULL"

    def floor():
        json.dumps(raw.execute(query, (user_id,)).fetchone(), default=str)

    return "GET /v1/users/{id}", invoke, floor


CASES = [get_user_case]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    devstack = Devstack(stage=f"bench{uuid.uuid4().hex[:6]}", state_dir=Path(tempfile.mkdtemp(prefix="vitae-bench-")))
    devstack.up()
    try:
        print(f"warm invocations: {args.calls} calls each, interleaved in rounds; microseconds")
        print(f"{'case':<28}{'median':>9}{'p99':>9}{'floor med':>11}{'floor p99':>11}{'x floor':>9}")
        for make in CASES:
            name, invoke, floor = make(devstack)
            for warm in (invoke, floor):
                measure(warm, 50)
            handler_samples: list[float] = []
            floor_samples: list[float] = []
            for _ in range(10):  # interleave so drift in machine load hits both alike
                handler_samples += measure(invoke, args.calls // 10)
                floor_samples += measure(floor, args.calls // 10)
            (median, p99), (floor_median, floor_p99) = summary(handler_samples), summary(floor_samples)
            print(f"{name:<28}{median:>9.0f}{p99:>9.0f}{floor_median:>11.0f}{floor_p99:>11.0f}"
                  f"{median / floor_median:>9.2f}")
    finally:
        devstack.stop()


if __name__ == "__main__":
    main()
