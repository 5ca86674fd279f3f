-- SCIM Gateway: initial schema.
-- Every tenant-owned table carries tenant_id as the first column of its primary key, so every lookup an IdP
-- makes is an index range scan inside one tenant.

CREATE TABLE tenants (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE tenants IS 'An isolated company. Nothing of one tenant is visible to another.';
COMMENT ON COLUMN tenants.name IS 'Display name chosen by the operator; not unique.';

CREATE TABLE oidc_providers (
    tenant_id         uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                uuid        NOT NULL,
    name              text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    issuer            text,
    client_id         text,
    provisioning_mode text        NOT NULL DEFAULT 'both' CHECK (provisioning_mode IN ('both', 'scim')),
    scim_enabled      boolean     NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (id)
);
COMMENT ON TABLE oidc_providers IS 'An identity provider connected to a tenant: OIDC sign-in and, once enabled, SCIM push.';
COMMENT ON COLUMN oidc_providers.issuer IS 'OIDC issuer URL; discovery is read from it.';
COMMENT ON COLUMN oidc_providers.client_id IS 'OAuth client id registered at the IdP.';
COMMENT ON COLUMN oidc_providers.provisioning_mode IS
    'both: SCIM and sign-in claims both update people; scim: only SCIM does, unknown people are refused at sign-in.';
COMMENT ON COLUMN oidc_providers.scim_enabled IS 'True once SCIM provisioning was switched on for this provider.';

CREATE TABLE provisioning_tokens (
    tenant_id    uuid        NOT NULL,
    id           uuid        NOT NULL,
    provider_id  uuid        NOT NULL,
    token_hash   bytea       NOT NULL CHECK (length(token_hash) = 32),
    token_prefix text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, provider_id) REFERENCES oidc_providers (tenant_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE provisioning_tokens IS
    'Bearer tokens IdPs use for SCIM. Only a SHA-256 hash is stored; the token is shown once when issued.';
COMMENT ON COLUMN provisioning_tokens.token_hash IS 'SHA-256 of the whole token text.';
COMMENT ON COLUMN provisioning_tokens.token_prefix IS
    'First characters of the token, enough to tell tokens apart in an audit; never enough to use one.';
COMMENT ON COLUMN provisioning_tokens.revoked_at IS 'Set when the token was rotated or SCIM was disabled; it then fails.';
CREATE UNIQUE INDEX provisioning_tokens_by_hash ON provisioning_tokens (token_hash);
CREATE UNIQUE INDEX provisioning_tokens_one_active_per_provider
    ON provisioning_tokens (tenant_id, provider_id) WHERE revoked_at IS NULL;

CREATE TABLE users (
    tenant_id            uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                   uuid        NOT NULL,
    user_name            text        NOT NULL CHECK (length(user_name) > 0),
    external_id          text,
    display_name         text,
    active               boolean     NOT NULL DEFAULT true,
    status               text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    managing_provider_id uuid,
    origin               text        NOT NULL DEFAULT 'scim' CHECK (origin IN ('scim', 'oidc', 'admin')),
    attributes           jsonb       NOT NULL,
    version              bigint      NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    deleted_at           timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, managing_provider_id) REFERENCES oidc_providers (tenant_id, id)
        ON DELETE SET NULL (managing_provider_id)
);
COMMENT ON TABLE users IS 'People of a tenant, provisioned by SCIM or created at their first OIDC sign-in.';
COMMENT ON COLUMN users.user_name IS 'SCIM userName as the IdP wrote it; unique per tenant ignoring case.';
COMMENT ON COLUMN users.external_id IS 'SCIM externalId: the IdP''s own identifier for the person.';
COMMENT ON COLUMN users.display_name IS 'SCIM displayName, copied out of attributes for lookups.';
COMMENT ON COLUMN users.active IS 'SCIM active flag as the IdP last set it.';
COMMENT ON COLUMN users.status IS 'active, or suspended (deactivated or deleted by the IdP).';
COMMENT ON COLUMN users.managing_provider_id IS 'The provider whose SCIM manages this person; NULL when unmanaged.';
COMMENT ON COLUMN users.origin IS 'How the person first arrived: scim, oidc (sign-in) or admin.';
COMMENT ON COLUMN users.attributes IS
    'The SCIM attributes exactly as the IdP wrote them (core and extensions), without id, meta and groups.';
COMMENT ON COLUMN users.version IS 'Incremented on every write; the SCIM ETag is W/"<version>".';
COMMENT ON COLUMN users.deleted_at IS 'Set by SCIM DELETE: the person answers 404 to SCIM but is kept, suspended, for audit.';
CREATE UNIQUE INDEX users_user_name_unique_ci ON users (tenant_id, lower(user_name)) WHERE deleted_at IS NULL;
CREATE INDEX users_by_external_id ON users (tenant_id, external_id) WHERE deleted_at IS NULL;
CREATE INDEX users_by_display_name_ci ON users (tenant_id, lower(display_name)) WHERE deleted_at IS NULL;
CREATE INDEX users_by_attributes ON users USING gin (attributes jsonb_path_ops);
CREATE INDEX users_in_list_order ON users (tenant_id, created_at, id) WHERE deleted_at IS NULL;

CREATE TABLE scim_groups (
    tenant_id            uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                   uuid        NOT NULL,
    display_name         text        NOT NULL,
    external_id          text,
    managing_provider_id uuid,
    attributes           jsonb       NOT NULL,
    version              bigint      NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, managing_provider_id) REFERENCES oidc_providers (tenant_id, id)
        ON DELETE SET NULL (managing_provider_id)
);
COMMENT ON TABLE scim_groups IS 'Groups as the IdP pushed them. Members live in scim_group_members.';
COMMENT ON COLUMN scim_groups.display_name IS 'SCIM displayName; IdPs look groups up by it, ignoring case.';
COMMENT ON COLUMN scim_groups.attributes IS 'The SCIM attributes as the IdP wrote them, without members, id and meta.';
COMMENT ON COLUMN scim_groups.version IS 'Incremented on every write, membership changes included.';
CREATE INDEX scim_groups_by_display_name_ci ON scim_groups (tenant_id, lower(display_name));
CREATE INDEX scim_groups_by_external_id ON scim_groups (tenant_id, external_id);
CREATE INDEX scim_groups_in_list_order ON scim_groups (tenant_id, created_at, id);

CREATE TABLE scim_group_members (
    tenant_id   uuid        NOT NULL,
    group_id    uuid        NOT NULL,
    member_id   uuid        NOT NULL,
    member_type text        NOT NULL DEFAULT 'User' CHECK (member_type IN ('User', 'Group')),
    display     text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, group_id, member_id),
    FOREIGN KEY (tenant_id, group_id) REFERENCES scim_groups (tenant_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE scim_group_members IS
    'One row per member of a SCIM group, so adding or removing a member touches one row whatever the group size.';
COMMENT ON COLUMN scim_group_members.member_id IS 'Id of a user (or, for nested groups, a group) of the same tenant.';
COMMENT ON COLUMN scim_group_members.display IS
    'The display text the IdP sent with the member, echoed back as members.display; NULL shows the member''s name.';
CREATE INDEX scim_group_members_by_member ON scim_group_members (tenant_id, member_id);

CREATE TABLE provisioning_events (
    tenant_id          uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                 bigint      GENERATED ALWAYS AS IDENTITY,
    provider_id        uuid,
    token_id           uuid,
    resource_type      text        NOT NULL CHECK (resource_type IN ('User', 'Group')),
    resource_id        uuid        NOT NULL,
    operation          text        NOT NULL,
    changed_attributes text[]      NOT NULL DEFAULT '{}',
    request_id         text,
    occurred_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
COMMENT ON TABLE provisioning_events IS 'One row per change made through SCIM, for audit. Holds no attribute values.';
COMMENT ON COLUMN provisioning_events.provider_id IS 'The provider whose token made the change.';
COMMENT ON COLUMN provisioning_events.token_id IS 'The provisioning token used (provisioning_tokens.id).';
COMMENT ON COLUMN provisioning_events.operation IS
    'create, replace, patch, deactivate, reactivate, delete, add_members, remove_members.';
COMMENT ON COLUMN provisioning_events.changed_attributes IS 'Names of the top-level attributes the change touched.';
COMMENT ON COLUMN provisioning_events.request_id IS 'The request id also written in the log line of the request.';
CREATE INDEX provisioning_events_by_provider ON provisioning_events (tenant_id, provider_id, occurred_at DESC);
CREATE INDEX provisioning_events_by_resource ON provisioning_events (tenant_id, resource_id, occurred_at DESC);
