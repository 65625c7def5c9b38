"""Cold start per function, each against its own dependency floor measured in the same run.

A sample is one fresh Python process, as Lambda's init and first invocation: it imports the
function's handler module (its code directory on `sys.path`, module-level initialisation included),
then invokes the handler once with the function's sample event from events/ (config load, the
first connections to the local PostgreSQL and Redis, the answer). A floor is the same for only the
libraries a function cannot avoid: an HTTP function imports psycopg, pydantic and redis-py (every
route rate-limits through Redis) and declares one pydantic model, then its first call connects to the
database and runs one query, counts one request in Redis and answers with the row validated and
serialised by that model; a worker imports what its work needs (`WORKER_FLOORS`) and its first call
does the same without Redis when its work has none. The one model is there because every function
validates something with pydantic, and pydantic 2 loads its model machinery (`pydantic.main`, fields,
types, its one-time set-up: ~45 ms CPU here) only at the first `BaseModel`: `import pydantic` alone
does not load it. A function whose first call imported an external service's client (boto3, ollama)
gets that client in its floor too (`WITH_CLIENT`). Each row gives two ratios per phase: against the
function's own floor, and against the plain psycopg + pydantic floor.

    .venv/bin/python bench/cold_start.py [--runs 2] [--recheck 4] [--jobs N] [--only REGEX]

Times are the sample process's CPU time (`time.process_time`: its own work, whatever else the
machine runs; what Lambda's vCPU would spend), the wall time of the whole beside it.

Ratios come from pairs. On shared cores the CPU time of the same process drifts by 30-40% within a
run (other tenants, the host's caches and clock), so a function's median and its floor's, taken
minutes apart, are not comparable: two full runs of the same code put 10 of 160 functions over
1.3x each time, but not the same 10 (plain workers 1.3-1.6x in one run, 0.96x in the other; the
HTTP floor's init 277 ms in one, 374 ms in the other). So every sample of a function is paired with
a sample of its floor taken back to back with it on the same core (the floor its sample's first
call needed: `Target.partner`), which of the two runs first alternating from one round to the next
(neither always gets the other's page cache and warmed services); a pair's ratio is its function
sample's CPU time over its floor sample's, per phase, and a row gives the median of its pairs'
ratios and their number ("n"). Drift slower than a pair (about a second) cancels out of every
ratio. The "x plain" ratios chain the same way: each floor other than the plain one is paired with
the plain floor (`--floor-pairs` per round), and a function's x plain is the median of its pairs'
ratios, each times its floor's median ratio to the plain one. The ms columns stay medians of the
samples, for reference only. Pairs are taken one per core at a time (`--jobs`, default every core;
each worker thread pinned to its own core, which the processes it starts inherit), the pairs of a
round (every function once, and each floor's with the plain one) in a random order.

A burst on the other tenants' side can still land on one side of one pair, so the verdict is
settled by sequential sampling: a function whose median ratio is within `--recheck-margin` (0.1) of
the 1.3x target or over it gets `--recheck` (4) more pairs in last rounds, and its row gives the
median of all its pairs (the last line says how many were rechecked and how many verdicts that
turned). How it stays within 5 minutes on 2 cores (160 functions): 2 pairs each by default, 4 more
for the 20-30 near or over the target, 3 pairs per round of each floor with the plain one: ~900-1,000
processes, as many as the unpaired bench's 3 samples and ~80 floor samples per round took, which
ran ~3.7 processes a second on a quiet machine (so ~4.5 minutes, estimated). With other work on the cores it takes
longer (~0.95 a second at a load average of 5-6: 15-18 minutes), and the ratios hold (README).

The services are the devstack's (embedded PostgreSQL, Redis and moto, unless DATABASE_URL etc. are
set); every function gets its template's environment, with its secrets as values rather than SSM
parameter names (locally nothing needs SSM), and external services (Ollama, GitHub, an OIDC
issuer) pointed at a closed local port, so a call that would use them fails at once.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "infra"))

from vitae_devstack.stack import DEMO_USER_ID, RUNTIME_DEFAULTS, SECRET_SUFFIX, Devstack  # noqa: E402
from vitae_devstack.template import Function  # noqa: E402


@dataclass(frozen=True)
class Floor:
    """What a function cannot avoid: `modules` to import, then `steps` on its first call: "db" (connect,
    one query), "redis" (one INCR, as a rate limit counts), "s3" (an S3 client's first request: a HEAD
    of a missing object in FILES_BUCKET)."""

    name: str
    modules: tuple[str, ...]
    steps: tuple[str, ...] = ("db",)


PLAIN = Floor("plain", ("psycopg", "pydantic"))
HTTP = Floor("http", (*PLAIN.modules, "redis"), ("db", "redis"))
S3_WORKER = Floor("s3", (*PLAIN.modules, "boto3"), ("db", "s3"))
HTTP_AWS = Floor("http+aws", (*HTTP.modules, "boto3"), (*HTTP.steps, "s3"))
AI_WORKER = Floor("ollama", (*PLAIN.modules, "ollama"))
# A function whose first call imported an external service's client (each is imported where it is
# used) called that service for its work: boto3 for AWS (an event published after a commit, a
# presigned upload, a file read), ollama for the LLM. It is measured against its floor with that
# client as well (and, for AWS, a client's first request); with both, against Ollama's.
WITH_CLIENT = {"ollama": {PLAIN: AI_WORKER, HTTP: Floor("http+ollama", (*HTTP.modules, "ollama"), HTTP.steps)},
               "boto3": {PLAIN: S3_WORKER, HTTP: HTTP_AWS}}
# What each function that serves no route cannot avoid for its work, beyond its config (pydantic)
# and the database (psycopg): Redis where every invocation reads or writes it, boto3 where every
# invocation calls AWS (the uploaded object read from S3, EventBridge), the client of the external
# service every invocation calls. Libraries only some inputs need (a PDF reader for a CV that may be
# a DOCX) are not the floor. Unlisted: PLAIN (event consumers working in the database).
WORKER_FLOORS: dict[str, Floor] = {
    "AuthorizerFunction": Floor("jwt", (*HTTP.modules, "jwt"), HTTP.steps),  # a token, Redis's revocation marks
    "MigrateFunction": Floor("yoyo", (*PLAIN.modules, "yoyo")),
    "OutboxRelayFunction": Floor("boto3", (*PLAIN.modules, "boto3")),  # EventBridge PutEvents, when rows wait
    "AvatarUploadedFunction": S3_WORKER,
    "AttachmentUploadedFunction": S3_WORKER,
    "ParseCvFunction": S3_WORKER,
    "ReadMatchingUploadFunction": S3_WORKER,
    "ImportJobsFileFunction": S3_WORKER,
    "LinkedInImportWorkerFunction": S3_WORKER,
    "PurgeUserFilesFunction": Floor("boto3", (*PLAIN.modules, "boto3")),  # S3 deletes, for users with files
    "ResumeStatsFlushFunction": HTTP,  # counters from Redis to PostgreSQL
    "AssistantWorkerFunction": AI_WORKER,
    "EmbedJobsFunction": AI_WORKER,
    "JobsSweepFunction": AI_WORKER,
    "GitHubSyncWorkerFunction": Floor("requests", (*PLAIN.modules, "requests")),  # GitHub's REST API
}
# Routes whose work is more than the HTTP floor's on every call: the health check asks S3 and SQS.
ROUTE_FLOORS: dict[str, Floor] = {"HealthFunction": HTTP_AWS}
# Sample events that would delete the demo user every other sample event acts as: each sample
# deletes a user created for it instead.
OWN_USER = frozenset({"DeleteUserFunction"})
CLOSED_PORT = "http://127.0.0.1:9"  # discard: nothing listens, a connection is refused at once
EXTERNAL = {"OLLAMA_HOST": CLOSED_PORT, "GITHUB_API_URL": CLOSED_PORT, "OIDC_JWKS_URL": f"{CLOSED_PORT}/jwks"}
# Every sample event comes from one address: the limits are still counted (and timed), never reached.
UNLIMITED = {"RATE_LIMIT_IP_MAX": str(10**9), "RATE_LIMIT_AUTH_MAX": str(10**9)}

# Both programs start with the same standard modules; the first line they print is the phases'
# clock (CLOCK_MONOTONIC, shared by every process on the machine) after the imports and after the call.
FUNCTION_PROGRAM = """
import importlib, json, os, sys, time
sys.path.insert(0, os.environ["LAMBDA_TASK_ROOT"])
module, attribute = os.environ["_HANDLER"].rsplit(".", 1)
handler = getattr(importlib.import_module(module), attribute)
imported, imported_cpu = time.monotonic(), time.process_time()
clients_at_init = {"boto3", "ollama"} & set(sys.modules)

class Context:
    function_name = os.environ["AWS_LAMBDA_FUNCTION_NAME"]
    memory_limit_in_mb = 512
    aws_request_id = "c0ffee00-0000-4000-8000-000000000000"
    function_version = "$LATEST"
    invoked_function_arn = "arn:aws:lambda:local:000000000000:function:" + function_name
    log_group_name = log_stream_name = "local"
    def get_remaining_time_in_millis(self):
        return 10_000

with open(sys.argv[1]) as file:
    event = json.load(file)
try:
    answer = handler(event, Context())
    outcome = str(answer.get("statusCode", "ok")) if isinstance(answer, dict) else "ok"
except Exception as exc:
    outcome = type(exc).__name__
called = sorted(({"boto3", "ollama"} & set(sys.modules)) - clients_at_init)
print("\\0cold", json.dumps([imported, time.monotonic(), imported_cpu, time.process_time(), outcome, called]),
      flush=True)
"""
FLOOR_PROGRAM = """
import importlib, json, os, sys, time
modules = [importlib.import_module(name) for name in sys.argv[1].split(",")]
if "pydantic" in sys.argv[1].split(","):  # one model, declared at import: pydantic 2 loads BaseModel lazily
    from pydantic import BaseModel
    class Row(BaseModel):
        id: object
        email: str
        created_at: object
imported, imported_cpu = time.monotonic(), time.process_time()

steps = sys.argv[2].split(",")
import psycopg
with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
    row = conn.execute("SELECT id, email, created_at FROM users LIMIT 1").fetchone()
if "redis" in steps:
    import redis
    redis.Redis.from_url(os.environ["REDIS_URL"]).incr("floor:count")
if "s3" in steps:
    import boto3, botocore.exceptions
    try:
        boto3.client("s3").head_object(Bucket=os.environ["FILES_BUCKET"], Key="floor/missing")
    except botocore.exceptions.ClientError:
        pass
if "pydantic" in sys.argv[1].split(","):  # the row validated and answered through the model
    Row(id=row[0], email=row[1], created_at=row[2]).model_dump_json() if row else Row.model_json_schema()
else:
    json.dumps(row, default=str)
print("\\0cold", json.dumps([imported, time.monotonic(), imported_cpu, time.process_time(), "ok", []]), flush=True)
"""


@dataclass(frozen=True)
class Sample:
    """One fresh process: (ms to the end of the imports, ms of the first call), of its CPU time and of
    the wall time."""

    cpu: tuple[float, float]
    wall: tuple[float, float]

    def ms(self, phase: int | None = None, clock: int = 0) -> float:
        """Its import time (phase 0), first-call time (1) or their sum (None), in ms of CPU (clock 0)
        or wall time (1)."""
        times = self.wall if clock else self.cpu
        return times[phase] if phase is not None else sum(times)


@dataclass
class Target:
    """A function or a floor, with its samples and its pairs: (its sample, the floor it was paired with,
    that floor's sample taken next to it on the same core). A function is paired with its floor as its
    sample's first call needed it (`WITH_CLIENT`); a floor other than the plain one, with the plain
    floor (`versus`)."""

    name: str
    args: list[str]
    env: dict[str, str]
    floor: Floor = PLAIN
    prepare: Callable[[], Path] | None = None  # a sample event of its own for each sample
    versus: Floor | None = None  # a floor's fixed partner (the plain floor); None: a function's, by its call
    samples: list[Sample] = field(default_factory=list)
    pairs: list[tuple[Sample, Floor, Sample]] = field(default_factory=list)
    outcomes: set[str] = field(default_factory=set)
    clients: Counter[str] = field(default_factory=Counter)  # samples whose first call imported each client

    def partner(self, clients: Iterable[str]) -> Floor:
        """The floor a sample whose first call imported `clients` is paired with: its floor, with the
        first such client's (`WITH_CLIENT`); a floor's `versus`."""
        if self.versus is not None:
            return self.versus
        for client, floors in WITH_CLIENT.items():
            if client in clients:
                return floors.get(self.floor, self.floor)
        return self.floor

    @property
    def own_floor(self) -> Floor:
        """The floor most of its pairs had (before any: the one its usual first call needs)."""
        if self.pairs:
            return Counter(floor for _, floor, _ in self.pairs).most_common(1)[0][0]
        return self.partner(client for client, count in self.clients.items() if count * 2 > len(self.samples))

    def median(self, phase: int | None = None, clock: int = 0) -> float:
        """The median of its samples' `Sample.ms`: absolute, for reference (ratios come from `ratio`)."""
        return statistics.median(sample.ms(phase, clock) for sample in self.samples)

    def ratio(self, phase: int | None = None, scale: Callable[[Floor], float] | None = None) -> float:
        """The median of its pairs' ratios (its sample's CPU time over its partner's, phase as in
        `Sample.ms`), each times `scale` of the pair's floor (the floor's ratio to the plain one)."""
        return statistics.median(own.ms(phase) / other.ms(phase) * (scale(floor) if scale else 1.0)
                                 for own, floor, other in self.pairs)


def sample_event(function: Function) -> Path:
    """events/<domain>/<function>.json, or the SQS one of a function with several sources."""
    relative = function.code_uri.relative_to(ROOT / "functions")
    single = ROOT / "events" / f"{relative}.json"
    return single if single.exists() else ROOT / "events" / relative / "sqs.json"


def event_of_new_user(sample: Path) -> Path:
    """`sample` acted by, and about, a user created for it (written beside the bench's state)."""
    import psycopg

    user_id = uuid.uuid4()
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("INSERT INTO users (id, email, username) VALUES (%s, %s, %s)",
                     (user_id, f"{user_id.hex[:12]}@example.com", f"u{user_id.hex[:12]}"))
    text = sample.read_text().replace(DEMO_USER_ID, str(user_id))
    path = Path(tempfile.mkstemp(prefix="cold-event-", suffix=".json")[1])
    path.write_text(text)
    return path


def run(target: Target, timeout: float = 60) -> tuple[Sample, list[str]]:
    """One sample of `target` (recorded in it): the sample, and the clients its first call imported."""
    event = target.prepare() if target.prepare else None
    args = target.args if event is None else [*target.args[:-1], str(event)]
    started = time.monotonic()
    result = subprocess.run(args, env=target.env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if event is not None:
        event.unlink()
    marks = [line for line in result.stdout.splitlines() if line.startswith("\0cold ")]
    if result.returncode != 0 or not marks:
        raise RuntimeError(f"{target.name} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    imported, called, imported_cpu, called_cpu, outcome, clients = json.loads(marks[-1].removeprefix("\0cold "))
    sample = Sample((imported_cpu * 1000, (called_cpu - imported_cpu) * 1000),
                    ((imported - started) * 1000, (called - imported) * 1000))
    target.clients.update(clients)
    target.samples.append(sample)
    target.outcomes.add(outcome)
    return sample, clients


@dataclass(frozen=True)
class Pair:
    """One pair to take: a sample of `target` and one of its partner floor, back to back on one core,
    `target`'s first when `first`."""

    target: Target
    first: bool


def run_pair(pair: Pair, floors: dict[Floor, Target]) -> None:
    """Takes `pair` and records it in its target. A function's partner is the floor its sample's first
    call needed, known once it has run: when its floor ran first (the one most of its calls needed so
    far, else its base floor) and its call needed another (a client imported or not), that floor's
    sample is taken right after it instead."""
    target = pair.target
    if pair.first:
        own, clients = run(target)
        partner = floors[target.partner(clients)]
        other, _ = run(partner)
    else:
        expected = floors[target.own_floor]
        other, _ = run(expected)
        own, clients = run(target)
        partner = floors[target.partner(clients)]
        if partner is not expected:
            other, _ = run(partner)
    target.pairs.append((own, partner.floor, other))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=2, help="pairs per function (rounds)")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--only", help="functions whose logical id matches this regular expression")
    parser.add_argument("--recheck", type=int, default=4, help="more pairs of a function near or over the target")
    parser.add_argument("--samples", type=Path, help="write every sample and pair to this JSON file")
    parser.add_argument("--floor-pairs", type=int, default=3,
                        help="pairs of each floor with the plain floor per round (the x plain columns)")
    parser.add_argument("--recheck-margin", type=float, default=0.1)
    args = parser.parse_args()
    os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")
    devstack = Devstack(state_dir=Path(tempfile.mkdtemp(prefix="vitae-cold-")))
    devstack.up()
    try:
        measure(devstack, args)
    finally:
        devstack.stop()


def measure(devstack: Devstack, args: argparse.Namespace) -> None:
    local = devstack.local_environment()
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "AWS_DEFAULT_REGION", "AWS_REGION",
                                             "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL")
            if key in os.environ} | RUNTIME_DEFAULTS
    routed = {route.function for route in devstack.stack.routes()} if devstack.stack else set()
    functions: list[Target] = []
    for name, function in sorted(devstack.functions.items()):
        if args.only and not re.search(args.only, name):
            continue
        env = dict(base)
        for key, value in devstack.environments[name].items():
            if key.endswith(SECRET_SUFFIX):
                if key.removesuffix(SECRET_SUFFIX) in local:  # else not configured here (OAUTH_PROVIDERS)
                    env[key.removesuffix(SECRET_SUFFIX)] = local[key.removesuffix(SECRET_SUFFIX)]
            else:
                env[key] = EXTERNAL.get(key, value)
        env |= UNLIMITED | {"LAMBDA_TASK_ROOT": str(function.code_uri), "_HANDLER": function.handler,
                "AWS_LAMBDA_FUNCTION_NAME": name, "POWERTOOLS_LOG_LEVEL": "WARNING"}
        floor = ROUTE_FLOORS.get(name, HTTP) if name in routed else WORKER_FLOORS.get(name, PLAIN)
        event = sample_event(function)
        functions.append(Target(name, [sys.executable, "-c", FUNCTION_PROGRAM, str(event)], env, floor,
                                prepare=(lambda event=event: event_of_new_user(event)) if name in OWN_USER else None))
    floor_env = base | {key: local[key] for key in ("DATABASE_URL", "REDIS_URL", "FILES_BUCKET")}
    floors = {floor: Target(f"{floor.name}: {'+'.join(floor.modules)}; {','.join(floor.steps)}",
                            [sys.executable, "-c", FLOOR_PROGRAM, ",".join(floor.modules), ",".join(floor.steps)],
                            floor_env, floor, versus=None if floor == PLAIN else PLAIN)
              for floor in sorted({PLAIN, *(f for floors in WITH_CLIENT.values() for f in floors.values()),
                                   *(target.floor for target in functions)},
                                  key=lambda f: f.name)}

    cores = sorted(os.sched_getaffinity(0))[:args.jobs]
    started = time.monotonic()
    offsets = {target.name: random.randrange(2) for target in [*functions, *floors.values()]}
    rounds = [a_round(functions, floors, number, offsets, args.floor_pairs) for number in range(args.runs)]
    sample([pair for pairs in rounds for pair in pairs], floors, cores)
    doubtful = [target for target in functions if target.ratio() > TARGET - args.recheck_margin]
    verdicts = {target.name: target.ratio() <= TARGET for target in doubtful}
    if doubtful and args.recheck:
        sample([pair for round in range(args.runs, args.runs + args.recheck)
                for pair in a_round(doubtful, floors, round, offsets, 0)], floors, cores)
    changed = sum(verdicts[target.name] != (target.ratio() <= TARGET) for target in doubtful)
    report(functions, floors, args, time.monotonic() - started, len(cores), (len(doubtful), changed))
    if args.samples:
        args.samples.write_text(json.dumps({target.name: {
            "floor": target.own_floor.name, "samples": [[sample.cpu, sample.wall] for sample in target.samples],
            "pairs": [[own.cpu, floor.name, other.cpu] for own, floor, other in target.pairs]}
            for target in [*functions, *floors.values()]}))


TARGET = 1.3  # issue 17: every function's cold start within 1.3x its own floor


def a_round(functions: list[Target], floors: dict[Floor, Target], number: int, offsets: dict[str, int],
            floor_pairs: int) -> list[Pair]:
    """Every function's pair once and `floor_pairs` pairs of each floor but the plain one with the plain
    floor, in a random order; each target's sample goes first in every other round (`offsets`: which
    rounds, at random), so neither side of a pair always runs second (after the other's page cache and
    the services' warm-up)."""
    pairs = [Pair(target, (number + offsets[target.name]) % 2 == 0) for target in functions]
    pairs += [Pair(floor, (number + offsets[floor.name] + i) % 2 == 0)
              for floor in floors.values() if floor.versus is not None for i in range(floor_pairs)]
    random.shuffle(pairs)
    return pairs


def sample(pairs: list[Pair], floors: dict[Floor, Target], cores: list[int]) -> None:
    """Takes each pair, in order, one pair per core at a time; raises the first failure."""
    queue = iter(pairs)
    lock = threading.Lock()
    errors: list[BaseException] = []

    def worker(core: int) -> None:
        os.sched_setaffinity(0, {core})  # this thread's; the processes it starts inherit it
        while True:
            with lock:
                pair = next(queue, None)
            if pair is None or errors:
                return
            try:
                run_pair(pair, floors)
            except BaseException as exc:
                errors.append(exc)

    threads = [threading.Thread(target=worker, args=(core,)) for core in cores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def report(functions: list[Target], floors: dict[Floor, Target], args: argparse.Namespace,
           seconds: float, jobs: int, rechecked: tuple[int, int]) -> None:
    to_plain = {spec: 1.0 if floor.versus is None else floor.ratio() for spec, floor in floors.items()}
    to_plain_init = {spec: 1.0 if floor.versus is None else floor.ratio(0) for spec, floor in floors.items()}
    print(f"cold start: each function's sample paired with its floor's, back to back on one core (in alternating "
          f"order); ratios are medians of the pairs' ratios; {args.runs} pairs per function "
          f"({args.runs + args.recheck} when within {args.recheck_margin} of {TARGET}x or over it), {jobs} pairs at a "
          f"time (one per core), {seconds:.0f} s; Python {sys.version.split()[0]}")
    print("init: until the handler module is imported; total: init + the first invocation (sample event, local "
          "services); ms of the process's CPU time, medians of its samples (its wall time, total, for reference); "
          "x plain: a floor's pairs with the plain floor, a function's x own times its floor's x plain")
    print(f"{'floor: imports; first call':<56}{'samples':>8}{'init ms':>9}{'total ms':>10}{'wall ms':>9}"
          f"{'pairs':>6}{'init x plain':>13}{'total x plain':>14}")
    for spec, floor in floors.items():
        print(f"{floor.name:<56}{len(floor.samples):>8}{floor.median(0):>9.0f}{floor.median():>10.0f}"
              f"{floor.median(clock=1):>9.0f}{len(floor.pairs):>6}{to_plain_init[spec]:>13.2f}{to_plain[spec]:>14.2f}")
    print()
    print(f"{'function':<36}{'floor':<12}{'n':>3}{'init ms':>8}{'x own':>7}{'x plain':>8}"
          f"{'total ms':>10}{'x own':>7}{'x plain':>8}{'wall ms':>9}  first call")
    worst = 0.0
    for target in sorted(functions, key=lambda t: t.ratio(), reverse=True):
        init, total = target.ratio(0), target.ratio()
        worst = max(worst, total, init)
        print(f"{target.name:<36}{target.own_floor.name:<12}{len(target.pairs):>3}{target.median(0):>8.0f}"
              f"{init:>7.2f}{target.ratio(0, to_plain_init.__getitem__):>8.2f}{target.median():>10.0f}{total:>7.2f}"
              f"{target.ratio(None, to_plain.__getitem__):>8.2f}{target.median(clock=1):>9.0f}  "
              f"{','.join(sorted(target.outcomes))}")
    within = sum(target.ratio() <= TARGET for target in functions)
    print(f"\nrechecked: {rechecked[0]} (verdict changed by the recheck: {rechecked[1]}); "
          f"worst ratio to its own floor: {worst:.2f}; total within {TARGET}x its own floor: {within} of "
          f"{len(functions)}")


if __name__ == "__main__":
    main()
