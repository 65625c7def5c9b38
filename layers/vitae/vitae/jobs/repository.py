"""SQL of the jobs domain: the `jobs` table and the `job_terms` vocabulary (migration 0012), writes,
upserts by (source, external_id), and the search."""

from dataclasses import dataclass
from typing import Any

from psycopg import sql
from psycopg.types.json import Jsonb

from vitae.platform.db import Connection, one

_COLUMNS = ("id, title, company, location, description, requirements, skills, salary_range, salary_min, "
            "salary_max, currency, job_type, remote, external_url AS url, external_id, source, posted_at, "
            "created_at, updated_at")
_QUALIFIED = ", ".join(f"jobs.{column}" for column in _COLUMNS.split(", "))
# The writable columns and their SQL types, in the order of an import's records (url is external_url).
_WRITABLE = (("title", "text"), ("company", "text"), ("location", "text"), ("description", "text"),
             ("requirements", "text[]"), ("skills", "text[]"), ("salary_range", "text"), ("salary_min", "integer"),
             ("salary_max", "integer"), ("currency", "text"), ("job_type", "text"), ("remote", "boolean"),
             ("external_url", "text"), ("external_id", "text"), ("source", "text"), ("posted_at", "timestamptz"),
             ("skill_keys", "text[]"), ("skill_keys_version", "smallint"))
_NAMES = [name for name, _ in _WRITABLE]


def _ident_list(names: list[str], prefix: str = "") -> sql.Composable:
    return sql.SQL(", ").join(sql.SQL(prefix + "{}").format(sql.Identifier(n)) for n in names)


_JOB = f"SELECT {_COLUMNS} FROM jobs WHERE id = %s"  # built once: GET /v1/jobs/{id} runs it on every call
_JOB_FOR_UPDATE = _JOB + " FOR UPDATE"


def job(conn: Connection, job_id: Any, for_update: bool = False) -> dict[str, Any] | None:
    """The job `job_id` (`_COLUMNS`), locked for the transaction when `for_update`; None when there is none."""
    return conn.execute(_JOB_FOR_UPDATE if for_update else _JOB, (job_id,)).fetchone()


def insert(conn: Connection, values: dict[str, Any]) -> dict[str, Any]:
    """Insert one job (`values`: the writable columns); raises psycopg's UniqueViolation when its
    (source, external_id) is taken."""
    query = sql.SQL("INSERT INTO jobs ({}) VALUES ({}) RETURNING " + _COLUMNS).format(
        _ident_list(_NAMES), sql.SQL(", ").join(sql.Placeholder(n) for n in _NAMES))
    return one(conn.execute(query, values))


def replace(conn: Connection, job_id: Any, values: dict[str, Any]) -> dict[str, Any] | None:
    """Overwrite every writable column of a job; None when there is no such job."""
    query = sql.SQL("UPDATE jobs SET ({}) = ROW({}), updated_at = clock_timestamp() WHERE id = %(id)s RETURNING "
                    + _COLUMNS).format(_ident_list(_NAMES), sql.SQL(", ").join(sql.Placeholder(n) for n in _NAMES))
    return conn.execute(query, {**values, "id": job_id}).fetchone()


def delete(conn: Connection, job_id: Any) -> dict[str, Any] | None:
    return conn.execute("DELETE FROM jobs WHERE id = %s RETURNING id, source, external_id, title",
                        (job_id,)).fetchone()


def upsert(conn: Connection, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Insert or update jobs by (source, external_id) in one statement (`records`: writable columns,
    JSON-able, no key twice). A job whose every column is already as given is left alone. Returns
    the jobs written: {id, source, external_id, title, created} (created False: updated)."""
    columns = _ident_list(_NAMES)
    query = sql.SQL("""
        INSERT INTO jobs ({columns})
        SELECT {columns} FROM jsonb_to_recordset(%s) AS r({types})
        ON CONFLICT (source, external_id) DO UPDATE SET ({columns}) = ROW({excluded}), updated_at = clock_timestamp()
        WHERE ({current}) IS DISTINCT FROM ({excluded})
        RETURNING id, source, external_id, title, (xmax = 0) AS created""").format(
        columns=columns,
        types=sql.SQL(", ").join(sql.SQL("{} {}").format(sql.Identifier(n), sql.SQL(t)) for n, t in _WRITABLE),
        excluded=_ident_list(_NAMES, "excluded."), current=_ident_list(_NAMES, "jobs."))
    return conn.execute(query, (Jsonb(records),)).fetchall()


# -- search --------------------------------------------------------------------------------------


def _like(part: str) -> str:
    """A LIKE pattern for jobs whose lower-cased text has `part` in it, its wildcards escaped."""
    return "%" + part.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def mend(conn: Connection, words: list[str], threshold: float) -> dict[str, str]:
    """For each word (lower case) that is no word of the catalogue's titles, companies and skills
    and found by the full-text index in no job either, the most similar catalogue word by trigram
    similarity (at least `threshold`). Returns {word: mended} for those that have one."""
    if not words:
        return {}
    conn.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", (str(threshold),))
    rows = conn.execute(
        """SELECT w.word, (SELECT t.term FROM job_terms t WHERE t.term %% w.word
                           ORDER BY similarity(t.term, w.word) DESC, t.term LIMIT 1) AS mended
           FROM unnest(%s::text[]) AS w(word)
           WHERE numnode(jobs_query(w.word)) > 0  -- a stop word ("with", "about") is no typo
             AND NOT EXISTS (SELECT 1 FROM job_terms t WHERE t.term = w.word)
             AND NOT EXISTS (SELECT 1 FROM jobs WHERE search @@ jobs_query(w.word))""",
        (words,)).fetchall()
    return {row["word"]: row["mended"] for row in rows if row["mended"]}


@dataclass(frozen=True)
class SearchFilters:
    """What a search keeps: text (websearch syntax, already mended), location (part of it, any case),
    remote, job type, a salary floor (salary_max, else salary_min) and a posting age in days."""

    text: str | None
    ranked: str | None  # the text without its exclusions: what is asked (the title says it all: tier 3)
    excluded: str | None  # the excluded terms, joined by "or": a job matching them is left out
    plain: str | None  # the words asked for, without operators: tiers 4, 2 and 1
    location: str | None
    remote: bool | None
    job_type: str | None
    salary_min: int | None
    posted_within_days: int | None


# A match's rank is its tier: the best field that says what the query asks, in the order of the
# document's weights (title A > skills and requirements B > description C and company D), newest
# first within a tier. 4: the title is the words asked for; 3: the title has them all; 2: the title has some;
# 1: the skills or requirements have some; 0: elsewhere (description, company). Each tier is read
# in index order (listed_at, id) when it holds many jobs, so a page costs about the rows before its
# last match, not every match (ranking a word found in 12,000 of 100,000 jobs by ts_rank read all
# 12,000), and through its full-text index when it holds few (title_search and skills_search
# give the planner each tier's own statistics).
_TIERS = (
    (4, "lower(title) = %(plain)s"),
    (3, "title_search @@ jobs_query(%(ranked_text)s)"),
    (2, "title_search @@ jobs_query(%(any_text)s)"),
    (1, "skills_search @@ jobs_query(%(any_text)s)"),
    (0, "TRUE"),
)
_HEADLINE = "StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \""


def _branch(where: sql.Composable, tier: int, after: tuple[int, Any, str] | None) -> sql.Composable:
    """One tier's matches, newest first; after the cursor's position when the cursor is in it."""
    keyset = sql.SQL("(listed_at, id) < (%(after_at)s, %(after_id)s::uuid)") \
        if after is not None and after[0] == tier else sql.SQL("TRUE")
    return sql.SQL("(SELECT id, listed_at, {tier}::float8 AS rank FROM jobs WHERE {where} AND {keyset} "
                   "ORDER BY listed_at DESC, id DESC LIMIT %(limit)s)").format(
        tier=sql.Literal(tier), where=where, keyset=keyset)


def search(conn: Connection, filters: SearchFilters, after: tuple[int, Any, str] | None,
           limit: int) -> list[dict[str, Any]]:
    """Up to `limit` matching jobs, best first: by tier (`rank`, see `_TIERS`; 0 for all without
    text), then newest (`listed_at`: posted, else created), then id, both descending. `after` is
    the (rank, listed_at, id) of the last job of the previous page. Each row has the job's columns,
    `rank`, `listed_at` and highlights (`title_highlight`, `snippet`: HTML-escaped, matches in
    <mark>). Runs in the caller's transaction, whose planner settings it changes."""
    conditions = [sql.SQL("TRUE")]
    params: dict[str, Any] = {"text": filters.text, "ranked_text": filters.ranked or "", "limit": limit,
                              "excluded_text": filters.excluded or "",
                              "plain": (filters.plain or "").lower(),
                              "any_text": " or ".join((filters.plain or "").split())}
    if after is not None:
        params["after_at"], params["after_id"] = after[1], after[2]
    if filters.location is not None:
        params["location"] = _like(filters.location)
        conditions.append(sql.SQL("lower(location) LIKE %(location)s"))
    if filters.remote is not None:
        params["remote"] = filters.remote
        conditions.append(sql.SQL("remote = %(remote)s"))
    if filters.job_type is not None:
        params["job_type"] = filters.job_type
        conditions.append(sql.SQL("job_type = %(job_type)s"))
    if filters.salary_min is not None:
        params["salary_min"] = filters.salary_min
        conditions.append(sql.SQL("coalesce(salary_max, salary_min) >= %(salary_min)s"))
    if filters.posted_within_days is not None:
        params["days"] = filters.posted_within_days
        conditions.append(sql.SQL("listed_at >= now() - make_interval(days => %(days)s)"))  # indexed
    if filters.text is None:
        branches = [_branch(sql.SQL(" AND ").join(conditions), 0, after)]
    else:
        # What is asked and what is excluded are separate conditions, and a tier whose own condition
        # implies what is asked does not repeat it: the planner takes conditions as independent, so
        # "the title says X" and "the job says X" would make it expect far fewer such jobs than there
        # are, and read them all through the index instead of the newest few.
        asked = "search @@ jobs_query(%(ranked_text)s)"
        implied_by_any = f"(jobs_query(%(ranked_text)s) = jobs_query(%(any_text)s) OR {asked})"  # folded
        matched = {4: asked, 3: "TRUE", 2: implied_by_any, 1: implied_by_any, 0: asked}
        if filters.excluded:
            conditions.append(sql.SQL("NOT (search @@ jobs_query(%(excluded_text)s))"))
        branches = []
        for tier, condition in _TIERS:
            if after is not None and tier > after[0]:
                continue  # the pages before held every job of this tier
            higher = [sql.SQL("NOT coalesce({}, false)").format(sql.SQL(c)) for t, c in _TIERS if t > tier]
            where = sql.SQL(" AND ").join([*conditions, sql.SQL(matched[tier]), sql.SQL(condition), *higher])
            branches.append(_branch(where, tier, after))
    # The catalogue is read from memory (RDS, or the OS cache here), where a random page costs
    # about what a sequential one does (at the default, 4, a query matching a fifth of the jobs
    # reads the whole table instead of the pages holding them). The tiers are concatenated in
    # order and read only until the page is full: no parallel plan may interleave them.
    conn.execute("SELECT set_config('random_page_cost', '1.1', true), "
                 "set_config('max_parallel_workers_per_gather', '0', true)")
    # The text goes in as constants, so the planner knows how many jobs each tier matches and reads
    # a tier in index order (many) or by the full-text index (few). Only the page's jobs are then
    # read whole and highlighted.
    shown = "jobs_query(%(text)s) || websearch_to_tsquery('english', %(text)s)"
    query = sql.SQL("""
        WITH page AS (SELECT * FROM ({branches}) tiers LIMIT %(limit)s)
        SELECT {columns}, page.listed_at, page.rank,
               CASE WHEN %(text)s::text IS NULL THEN jobs_html(title)
                    ELSE ts_headline('english', jobs_html(title), {shown},
                                     'HighlightAll=true, StartSel=<mark>, StopSel=</mark>') END AS title_highlight,
               CASE WHEN description IS NULL THEN NULL
                    WHEN %(text)s::text IS NULL THEN jobs_html(left(description, 240))
                    ELSE ts_headline('english', jobs_html(description), {shown}, {headline}) END AS snippet
        FROM page JOIN jobs ON jobs.id = page.id ORDER BY page.rank DESC, page.listed_at DESC, page.id DESC""").format(
        branches=sql.SQL(" UNION ALL ").join(branches), columns=sql.SQL(_QUALIFIED),
        headline=sql.Literal(_HEADLINE), shown=sql.SQL(shown))
    return conn.execute(query, params).fetchall()


# -- recommendations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wanted:
    """What recommendations look for: skill keys (vocabulary keys, as `jobs.skill_keys`), a websearch
    query of the same skills, the caller's embedding (a pgvector literal, None without one) by
    `model`, and the job-search preferences (locations, remote, job types); jobs in `excluded`
    (the caller's tracked applications) are left out."""

    keys: list[str]
    text: str | None
    vector: str | None
    model: str
    locations: list[str]
    remote: bool | None
    job_types: list[str]
    excluded: list[Any]


def candidates(conn: Connection, wanted: Wanted, pool: int, window: int, scanned: int) -> list[dict[str, Any]]:
    """The jobs worth scoring, among those the preferences allow, each once: the `pool` with the best
    skills part (matched / (asked + 1)) among the newest `window` that share a skill key; the `pool`
    best ranked by full text among the newest `window` the text matches; the `pool` nearest
    embeddings, by the HNSW index (which reads at most `scanned` of its entries: with narrow
    preferences, fewer). Each row has the
    job's columns, `listed_at`, `skill_keys`, `matched_keys` (its keys among the wanted ones),
    `text_rank` (ts_rank_cd normalised to 0..1 by rank/(rank+1)) and `similarity` (cosine, null
    without an embedding). Runs in the caller's transaction, whose planner settings it changes.

    What it costs: each lexical part reads the jobs of its window (newest first by `jobs_listed`, the
    ones between included, while matches are many; else every allowed match, by the GIN indexes
    ANDed with the preferences' `jobs_location_trgm`, `jobs_remote` and `jobs_job_type`) and ranks
    `window` of them; the embedding part reads at most `scanned` index entries. Ranking every match
    instead cost a broad profile (a logistics one matches 29,000 of bench/jobs.py's 100,000 jobs)
    over half a second."""
    conditions = [sql.SQL("jobs.id <> ALL(%(excluded)s::uuid[])")]
    params: dict[str, Any] = {"keys": wanted.keys, "text": wanted.text or "", "vector": wanted.vector,
                              "model": wanted.model, "pool": pool, "window": window, "excluded": wanted.excluded}
    if wanted.locations:
        params["locations"] = [_like(location) for location in wanted.locations]
        anywhere = " OR jobs.remote" if wanted.remote else ""
        conditions.append(sql.SQL(f"(lower(jobs.location) LIKE ANY(%(locations)s){anywhere})"))
    elif wanted.remote:
        conditions.append(sql.SQL("jobs.remote"))
    if wanted.remote is False:
        conditions.append(sql.SQL("NOT jobs.remote"))
    if wanted.job_types:
        params["job_types"] = wanted.job_types
        conditions.append(sql.SQL("jobs.job_type = ANY(%(job_types)s)"))
    allowed = sql.SQL(" AND ").join(conditions)

    def newest(column: str, match: str) -> sql.Composable:
        """The newest `window` allowed jobs `match` accepts: their id, listed_at and `column`.

        With locations, every allowed match first, by bitmaps (the location's trigrams, or remote
        jobs, ANDed with the match's GIN index and the job types), then the newest. The planner must
        not choose there: it takes a caller's skills as independent (a nurse's come together) and a
        location pattern's share of jobs as a guess, may expect several times the matches there are,
        and then walks the catalogue newest first, reading thousands of jobs to find a window's
        worth (or all 100,000 when there are fewer). Without, it chooses well: newest first by
        `jobs_listed` while matches are many, by the GIN index when they are few."""
        selected = sql.SQL("SELECT jobs.id, jobs.listed_at, {column} FROM jobs WHERE {match} AND {allowed}").format(
            column=sql.SQL(column), match=sql.SQL(match), allowed=allowed)
        if wanted.locations:
            selected = sql.SQL("SELECT * FROM ({} OFFSET 0) jobs").format(selected)  # OFFSET 0: planned apart
        return sql.SQL("{} ORDER BY jobs.listed_at DESC, jobs.id DESC LIMIT %(window)s").format(selected)

    parts = []
    if wanted.keys:
        parts.append(sql.SQL("""(SELECT id FROM ({recent}) recent
            ORDER BY (SELECT count(*) FROM unnest(skill_keys) k WHERE k = ANY(%(keys)s::text[]))::float8
                         / (cardinality(skill_keys) + 1) DESC,  -- the skills part of the score
                     listed_at DESC, id DESC LIMIT %(pool)s)""").format(
            recent=newest("jobs.skill_keys", "jobs.skill_keys && %(keys)s::text[]")))
    if wanted.text:
        parts.append(sql.SQL("""(SELECT id FROM ({recent}) recent
            ORDER BY ts_rank_cd(search, jobs_query(%(text)s), 32) DESC, listed_at DESC, id DESC
            LIMIT %(pool)s)""").format(recent=newest("jobs.search", "jobs.search @@ jobs_query(%(text)s)")))
    if wanted.vector:
        parts.append(sql.SQL("""(SELECT jobs.id FROM job_embeddings e JOIN jobs ON jobs.id = e.job_id
            WHERE e.model = %(model)s AND {allowed} ORDER BY e.embedding <=> %(vector)s::vector
            LIMIT %(pool)s)""").format(allowed=allowed))
    if not parts:
        return []
    # pgvector 0.8: an HNSW scan whose rows the filters drop goes on past ef_search until the LIMIT
    # is met or it has read hnsw.max_scan_tuples entries (iterative index scans), rather than
    # returning fewer jobs at once. The catalogue is read from memory (see `search`), and no
    # parallel plan: the parts are small, and a worker's start costs what one of them does.
    conn.execute("SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true), "
                 "set_config('hnsw.max_scan_tuples', %s, true), set_config('random_page_cost', '1.1', true), "
                 "set_config('max_parallel_workers_per_gather', '0', true)", (str(scanned),))
    query = sql.SQL("""
        WITH pool AS ({parts})
        SELECT {columns}, jobs.listed_at, jobs.skill_keys,
               ARRAY(SELECT k FROM unnest(jobs.skill_keys) k WHERE k = ANY(%(keys)s::text[])) AS matched_keys,
               CASE WHEN %(text)s = '' THEN 0
                    ELSE ts_rank_cd(jobs.search, jobs_query(%(text)s), 32) END AS text_rank,
               1 - (e.embedding <=> %(vector)s::vector) AS similarity
        FROM pool JOIN jobs ON jobs.id = pool.id
        LEFT JOIN job_embeddings e ON e.job_id = jobs.id AND e.model = %(model)s""").format(
        parts=sql.SQL(" UNION ").join(parts), columns=sql.SQL(_QUALIFIED))
    return conn.execute(query, params).fetchall()


# -- embeddings -----------------------------------------------------------------------------------


def jobs_to_embed(conn: Connection, job_ids: list[Any]) -> list[dict[str, Any]]:
    """The jobs `job_ids` (those that still exist) with what their embedding text is made of, their
    `updated_at`, and their stored embedding's `model` and `content_hash` (null without one)."""
    return conn.execute(
        """SELECT jobs.id, jobs.title, jobs.company, jobs.location, jobs.skills, jobs.requirements,
                  jobs.description, jobs.updated_at, e.model, e.content_hash
           FROM jobs LEFT JOIN job_embeddings e ON e.job_id = jobs.id
           WHERE jobs.id = ANY(%s::uuid[]) ORDER BY jobs.id""", (job_ids,)).fetchall()


def jobs_to_refresh(conn: Connection, model: str, limit: int) -> list[Any]:
    """Up to `limit` ids of jobs whose embedding is missing, by another model than `model`, or
    older than the job's last update, most recently listed first."""
    rows = conn.execute(
        """SELECT jobs.id FROM jobs LEFT JOIN job_embeddings e ON e.job_id = jobs.id
           WHERE e.job_id IS NULL OR e.model <> %s OR e.job_updated_at < jobs.updated_at
           ORDER BY jobs.listed_at DESC LIMIT %s""",
        (model, limit)).fetchall()
    return [row["id"] for row in rows]


def save_job_embeddings(conn: Connection, model: str, embedded: list[tuple[Any, str, str, Any]]) -> int:
    """Store (job id, content hash, pgvector literal, the job's updated_at) embeddings by `model`,
    replacing those of older versions of the jobs; a job deleted meanwhile is skipped. Returns how
    many were stored."""
    if not embedded:
        return 0
    ids, hashes, vectors, updated = (list(column) for column in zip(*embedded, strict=True))
    return conn.execute(
        """INSERT INTO job_embeddings (job_id, model, content_hash, embedding, job_updated_at)
           SELECT e.job_id, %s, e.content_hash, e.embedding::vector, e.job_updated_at
           FROM unnest(%s::uuid[], %s::text[], %s::text[], %s::timestamptz[])
                AS e(job_id, content_hash, embedding, job_updated_at)
           JOIN jobs ON jobs.id = e.job_id
           ON CONFLICT (job_id) DO UPDATE SET model = EXCLUDED.model, content_hash = EXCLUDED.content_hash,
               embedding = EXCLUDED.embedding, job_updated_at = EXCLUDED.job_updated_at,
               embedded_at = clock_timestamp()
           -- two workers racing: the embedding of the later version of the job wins
           WHERE job_embeddings.job_updated_at <= EXCLUDED.job_updated_at""",
        (model, ids, hashes, vectors, updated)).rowcount


def mark_embeddings_current(conn: Connection, current: list[tuple[Any, Any]]) -> None:
    """Record that the embeddings of these (job id, updated_at) jobs are still their text's: the
    update changed nothing embedded."""
    if current:
        ids, updated = (list(column) for column in zip(*current, strict=True))
        conn.execute(
            """UPDATE job_embeddings e SET job_updated_at = c.updated_at
               FROM unnest(%s::uuid[], %s::timestamptz[]) AS c(job_id, updated_at)
               WHERE e.job_id = c.job_id AND e.job_updated_at < c.updated_at""", (ids, updated))


def profile_embedding(conn: Connection, user_id: Any, model: str, content_hash: str) -> str | None:
    """The user's stored embedding (pgvector's text form) when it is of this text by this model."""
    row = conn.execute(
        "SELECT embedding::text AS embedding FROM profile_embeddings WHERE user_id = %s AND model = %s "
        "AND content_hash = %s", (user_id, model, content_hash)).fetchone()
    return row["embedding"] if row else None


def save_profile_embedding(conn: Connection, user_id: Any, model: str, content_hash: str, vector: str) -> None:
    """Store the user's embedding (a pgvector literal), replacing the one before."""
    conn.execute(
        """INSERT INTO profile_embeddings (user_id, model, content_hash, embedding) VALUES (%s, %s, %s, %s::vector)
           ON CONFLICT (user_id) DO UPDATE SET model = EXCLUDED.model, content_hash = EXCLUDED.content_hash,
               embedding = EXCLUDED.embedding, embedded_at = clock_timestamp()""",
        (user_id, model, content_hash, vector))


def delete_profile_embedding(conn: Connection, user_id: Any) -> None:
    conn.execute("DELETE FROM profile_embeddings WHERE user_id = %s", (user_id,))


# -- the sweep ------------------------------------------------------------------------------------


def jobs_with_old_skill_keys(conn: Connection, version: int, limit: int) -> list[dict[str, Any]]:
    """Up to `limit` jobs whose skill keys were read by an older reading than `version` (or never):
    id, title, skills, requirements, description."""
    return conn.execute(
        """SELECT id, title, skills, requirements, description FROM jobs WHERE skill_keys_version < %s
           ORDER BY listed_at DESC LIMIT %s""", (version, limit)).fetchall()


def set_skill_keys(conn: Connection, version: int, keys: list[tuple[Any, list[str]]]) -> None:
    """Store (job id, skill keys) read by reading `version`; the jobs' updated_at is left alone (their
    content did not change)."""
    if keys:
        conn.execute(
            """UPDATE jobs SET skill_keys = k.keys, skill_keys_version = %(version)s
               FROM jsonb_to_recordset(%(keys)s) AS k(id uuid, keys text[])
               WHERE jobs.id = k.id
                 AND jobs.skill_keys_version < %(version)s  -- a job rewritten meanwhile has its own, newer""",
            {"version": version, "keys": Jsonb([{"id": str(job_id), "keys": job_keys} for job_id, job_keys in keys])})


# -- skills gap -----------------------------------------------------------------------------------


def skill_keys_of_role(conn: Connection, role: str, limit: int) -> list[dict[str, Any]]:
    """The newest `limit` catalogue jobs of a role (newest listed first): those whose title has every
    word of `role` (English full text over `jobs.title_search`, so "nurses" finds "Nurse" and
    "Engineering" "Engineer"; any case; plainto_tsquery, so quotes, "or" and "-" are no operators and
    never raise; a role of stop words alone finds nothing). Each row: id, title, skill_keys
    (vocabulary keys, migration 0014) and skills (as listed, to name the keys the vocabulary does not
    know). The match can use the GIN index `jobs_title_search`, the order `jobs_listed`."""
    return conn.execute(
        """SELECT id, title, skill_keys, skills FROM jobs
           WHERE title_search @@ plainto_tsquery('english'::regconfig, jobs_tech_tokens(%s))
           ORDER BY listed_at DESC, id DESC LIMIT %s""", (role, limit)).fetchall()
