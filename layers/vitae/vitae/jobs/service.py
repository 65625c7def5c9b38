"""The rules of the job catalogue (seed [G] `jobs`, DESIGN.md section 6 "Jobs and applications").

Anyone signed in reads and searches jobs; admins and internal services (roles `admin`, `service`)
write them, one by one or by bulk import. A job from a source is known by (source, externalId):
an import creates it once and updates it afterwards. Every write emits `job.created`,
`job.updated` or `job.deleted` through the outbox (recommendations compute embeddings from them).

Other domains read jobs through `get_job` (applications, recommendations), never the table.
"""

import hashlib
import json
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import psycopg
from pydantic import ValidationError

from vitae.jobs import repository
from vitae.jobs.lookups import role_skill_keys as role_skill_keys
from vitae.jobs.models import (
    Highlight,
    ImportReport,
    JobHit,
    JobIn,
    JobSearchPage,
    JobView,
    RefusedRow,
    SearchQuery,
)
from vitae.platform import db, events
from vitae.platform.api import decode_cursor, encode_cursor
from vitae.platform.auth import Principal, Role
from vitae.platform.db import Connection
from vitae.platform.errors import Conflict, Forbidden, Invalid, NotFound, parse_id
from vitae.platform.text import nul_at
from vitae.platform.validation import dotted, problems

WRITERS = (Role.ADMIN, Role.SERVICE)
IMPORT_BATCH = 500  # rows per upsert statement (and, for files, per transaction)
MEND_THRESHOLD = 0.25  # trigram similarity a catalogue word needs to replace a misspelt query word
MEND_MIN_LENGTH = 4  # shorter words are too often another word, not a typo
MAX_MENDED_WORDS = 12


_VIEW_FIELDS = frozenset(JobView.model_fields)  # read once: the class attribute is a property in pydantic 2.11+


def view(row: dict[str, Any]) -> JobView:
    """A `jobs` row (as the repository selects it: seed [G]'s external_url as `url`) for the API. A row
    of only the view's fields (`repository.job`'s) is validated as it is; a row with more (a search's
    rank...) is first cut down to them."""
    if row.keys() <= _VIEW_FIELDS:  # no copy of the row on GET /v1/jobs/{id}
        return JobView.model_validate(row)
    return JobView.model_validate({k: v for k, v in row.items() if k in _VIEW_FIELDS})


def get_job(job_id: str) -> JobView:
    """The catalogue job `job_id` (any signed-in user may read any job). Raises NotFound when
    there is none, `job_id` not being a UUID included."""
    uid = parse_id(job_id, "Job")
    row = repository.job(db.connection(), uid)
    if row is None:
        raise NotFound.by_id("Job", job_id)
    return view(row)


def _require_writer(caller: Principal) -> None:
    if not caller.has_role(*WRITERS):
        raise Forbidden("Only admins and internal services may change the job catalogue")


SKILLS_FROM_DESCRIPTION_CHARS = 10_000  # a job without skills or requirements: its skills are read from this much
# The reading that makes jobs' skill keys: raise it when the vocabulary or `skill_keys` changes, and
# the jobs sweep reads every job's keys again (SKILL_KEYS_SWEEP per run).
SKILL_KEYS_VERSION = 2  # 2: software skills named by ordinary words ("Head Chef") read in context
SKILL_KEYS_SWEEP = 5000


def job_skill_keys(title: str, skills: list[str], requirements: list[str], description: str | None) -> list[str]:
    """The skills a job asks for, as keys of the matching domain's vocabulary
    (`vitae.matching.vocabulary`): those named in its title and requirements, and each of its
    `skills[]` (kept even when the vocabulary does not know it); for a job that lists neither
    skills nor requirements, those named in its title and description."""
    from vitae.matching import vocabulary

    if skills or requirements:
        return vocabulary.skill_keys("\n".join([title, *requirements]), skills)
    return vocabulary.skill_keys("\n".join([title, (description or "")[:SKILLS_FROM_DESCRIPTION_CHARS]]))


def _values(job: JobIn) -> dict[str, Any]:
    """The job's writable columns (JSON-able: imports send them as one JSON document), with the
    skill keys recommendations compare (`job_skill_keys`)."""
    data = job.model_dump(mode="json", by_alias=False)
    data["external_url"] = data.pop("url")
    data["skill_keys"] = job_skill_keys(job.title, job.skills, job.requirements, job.description)
    data["skill_keys_version"] = SKILL_KEYS_VERSION
    return data


def refresh_skill_keys(limit: int = SKILL_KEYS_SWEEP) -> int:
    """The jobs sweep's first part: read again the skill keys of up to `limit` jobs whose keys are
    older than SKILL_KEYS_VERSION (jobs written before migration 0014 have none). Returns how many."""
    with db.transaction() as conn:
        rows = repository.jobs_with_old_skill_keys(conn, SKILL_KEYS_VERSION, limit)
        repository.set_skill_keys(conn, SKILL_KEYS_VERSION, [
            (row["id"], job_skill_keys(row["title"], row["skills"], row["requirements"], row["description"]))
            for row in rows])
    return len(rows)


def _event_data(row: dict[str, Any]) -> dict[str, Any]:
    return {"jobId": str(row["id"]), "source": row["source"], "externalId": row["external_id"], "title": row["title"]}


def _taken(job: JobIn) -> Conflict:
    return Conflict(f"A job from {job.source} with externalId {job.external_id} already exists "
                    "(import it to update it, or PUT /v1/jobs/{id})", code="job_exists")


def create_job(caller: Principal, job: JobIn) -> JobView:
    """POST /v1/jobs: a new job. Forbidden unless admin or service; Conflict when a job with its
    (source, externalId) exists."""
    _require_writer(caller)

    def work(conn: Connection, emitted: list[uuid.UUID]) -> dict[str, Any]:
        try:
            with conn.transaction():
                row = repository.insert(conn, _values(job))
        except psycopg.errors.UniqueViolation:
            raise _taken(job) from None
        emitted.append(events.emit(conn, "job.created", caller.user_id, _event_data(row)))
        return row

    return view(events.transaction_then_publish(work))


def update_job(caller: Principal, job_id: str, job: JobIn) -> JobView:
    """PUT /v1/jobs/{id}: replace the job's fields. Forbidden unless admin or service; NotFound;
    Conflict when its new (source, externalId) belongs to another job."""
    _require_writer(caller)
    uid = parse_id(job_id, "Job")

    def work(conn: Connection, emitted: list[uuid.UUID]) -> dict[str, Any]:
        try:
            with conn.transaction():
                row = repository.replace(conn, uid, _values(job))
        except psycopg.errors.UniqueViolation:
            raise _taken(job) from None
        if row is None:
            raise NotFound.by_id("Job", job_id)
        emitted.append(events.emit(conn, "job.updated", caller.user_id, _event_data(row)))
        return row

    return view(events.transaction_then_publish(work))


def delete_job(caller: Principal, job_id: str) -> None:
    """DELETE /v1/jobs/{id}. Forbidden unless admin or service; NotFound; Conflict when other
    records still need the job (a database reference that forbids deleting it)."""
    _require_writer(caller)
    uid = parse_id(job_id, "Job")

    def work(conn: Connection, emitted: list[uuid.UUID]) -> None:
        try:
            with conn.transaction():
                row = repository.delete(conn, uid)
        except psycopg.errors.ForeignKeyViolation:
            raise Conflict("The job is still referenced and cannot be deleted", code="job_in_use") from None
        if row is None:
            raise NotFound.by_id("Job", job_id)
        emitted.append(events.emit(conn, "job.deleted", caller.user_id, _event_data(row)))

    events.transaction_then_publish(work)


# -- bulk import ---------------------------------------------------------------------------------


def judge_row(raw: Any) -> JobIn | str:
    """A row of an import as a job, or the reason it is refused: every problem as `field: message`."""
    if not isinstance(raw, dict):
        return "a job must be a JSON object"
    if (where := nul_at(raw)) is not None:
        return f"{where or 'row'}: text must not contain NUL characters"
    try:
        job = JobIn.model_validate(raw)
    except ValidationError as error:
        return "; ".join(f"{dotted(p.path) or 'row'}: {p.message}" for p in problems(error, raw))
    if job.source is None:
        return "source and externalId are required to import a job (they identify it on re-import)"
    return job


@dataclass
class ImportTally:
    """What an import has done so far; `refused` keeps at most `keep_refused` rows (a file of any
    size keeps its report bounded), `refused_total` counts them all."""

    keep_refused: int | None = None
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: list[RefusedRow] = field(default_factory=list)
    refused_total: int = 0

    def refuse(self, row: RefusedRow) -> None:
        self.refused_total += 1
        if self.keep_refused is None or len(self.refused) < self.keep_refused:
            self.refused.append(row)


def batches(jobs: Iterable[JobIn], size: int = IMPORT_BATCH) -> Iterator[list[JobIn]]:
    """Runs of at most `size` jobs in which no (source, externalId) comes twice: a job repeated
    starts a new run, so it is written after its first occurrence (created, then updated)."""
    batch: list[JobIn] = []
    keys: set[tuple[str | None, str | None]] = set()
    for job in jobs:
        key = (job.source, job.external_id)
        if len(batch) >= size or key in keys:
            yield batch
            batch, keys = [], set()
        batch.append(job)
        keys.add(key)
    if batch:
        yield batch


def upsert_batch(conn: Connection, batch: list[JobIn], user_id: str | None, tally: ImportTally,
                 emitted: list[uuid.UUID]) -> None:
    """Write one run of jobs (see `batches`) in the caller's transaction, with their events."""
    written = repository.upsert(conn, [_values(job) for job in batch])
    for row in written:
        emitted.append(events.emit(conn, "job.created" if row["created"] else "job.updated", user_id,
                                   _event_data(row)))
    created = sum(1 for row in written if row["created"])
    tally.created += created
    tally.updated += len(written) - created
    tally.unchanged += len(batch) - len(written)


def import_jobs(caller: Principal, rows: list[Any]) -> ImportReport:
    """POST /v1/jobs/import: each row is judged alone (refused with its index and reason, or kept);
    the kept ones are created or updated by (source, externalId) in one transaction. Forbidden
    unless admin or service."""
    _require_writer(caller)
    tally = ImportTally()
    kept: list[JobIn] = []
    for index, raw in enumerate(rows):
        judged = judge_row(raw)
        if isinstance(judged, str):
            tally.refuse(RefusedRow(index=index, reason=judged))
        else:
            kept.append(judged)

    def work(conn: Connection, emitted: list[uuid.UUID]) -> None:
        for batch in batches(kept):
            upsert_batch(conn, batch, caller.user_id, tally, emitted)

    if kept:
        events.transaction_then_publish(work)
    return ImportReport(created=tally.created, updated=tally.updated, unchanged=tally.unchanged,
                        refused=tally.refused)


# -- search --------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_][\w']*", re.UNICODE)
_EXCLUDED = re.compile(r'(?:^|(?<=\s))-(?:"[^"]*"?|\S+)')
_OPERATORS = re.compile(r'"|\bor\b', re.IGNORECASE)


def excluded_terms(text: str) -> str | None:
    """The terms a query excludes (`-word`, `-"a phrase"`), as one query of alternatives: a job
    matching any of them is left out, whatever else the query says."""
    terms = [term[1:] for term in _EXCLUDED.findall(text) if term[1:].strip('"').strip()]
    return " or ".join(terms) or None


def plain_words(text: str) -> str:
    """The words a query asks for, without operators and excluded terms (`"data engineer" -senior`
    is `data engineer`): a title equal to them is the best match."""
    return " ".join(_OPERATORS.sub(" ", _EXCLUDED.sub(" ", text)).split())


def _fingerprint(query: SearchQuery) -> str:
    """What a cursor belongs to: the search without its page."""
    criteria = query.model_dump(exclude={"cursor", "limit"}, mode="json")
    return hashlib.sha256(json.dumps(criteria, sort_keys=True).encode()).hexdigest()[:16]


def _after(query: SearchQuery) -> tuple[int, datetime, str] | None:
    """The (rank, listedAt, id) after which the page starts."""
    position = decode_cursor(query.cursor)
    if position is None:
        return None
    if position.get("f") != _fingerprint(query):
        raise Invalid("The cursor belongs to another search: send the same criteria with it")
    try:
        tier = int(position["rank"])
        if not 0 <= tier <= 4:
            raise ValueError(tier)
        return tier, datetime.fromisoformat(position["at"]), str(uuid.UUID(position["id"]))
    except (KeyError, ValueError, TypeError):
        raise Invalid("Invalid pagination cursor") from None


def _cursor(query: SearchQuery, row: dict[str, Any]) -> str:
    return encode_cursor({"rank": int(row["rank"]), "at": row["listed_at"].isoformat(), "id": str(row["id"]),
                          "f": _fingerprint(query)})


def mended_text(conn: Connection, text: str) -> str:
    """`text` with each misspelt word (unknown to the catalogue, see `repository.mend`) replaced by
    the most similar word of the catalogue's titles, companies and skills; the syntax is kept."""
    words = list(dict.fromkeys(w.lower() for w in _WORD.findall(text)
                               if len(w) >= MEND_MIN_LENGTH and w.lower() != "or"))[:MAX_MENDED_WORDS]
    mends = repository.mend(conn, words, MEND_THRESHOLD)
    if not mends:
        return text
    return _WORD.sub(lambda m: mends.get(m.group(0).lower(), m.group(0)), text)


def search(query: SearchQuery) -> JobSearchPage:
    """GET /v1/jobs/search (seed [G]): jobs matching `q` (websearch syntax: "a phrase", -excluded,
    this or that; never an error) and the filters, best first, `limit` per page.

    Ranking (`rank`, see `repository._TIERS`): by the best field of the weighted document that says
    what is asked (a title equal to the words asked, a title with all of them, with some, skills
    or requirements, elsewhere), newest first within each; C++, C#, .NET, Node.js are words. Misspelt
    words are mended against the catalogue's words (trigram similarity); `correctedQuery` says so.
    Without `q`, the newest jobs first. Invalid for a cursor of another search."""
    after = _after(query)
    text = query.q or None
    corrected = None
    with db.transaction() as conn:
        if text is not None:
            mended = mended_text(conn, text)
            if mended != text:
                corrected = text = mended
        filters = repository.SearchFilters(
            text=text, ranked=_EXCLUDED.sub(" ", text) if text else None,
            excluded=excluded_terms(text) if text else None, plain=plain_words(text) if text else None,
            location=query.location, remote=query.remote, job_type=query.type, salary_min=query.salary_min,
            posted_within_days=query.posted_within)
        rows = repository.search(conn, filters, after, query.limit + 1)
    next_cursor = None
    if len(rows) > query.limit:
        next_cursor = _cursor(query, rows[query.limit - 1])
    items = [JobHit.model_validate({**view(row).model_dump(), "rank": row["rank"],
                                    "highlight": Highlight(title=row["title_highlight"], snippet=row["snippet"])})
             for row in rows[:query.limit]]
    return JobSearchPage(items=items, next_cursor=next_cursor, corrected_query=corrected)
