-- Files attached to resumes; bytes count against the owner's storage quota.
-- depends: 0005.resume_sharing

CREATE TABLE resume_attachments (
    id           uuid PRIMARY KEY,
    resume_id    uuid        NOT NULL REFERENCES resumes (id) ON DELETE CASCADE,
    user_id      uuid        NOT NULL REFERENCES users (id),
    key          text        NOT NULL UNIQUE,
    filename     text        NOT NULL,
    content_type text,
    size         bigint      NOT NULL DEFAULT 0,
    status       text        NOT NULL CHECK (status IN ('pending', 'ready')),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX resume_attachments_by_resume ON resume_attachments (resume_id, created_at);
