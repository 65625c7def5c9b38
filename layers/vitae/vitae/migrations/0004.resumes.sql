-- Resumes (seed [P]): documents owned by users, their ordered sections (each holding its items,
-- validated per section type), and user preferences.
-- depends: 0003.auth

CREATE TABLE resumes (
    id         uuid PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id),
    title      text        NOT NULL,
    template   text        NOT NULL,
    language   text        NOT NULL,
    is_default boolean     NOT NULL DEFAULT false,
    is_public  boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX resumes_by_user ON resumes (user_id, created_at DESC, id DESC);
-- At most one default per user, whatever concurrent requests do.
CREATE UNIQUE INDEX resumes_one_default ON resumes (user_id) WHERE is_default;

CREATE TABLE resume_sections (
    id        uuid PRIMARY KEY,
    resume_id uuid    NOT NULL REFERENCES resumes (id) ON DELETE CASCADE,
    type      text    NOT NULL,
    title     text    NOT NULL,
    position  integer NOT NULL,
    visible   boolean NOT NULL DEFAULT true,
    items     jsonb   NOT NULL DEFAULT '[]'
);
CREATE INDEX resume_sections_by_resume ON resume_sections (resume_id, position);

CREATE TABLE user_preferences (
    user_id          uuid PRIMARY KEY REFERENCES users (id),
    theme            text        NOT NULL,
    language         text        NOT NULL,
    timezone         text        NOT NULL,
    notifications    jsonb       NOT NULL,
    default_template text        NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
