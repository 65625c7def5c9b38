-- Jobs (seed [G] `jobs`, DESIGN.md section 6 "Jobs and applications"): the job catalogue that admins
-- and services write, one by one or by bulk import, deduplicated by (source, external_id), and
-- searched by full text (a weighted tsvector, GIN), typos in titles, companies and skills mended
-- by trigram similarity against the words they use (job_terms).
-- Beyond seed [G]: remote, skills, structured salary (salary_min/salary_max in `currency`, ISO 4217;
-- seed [G]'s free-text salary_range is kept), updated_at.
-- depends: 0011.matching

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Tech tokens the text search parser would break apart ("C#" becomes "c", so it would match plain
-- C), written as words it keeps: C++ -> cplusplus, C# -> csharp, F# -> fsharp, .NET / ASP.NET ->
-- dotnet, Node.js / Vue.js ... -> nodejs / vuejs. Used on both sides, the indexed document and the
-- user's query, so they agree. It leaves websearch syntax alone (quotes, leading -, or). Spaces
-- around each replacement keep the parser from reading "C/C++" as a file path.
CREATE FUNCTION jobs_tech_tokens(input text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN regexp_replace(
         regexp_replace(
           regexp_replace(
             regexp_replace(input, '(^|[^[:alnum:]_+])c\+\+', '\1 cplusplus ', 'gi'),
             '(^|[^[:alnum:]_#])([cf])#', '\1 \2sharp ', 'gi'),
           '\.net\M', ' dotnet ', 'gi'),
         '\m([[:alpha:]]+)\.js\M', ' \1js ', 'gi');

-- A job's skills and requirements as one text. A function (IMMUTABLE) because a generated column
-- may not call array_to_string, which is only STABLE in general; for text[] it depends on nothing
-- but its input.
CREATE FUNCTION jobs_skills_text(skills text[], requirements text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(array_to_string(skills, ' , '), '') || ' , ' || coalesce(array_to_string(requirements, ' , '), '');

-- The searchable document of a job: title (weight A), skills and requirements (B), description (C)
-- and company (D), in the english configuration after `jobs_tech_tokens`.
CREATE FUNCTION jobs_document(title text, skills text[], requirements text[], description text, company text)
RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN setweight(to_tsvector('english'::regconfig, jobs_tech_tokens(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('english'::regconfig, jobs_tech_tokens(jobs_skills_text(skills, requirements))), 'B')
    || setweight(to_tsvector('english'::regconfig, jobs_tech_tokens(coalesce(description, ''))), 'C')
    || setweight(to_tsvector('english'::regconfig, jobs_tech_tokens(coalesce(company, ''))), 'D');

-- The query side: websearch syntax (quotes, -exclude, or), which never raises on user input.
CREATE FUNCTION jobs_query(input text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN websearch_to_tsquery('english'::regconfig, jobs_tech_tokens(input));

-- Text made safe to show as HTML, before ts_headline wraps the matches in <mark>.
CREATE FUNCTION jobs_html(input text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN replace(replace(replace(replace(input, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;');

CREATE TABLE jobs (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title        varchar(255) NOT NULL,
    company      varchar(255) NOT NULL,
    location     varchar(255),
    description  text,
    requirements text[]       NOT NULL DEFAULT '{}',
    skills       text[]       NOT NULL DEFAULT '{}',
    salary_range varchar(100),
    salary_min   integer CHECK (salary_min >= 0),
    salary_max   integer CHECK (salary_max >= 0),
    currency     char(3) CHECK (currency ~ '^[A-Z]{3}$'),
    job_type     varchar(50) CHECK (job_type IN ('full_time', 'part_time', 'contract', 'temporary', 'internship', 'freelance')),
    remote       boolean      NOT NULL DEFAULT false,
    external_url varchar(500),
    external_id  varchar(255),
    source       varchar(100),
    posted_at    timestamptz,
    created_at   timestamptz  NOT NULL DEFAULT clock_timestamp(),
    updated_at   timestamptz  NOT NULL DEFAULT clock_timestamp(),
    listed_at    timestamptz  GENERATED ALWAYS AS (coalesce(posted_at, created_at)) STORED,  -- newest first
    search       tsvector GENERATED ALWAYS AS (jobs_document(title, skills, requirements, description, company)) STORED,
    -- the title's and the skills' and requirements' words alone: the search ranks by which of them
    -- say what is asked, and the planner needs their own statistics to read each tier well
    title_search  tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, jobs_tech_tokens(title))) STORED,
    skills_search tsvector GENERATED ALWAYS AS (
        to_tsvector('english'::regconfig, jobs_tech_tokens(jobs_skills_text(skills, requirements)))) STORED,
    CHECK (salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max),
    -- a job from a source is that source's job once: imports upsert on this (rows without both are never merged)
    CONSTRAINT jobs_source_external_id UNIQUE (source, external_id)
);

CREATE INDEX jobs_search ON jobs USING gin (search);
CREATE INDEX jobs_title_search ON jobs USING gin (title_search);
CREATE INDEX jobs_skills_search ON jobs USING gin (skills_search);
CREATE INDEX jobs_location_trgm ON jobs USING gin (lower(location) gin_trgm_ops);  -- location filter: ILIKE '%...%'
CREATE INDEX jobs_listed ON jobs (listed_at DESC, id DESC);  -- newest first, and each search tier's order
CREATE INDEX jobs_title_lower ON jobs (lower(title));  -- search tier 4: the title is the words asked for
CREATE INDEX jobs_salary_floor ON jobs ((coalesce(salary_max, salary_min)));  -- search filter salaryMin

-- Every word (3 to 40 characters, not only digits) of the catalogue's titles, companies and skills,
-- lower-cased: the vocabulary a misspelt query word is mended against by trigram similarity
-- (GIN, pg_trgm). Trigram matching of whole titles against whole queries cannot use an index for
-- long queries and costs a scan of the table (about 400 ms over 100,000 jobs); matching words
-- against this short list costs a millisecond. Words are added by the triggers below, in the
-- writing statement's transaction, and never removed (a stale word only mends a typo into a word
-- that finds nothing, as the typo did).
CREATE TABLE job_terms (term text PRIMARY KEY);
CREATE INDEX job_terms_trgm ON job_terms USING gin (term gin_trgm_ops);

CREATE FUNCTION jobs_collect_terms() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO job_terms (term)
    SELECT DISTINCT word
    FROM written, regexp_split_to_table(
             lower(concat_ws(' ', written.title, written.company, array_to_string(written.skills, ' '))),
             '[^[:alnum:]]+') AS word
    WHERE length(word) BETWEEN 3 AND 40 AND word !~ '^[0-9]+$'
    ORDER BY word  -- concurrent writers take the same words in the same order: no deadlock
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER jobs_terms_inserted AFTER INSERT ON jobs REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_collect_terms();
CREATE TRIGGER jobs_terms_updated AFTER UPDATE ON jobs REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_collect_terms();
