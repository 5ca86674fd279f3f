-- SCIM Gateway: governance (roles, teams, business units, mapping rules), OIDC identities, admin API keys, the
-- provisioning log, views for DBAs, and row-level security on every tenant-owned table.
--
-- Two database roles: the owner, which runs migrations, and the service, which serves requests. The service's
-- login role is a member of the group role scim_gateway_service, owns nothing and cannot bypass the policies below;
-- the few lookups that must cross tenants (a token's tenant, a provider's tenant) are SECURITY DEFINER functions that
-- return ids only.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'scim_gateway_service') THEN
        CREATE ROLE scim_gateway_service NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
END
$$;
-- scim_gateway_service holds the service's privileges: grant it to the login role in DATABASE_URL, which must not
-- own the tables. (No COMMENT ON ROLE: that needs CREATEROLE, which a schema owner need not have.)

-- The tenant of the current transaction, set by the repositories with set_config('app.tenant_id', …, true).
-- NULLIF: once set in a session, an unset custom setting reads as '' rather than NULL.
CREATE FUNCTION scim_gateway_current_tenant() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;
COMMENT ON FUNCTION scim_gateway_current_tenant() IS 'The tenant the current transaction is scoped to, or NULL.';

ALTER TABLE oidc_providers
    ADD COLUMN role_strategy text NOT NULL DEFAULT 'most_permissions'
        CHECK (role_strategy IN ('most_permissions', 'first_match')),
    ADD COLUMN groups_become_teams boolean NOT NULL DEFAULT true;
COMMENT ON COLUMN oidc_providers.role_strategy IS
    'How one role is chosen when several role rules match: most_permissions, or first_match in rule order.';
COMMENT ON COLUMN oidc_providers.groups_become_teams IS 'When true, each SCIM group is also a team of the same name.';

CREATE TABLE roles (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         uuid        NOT NULL,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    is_system  boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
COMMENT ON TABLE roles IS 'Roles of a tenant: the system roles Admin, Developer, Viewer (seeded per tenant) and custom ones.';
COMMENT ON COLUMN roles.is_system IS 'System roles cannot be renamed, changed or deleted.';
CREATE UNIQUE INDEX roles_name_unique_ci ON roles (tenant_id, lower(name));

CREATE TABLE role_permissions (
    tenant_id uuid NOT NULL,
    role_id   uuid NOT NULL,
    resource  text NOT NULL,
    operation text NOT NULL,
    PRIMARY KEY (tenant_id, role_id, resource, operation),
    FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE role_permissions IS 'What a role allows, as (resource, operation) pairs such as (teams, read).';

ALTER TABLE users
    ADD COLUMN role_id uuid,
    ADD COLUMN role_source text CHECK (role_source IN ('manual', 'scim', 'oidc_claim')),
    ADD COLUMN last_sign_in_at timestamptz,
    ADD FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id) ON DELETE SET NULL (role_id);
COMMENT ON COLUMN users.role_id IS 'The person''s one role; NULL is normal until a mapping rule or an admin gives one.';
COMMENT ON COLUMN users.role_source IS 'How the role was given: manual (admin), scim (mapping of SCIM data) or oidc_claim.';
COMMENT ON COLUMN users.last_sign_in_at IS 'When the person last signed in through OIDC.';

CREATE TABLE user_identities (
    tenant_id   uuid        NOT NULL,
    provider_id uuid        NOT NULL,
    subject     text        NOT NULL,
    user_id     uuid        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, provider_id, subject),
    FOREIGN KEY (tenant_id, provider_id) REFERENCES oidc_providers (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE user_identities IS 'Which OIDC subject of which provider signs in as which person.';
COMMENT ON COLUMN user_identities.subject IS 'The ID token''s sub claim (or the configured user id claim).';
CREATE INDEX user_identities_by_user ON user_identities (tenant_id, user_id);

CREATE TABLE mapping_rules (
    tenant_id   uuid        NOT NULL,
    id          uuid        NOT NULL,
    provider_id uuid        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('role', 'team', 'business_unit')),
    attribute   text        NOT NULL CHECK (length(attribute) BETWEEN 1 AND 300),
    value       text        NOT NULL CHECK (length(value) BETWEEN 1 AND 300),
    target      text        NOT NULL CHECK (length(target) BETWEEN 1 AND 200),
    position    integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, provider_id) REFERENCES oidc_providers (tenant_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE mapping_rules IS
    'Rules {attribute, value, target} turning SCIM attributes, SCIM group names and sign-in claims into a role, teams and business units.';
COMMENT ON COLUMN mapping_rules.attribute IS 'A SCIM attribute path, groups, or claims.<path>.';
COMMENT ON COLUMN mapping_rules.value IS 'Compared ignoring case; * matches any value; ${*} captures part of it.';
COMMENT ON COLUMN mapping_rules.target IS 'The role, team or unit name; * is the matched value, ${*} the captured part.';
COMMENT ON COLUMN mapping_rules.position IS 'Order of the rules; first_match picks the lowest.';
CREATE INDEX mapping_rules_by_provider ON mapping_rules (tenant_id, provider_id, kind, position);

CREATE TABLE teams (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         uuid        NOT NULL,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
COMMENT ON TABLE teams IS 'Teams of a tenant, made by mapping rules, from SCIM groups, or by an admin.';
CREATE UNIQUE INDEX teams_name_unique_ci ON teams (tenant_id, lower(name));

CREATE TABLE business_units (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         uuid        NOT NULL,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
COMMENT ON TABLE business_units IS 'Business units of a tenant, made by mapping rules or by an admin.';
CREATE UNIQUE INDEX business_units_name_unique_ci ON business_units (tenant_id, lower(name));

CREATE TABLE team_members (
    tenant_id   uuid        NOT NULL,
    team_id     uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    source      text        NOT NULL CHECK (source IN ('manual', 'scim', 'oidc_claim')),
    provider_id uuid,
    granted_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, team_id, user_id, source),
    FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE team_members IS
    'Team memberships with provenance: one row per way a person holds a team. SCIM removes only its own rows.';
COMMENT ON COLUMN team_members.source IS 'manual (admin), scim (group push or SCIM attribute), oidc_claim (sign-in).';
COMMENT ON COLUMN team_members.provider_id IS 'The provider whose SCIM or sign-in granted it; NULL for manual grants.';
CREATE INDEX team_members_by_user ON team_members (tenant_id, user_id);

CREATE TABLE business_unit_members (
    tenant_id        uuid        NOT NULL,
    business_unit_id uuid        NOT NULL,
    user_id          uuid        NOT NULL,
    source           text        NOT NULL CHECK (source IN ('manual', 'scim', 'oidc_claim')),
    provider_id      uuid,
    granted_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, business_unit_id, user_id, source),
    FOREIGN KEY (tenant_id, business_unit_id) REFERENCES business_units (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE business_unit_members IS 'Business-unit memberships with provenance, as team_members.';
CREATE INDEX business_unit_members_by_user ON business_unit_members (tenant_id, user_id);

CREATE TABLE admin_api_keys (
    id           uuid        PRIMARY KEY,
    tenant_id    uuid        REFERENCES tenants (id) ON DELETE CASCADE,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    key_hash     bytea       NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    key_prefix   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz
);
COMMENT ON TABLE admin_api_keys IS
    'Keys for the admin API (/api/v1). tenant_id NULL: deployment-wide. Only a SHA-256 hash is stored.';
CREATE INDEX admin_api_keys_by_tenant ON admin_api_keys (tenant_id);

CREATE TABLE provisioning_log (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    provider_id uuid        NOT NULL,
    request_id  text        NOT NULL,
    method      text        NOT NULL,
    route       text        NOT NULL,
    status      integer     NOT NULL,
    dialect     text        NOT NULL,
    quirks      text[]      NOT NULL DEFAULT '{}',
    request     jsonb,
    response    jsonb,
    duration_ms double precision NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
COMMENT ON TABLE provisioning_log IS
    'Recent SCIM requests per provider and our answers, redacted (no tokens, no personal values), for administrators.';
COMMENT ON COLUMN provisioning_log.dialect IS 'The IdP dialect recognised, e.g. okta, entra, entra-aadOptscim062020.';
COMMENT ON COLUMN provisioning_log.quirks IS 'Non-standard input we tolerated, e.g. boolean-as-string.';
COMMENT ON COLUMN provisioning_log.request IS 'The request body with every value replaced by its type; keys and ops kept.';
CREATE INDEX provisioning_log_by_provider ON provisioning_log (tenant_id, provider_id, occurred_at DESC);

-- Cross-tenant lookups the service needs before it knows the tenant. They return ids only.
CREATE FUNCTION scim_gateway_authenticate_token(presented_hash bytea)
    RETURNS TABLE (tenant_id uuid, provider_id uuid, token_id uuid, token_hash bytea)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
        SELECT t.tenant_id, t.provider_id, t.id, t.token_hash
        FROM provisioning_tokens t
        JOIN oidc_providers p ON p.tenant_id = t.tenant_id AND p.id = t.provider_id
        WHERE t.token_hash = presented_hash AND t.revoked_at IS NULL AND p.scim_enabled
    $$;
COMMENT ON FUNCTION scim_gateway_authenticate_token(bytea) IS
    'The tenant, provider and token id of an active provisioning token with this SHA-256 hash.';

CREATE FUNCTION scim_gateway_provider_tenant(provider uuid) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT tenant_id FROM oidc_providers WHERE id = provider $$;
COMMENT ON FUNCTION scim_gateway_provider_tenant(uuid) IS 'The tenant an OIDC provider belongs to.';

CREATE FUNCTION scim_gateway_authenticate_admin_key(presented_hash bytea)
    RETURNS TABLE (key_id uuid, tenant_id uuid, key_hash bytea)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
        SELECT id, tenant_id, key_hash FROM admin_api_keys WHERE key_hash = presented_hash AND revoked_at IS NULL
    $$;
COMMENT ON FUNCTION scim_gateway_authenticate_admin_key(bytea) IS
    'The id and tenant (NULL: deployment-wide) of an active admin API key with this SHA-256 hash.';

-- Views for DBAs. security_invoker: a view reads with the privileges and policies of whoever queries it.
CREATE VIEW people WITH (security_invoker = true) AS
    SELECT u.tenant_id, u.id, u.user_name, u.display_name, u.external_id, u.status, u.active,
        u.deleted_at IS NOT NULL AS deleted, r.name AS role, u.role_source, p.name AS managing_provider,
        ARRAY(SELECT DISTINCT t.name FROM team_members tm JOIN teams t ON t.tenant_id = tm.tenant_id AND t.id = tm.team_id
              WHERE tm.tenant_id = u.tenant_id AND tm.user_id = u.id ORDER BY t.name) AS teams,
        ARRAY(SELECT DISTINCT b.name FROM business_unit_members bm
              JOIN business_units b ON b.tenant_id = bm.tenant_id AND b.id = bm.business_unit_id
              WHERE bm.tenant_id = u.tenant_id AND bm.user_id = u.id ORDER BY b.name) AS business_units,
        u.last_sign_in_at, u.created_at, u.updated_at
    FROM users u
    LEFT JOIN roles r ON r.tenant_id = u.tenant_id AND r.id = u.role_id
    LEFT JOIN oidc_providers p ON p.tenant_id = u.tenant_id AND p.id = u.managing_provider_id;
COMMENT ON VIEW people IS 'Each person with role, teams, business units, status and managing provider.';

CREATE VIEW memberships WITH (security_invoker = true) AS
    SELECT tm.tenant_id, 'team' AS kind, t.name AS name, tm.user_id, u.user_name, tm.source, tm.provider_id, tm.granted_at
    FROM team_members tm
    JOIN teams t ON t.tenant_id = tm.tenant_id AND t.id = tm.team_id
    JOIN users u ON u.tenant_id = tm.tenant_id AND u.id = tm.user_id
    UNION ALL
    SELECT bm.tenant_id, 'business_unit', b.name, bm.user_id, u.user_name, bm.source, bm.provider_id, bm.granted_at
    FROM business_unit_members bm
    JOIN business_units b ON b.tenant_id = bm.tenant_id AND b.id = bm.business_unit_id
    JOIN users u ON u.tenant_id = bm.tenant_id AND u.id = bm.user_id;
COMMENT ON VIEW memberships IS 'Every team and business-unit membership with how it was granted (source).';

-- Row-level security: every tenant-owned table answers only for the transaction's tenant. The owner (migrations)
-- is exempt because the policies are not forced; the service role is not the owner.
DO $$
DECLARE
    table_name text;
BEGIN
    FOREACH table_name IN ARRAY ARRAY[
        'oidc_providers', 'provisioning_tokens', 'users', 'scim_groups', 'scim_group_members', 'provisioning_events',
        'roles', 'role_permissions', 'user_identities', 'mapping_rules', 'teams', 'business_units', 'team_members',
        'business_unit_members', 'provisioning_log', 'admin_api_keys'
    ] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', table_name);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I USING (tenant_id = scim_gateway_current_tenant()) '
            'WITH CHECK (tenant_id = scim_gateway_current_tenant())', table_name);
    END LOOP;
END
$$;

GRANT USAGE ON SCHEMA public TO scim_gateway_service;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO scim_gateway_service;
REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM scim_gateway_service;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO scim_gateway_service;
GRANT EXECUTE ON FUNCTION scim_gateway_current_tenant(), scim_gateway_authenticate_token(bytea),
    scim_gateway_provider_tenant(uuid), scim_gateway_authenticate_admin_key(bytea) TO scim_gateway_service;
