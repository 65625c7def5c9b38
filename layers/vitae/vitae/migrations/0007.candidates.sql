-- Candidate profiles (seed [C]): one per user, with education, work experience, skills and
-- certifications; uploaded CVs and their parse results; the audit log of every candidate operation.
-- depends: 0006.resume_attachments
-- Entries and audit rows take clock_timestamp(): several written in one transaction keep their order.

CREATE TABLE candidates (
    id            uuid PRIMARY KEY,
    user_id       uuid        NOT NULL UNIQUE REFERENCES users (id),
    first_name    text,
    last_name     text,
    dob           date,
    gender        text,
    phone         text,
    location      text,
    headline      text,
    summary       text,
    links         jsonb       NOT NULL DEFAULT '[]',
    -- Fields the person has set themselves (even to empty): a CV parse never fills them.
    edited_fields text[]      NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE candidate_education (
    id             uuid PRIMARY KEY,
    candidate_id   uuid        NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    degree         text        NOT NULL,
    university     text        NOT NULL,
    field_of_study text,
    start_year     integer,
    end_year       integer,
    source         text        NOT NULL DEFAULT 'user' CHECK (source IN ('user', 'cv')),
    created_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX candidate_education_by_candidate ON candidate_education (candidate_id, created_at);

CREATE TABLE candidate_work_experience (
    id           uuid PRIMARY KEY,
    candidate_id uuid        NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    company_name text        NOT NULL,
    job_title    text        NOT NULL,
    start_date   text,  -- YYYY, YYYY-MM or YYYY-MM-DD: CVs rarely give days
    end_date     text,  -- NULL: current
    location     text,
    highlights   jsonb       NOT NULL DEFAULT '[]',
    source       text        NOT NULL DEFAULT 'user' CHECK (source IN ('user', 'cv')),
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX candidate_work_by_candidate ON candidate_work_experience (candidate_id, created_at);

CREATE TABLE candidate_skills (
    id           uuid PRIMARY KEY,
    candidate_id uuid        NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    skill_name   text        NOT NULL,
    source       text        NOT NULL DEFAULT 'user' CHECK (source IN ('user', 'cv')),
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
-- "Python" and "python" are one skill, whoever adds them and however concurrently.
CREATE UNIQUE INDEX candidate_skills_unique ON candidate_skills (candidate_id, lower(skill_name));

CREATE TABLE candidate_certifications (
    id           uuid PRIMARY KEY,
    candidate_id uuid        NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    title        text        NOT NULL,
    issued_by    text,
    issue_date   text,
    source       text        NOT NULL DEFAULT 'user' CHECK (source IN ('user', 'cv')),
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX candidate_certifications_by_candidate ON candidate_certifications (candidate_id, created_at);

CREATE TABLE cv_documents (
    id              uuid PRIMARY KEY,
    candidate_id    uuid        NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    user_id         uuid        NOT NULL REFERENCES users (id),
    key             text        NOT NULL UNIQUE,
    filename        text        NOT NULL,
    size            bigint      NOT NULL DEFAULT 0,
    status          text        NOT NULL CHECK (status IN ('awaiting_upload', 'queued', 'parsing', 'parsed', 'failed')),
    failure_reason  text,
    failure_message text,
    job_role        text,
    job_description text,
    key_skills      jsonb       NOT NULL DEFAULT '[]',
    parsed          jsonb,
    confidence      jsonb,
    key_skill_match jsonb,
    ai_refined      boolean     NOT NULL DEFAULT false,
    merged          jsonb,      -- what the parse added to the profile
    attempts        integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cv_documents_by_candidate ON cv_documents (candidate_id, created_at DESC);

CREATE TABLE audit_log (
    id           uuid PRIMARY KEY,
    user_id      uuid,  -- who acted; NULL for the system (the parse worker)
    candidate_id uuid,  -- kept after the candidate is gone: the log outlives what it describes
    action       text        NOT NULL,
    ip_address   text,
    tenant       text,
    details      jsonb       NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX audit_log_by_candidate ON audit_log (candidate_id, created_at DESC, id DESC);
