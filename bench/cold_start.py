"""Cold start per function: the median wall time of a fresh Python process that imports the
function's handler module (module-level initialisation included, no network), beside a floor
measured in the same run: a process that only does `import psycopg, pydantic`.

    .venv/bin/python bench/cold_start.py [--runs 9]

Prints one line per function with its median, its p90 and its ratio to the floor.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "infra"))

from vitae_devstack.template import Stack  # noqa: E402

LOAD_HANDLER = """
import importlib, sys
sys.path.insert(0, sys.argv[1])  # as Lambda imports a handler: its code directory on the path
assert callable(importlib.import_module("app").handler)
"""
FLOOR = "import psycopg, pydantic"


def timed(args: list[str], runs: int, env: dict[str, str]) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    # What Lambda would have: no endpoint, tracing on is the AWS default but X-Ray is absent here.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_ENDPOINT", "DATABASE_URL", "REDIS_URL"))}
    env |= {"AWS_DEFAULT_REGION": "us-east-1", "POWERTOOLS_TRACE_DISABLED": "true"}

    functions = Stack.root({}).functions()  # the root and every nested stack
    # Interleave floor and functions so drift in machine load affects both alike.
    floor: list[float] = []
    results: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(args.runs):
        floor += timed([sys.executable, "-c", FLOOR], 1, env)
        for name, function in functions.items():
            results[name] += timed([sys.executable, "-c", LOAD_HANDLER, str(function.code_uri)], 1, env)

    floor_median = statistics.median(floor)
    print(f"cold start: median of {args.runs} fresh processes, Python {sys.version.split()[0]}")
    print(f"{'function':<30}{'median ms':>11}{'p90 ms':>9}{'x floor':>9}")
    print(f"{'floor (psycopg+pydantic)':<30}{floor_median:>11.1f}{_p90(floor):>9.1f}{1:>9.2f}")
    for name, samples in sorted(results.items(), key=lambda kv: statistics.median(kv[1])):
        median = statistics.median(samples)
        print(f"{name:<30}{median:>11.1f}{_p90(samples):>9.1f}{median / floor_median:>9.2f}")


def _p90(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=10)[-1] if len(samples) > 1 else samples[0]


if __name__ == "__main__":
    main()
