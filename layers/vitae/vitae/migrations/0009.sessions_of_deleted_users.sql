-- Deleting a user now ends their sessions in the same transaction; end those of users deleted
-- before, so that the authorizer, which checks sessions in the database, refuses their tokens.
-- depends: 0003.auth

UPDATE auth_sessions SET revoked_at = now(), revoke_reason = 'user_deleted'
WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE deleted_at IS NOT NULL);
