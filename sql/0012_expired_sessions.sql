-- SCIM Gateway: expired sessions leave the refresh queue, and expired sessions and abandoned sign-ins are deleted.
--
-- The refresher took the 100 sessions due first, and an expired session was skipped without moving its due time, so
-- it stayed first forever: past 100 of them, no live session was refreshed (a person the IdP had disabled kept their
-- session until it expired). Nothing deleted expired sessions or abandoned sign-ins either.

CREATE OR REPLACE FUNCTION scim_gateway_due_sessions(due_before timestamptz, most integer)
    RETURNS TABLE (tenant_id uuid, session_id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
    #variable_conflict use_column
    BEGIN
        RETURN QUERY
        SELECT s.tenant_id, s.id FROM sessions s WHERE s.refresh_due_at <= due_before AND s.expires_at > now()
        ORDER BY s.refresh_due_at LIMIT most;
    END
    $$;
COMMENT ON FUNCTION scim_gateway_due_sessions(timestamptz, integer) IS
    'Live sessions whose refresh is due, oldest first, across tenants (ids only).';

CREATE INDEX sessions_by_expiry ON sessions (expires_at);
COMMENT ON INDEX sessions_by_expiry IS 'Finds expired sessions for scim_gateway_delete_expired.';
CREATE INDEX sign_in_attempts_by_expiry ON sign_in_attempts (expires_at);
COMMENT ON INDEX sign_in_attempts_by_expiry IS 'Finds abandoned sign-ins for scim_gateway_delete_expired.';

CREATE FUNCTION scim_gateway_delete_expired(most integer) RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
    DECLARE
        sessions_deleted integer;
        attempts_deleted integer;
    BEGIN
        DELETE FROM sessions WHERE (tenant_id, id) IN (
            SELECT s.tenant_id, s.id FROM sessions s WHERE s.expires_at <= now() LIMIT most);
        GET DIAGNOSTICS sessions_deleted = ROW_COUNT;
        DELETE FROM sign_in_attempts WHERE (tenant_id, state_hash) IN (
            SELECT a.tenant_id, a.state_hash FROM sign_in_attempts a WHERE a.expires_at <= now() LIMIT most);
        GET DIAGNOSTICS attempts_deleted = ROW_COUNT;
        RETURN sessions_deleted + attempts_deleted;
    END
    $$;
COMMENT ON FUNCTION scim_gateway_delete_expired(integer) IS
    'Deletes up to `most` expired sessions and `most` expired sign-in attempts across tenants; returns how many. '
    'Run by the session refresher each round, on the replica holding its advisory lock.';
GRANT EXECUTE ON FUNCTION scim_gateway_delete_expired(integer) TO scim_gateway_service;

COMMENT ON COLUMN sessions.expires_at IS
    'Sign-in time plus SESSION_LIFETIME_SECONDS (default 12 hours), refreshed or not; the refresher deletes the row '
    'after it.';
COMMENT ON COLUMN sessions.user_id IS
    'The signed-in person (users.id). Suspending or deleting them by SCIM deletes their sessions in the same '
    'transaction; the refresher ends the sessions of a person the IdP no longer accepts.';
COMMENT ON COLUMN sign_in_attempts.expires_at IS
    'Ten minutes after created_at. The callback deletes its row; the refresher deletes abandoned ones after this.';
