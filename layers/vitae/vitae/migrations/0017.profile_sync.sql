-- Profile sync (seed [G], DESIGN.md 6 "Profile sync"): GitHub and a LinkedIn data export read into
-- the candidate profile. Seed [G]'s `profiles.github_data`/`linkedin_data` and their sync times live
-- on the candidate; every sync is a row of profile_syncs, polled like an AI job; GitHub's answers are
-- kept with their ETags for conditional requests; the token a user signed in with is kept encrypted.
-- depends: 0016.assistant

-- The provider's access token of a sign-in, encrypted (Fernet, TOKEN_ENCRYPTION_KEY): read by the
-- profile sync only, never returned, never logged. `login` is the provider's user name (GitHub).
ALTER TABLE user_identities
    ADD COLUMN access_token            bytea,
    ADD COLUMN access_token_expires_at timestamptz,
    ADD COLUMN login                   text;

ALTER TABLE candidates
    ADD COLUMN github_data        jsonb,
    ADD COLUMN github_synced_at   timestamptz,
    ADD COLUMN linkedin_data      jsonb,
    ADD COLUMN linkedin_synced_at timestamptz;

-- Entries a sync adds say where they came from.
ALTER TABLE candidate_education DROP CONSTRAINT candidate_education_source_check,
    ADD CONSTRAINT candidate_education_source_check CHECK (source IN ('user', 'cv', 'github', 'linkedin'));
ALTER TABLE candidate_work_experience DROP CONSTRAINT candidate_work_experience_source_check,
    ADD CONSTRAINT candidate_work_experience_source_check CHECK (source IN ('user', 'cv', 'github', 'linkedin'));
ALTER TABLE candidate_skills DROP CONSTRAINT candidate_skills_source_check,
    ADD CONSTRAINT candidate_skills_source_check CHECK (source IN ('user', 'cv', 'github', 'linkedin'));
ALTER TABLE candidate_certifications DROP CONSTRAINT candidate_certifications_source_check,
    ADD CONSTRAINT candidate_certifications_source_check CHECK (source IN ('user', 'cv', 'github', 'linkedin'));

-- JSON Resume `projects` and `languages` (jsonresume.org/schema).
CREATE TABLE candidate_projects (
    id           uuid PRIMARY KEY,
    candidate_id uuid        NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    description  text,
    url          text,
    keywords     jsonb       NOT NULL DEFAULT '[]',  -- languages by bytes, then topics
    stars        integer,
    start_date   text,
    end_date     text,  -- a repository: its last push (YYYY-MM-DD)
    source       text        NOT NULL DEFAULT 'user' CHECK (source IN ('user', 'cv', 'github', 'linkedin')),
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX candidate_projects_by_candidate ON candidate_projects (candidate_id, created_at);

CREATE TABLE candidate_languages (
    id           uuid PRIMARY KEY,
    candidate_id uuid        NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    language     text        NOT NULL,
    fluency      text,
    source       text        NOT NULL DEFAULT 'user' CHECK (source IN ('user', 'cv', 'github', 'linkedin')),
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE UNIQUE INDEX candidate_languages_unique ON candidate_languages (candidate_id, lower(language));

-- One sync: queued -> running -> done | failed, or deferred (GitHub's rate limit spent) until
-- retry_at, then running again. `request`: what was asked (GitHub: username, includeForks;
-- LinkedIn: filename); `key`: the export's object (LinkedIn); `result`: what it filled and added;
-- `contributed`: per entry kind, the identities of the entries it added (a later sync of the same
-- source does not add them again once the person edited or deleted them).
CREATE TABLE profile_syncs (
    id              uuid PRIMARY KEY,
    user_id         uuid        NOT NULL REFERENCES users (id),
    source          text        NOT NULL CHECK (source IN ('github', 'linkedin')),
    status          text        NOT NULL CHECK (status IN ('awaiting_upload', 'queued', 'running', 'deferred',
                                                           'done', 'failed')),
    request         jsonb       NOT NULL DEFAULT '{}',
    key             text UNIQUE,
    size            bigint      NOT NULL DEFAULT 0,
    attempts        integer     NOT NULL DEFAULT 0,
    deferrals       integer     NOT NULL DEFAULT 0,
    retry_at        timestamptz,
    result          jsonb,
    contributed     jsonb,
    failure_reason  text,
    failure_message text,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    completed_at    timestamptz,
    CHECK ((status = 'done') = (result IS NOT NULL))
);
CREATE INDEX profile_syncs_by_user ON profile_syncs (user_id, source, created_at DESC, id DESC);
-- One unfinished sync per user and source, however many requests race for it.
CREATE UNIQUE INDEX profile_syncs_one_unfinished ON profile_syncs (user_id, source)
    WHERE status IN ('queued', 'running', 'deferred');

-- GitHub's answers and their validators (If-None-Match), per user: a 304 answers from here.
CREATE TABLE github_etags (
    user_id    uuid        NOT NULL REFERENCES users (id),
    url        text        NOT NULL,
    etag       text        NOT NULL,
    body       jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (user_id, url)
);
