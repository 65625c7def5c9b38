-- Matching (seed [D]): requirements texts and resume texts, and the processings that score one
-- resume side against one requirements text. Every row has its owner (user_id); deleting
-- requirements deletes their processings (seed [D] delete_requirements).
-- depends: 0010.display_filenames

CREATE TABLE requirements (
    id              uuid PRIMARY KEY,
    user_id         uuid        NOT NULL REFERENCES users (id),
    title           text,
    text            text,        -- NULL until a presigned upload has been read
    source          text        NOT NULL CHECK (source IN ('text', 'file', 'upload')),
    filename        text,
    status          text        NOT NULL DEFAULT 'ready' CHECK (status IN ('awaiting_upload', 'ready', 'failed')),
    upload_key      text UNIQUE,
    failure_reason  text,
    failure_message text,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    CHECK (status <> 'ready' OR text IS NOT NULL)
);
CREATE INDEX requirements_by_user ON requirements (user_id, created_at DESC, id DESC);

CREATE TABLE resume_texts (
    id              uuid PRIMARY KEY,
    user_id         uuid        NOT NULL REFERENCES users (id),
    title           text,
    text            text,
    source          text        NOT NULL CHECK (source IN ('text', 'file', 'upload')),
    filename        text,
    status          text        NOT NULL DEFAULT 'ready' CHECK (status IN ('awaiting_upload', 'ready', 'failed')),
    upload_key      text UNIQUE,
    failure_reason  text,
    failure_message text,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    CHECK (status <> 'ready' OR text IS NOT NULL)
);
CREATE INDEX resume_texts_by_user ON resume_texts (user_id, created_at DESC, id DESC);

CREATE TABLE processings (
    id              uuid PRIMARY KEY,
    user_id         uuid        NOT NULL REFERENCES users (id),
    requirements_id uuid        NOT NULL REFERENCES requirements (id) ON DELETE CASCADE,
    -- The resume side: a resume text, one of the user's Vitae resumes or their candidate profile,
    -- by id (no foreign key: deleting it later leaves the processing and its snapshot).
    resume_kind     text        NOT NULL CHECK (resume_kind IN ('resume_text', 'resume', 'profile')),
    resume_ref      uuid        NOT NULL,
    resume_text     text        NOT NULL,  -- the resume side's text when requested: results are reproducible
    status          text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    result          jsonb,
    failure_reason  text,
    failure_message text,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    completed_at    timestamptz,
    CHECK ((status = 'done') = (result IS NOT NULL))
);
CREATE INDEX processings_by_user ON processings (user_id, created_at DESC, id DESC);
CREATE INDEX processings_by_requirements ON processings (requirements_id, created_at DESC, id DESC);
