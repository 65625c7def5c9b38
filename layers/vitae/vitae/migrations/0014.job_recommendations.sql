-- Job recommendations (DESIGN.md section 6 "Jobs and applications", seed [G] GET /jobs/recommendations):
-- the skills each job asks for in the matching domain's vocabulary, embeddings of jobs and of the
-- profiles recommendations are made for (pgvector, HNSW), and the job-search preferences they honour.
-- depends: 0013.applications

-- pgvector 0.8+ (HNSW, and iterative index scans for filtered searches): RDS/Aurora PostgreSQL
-- 15.10+, 16.6+, 17.2+; the embedded PostgreSQL of the devstack (pgserver) ships 0.8.
CREATE EXTENSION IF NOT EXISTS vector;

-- The job's skills as keys of `vitae.taxonomy.skills` (canonical: "Postgres" and "PostgreSQL" are
-- one key), read from its title, skills and requirements when it is written; skills the vocabulary
-- does not know are kept as their normalised spelling. The overlap with a profile's keys is the
-- recommendations' skill part (GIN: the jobs sharing any key with the profile).
-- `skill_keys_version`: the reading that made them (vitae.jobs.service.SKILL_KEYS_VERSION); older
-- ones, and the jobs written before this migration (0), are read again by the jobs sweep.
ALTER TABLE jobs ADD COLUMN skill_keys text[] NOT NULL DEFAULT '{}',
                 ADD COLUMN skill_keys_version smallint NOT NULL DEFAULT 0;
CREATE INDEX jobs_skill_keys ON jobs USING gin (skill_keys);

-- One embedding per job, computed from its text by the embedding worker (job.created, job.updated,
-- and a sweep for the ones Ollama was not there for). `model` is the Ollama model that made it: a
-- change of OLLAMA_EMBED_MODEL makes the sweep compute them again; `content_hash` (SHA-256 of the
-- text embedded) lets an update that changes nothing embedded skip the call; `job_updated_at` is
-- the job's updated_at the embedding is current for (older: the sweep looks at it again). 768 dimensions:
-- nomic-embed-text's, and what Matryoshka models (nomic-embed-text v1.5, mxbai-embed-large,
-- snowflake-arctic-embed2...) are asked for through /api/embed's `dimensions`.
CREATE TABLE job_embeddings (
    job_id       uuid PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    model        text        NOT NULL,
    content_hash text        NOT NULL,
    embedding    vector(768) NOT NULL,
    job_updated_at timestamptz NOT NULL,
    embedded_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX job_embeddings_hnsw ON job_embeddings USING hnsw (embedding vector_cosine_ops);

-- The embedding of the text recommendations were last made from for a user (their candidate
-- profile or default resume): computed again when that text or the model changes, deleted with
-- the user (user.deleted).
CREATE TABLE profile_embeddings (
    user_id      uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    model        text        NOT NULL,
    content_hash text        NOT NULL,
    embedding    vector(768) NOT NULL,
    embedded_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- Job-search preferences (seed [G] profiles.job_preferences): {locations[], remote, jobTypes[]}.
ALTER TABLE user_preferences ADD COLUMN job_search jsonb NOT NULL DEFAULT '{}';
