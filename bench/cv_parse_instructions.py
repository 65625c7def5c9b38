"""CV parsing's time in instructions, which the machine's load does not move: callgrind's count of the instructions
`vitae.cvparse.parse_document` and the floor of bench/cv_parse.py (`extract_text`: pdfplumber's text of every page)
execute, per document, over 40 PDFs sampled with a fixed seed from the sets tuned on (the corpus and dev 3 to 18;
never a blind set). Each document is parsed and extracted once uninstrumented first (imports, patterns compiled at
first use), then instrumentation is on only inside the calls measured (callgrind's client requests, from a small C
library built here with `cc` against valgrind's callgrind.h).

    PYTHONHASHSEED=0 valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.%p \\
        .venv/bin/python bench/cv_parse_instructions.py [parse|floor|both]
    .venv/bin/python bench/cv_parse_instructions.py --report /tmp/cg.<pid>.*

The first form writes one callgrind file per measurement (its trigger names it: "floor", "parse"); the second
prints each one's instructions per document. About ten minutes for both on one core (issue 16: 375.3 M against
339.7 M a document before the date patterns' word lists became prefix trees, 1.105x).
"""

import argparse
import ctypes
import pathlib
import random
import subprocess
import tempfile

import cv_scoring  # bench/ is this script's directory, so first on sys.path
from cv_parse import extract_text

SAMPLE, SEED = 40, 16
_CLIENT = """#include <valgrind/callgrind.h>
void zero(void) { CALLGRIND_ZERO_STATS; }
void start(void) { CALLGRIND_START_INSTRUMENTATION; }
void stop(void) { CALLGRIND_STOP_INSTRUMENTATION; }
void dump(const char *name) { CALLGRIND_DUMP_STATS_AT(name); }
"""


def sample() -> list[pathlib.Path]:
    """The PDFs measured: SAMPLE of those of the corpus and dev 3 to 18, drawn with SEED."""
    sets = [cv_scoring.CORPUS, *(cv_scoring.CORPUS / f"dev{number}" for number in range(3, 19))]
    pdfs = sorted(path for folder in sets for path in folder.iterdir() if path.suffix == ".pdf")
    return random.Random(SEED).sample(pdfs, SAMPLE)


def _client() -> ctypes.CDLL:
    """The client requests as a shared library (they are C macros: valgrind reads them from the instructions)."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="vitae-callgrind-"))
    (folder / "client.c").write_text(_CLIENT)
    subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", str(folder / "client.so"), str(folder / "client.c")],
                   check=True)
    return ctypes.CDLL(str(folder / "client.so"))


def measure(which: str) -> None:
    """Runs the measurements `which` names ("parse", "floor" or "both"), each dumped under its name."""
    from vitae.cvparse import parse_document

    client = _client()
    documents = [path.read_bytes() for path in sample()]
    for data in documents:  # uninstrumented: what a warm process has done already
        parse_document(data)
        extract_text(data, "pdf")
    calls = {"floor": lambda data: extract_text(data, "pdf"), "parse": parse_document}
    for name, call in calls.items():
        if which in (name, "both"):
            client.zero()
            for data in documents:
                client.start()
                call(data)
                client.stop()
            client.dump(name.encode())


def report(files: list[str]) -> None:
    """Prints the instructions per document of each callgrind file a measurement dumped."""
    for file in files:
        lines = pathlib.Path(file).read_text(errors="replace").splitlines()
        trigger = next((line.rpartition(": ")[2] for line in lines if line.startswith("desc: Trigger")), "?")
        total = next((int(line.split()[1]) for line in lines if line.startswith("totals:")), 0)
        if total:
            print(f"{trigger:<8} {total / SAMPLE / 1e6:8.1f} M instructions a document")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", nargs="?", default="both", choices=("parse", "floor", "both"))
    parser.add_argument("--report", nargs="+", metavar="FILE", help="callgrind files to read, not a measurement")
    arguments = parser.parse_args()
    if arguments.report:
        report(arguments.report)
    else:
        measure(arguments.which)
