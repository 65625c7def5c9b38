-- The assistant (seed [G], DESIGN.md 6 "Assistant"): AI jobs (tailored resumes, skills gaps) polled
-- at /v1/ai-jobs/{id}, chat sessions with their persisted history, and the caller's learning
-- resources (seed [G] learning_resources). Every row has its owner; a session takes its messages.
-- depends: 0015.job_recommendation_preferences

CREATE TABLE ai_jobs (
    id              uuid PRIMARY KEY,
    user_id         uuid        NOT NULL REFERENCES users (id),
    kind            text        NOT NULL CHECK (kind IN ('tailor', 'skills_gap')),
    request         jsonb       NOT NULL,  -- what was asked, as validated (a pasted description included)
    status          text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    result          jsonb,
    failure_reason  text,
    failure_message text,
    method          text CHECK (method IN ('deterministic', 'deterministic+llm', 'llm')),
    model           text,  -- the Ollama model that answered; NULL when none did
    model_version   text,  -- its digest as the server listed it
    prompt_version  text,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    completed_at    timestamptz,
    CHECK ((status = 'done') = (result IS NOT NULL))
);
CREATE INDEX ai_jobs_by_user ON ai_jobs (user_id, created_at DESC, id DESC);

CREATE TABLE chat_sessions (
    id         uuid PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id),
    title      text,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX chat_sessions_by_user ON chat_sessions (user_id, created_at DESC, id DESC);

-- A user's message (done when stored) and the assistant's reply to it (queued until the worker
-- has answered). `position` orders a session's messages and pages them (?after=).
CREATE TABLE chat_messages (
    id              uuid PRIMARY KEY,
    session_id      uuid        NOT NULL REFERENCES chat_sessions (id) ON DELETE CASCADE,
    user_id         uuid        NOT NULL REFERENCES users (id),
    position        bigint      GENERATED ALWAYS AS IDENTITY,
    role            text        NOT NULL CHECK (role IN ('user', 'assistant')),
    content         text,        -- NULL while a reply is not done
    reply_to        uuid REFERENCES chat_messages (id) ON DELETE CASCADE,
    status          text        NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    tool_calls      jsonb       NOT NULL DEFAULT '[]',
    suggestions     jsonb       NOT NULL DEFAULT '[]',
    failure_reason  text,
    failure_message text,
    model           text,
    model_version   text,
    prompt_version  text,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    completed_at    timestamptz,
    CHECK (role = 'assistant' OR (status = 'done' AND content IS NOT NULL)),
    CHECK (status <> 'done' OR content IS NOT NULL)
);
CREATE INDEX chat_messages_by_session ON chat_messages (session_id, position);

CREATE TABLE learning_resources (
    id            uuid PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES users (id),
    skill         text        NOT NULL,
    resource_type text        NOT NULL,
    title         text        NOT NULL,
    url           text        NOT NULL,
    source        text,
    catalogue_id  text,  -- the curated catalogue's entry it was saved from, if any
    completed     boolean     NOT NULL DEFAULT false,
    bookmarked    boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- one row per address however it was written: `url` holds its normal spelling
    -- (vitae.assistant.models.normal_url), which this holds for: no upper-case ASCII in scheme and
    -- host, a path, no default or empty port, no fragment
    UNIQUE (user_id, url),
    CONSTRAINT learning_resources_url_normal CHECK (
        url ~ '^https?://[^/?#A-Z]+/'
        AND url !~ '^http://[^/]*:(80)?/'
        AND url !~ '^https://[^/]*:(443)?/'
        AND position('#' IN url) = 0
    )
);
CREATE INDEX learning_resources_by_user ON learning_resources (user_id, created_at DESC, id DESC);
CREATE INDEX learning_resources_by_skill ON learning_resources (user_id, lower(skill));
