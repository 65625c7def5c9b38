-- Idempotency-Key records of creating POSTs (vitae.platform.idempotency). Neither the caller nor
-- the key is stored: `key_digest` is a SHA-256 of both; `response` is sealed with a key derived
-- from them, so the table holds nothing a client could use.
-- depends: 0007.candidates

CREATE TABLE idempotency_keys (
    key_digest   bytea PRIMARY KEY,
    fingerprint  bytea       NOT NULL,  -- SHA-256 of the request: method, path, query, body
    locked_until timestamptz,           -- while its first request runs
    response     bytea,                 -- the first answer, sealed; NULL while in progress
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

