-- SCIM Gateway: OIDC sign-in configuration, pending sign-ins, and sessions.

ALTER TABLE oidc_providers
    ADD COLUMN client_secret_encrypted bytea,
    ADD COLUMN scopes text NOT NULL DEFAULT 'openid profile email offline_access',
    ADD COLUMN audience text,
    ADD COLUMN claim_user_id text NOT NULL DEFAULT 'sub',
    ADD COLUMN claim_email text NOT NULL DEFAULT 'email',
    ADD COLUMN claim_name text NOT NULL DEFAULT 'name',
    ADD COLUMN claim_groups text NOT NULL DEFAULT 'groups',
    ADD COLUMN claim_roles text NOT NULL DEFAULT 'roles';
COMMENT ON COLUMN oidc_providers.client_secret_encrypted IS
    'OIDC client secret, AES-256-GCM with the key in SECRET_KEY, bound to tenant and provider; never stored in clear.';
COMMENT ON COLUMN oidc_providers.scopes IS 'Scopes requested at sign-in, space-separated.';
COMMENT ON COLUMN oidc_providers.audience IS 'Expected ID token audience when it differs from the client id.';
COMMENT ON COLUMN oidc_providers.claim_user_id IS 'Claim holding the stable user id (default sub).';
COMMENT ON COLUMN oidc_providers.claim_groups IS 'Claim holding group names, read by mapping rules as claims.<name>.';

CREATE TABLE sign_in_attempts (
    tenant_id               uuid        NOT NULL,
    state_hash              bytea       NOT NULL CHECK (length(state_hash) = 32),
    provider_id             uuid        NOT NULL,
    nonce                   text        NOT NULL,
    code_verifier_encrypted bytea       NOT NULL,
    discover_only           boolean     NOT NULL DEFAULT false,
    created_at              timestamptz NOT NULL DEFAULT now(),
    expires_at              timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, state_hash),
    FOREIGN KEY (tenant_id, provider_id) REFERENCES oidc_providers (tenant_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE sign_in_attempts IS
    'Sign-ins sent to an IdP and not yet back: the state (hashed), nonce and PKCE verifier (encrypted). Ten minutes.';
COMMENT ON COLUMN sign_in_attempts.discover_only IS 'A "discover claims" run: show the claims, create no session.';
CREATE UNIQUE INDEX sign_in_attempts_by_state ON sign_in_attempts (state_hash);

CREATE TABLE sessions (
    tenant_id               uuid        NOT NULL,
    id                      uuid        NOT NULL,
    user_id                 uuid        NOT NULL,
    provider_id             uuid        NOT NULL,
    token_hash              bytea       NOT NULL CHECK (length(token_hash) = 32),
    refresh_token_encrypted bytea,
    created_at              timestamptz NOT NULL DEFAULT now(),
    refreshed_at            timestamptz NOT NULL DEFAULT now(),
    refresh_due_at          timestamptz NOT NULL,
    expires_at              timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, provider_id) REFERENCES oidc_providers (tenant_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE sessions IS
    'Signed-in sessions. The cookie is random; only its SHA-256 is stored. Deleting a row ends the session everywhere.';
COMMENT ON COLUMN sessions.refresh_token_encrypted IS 'The IdP refresh token, AES-256-GCM bound to the session.';
COMMENT ON COLUMN sessions.refresh_due_at IS 'When the next refresh against the IdP is due (every 15 minutes by default).';
CREATE UNIQUE INDEX sessions_by_token ON sessions (token_hash);
CREATE INDEX sessions_by_user ON sessions (tenant_id, user_id);
CREATE INDEX sessions_refresh_due ON sessions (refresh_due_at);

-- Lookups before the tenant is known; ids only.
CREATE FUNCTION scim_gateway_session_tenant(presented_hash bytea) RETURNS TABLE (tenant_id uuid, session_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT tenant_id, id FROM sessions WHERE token_hash = presented_hash AND expires_at > now() $$;
COMMENT ON FUNCTION scim_gateway_session_tenant(bytea) IS 'The tenant and id of a live session with this cookie hash.';

CREATE FUNCTION scim_gateway_sign_in_tenant(state bytea) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT tenant_id FROM sign_in_attempts WHERE state_hash = state AND expires_at > now() $$;
COMMENT ON FUNCTION scim_gateway_sign_in_tenant(bytea) IS 'The tenant of a pending sign-in with this state hash.';

CREATE FUNCTION scim_gateway_due_sessions(due_before timestamptz, most integer)
    RETURNS TABLE (tenant_id uuid, session_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
        SELECT tenant_id, id FROM sessions WHERE refresh_due_at <= due_before ORDER BY refresh_due_at LIMIT most
    $$;
COMMENT ON FUNCTION scim_gateway_due_sessions(timestamptz, integer) IS 'Sessions whose refresh is due, oldest first.';

ALTER TABLE sign_in_attempts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sign_in_attempts
    USING (tenant_id = scim_gateway_current_tenant()) WITH CHECK (tenant_id = scim_gateway_current_tenant());
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sessions
    USING (tenant_id = scim_gateway_current_tenant()) WITH CHECK (tenant_id = scim_gateway_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON sign_in_attempts, sessions TO scim_gateway_service;
GRANT EXECUTE ON FUNCTION scim_gateway_session_tenant(bytea), scim_gateway_sign_in_tenant(bytea),
    scim_gateway_due_sessions(timestamptz, integer) TO scim_gateway_service;
