-- Applications (seed [G] `applications`, DESIGN.md section 6 "Jobs and applications"): a user's
-- tracked applications, to catalogue jobs or to jobs known only by what the user typed, and the
-- history of every change. The job's title, company, url and location are copied onto the
-- application, so it survives the catalogue job's deletion (job_id then becomes NULL).
-- depends: 0012.jobs

CREATE TABLE applications (
    id                uuid PRIMARY KEY,
    user_id           uuid        NOT NULL REFERENCES users (id),
    job_id            uuid        REFERENCES jobs (id) ON DELETE SET NULL,
    job_title         text        NOT NULL,
    job_company       text        NOT NULL,
    job_url           text,
    job_location      text,
    -- One of the user's Vitae resumes, by id (no foreign key: another domain's table), and the
    -- JSON Resume document it was when the application was sent, frozen from then on.
    resume_id         uuid,
    resume_version    jsonb,
    cover_letter      text,
    notes             text,
    status            text        NOT NULL CHECK (status IN ('saved', 'applied', 'screening', 'interviewing',
                                                             'offer', 'accepted', 'rejected', 'withdrawn')),
    applied_at        timestamptz,  -- when it became applied (NULL while saved, or withdrawn unsent)
    responded_at      timestamptz,  -- the employer's first answer after applied_at (see the service)
    created_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    CHECK (responded_at IS NULL OR applied_at IS NOT NULL)
);
CREATE INDEX applications_by_user ON applications (user_id, created_at DESC, id DESC);
CREATE INDEX applications_by_user_status ON applications (user_id, status, created_at DESC, id DESC);
-- One application per user and catalogue job (a second one is a 409).
CREATE UNIQUE INDEX applications_one_per_job ON applications (user_id, job_id) WHERE job_id IS NOT NULL;
CREATE INDEX applications_by_job ON applications (job_id) WHERE job_id IS NOT NULL;

CREATE TABLE application_history (
    id             uuid PRIMARY KEY,
    application_id uuid        NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    kind           text        NOT NULL CHECK (kind IN ('created', 'status_changed', 'updated')),
    from_status    text,
    to_status      text        NOT NULL,
    fields         text[]      NOT NULL DEFAULT '{}',  -- what an update changed, by its API name
    note           text,
    changed_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX application_history_by_application ON application_history (application_id, changed_at, id);
