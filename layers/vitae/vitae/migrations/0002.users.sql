-- Users domain (seed [U]): profile, avatar, statistics and quotas on the users row.
-- depends: 0001.platform

ALTER TABLE users
    ADD COLUMN full_name          text,
    ADD COLUMN company_name       text,
    ADD COLUMN phone              text,
    ADD COLUMN bio                text,
    ADD COLUMN avatar_key         text,
    ADD COLUMN avatar_size        bigint  NOT NULL DEFAULT 0 CHECK (avatar_size >= 0),
    ADD COLUMN interviews_created integer NOT NULL DEFAULT 0 CHECK (interviews_created >= 0),
    ADD COLUMN interviews_active  integer NOT NULL DEFAULT 0 CHECK (interviews_active >= 0),
    ADD COLUMN candidates_total   integer NOT NULL DEFAULT 0 CHECK (candidates_total >= 0),
    ADD COLUMN storage_used       bigint  NOT NULL DEFAULT 0 CHECK (storage_used >= 0),
    ADD COLUMN max_interviews     integer NOT NULL DEFAULT 10 CHECK (max_interviews >= 0),
    ADD COLUMN max_storage        bigint  NOT NULL DEFAULT 5368709120 CHECK (max_storage >= 0);

CREATE INDEX users_created_at ON users (created_at);
