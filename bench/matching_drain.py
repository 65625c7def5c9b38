"""How many processings one matching worker drains from its queue per second.

    .venv/bin/python bench/matching_drain.py [--processings 200]

The devstack's services (embedded ones unless DATABASE_URL etc. are set), the real path: each
processing is started through the service (row + outbox event in one transaction), published to the
event bus, routed by the rule to the processings queue, and received from it in batches of the size
the template declares for `ProcessMatchFunction` (BatchSize 1), each batch run by one warm container
of the function (its own process and environment, as in Lambda) and deleted once it succeeded. Ollama
is off (an unreachable `OLLAMA_HOST`), so this is the deterministic path; with a model, a processing
costs what the model takes on top.

Beside it, measured in the same run on the same texts: the floor, `scoring.assess` alone in this
process, which no worker can avoid; the ratio says what the queue, the container and the database add.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "infra"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "ERROR")  # Ollama is off on purpose: no warnings
os.environ.setdefault("MATCHING_RATE_LIMIT_MAX", str(10**9))  # a bench starts far more than a person

from bench.matching import pairs  # noqa: E402
from vitae_devstack.pump import EventPump  # noqa: E402
from vitae_devstack.services import free_port  # noqa: E402
from vitae_devstack.stack import Devstack  # noqa: E402

WORKER = "ProcessMatchFunction"


def start_processings(count: int, resume: str, job: str) -> list[str]:
    """`count` processings of one resume text against one requirements text, by a new user."""
    from vitae.matching import service
    from vitae.matching.models import ProcessingIn, TextIn
    from vitae.platform import db
    from vitae.platform.auth import Principal

    user_id = str(uuid.uuid4())
    with db.transaction() as conn:
        conn.execute("INSERT INTO users (id, email, full_name) VALUES (%s, %s, 'Bench Mark')",
                     (user_id, f"{user_id[:12]}@example.com"))
    caller = Principal(user_id=user_id, email=None, role="user", expires_at=datetime.now(UTC) + timedelta(hours=1))
    requirements = service.create_text(service.REQUIREMENTS, caller, TextIn(title="Job", text=job))
    resume_text = service.create_text(service.RESUME_TEXTS, caller, TextIn(title="Resume", text=resume))
    body = ProcessingIn(requirements_id=requirements.id, resume_text_id=resume_text.id)
    return [str(service.create_processing(caller, body).id) for _ in range(count)]


def statuses(ids: list[str]) -> dict[str, int]:
    from vitae.platform import db

    rows = db.connection().execute("SELECT status, count(*) AS n FROM processings WHERE id = ANY(%s::uuid[]) "
                                   "GROUP BY status", (ids,))
    return {row["status"]: row["n"] for row in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processings", type=int, default=200)
    args = parser.parse_args()
    resume, job = pairs()[0]
    os.environ["OLLAMA_HOST"] = f"http://127.0.0.1:{free_port()}"
    devstack = Devstack(stage=f"bench{uuid.uuid4().hex[:6]}", state_dir=Path(tempfile.mkdtemp(prefix="vitae-bench-")))
    devstack.up()
    os.environ.update(devstack.local_environment())
    runtime = devstack.new_runtime()
    assert devstack.stack is not None
    mapping = next(m for m in devstack.stack.queue_mappings() if m.function == WORKER)
    pump = EventPump(devstack.stack, runtime, devstack.region)
    try:
        ids = start_processings(args.processings, resume, job)
        runtime.invoke(WORKER, {"Records": []})  # a warm container, as a busy worker has
        drained, started = 0, time.perf_counter()
        while drained < len(ids):
            counts = pump.poll_once(mapping, wait_seconds=1)
            assert counts["failed"] == 0, counts
            drained += counts["succeeded"]
        seconds = time.perf_counter() - started
        assert statuses(ids) == {"done": len(ids)}, statuses(ids)

        from vitae.matching.scoring import assess

        assess(resume, job)
        floor = []
        for _ in range(len(ids)):
            begun = time.perf_counter()
            assess(resume, job)
            floor.append(time.perf_counter() - begun)
        per_processing = seconds / len(ids)
        floor_median = statistics.median(floor)
        print(f"matching worker drain: {len(ids)} processings, batch size {mapping.batch_size}, one warm container")
        print(f"{'processings/s':>14}{'ms each':>10}{'assess ms':>11}{'x floor':>9}")
        print(f"{len(ids) / seconds:>14.1f}{per_processing * 1000:>10.1f}{floor_median * 1000:>11.1f}"
              f"{per_processing / floor_median:>9.2f}")
    finally:
        runtime.shutdown()
        devstack.stop()


if __name__ == "__main__":
    main()
