"""Job search and recommendations over a realistic catalogue: 100,000 generated jobs (many
professions, companies, locations, salary ranges, job types, remote or not) loaded into the
devstack's PostgreSQL with COPY, their skill keys as the service computes them; then 200 mixed
searches (one word, phrases, exclusions, filters, typos, tech tokens, later pages) timed through
`vitae.jobs.service.search` as a warm function runs it; then every job's embedding (the fake
Ollama's deterministic `hashed_embedding`, a stand-in for a model) loaded by COPY and the HNSW
index built, and 200 calls of `vitae.jobs.recommendations.recommend` timed, round-robin over users
with candidate profiles (and most with job-search preferences) made through the services. Each
part: median and p95 beside a floor measured in the same run, primary-key lookups of as many rows
as each call returned.

    .venv/bin/python bench/jobs.py [--jobs 100000] [--searches 200] [--recommendations 200] [--users 30]

Uses the devstack's services (embedded ones unless DATABASE_URL etc. are set) and the fake Ollama of
the tests (a real HTTP server) for the users' profile embeddings. Targets: search p95 <= 50 ms,
recommendations p95 <= 100 ms.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "infra"))
sys.path.insert(0, str(ROOT))  # tests.fakes.ollama
os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")

# profession -> (titles, skills, requirement lines, salary range in USD a year, description sentences)
PROFESSIONS: dict[str, tuple[list[str], list[str], list[str], tuple[int, int], list[str]]] = {
    "software": (
        ["Software Engineer", "Senior Software Engineer", "Backend Developer", "Frontend Developer",
         "Full Stack Developer", "Staff Engineer", "Python Developer", "Java Developer", "C# Developer",
         "C++ Engineer", ".NET Developer", "Node.js Developer", "Mobile Developer", "Embedded C Engineer",
         "Go Developer", "Rust Engineer", "Site Reliability Engineer", "DevOps Engineer"],
        ["Python", "Java", "C#", "C++", "C", ".NET", "Node.js", "TypeScript", "React", "Go", "Rust", "Kotlin",
         "AWS", "Docker", "Kubernetes", "PostgreSQL", "Redis", "GraphQL", "Terraform", "Linux", "Git"],
        ["{n}+ years building production services", "Experience with {s} and {t}", "Solid grasp of testing",
         "Comfortable with code review and CI", "Degree in computer science or equivalent experience"],
        (60_000, 220_000),
        ["You will design, build and operate services used by millions of people.",
         "Our team ships small changes many times a day behind feature flags.",
         "We care about readable code, good tests and blameless post-mortems.",
         "You will pair with product managers and designers on new features.",
         "Our stack runs on {s} with {t} in production."]),
    "data": (
        ["Data Scientist", "Data Engineer", "Machine Learning Engineer", "Data Analyst", "Analytics Engineer",
         "Senior Data Engineer", "BI Developer"],
        ["Python", "SQL", "Spark", "Airflow", "dbt", "Pandas", "PyTorch", "TensorFlow", "Tableau", "Power BI",
         "Statistics", "Snowflake", "BigQuery", "R"],
        ["{n}+ years with {s}", "Strong SQL", "Experience with {s} and {t}", "Statistics or mathematics background"],
        (55_000, 200_000),
        ["You will turn raw events into trustworthy datasets and dashboards.",
         "Our models help thousands of customers forecast demand.",
         "You will own pipelines written in {s} and scheduled with {t}.",
         "We value clear communication of uncertain results."]),
    "nursing": (
        ["Registered Nurse", "ICU Nurse", "Pediatric Nurse", "Nurse Practitioner", "Charge Nurse",
         "Community Nurse", "Theatre Nurse", "Mental Health Nurse"],
        ["Patient care", "Medication administration", "Triage", "Wound care", "BLS", "ACLS",
         "Electronic health records", "Infection control", "Care planning", "Phlebotomy"],
        ["Current nursing registration", "{n}+ years of clinical experience", "{s} certification",
         "Experience in {s} and {t}"],
        (35_000, 120_000),
        ["You will deliver safe, compassionate care to patients and their families.",
         "Our wards run on 12-hour shifts with a supportive charge team.",
         "You will work closely with doctors, pharmacists and therapists.",
         "We offer funded training in {s} and {t}."]),
    "teaching": (
        ["Primary School Teacher", "Secondary Maths Teacher", "English Teacher", "Science Teacher",
         "Special Needs Teacher", "Teaching Assistant", "Head of Year"],
        ["Lesson planning", "Classroom management", "Safeguarding", "Curriculum design", "Assessment",
         "Differentiation", "Mathematics", "Literacy", "SEN support"],
        ["Qualified teacher status", "{n}+ years in the classroom", "Experience with {s}", "Enhanced background check"],
        (28_000, 75_000),
        ["You will inspire pupils and help every child make progress.",
         "Our school is part of a trust that invests in teacher development.",
         "You will plan lessons with a supportive department.",
         "We focus on {s} and {t} across the school."]),
    "finance": (
        ["Accountant", "Financial Analyst", "Senior Accountant", "Finance Manager", "Auditor", "Tax Advisor",
         "Payroll Specialist", "Controller"],
        ["Excel", "IFRS", "GAAP", "Financial modelling", "SAP", "Budgeting", "Forecasting", "Audit", "Tax",
         "Reconciliation", "QuickBooks"],
        ["Qualified accountant (ACA, ACCA or CPA)", "{n}+ years in finance",
         "Advanced {s}", "Knowledge of {s} and {t}"],
        (45_000, 160_000),
        ["You will own month-end close and management reporting.",
         "Our finance team partners with every department on budgets.",
         "You will improve processes built on {s} and {t}.",
         "We are growing fast and need rigorous financial controls."]),
    "sales": (
        ["Account Executive", "Sales Manager", "Business Development Representative", "Customer Success Manager",
         "Key Account Manager", "Sales Engineer"],
        ["Negotiation", "CRM", "Salesforce", "Prospecting", "Pipeline management", "Presentation", "B2B sales",
         "Account management", "HubSpot"],
        ["{n}+ years in B2B sales", "Track record of hitting quota", "Experience with {s}", "Excellent communication"],
        (40_000, 180_000),
        ["You will own a territory and a pipeline of enterprise prospects.",
         "Our customers rely on us to run their operations every day.",
         "You will work with {s} and {t} to close deals.",
         "We offer uncapped commission and a clear path to leadership."]),
    "design": (
        ["Product Designer", "UX Designer", "UI Designer", "Graphic Designer", "UX Researcher", "Design Lead"],
        ["Figma", "Sketch", "Prototyping", "User research", "Design systems", "Accessibility", "Illustrator",
         "Photoshop", "Interaction design"],
        ["A portfolio showing shipped work", "{n}+ years in product design",
         "Fluency in {s}", "Experience with {s} and {t}"],
        (45_000, 170_000),
        ["You will shape how people experience our product end to end.",
         "Our designers run research sessions every week.",
         "You will maintain a design system built in {s}.",
         "We work in small cross-functional squads."]),
    "trades": (
        ["Electrician", "Plumber", "HVAC Technician", "Maintenance Technician", "Carpenter", "Welder",
         "Construction Site Manager"],
        ["Electrical installation", "Plumbing", "Welding", "Blueprint reading", "Health and safety", "HVAC",
         "Preventive maintenance", "Power tools", "Fault finding"],
        ["Relevant trade certification", "{n}+ years on site", "Experience with {s}", "Driving licence"],
        (30_000, 95_000),
        ["You will keep our buildings safe, warm and running.",
         "Our technicians work across a portfolio of commercial sites.",
         "You will be trained in {s} and {t}.",
         "We provide a van, tools and paid overtime."]),
    "logistics": (
        ["Warehouse Operative", "Logistics Coordinator", "Supply Chain Analyst", "Delivery Driver",
         "Operations Manager", "Procurement Specialist", "Forklift Driver"],
        ["Inventory management", "Forklift", "SAP", "Excel", "Route planning", "Procurement", "Lean",
         "Supply chain planning", "WMS"],
        ["{n}+ years in logistics", "Experience with {s}", "Forklift licence desirable", "Knowledge of {s} and {t}"],
        (25_000, 110_000),
        ["You will keep goods moving from suppliers to customers on time.",
         "Our distribution centres run around the clock.",
         "You will use {s} and {t} every day.",
         "We reward reliability and teamwork."]),
    "marketing": (
        ["Marketing Manager", "Content Writer", "SEO Specialist", "Social Media Manager", "Growth Marketer",
         "Brand Manager", "Copywriter"],
        ["SEO", "Google Analytics", "Content strategy", "Copywriting", "Paid social", "Email marketing",
         "Brand strategy", "HubSpot", "A/B testing"],
        ["{n}+ years in marketing", "Portfolio of campaigns",
         "Experience with {s}", "Analytical mindset with {s} and {t}"],
        (35_000, 150_000),
        ["You will grow our audience and tell our story.",
         "Our campaigns reach millions of readers every month.",
         "You will run experiments using {s} and {t}.",
         "We publish every day across many channels."]),
}
CITIES = [("London", "GBP"), ("Manchester", "GBP"), ("Edinburgh", "GBP"), ("Bristol", "GBP"), ("Leeds", "GBP"),
          ("Dublin", "EUR"), ("Berlin", "EUR"), ("Munich", "EUR"), ("Paris", "EUR"), ("Lyon", "EUR"),
          ("Amsterdam", "EUR"), ("Rotterdam", "EUR"), ("Madrid", "EUR"), ("Barcelona", "EUR"), ("Lisbon", "EUR"),
          ("Milan", "EUR"), ("Vienna", "EUR"), ("Zurich", "CHF"), ("Stockholm", "SEK"), ("Oslo", "NOK"),
          ("Copenhagen", "DKK"), ("Warsaw", "PLN"), ("Prague", "CZK"), ("New York", "USD"), ("San Francisco", "USD"),
          ("Austin", "USD"), ("Seattle", "USD"), ("Chicago", "USD"), ("Boston", "USD"), ("Denver", "USD"),
          ("Atlanta", "USD"), ("Miami", "USD"), ("Toronto", "CAD"), ("Vancouver", "CAD"), ("Montreal", "CAD"),
          ("Sydney", "AUD"), ("Melbourne", "AUD"), ("Auckland", "NZD"), ("Singapore", "SGD"), ("Tokyo", "JPY"),
          ("Bangalore", "INR"), ("Mumbai", "INR"), ("Sao Paulo", "BRL"), ("Mexico City", "MXN"), ("Cape Town", "ZAR")]
RATES = {"USD": 1, "GBP": 0.8, "EUR": 0.92, "CHF": 0.9, "SEK": 10.5, "NOK": 10.7, "DKK": 6.9, "PLN": 4,
         "CZK": 23, "CAD": 1.36, "AUD": 1.5, "NZD": 1.65, "SGD": 1.35, "JPY": 150, "INR": 83, "BRL": 5,
         "MXN": 17, "ZAR": 18.5}
SYLLABLES = ["ac", "me", "ini", "tech", "glo", "bex", "nova", "vertex", "lum", "ora", "quant", "sol", "terra",
             "zen", "hex", "cor", "pulse", "blue", "north", "river", "stone", "bright", "alto", "kin", "vista"]
SUFFIXES = ["Systems", "Labs", "Health", "Group", "Partners", "Logistics", "Software", "Analytics", "Foods",
            "Energy", "Capital", "Academy", "Hospital", "Studio", "Works", "Solutions"]
JOB_TYPES = ["full_time"] * 7 + ["part_time", "contract", "contract", "temporary", "internship", "freelance"]
SOURCES = ["linkedin", "indeed", "greenhouse", "lever", "company-site"]


def companies(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        stem = "".join(rng.sample(SYLLABLES, rng.choice((1, 2)))).capitalize()
        names.add(f"{stem} {rng.choice(SUFFIXES)}")
    return sorted(names)


def skill_keys(title: str, requirements: list[str], skills: list[str], description: str) -> list[str]:
    """A job's `skill_keys` as the service computes them when it writes the job."""
    from vitae.jobs.service import job_skill_keys

    return job_skill_keys(title, skills, requirements, description)


def generated_jobs(count: int, seed: int = 13):
    """`count` jobs as (profession, tuple of the COPY columns (`COPY_COLUMNS`)), deterministic for `seed`."""
    from vitae.jobs.service import SKILL_KEYS_VERSION

    rng = random.Random(seed)
    firms = companies(rng, 3000)
    professions = list(PROFESSIONS.items())
    now = datetime.now(UTC)
    for n in range(count):
        profession, (titles, skills, requirement_lines, (low, high), sentences) = rng.choice(professions)
        title = rng.choice(titles)
        chosen = rng.sample(skills, min(len(skills), rng.randint(3, 7)))
        city, currency = rng.choice(CITIES)
        remote = rng.random() < 0.25
        s, t = chosen[0], chosen[1]
        fill = {"s": s, "t": t, "n": rng.randint(1, 8)}
        requirements = [line.format(**fill) for line in rng.sample(requirement_lines, 3)]
        description = " ".join(sentence.format(**fill) for sentence in rng.sample(sentences, len(sentences))
                               ) + f" Based in {city}{' or remote' if remote else ''}. Skills: {', '.join(chosen)}."
        usd_min = rng.randrange(low, high, 1000)
        usd_max = min(high * 1.2, usd_min + rng.randrange(5_000, 60_000, 1000))
        rate = RATES[currency]
        salary_min, salary_max = int(usd_min * rate), int(usd_max * rate)
        yield profession, (
            uuid.UUID(int=rng.getrandbits(128), version=4), title, rng.choice(firms), city, description,
            requirements, chosen, f"{salary_min:,}-{salary_max:,} {currency}", salary_min, salary_max, currency,
            rng.choice(JOB_TYPES), remote, f"https://jobs.example.com/{n}", f"bench-{n}", rng.choice(SOURCES),
            now - timedelta(minutes=rng.randrange(0, 60 * 24 * 120)),
            skill_keys(title, requirements, chosen, description), SKILL_KEYS_VERSION)


COPY_COLUMNS = ("id, title, company, location, description, requirements, skills, salary_range, salary_min, "
                "salary_max, currency, job_type, remote, external_url, external_id, source, posted_at, skill_keys, "
                "skill_keys_version")


def load(conn, count: int) -> tuple[float, dict[uuid.UUID, str]]:
    """COPY `count` generated jobs into `jobs` (triggers, generated columns and indexes included);
    returns the seconds the COPY took (the skill keys computed meanwhile included) and each job's
    profession."""
    professions: dict[uuid.UUID, str] = {}
    started = time.perf_counter()
    with conn.cursor() as cursor, cursor.copy(f"COPY jobs ({COPY_COLUMNS}) FROM STDIN") as copy:
        for profession, row in generated_jobs(count):
            professions[row[0]] = profession
            copy.write_row(row)
    return time.perf_counter() - started, professions


EMBEDDINGS_COPY = "COPY job_embeddings (job_id, model, content_hash, embedding, job_updated_at) FROM STDIN"


def sparse_literal(vector: list[float]) -> str:
    """`vitae.jobs.embeddings.vector_literal` (the same text) for a vector mostly of zeros, faster."""
    parts = ["0"] * len(vector)
    for index, value in enumerate(vector):
        if value:
            parts[index] = format(value, ".7g")
    return "[" + ",".join(parts) + "]"


def load_embeddings(conn, model: str) -> tuple[float, float, str]:
    """Every job's embedding into `job_embeddings` as the embedding worker stores it (its text by
    `job_text`, `content_hash`, the job's `updated_at`), the vector being the fake Ollama's
    `hashed_embedding` of that text; COPY of pgvector's text form with the HNSW index dropped, then
    the index built again from its own definition. Returns (seconds of the load, seconds of the
    index build, the index's definition)."""
    import psycopg
    from psycopg.rows import dict_row

    from tests.fakes.ollama import hashed_embedding
    from vitae.jobs.embeddings import content_hash, job_text, vector_literal

    definition = conn.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'job_embeddings_hnsw'").fetchone()
    definition = definition["indexdef"] if definition else ("CREATE INDEX job_embeddings_hnsw ON public.job_embeddings "
                                                            "USING hnsw (embedding vector_cosine_ops)")
    conn.execute("DROP INDEX IF EXISTS job_embeddings_hnsw")
    conn.execute("TRUNCATE job_embeddings")
    started = time.perf_counter()
    checked = 0
    with (psycopg.connect(os.environ["DATABASE_URL"], row_factory=dict_row) as reader,
          reader.cursor(name="jobs_to_embed") as jobs,
          conn.cursor() as cursor,
          cursor.copy(EMBEDDINGS_COPY) as copy):
        jobs.itersize = 2000
        jobs.execute("SELECT id, title, company, location, skills, requirements, description, updated_at FROM jobs")
        for row in jobs:
            text = job_text(row)
            vector = hashed_embedding(text)
            literal = sparse_literal(vector)
            if checked < 200:  # the same text as the worker's, byte for byte
                assert literal == vector_literal(vector)
                checked += 1
            copy.write_row((row["id"], model, content_hash(text, model), literal, row["updated_at"]))
    loaded = time.perf_counter() - started
    conn.execute("SET maintenance_work_mem = '2GB'")  # the graph fits: no slow second phase
    started = time.perf_counter()
    conn.execute(definition)
    built = time.perf_counter() - started
    conn.execute("RESET maintenance_work_mem")
    return loaded, built, definition


def searches(count: int, seed: int = 7) -> list[dict]:
    """`count` search queries of the kinds people type, with filters now and then; `kind` says which."""
    rng = random.Random(seed)
    words = ["nurse", "engineer", "python", "accountant", "teacher", "electrician", "designer", "warehouse",
             "marketing", "sales", "data", "kubernetes", "figma", "payroll", "forklift", "react", "sql"]
    phrases = ['"software engineer"', '"registered nurse"', '"data engineer"', '"account executive"',
               '"financial analyst"', '"product designer"', '"machine learning"']
    exclusions = ["engineer -java", "nurse -icu", "developer -senior", "teacher -assistant", "designer -graphic",
                  "analyst -financial", "manager -sales"]
    typos = ["sofware enginer", "nurce", "acountant", "electrican", "desinger", "warehous operative", "pyhton"]
    tech = ["C#", "C++", ".NET", "Node.js", "C# -C++", "embedded C"]
    ors = ["python or java", "nurse or teacher", "figma or sketch"]
    kinds = {"word": words, "phrase": phrases, "exclusion": exclusions, "typo": typos, "tech": tech, "or": ors}
    queries = []
    for _ in range(count):
        kind = rng.choice(list(kinds))
        query: dict = {"q": rng.choice(kinds[kind]), "kind": kind}
        if rng.random() < 0.3:
            query["location"] = rng.choice(CITIES)[0]
        if rng.random() < 0.2:
            query["remote"] = True
        if rng.random() < 0.15:
            query["type"] = rng.choice(["full_time", "contract", "part_time"])
        if rng.random() < 0.15:
            query["salaryMin"] = rng.choice([50_000, 80_000, 120_000])
        if rng.random() < 0.15:
            query["postedWithin"] = rng.choice([7, 30])
        queries.append(query)
    return queries


def profiles(count: int, seed: int = 5) -> list[tuple[str, dict, dict | None]]:
    """`count` (profession, candidate profile, job-search preferences or None), the professions in
    turn: a headline among the profession's titles, a summary naming some of its skills, a city; six
    in ten with preferences (one to three of the cities, remote now and then, job types sometimes)."""
    rng = random.Random(seed)
    names = list(PROFESSIONS)
    made = []
    for n in range(count):
        profession = names[n % len(names)]
        titles, skills, _, _, sentences = PROFESSIONS[profession]
        title = rng.choice(titles)
        chosen = rng.sample(skills, min(len(skills), rng.randint(4, 8)))
        city = rng.choice(CITIES)[0]
        summary = (f"{title} with {rng.randint(2, 15)} years of experience. Skilled in {', '.join(chosen[:-1])} "
                   f"and {chosen[-1]}. {rng.choice(sentences).format(s=chosen[0], t=chosen[1])}")
        profile = {"firstName": f"Bench{n}", "lastName": profession.capitalize(), "location": city,
                   "headline": title, "summary": summary}
        preferences = None
        if rng.random() < 0.6:
            preferences = {"locations": [city] + [c for c, _ in rng.sample(CITIES, rng.randint(0, 2)) if c != city]}
            roll = rng.random()
            if roll < 0.3:
                preferences["remote"] = True
            elif roll < 0.4:
                preferences["remote"] = False
            if rng.random() < 0.3:
                preferences["jobTypes"] = rng.sample(["full_time", "contract", "part_time"], rng.randint(1, 2))
        made.append((profession, profile, preferences))
    return made


def percentile(samples: list[float], p: int) -> float:
    return statistics.quantiles(samples, n=100)[p - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=200, help="0: no search part")
    parser.add_argument("--recommendations", type=int, default=200, help="0: no recommendations part")
    parser.add_argument("--users", type=int, default=30, help="users recommendations are asked for, in turn")
    args = parser.parse_args()

    from tests.fakes.ollama import FakeOllama
    from vitae_devstack.stack import Devstack

    state_dir = Path(tempfile.mkdtemp(prefix="vitae-bench-"))
    devstack = Devstack(stage=f"bench{uuid.uuid4().hex[:6]}", state_dir=state_dir)
    with FakeOllama() as ollama:
        devstack.up()
        try:
            os.environ.update(devstack.local_environment())  # the service runs in this process
            os.environ["OLLAMA_HOST"] = ollama.url  # profile embeddings, by the fake's hashed_embedding

            from vitae.platform import config

            config.settings.cache_clear()
            run(args.jobs, args.searches, args.recommendations, args.users)
        finally:
            devstack.stop()
            shutil.rmtree(state_dir, ignore_errors=True)  # the database: 2 GB with the embeddings


def run(job_count: int, search_count: int, recommendation_count: int, user_count: int) -> None:
    import psycopg
    from psycopg.rows import dict_row

    from vitae.platform.config import settings

    raw = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True, prepare_threshold=None, row_factory=dict_row)
    raw.execute("DELETE FROM jobs")
    seconds, professions = load(raw, job_count)
    print(f"loaded {job_count:,} jobs in {seconds:.1f} s ({job_count / seconds:,.0f} rows/s, COPY; skill_keys by "
          "vitae.jobs.service.job_skill_keys, as the service writes them)")
    if recommendation_count:
        model = settings().ollama_embed_model
        loaded, built, definition = load_embeddings(raw, model)
        print(f"loaded {job_count:,} job embeddings ({model}) in {loaded:.1f} s (COPY, no index; vectors: "
              "tests.fakes.ollama.hashed_embedding of vitae.jobs.embeddings.job_text, the test fake's "
              "deterministic stand-in for a model)")
        workers = raw.execute("SHOW max_parallel_maintenance_workers").fetchone()["max_parallel_maintenance_workers"]
        print(f"HNSW index built in {built:.1f} s (maintenance_work_mem 2GB, up to {workers} parallel "
              f"workers): {definition}")
    started = time.perf_counter()
    raw.execute("VACUUM (ANALYZE) jobs")  # as autovacuum leaves a catalogue that is not being bulk-loaded
    raw.execute("VACUUM (ANALYZE) job_embeddings")
    print(f"vacuum and analyze: {time.perf_counter() - started:.1f} s")
    ids = [row["id"] for row in raw.execute("SELECT id FROM jobs ORDER BY random() LIMIT 2000")]
    if search_count:
        time_searches(raw, ids, search_count)
    if recommendation_count:
        time_recommendations(raw, ids, professions, recommendation_count, user_count)


def floor(raw, rng: random.Random, ids: list, rows: int) -> float:
    """Milliseconds of fetching `rows` jobs (at least one) by primary key: the floor of a query."""
    sample = rng.sample(ids, max(1, rows))
    started = time.perf_counter()
    raw.execute("SELECT * FROM jobs WHERE id = ANY(%s)", (sample,)).fetchall()
    return (time.perf_counter() - started) * 1000


def time_searches(raw, ids: list, search_count: int) -> None:
    from vitae.jobs import service
    from vitae.jobs.models import SearchQuery

    generated = searches(search_count)
    kinds = [q.pop("kind") for q in generated]
    queries = [SearchQuery.model_validate(q) for q in generated]
    rng = random.Random(1)

    load_before = os.getloadavg()[0]
    for query in queries[:20]:  # warm the connection, caches and plans
        service.search(query)
    search_ms: list[float] = []
    floor_ms: list[float] = []
    by_kind: dict[str, list[float]] = {}
    returned: list[int] = []
    pages = 0
    for kind, query in zip(kinds, queries, strict=True):
        started = time.perf_counter()
        page = service.search(query)
        search_ms.append((time.perf_counter() - started) * 1000)
        by_kind.setdefault(kind, []).append(search_ms[-1])
        returned.append(len(page.items))
        if page.next_cursor and rng.random() < 0.25:  # some people read on: a second page, timed too
            started = time.perf_counter()
            service.search(query.model_copy(update={"cursor": page.next_cursor}))
            search_ms.append((time.perf_counter() - started) * 1000)
            returned.append(len(page.items))
            pages += 1
        # the floor: as many rows fetched by primary key (same columns, same connection kind)
        floor_ms.append(floor(raw, rng, ids, returned[-1]))
    print(f"\nload average before/after: {load_before:.2f} / {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores; "
          "other work on the machine slows both columns)")
    print(f"{len(search_ms)} searches ({len(queries)} queries + {pages} second pages), "
          f"{statistics.mean(returned):.1f} results each on average")
    print(f"{'':<22}{'median ms':>10}{'p95 ms':>9}")
    print(f"{'search':<22}{statistics.median(search_ms):>10.2f}{percentile(search_ms, 95):>9.2f}")
    print(f"{'floor (pk lookup)':<22}{statistics.median(floor_ms):>10.2f}{percentile(floor_ms, 95):>9.2f}")
    for kind, samples in sorted(by_kind.items()):
        label = f"{kind} ({len(samples)})"
        print(f"  {label:<20}{statistics.median(samples):>10.2f}{max(samples):>9.2f} (max)")
    print(f"search/floor at the median: {statistics.median(search_ms) / statistics.median(floor_ms):.1f}x; "
          f"target p95 <= 50 ms: {'met' if percentile(search_ms, 95) <= 50 else 'NOT met'}")


def time_recommendations(raw, ids: list, professions: dict, count: int, user_count: int) -> None:
    """`count` calls of `vitae.jobs.recommendations.recommend` (limit 10), round-robin over
    `user_count` users made through the services (a candidate profile each, job-search preferences
    for most), each user's profile embedding computed by a first, untimed call."""
    from datetime import UTC, datetime, timedelta

    from vitae.candidates import service as candidates
    from vitae.candidates.models import CandidateIn
    from vitae.jobs.models import RecommendationQuery
    from vitae.jobs.recommendations import recommend
    from vitae.platform import db
    from vitae.platform.auth import Principal, Role
    from vitae.resumes import service as resumes
    from vitae.resumes.preferences import PreferencesPatch

    users = []
    for profession, profile, preferences in profiles(user_count):
        user_id = str(uuid.uuid4())
        with db.transaction() as conn:
            conn.execute("INSERT INTO users (id, email, full_name) VALUES (%s, %s, %s)",
                         (user_id, f"bench-{user_id[:12]}@example.com", f"{profile['firstName']} Bench"))
        principal = Principal(user_id, None, Role.USER, datetime.now(UTC) + timedelta(hours=2))
        candidates.create_candidate(candidates.Actor(principal), CandidateIn.model_validate(profile))
        if preferences is not None:
            resumes.save_preferences(principal, PreferencesPatch.model_validate({"jobSearch": preferences}))
        users.append((profession, principal, preferences))
    query = RecommendationQuery(limit=10)
    started = time.perf_counter()
    for _, principal, _ in users:  # warm: each profile's embedding computed (the fake Ollama) and stored
        recommend(principal, query)
    warm_seconds = time.perf_counter() - started
    embedded = raw.execute("SELECT count(*) AS n FROM profile_embeddings").fetchone()["n"]

    rng = random.Random(2)
    load_before = os.getloadavg()[0]
    call_ms: list[float] = []
    floor_ms: list[float] = []
    returned: list[int] = []
    top_of_profession = 0
    shown_of_profession = 0
    used = 0
    for n in range(count):
        profession, principal, _ = users[n % len(users)]
        started = time.perf_counter()
        result = recommend(principal, query)
        call_ms.append((time.perf_counter() - started) * 1000)
        returned.append(len(result.items))
        used += result.embeddings == "used"
        if result.items and professions.get(result.items[0].job.id) == profession:
            top_of_profession += 1
        shown_of_profession += sum(professions.get(item.job.id) == profession for item in result.items)
        floor_ms.append(floor(raw, rng, ids, returned[-1]))
    with_preferences = sum(preferences is not None for _, _, preferences in users)
    print(f"\n{len(users)} users ({len({p for p, _, _ in users})} professions, {with_preferences} with job-search "
          f"preferences); warm-up: one untimed call each computed and stored their profile embeddings "
          f"({embedded} stored, {warm_seconds:.1f} s); the timed calls reuse them")
    print(f"load average before/after: {load_before:.2f} / {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores; "
          "other work on the machine slows both columns)")
    print(f"{count} recommendation calls (limit 10, round-robin over the users), "
          f"{statistics.mean(returned):.1f} results each on average, embeddings used in {used}")
    print(f"{'':<22}{'median ms':>10}{'p95 ms':>9}")
    print(f"{'recommendations':<22}{statistics.median(call_ms):>10.2f}{percentile(call_ms, 95):>9.2f}")
    print(f"{'floor (pk lookup)':<22}{statistics.median(floor_ms):>10.2f}{percentile(floor_ms, 95):>9.2f}")
    print(f"recommendations/floor at the median: {statistics.median(call_ms) / statistics.median(floor_ms):.1f}x; "
          f"target p95 <= 100 ms: {'met' if percentile(call_ms, 95) <= 100 else 'NOT met'}")
    answered = sum(1 for r in returned if r)
    print(f"quality (sanity): the top result is of the user's profession in {top_of_profession}/{answered} calls "
          f"that returned any ({top_of_profession / max(1, answered):.0%}); of all results shown, "
          f"{shown_of_profession / max(1, sum(returned)):.0%}")


if __name__ == "__main__":
    main()
