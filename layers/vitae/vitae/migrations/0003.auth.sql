-- Sign-in (seed [G]): identities at OAuth providers, sessions (one per device) and their
-- single-use refresh tokens, stored hashed.
-- depends: 0002.users

CREATE TABLE user_identities (
    provider         text        NOT NULL,
    provider_user_id text        NOT NULL,
    user_id          uuid        NOT NULL REFERENCES users (id),
    email            text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, provider_user_id)
);
CREATE INDEX user_identities_user ON user_identities (user_id);

CREATE TABLE auth_sessions (
    id            uuid PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES users (id),
    provider      text,
    user_agent    text,
    ip            text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    revoke_reason text
);
CREATE INDEX auth_sessions_live ON auth_sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_tokens (
    token_hash bytea PRIMARY KEY,
    session_id uuid        NOT NULL REFERENCES auth_sessions (id),
    issued_at  timestamptz NOT NULL DEFAULT now(),
    used_at    timestamptz
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
