-- Resume share links (tokens and passwords stored hashed) and view/download statistics.
-- depends: 0004.resumes

CREATE TABLE resume_shares (
    id             uuid PRIMARY KEY,
    resume_id      uuid        NOT NULL REFERENCES resumes (id) ON DELETE CASCADE,
    token_hash     bytea       NOT NULL UNIQUE,
    password_hash  text,
    expires_at     timestamptz,
    revoked_at     timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    view_count     integer     NOT NULL DEFAULT 0,
    last_viewed_at timestamptz
);
CREATE INDEX resume_shares_by_resume ON resume_shares (resume_id, created_at);

-- Totals flushed from the Redis counters.
CREATE TABLE resume_statistics (
    resume_id uuid PRIMARY KEY REFERENCES resumes (id) ON DELETE CASCADE,
    views     bigint NOT NULL DEFAULT 0,
    downloads bigint NOT NULL DEFAULT 0
);
