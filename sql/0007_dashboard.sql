-- SCIM Gateway: the admin dashboard (/dashboard): one-time sign-in links for a tenant's first administrator, and
-- dashboard sessions, each riding on an OIDC sign-in session or on one such link.

CREATE TABLE dashboard_sign_in_links (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         uuid        NOT NULL,
    token_hash bytea       NOT NULL CHECK (length(token_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    PRIMARY KEY (tenant_id, id)
);
COMMENT ON TABLE dashboard_sign_in_links IS
    'One-time dashboard sign-in links printed by `scim-gateway dashboard link`. Only a SHA-256 hash of the code is stored; a link works once, within 15 minutes.';
COMMENT ON COLUMN dashboard_sign_in_links.used_at IS 'When the link was used; a used link never works again.';
CREATE UNIQUE INDEX dashboard_sign_in_links_by_token ON dashboard_sign_in_links (token_hash);

CREATE TABLE dashboard_sessions (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         uuid        NOT NULL,
    token_hash bytea       NOT NULL CHECK (length(token_hash) = 32),
    csrf_token text        NOT NULL CHECK (length(csrf_token) >= 32),
    session_id uuid,
    link_id    uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, link_id) REFERENCES dashboard_sign_in_links (tenant_id, id) ON DELETE CASCADE,
    CHECK ((session_id IS NULL) <> (link_id IS NULL))
);
COMMENT ON TABLE dashboard_sessions IS
    'Dashboard sessions. The cookie is random; only its SHA-256 is stored. Ending the OIDC session ends this one too.';
COMMENT ON COLUMN dashboard_sessions.csrf_token IS
    'Synchronizer token every dashboard form carries; a POST without it is refused. Useless without the cookie.';
COMMENT ON COLUMN dashboard_sessions.session_id IS 'The OIDC sign-in session this one rides on; NULL for a link.';
COMMENT ON COLUMN dashboard_sessions.link_id IS 'The one-time link that opened it; NULL for an OIDC sign-in.';
CREATE UNIQUE INDEX dashboard_sessions_by_token ON dashboard_sessions (token_hash);
CREATE INDEX dashboard_sessions_by_session ON dashboard_sessions (tenant_id, session_id);

-- Lookups before the tenant is known; ids only.
CREATE FUNCTION scim_gateway_dashboard_session_tenant(presented_hash bytea)
    RETURNS TABLE (tenant_id uuid, session_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT tenant_id, id FROM dashboard_sessions WHERE token_hash = presented_hash AND expires_at > now() $$;
COMMENT ON FUNCTION scim_gateway_dashboard_session_tenant(bytea) IS
    'The tenant and id of a live dashboard session with this cookie hash.';

CREATE FUNCTION scim_gateway_dashboard_link_tenant(presented_hash bytea) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
        SELECT tenant_id FROM dashboard_sign_in_links
        WHERE token_hash = presented_hash AND used_at IS NULL AND expires_at > now()
    $$;
COMMENT ON FUNCTION scim_gateway_dashboard_link_tenant(bytea) IS
    'The tenant of an unused, unexpired dashboard sign-in link with this code hash.';

ALTER TABLE dashboard_sign_in_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dashboard_sign_in_links
    USING (tenant_id = scim_gateway_current_tenant()) WITH CHECK (tenant_id = scim_gateway_current_tenant());
ALTER TABLE dashboard_sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dashboard_sessions
    USING (tenant_id = scim_gateway_current_tenant()) WITH CHECK (tenant_id = scim_gateway_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON dashboard_sign_in_links, dashboard_sessions TO scim_gateway_service;
GRANT EXECUTE ON FUNCTION scim_gateway_dashboard_session_tenant(bytea), scim_gateway_dashboard_link_tenant(bytea)
    TO scim_gateway_service;
