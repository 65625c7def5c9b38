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
             ("external_url", "text"), ("external_id", "text"), ("source", "text"), ("posted_at", "timestamptz"))
_NAMES = [name for name, _ in _WRITABLE]


def _ident_list(names: list[str], prefix: str = "") -> sql.Composable:
    return sql.SQL(", ").join(sql.SQL(prefix + "{}").format(sql.Identifier(n)) for n in names)


def job(conn: Connection, job_id: Any, for_update: bool = False) -> dict[str, Any] | None:
    return conn.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = %s" + (" FOR UPDATE" if for_update else ""),
                        (job_id,)).fetchone()


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
           WHERE NOT EXISTS (SELECT 1 FROM job_terms t WHERE t.term = w.word)
             AND NOT EXISTS (SELECT 1 FROM jobs WHERE search @@ jobs_query(w.word))""",
        (words,)).fetchall()
    return {row["word"]: row["mended"] for row in rows if row["mended"]}


@dataclass(frozen=True)
class SearchFilters:
    """What a search keeps: text (websearch syntax, already mended), location (part of it, any case),
    remote, job type, a salary floor (salary_max, else salary_min) and a posting age in days."""

    text: str | None
    ranked: str | None  # the text without its exclusions: what the rank measures
    plain: str | None  # the words asked for, without operators: a title equal to them ranks first
    location: str | None
    remote: bool | None
    job_type: str | None
    salary_min: int | None
    posted_within_days: int | None


# The rank of a match: ts_rank over the weighted document (title A 1.0, skills and requirements B
# 0.4, description C 0.2, company D 0.1) for what the query asks (its exclusions rank nothing),
# plus 1 when the title is the query itself.
_RANK = "ts_rank(search, jobs_query(%(ranked_text)s)) + (lower(title) = %(plain)s)::int"
_HEADLINE = "StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \""


def search(conn: Connection, filters: SearchFilters, after: tuple[Any, str] | None,
           limit: int) -> list[dict[str, Any]]:
    """In the caller's transaction (it sets a planner setting for the transaction's rest).
    Up to `limit` matching jobs, best first: with text by `rank` (descending), without text
    the newest first (`listed_at`: posted, else created); ties by id (descending). `after` is the
    (rank or listed_at, id) of the last job of the previous page. Each row has the job's columns,
    `rank`, `listed_at` and highlights (`title_highlight`, `snippet`: HTML-escaped, matches in
    <mark>)."""
    conditions = [sql.SQL("TRUE")]
    params: dict[str, Any] = {"text": filters.text, "ranked_text": filters.ranked, "limit": limit,
                              "plain": (filters.plain or "").lower()}
    if filters.text is not None:
        conditions.append(sql.SQL("search @@ jobs_query(%(text)s)"))
    if filters.location is not None:
        escaped = filters.location.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params["location"] = f"%{escaped}%"
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
        conditions.append(sql.SQL("posted_at >= now() - make_interval(days => %(days)s)"))
    order = "rank DESC, id DESC" if filters.text is not None else "listed_at DESC, id DESC"
    key = "rank" if filters.text is not None else "listed_at"
    page_condition: sql.Composable = sql.SQL("TRUE")
    if after is not None:
        params["after_key"], params["after_id"] = after
        page_condition = sql.SQL("({key}, id) < (%(after_key)s, %(after_id)s::uuid)").format(key=sql.Identifier(key))
    rank = _RANK if filters.text is not None else "0::float8"
    # The query's text goes in as constants (no CTE): the planner then knows how many jobs the
    # tsquery matches and picks its plan, and the filters' indexes, by that.
    shown = "jobs_query(%(text)s) || websearch_to_tsquery('english', %(text)s)"
    # The catalogue is read from memory (RDS, or the OS cache here), where a random page costs
    # about what a sequential one does; at the default (4) a query matching a fifth of the jobs
    # ("nurse or teacher") reads the whole table instead of the pages holding its matches, 2x slower.
    conn.execute("SELECT set_config('random_page_cost', '1.1', true)")
    # Ranked first by id alone, so only the page's jobs are read whole (and highlighted).
    query = sql.SQL("""
        WITH page AS (
            SELECT * FROM (SELECT id, listed_at, {rank} AS rank FROM jobs WHERE {conditions}) m
            WHERE {page_condition}
            ORDER BY {order} LIMIT %(limit)s)
        SELECT {columns}, page.listed_at, page.rank,
               CASE WHEN %(text)s::text IS NULL THEN jobs_html(title)
                    ELSE ts_headline('english', jobs_html(title), {shown},
                                     'HighlightAll=true, StartSel=<mark>, StopSel=</mark>') END AS title_highlight,
               CASE WHEN description IS NULL THEN NULL
                    WHEN %(text)s::text IS NULL THEN jobs_html(left(description, 240))
                    ELSE ts_headline('english', jobs_html(description), {shown}, {headline}) END AS snippet
        FROM page JOIN jobs ON jobs.id = page.id ORDER BY {page_order}""").format(
        columns=sql.SQL(_QUALIFIED), rank=sql.SQL(rank), conditions=sql.SQL(" AND ").join(conditions),
        page_condition=page_condition, headline=sql.Literal(_HEADLINE), order=sql.SQL(order), shown=sql.SQL(shown),
        page_order=sql.SQL(", ".join(f"page.{part}" for part in order.split(", "))))
    return conn.execute(query, params).fetchall()
