-- SCIM Gateway: a comment on every table, view and column that had none, so `\d+ <table>` in psql explains the
-- whole schema. StorageTests' SchemaCommentTests fails when a later migration adds one without a comment.
--
-- Throughout, tenant_id names the owning tenant (tenants.id); row-level security admits a row to the service role
-- only inside a transaction scoped to that tenant (scim_gateway_current_tenant()).

-- Created by the migration runner (Sources/Storage/Migrations/MigrationRunner.swift) before the first migration.
COMMENT ON TABLE schema_migrations IS
    'Migrations applied, one row per sql/NNNN_name.sql file, written by the migration runner; read-only to the '
    'service.';
COMMENT ON COLUMN schema_migrations.version IS
    'The file''s number, e.g. 0011; a file whose number is here never runs again.';
COMMENT ON COLUMN schema_migrations.name IS 'The rest of the file name, without the number and .sql.';
COMMENT ON COLUMN schema_migrations.applied_at IS 'When the file was applied (start of its transaction).';

COMMENT ON COLUMN tenants.id IS
    'Tenant id (random UUID). Every tenant-owned table holds it as tenant_id; deleting the tenant deletes its rows.';
COMMENT ON COLUMN tenants.created_at IS
    'When the tenant was created; the admin API lists tenants in (created_at, id) order.';

COMMENT ON COLUMN oidc_providers.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN oidc_providers.id IS
    'Provider id (random UUID), unique across tenants; tokens, rules, identities, sessions and users reference it.';
COMMENT ON COLUMN oidc_providers.name IS
    'Display name chosen by the administrator, e.g. Okta; 1 to 200 characters, not unique.';
COMMENT ON COLUMN oidc_providers.claim_email IS
    'Claim whose value becomes the userName at sign-in (default email); without it, preferred_username, then the '
    'subject.';
COMMENT ON COLUMN oidc_providers.claim_name IS
    'Display-name claim as configured (default name). Stored and shown only: sign-in reads the standard name claim.';
COMMENT ON COLUMN oidc_providers.claim_roles IS
    'Roles claim as configured (default roles). Stored and shown only: role rules name their claim as claims.<path>.';
COMMENT ON COLUMN oidc_providers.created_at IS 'When the provider was added.';
COMMENT ON COLUMN oidc_providers.updated_at IS
    'When the provider''s settings last changed (name, sign-in settings, governance, SCIM on or off); not on rotation.';

COMMENT ON COLUMN provisioning_tokens.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN provisioning_tokens.id IS
    'Token id (random UUID); provisioning_events.token_id and the request_counters key token:<id> name it.';
COMMENT ON COLUMN provisioning_tokens.provider_id IS
    'The provider (oidc_providers.id) whose IdP presents the token; at most one unrevoked token per provider.';
COMMENT ON COLUMN provisioning_tokens.created_at IS
    'When the token was issued: SCIM switched on, or the token rotated.';

COMMENT ON COLUMN users.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN users.id IS
    'The SCIM id: a random UUID assigned here, never by the IdP. Memberships, identities and sessions reference it.';
COMMENT ON COLUMN users.created_at IS
    'When the person was created here: SCIM meta.created; SCIM lists page in (created_at, id) order.';
COMMENT ON COLUMN users.updated_at IS
    'SCIM meta.lastModified, set with version on every change of the SCIM resource, group changes included. Role and '
    'team grants and last_sign_in_at do not change it.';

COMMENT ON COLUMN scim_groups.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN scim_groups.id IS 'The SCIM id: a random UUID assigned here, never by the IdP.';
COMMENT ON COLUMN scim_groups.external_id IS
    'SCIM externalId: the IdP''s own identifier for the group; NULL when not sent.';
COMMENT ON COLUMN scim_groups.managing_provider_id IS
    'The provider whose SCIM created the group; only that provider''s SCIM sees it. NULL once the provider is deleted.';
COMMENT ON COLUMN scim_groups.created_at IS
    'When the group was created: SCIM meta.created; SCIM lists page in (created_at, id) order.';
COMMENT ON COLUMN scim_groups.updated_at IS
    'SCIM meta.lastModified, set with version on every write, membership changes included.';

COMMENT ON COLUMN scim_group_members.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN scim_group_members.group_id IS 'The group (scim_groups.id); its member rows go with it.';
COMMENT ON COLUMN scim_group_members.member_type IS
    'User (member_id is a users.id) or Group (a nested group: member_id is a scim_groups.id).';
COMMENT ON COLUMN scim_group_members.created_at IS
    'When the member was added; SCIM lists a group''s members in this order.';

COMMENT ON COLUMN provisioning_events.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN provisioning_events.id IS
    'Increasing event number (identity), shared by all tenants; orders events of equal occurred_at.';
COMMENT ON COLUMN provisioning_events.resource_type IS
    'User or Group: whether resource_id is a users.id or a scim_groups.id.';
COMMENT ON COLUMN provisioning_events.resource_id IS
    'The changed user or group. No foreign key: events outlive the resource, and are never deleted by the service.';
COMMENT ON COLUMN provisioning_events.occurred_at IS 'When the change was made (start of its transaction).';

COMMENT ON COLUMN roles.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN roles.id IS
    'Role id: random for custom roles; Admin, Developer, Viewer are ...0001, ...0002, ...0003 in every tenant.';
COMMENT ON COLUMN roles.name IS
    'Role name, 1 to 100 characters, unique per tenant ignoring case; role mapping rules name their target by it.';
COMMENT ON COLUMN roles.created_at IS 'When the role was created (system roles: with the tenant).';

COMMENT ON COLUMN role_permissions.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN role_permissions.role_id IS 'The role (roles.id) holding the permission; its rows go with it.';
COMMENT ON COLUMN role_permissions.resource IS
    'What is allowed on: users, teams, business_units, roles, providers, provisioning, models, api_keys, '
    'own_api_keys or logs.';
COMMENT ON COLUMN role_permissions.operation IS
    'read, create, update or delete; use on models only; provisioning and logs have read only.';

COMMENT ON COLUMN user_identities.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN user_identities.provider_id IS 'The provider (oidc_providers.id) whose ID tokens carry the subject.';
COMMENT ON COLUMN user_identities.user_id IS
    'The person (users.id) the subject signs in as; while no SCIM manages them, that provider''s SCIM sees them.';
COMMENT ON COLUMN user_identities.created_at IS
    'When the link was made: at the first sign-in, or the first match by userName.';

COMMENT ON COLUMN mapping_rules.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN mapping_rules.id IS 'Rule id (random UUID).';
COMMENT ON COLUMN mapping_rules.provider_id IS
    'The provider (oidc_providers.id) whose SCIM data and sign-in claims the rule reads; its rules go with it.';
COMMENT ON COLUMN mapping_rules.kind IS 'What target names: a role, a team or a business_unit.';
COMMENT ON COLUMN mapping_rules.created_at IS 'When the rule was added; orders rules of equal position.';

COMMENT ON COLUMN teams.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN teams.id IS 'Team id (random UUID); team_members.team_id references it.';
COMMENT ON COLUMN teams.name IS
    'Team name, 1 to 200 characters, unique per tenant ignoring case; rules and SCIM groups grant teams by name.';
COMMENT ON COLUMN teams.created_at IS 'When the team was created (by a grant naming it first, or by an admin).';

COMMENT ON COLUMN business_units.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN business_units.id IS
    'Business unit id (random UUID); business_unit_members.business_unit_id references it.';
COMMENT ON COLUMN business_units.name IS
    'Business unit name, 1 to 200 characters, unique per tenant ignoring case; rules grant units by name.';
COMMENT ON COLUMN business_units.created_at IS
    'When the unit was created (by a grant naming it first, or by an admin).';

COMMENT ON COLUMN team_members.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN team_members.team_id IS 'The team (teams.id); its rows go with it.';
COMMENT ON COLUMN team_members.user_id IS 'The member (users.id); their rows go with them.';
COMMENT ON COLUMN team_members.granted_at IS 'When this source first granted the membership.';

COMMENT ON COLUMN business_unit_members.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN business_unit_members.business_unit_id IS
    'The business unit (business_units.id); its rows go with it.';
COMMENT ON COLUMN business_unit_members.user_id IS 'The member (users.id); their rows go with them.';
COMMENT ON COLUMN business_unit_members.source IS
    'manual (admin), scim (rules over SCIM data), oidc_claim (rules over sign-in claims); SCIM removes only its own.';
COMMENT ON COLUMN business_unit_members.provider_id IS
    'The provider whose SCIM or sign-in granted it; NULL for manual grants. No foreign key.';
COMMENT ON COLUMN business_unit_members.granted_at IS 'When this source first granted the membership.';

COMMENT ON COLUMN admin_api_keys.id IS 'Key id (random UUID); listings show it and revocation names it.';
COMMENT ON COLUMN admin_api_keys.tenant_id IS
    'The one tenant the key reaches (tenants.id). NULL: deployment-wide, created and revoked only as the schema owner.';
COMMENT ON COLUMN admin_api_keys.name IS 'Label given by the operator at creation, 1 to 200 characters; not unique.';
COMMENT ON COLUMN admin_api_keys.key_hash IS 'SHA-256 of the whole key text; the key itself is never stored.';
COMMENT ON COLUMN admin_api_keys.key_prefix IS
    'scimgw_admin_ and the next 4 characters: tells keys apart in a listing, never enough to use one.';
COMMENT ON COLUMN admin_api_keys.created_at IS 'When the key was created.';
COMMENT ON COLUMN admin_api_keys.revoked_at IS
    'When the key was revoked; NULL while it works. A revoked key fails at once.';

COMMENT ON COLUMN provisioning_log.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN provisioning_log.id IS
    'Increasing entry number (identity), shared by all tenants; pages and pruning use (occurred_at, id).';
COMMENT ON COLUMN provisioning_log.provider_id IS
    'The provider (oidc_providers.id) whose token made the request. No foreign key.';
COMMENT ON COLUMN provisioning_log.request_id IS 'The X-Request-ID of our answer, also in the request''s log line.';
COMMENT ON COLUMN provisioning_log.method IS 'HTTP method of the request, e.g. GET, POST, PATCH.';
COMMENT ON COLUMN provisioning_log.route IS
    'The route template matched, e.g. /scim/v2/Users/{id}; never the concrete path.';
COMMENT ON COLUMN provisioning_log.status IS 'HTTP status code of our answer.';
COMMENT ON COLUMN provisioning_log.duration_ms IS
    'Milliseconds from the request reaching the handler to its answer being ready.';


COMMENT ON COLUMN request_counters.key IS
    'token:<provisioning_tokens.id> (1-second windows); authfail:client:<address>|<token prefix>, '
    'authfail:prefix:<token prefix> and authfail:address:<address> (60-second windows).';
COMMENT ON COLUMN request_counters.count IS
    'Requests (token:) or failed authentications (authfail:) so far in the window.';

COMMENT ON COLUMN sign_in_attempts.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN sign_in_attempts.state_hash IS
    'SHA-256 of the OAuth state sent to the IdP; the callback finds the attempt by it.';
COMMENT ON COLUMN sign_in_attempts.provider_id IS 'The provider (oidc_providers.id) the browser was sent to.';
COMMENT ON COLUMN sign_in_attempts.nonce IS 'The OIDC nonce sent to the IdP, random; the ID token must carry it back.';
COMMENT ON COLUMN sign_in_attempts.code_verifier_encrypted IS
    'PKCE code verifier (RFC 7636), AES-256-GCM with the key in SECRET_KEY, bound to the state hash.';
COMMENT ON COLUMN sign_in_attempts.created_at IS 'When the browser was sent to the IdP.';
COMMENT ON COLUMN sign_in_attempts.expires_at IS
    'Ten minutes after created_at. The callback deletes its row; rows of abandoned sign-ins stay.';

COMMENT ON COLUMN sessions.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN sessions.id IS 'Session id (random UUID); the sealed refresh token is bound to it.';
COMMENT ON COLUMN sessions.user_id IS
    'The signed-in person (users.id); a suspended person''s sessions are deleted at their next check or refresh.';
COMMENT ON COLUMN sessions.provider_id IS 'The provider (oidc_providers.id) signed in through, and refreshed against.';
COMMENT ON COLUMN sessions.token_hash IS 'SHA-256 of the session cookie; the cookie itself is never stored.';
COMMENT ON COLUMN sessions.created_at IS 'When the person signed in.';
COMMENT ON COLUMN sessions.refreshed_at IS
    'When the refresher last handled the session: refreshed at the IdP, or put off after an error.';
COMMENT ON COLUMN sessions.expires_at IS
    'Sign-in time plus SESSION_LIFETIME_SECONDS (default 12 hours), refreshed or not. Expired rows are not deleted.';

COMMENT ON COLUMN dashboard_sign_in_links.tenant_id IS
    'The tenant the link signs into (tenants.id), under row-level security.';
COMMENT ON COLUMN dashboard_sign_in_links.id IS 'Link id (random UUID); dashboard_sessions.link_id references it.';
COMMENT ON COLUMN dashboard_sign_in_links.token_hash IS 'SHA-256 of the link''s code; the code itself is never stored.';
COMMENT ON COLUMN dashboard_sign_in_links.created_at IS 'When the link was printed.';
COMMENT ON COLUMN dashboard_sign_in_links.expires_at IS
    '15 minutes after created_at. Links expired for over a day are deleted when the tenant gets a new one.';

COMMENT ON COLUMN dashboard_sessions.tenant_id IS 'Owning tenant (tenants.id), under row-level security.';
COMMENT ON COLUMN dashboard_sessions.id IS 'Dashboard session id (random UUID).';
COMMENT ON COLUMN dashboard_sessions.token_hash IS
    'SHA-256 of the dashboard cookie; the cookie itself is never stored.';
COMMENT ON COLUMN dashboard_sessions.created_at IS 'When the dashboard session opened.';
COMMENT ON COLUMN dashboard_sessions.expires_at IS
    'That of the OIDC session it rides on, or 2 hours after opening for a link. Opening one deletes the tenant''s '
    'expired dashboard sessions.';

-- The views for DBAs: each column says where it comes from.
COMMENT ON COLUMN people.tenant_id IS 'The person''s tenant (users.tenant_id); the view obeys row-level security.';
COMMENT ON COLUMN people.id IS 'The person''s SCIM id (users.id).';
COMMENT ON COLUMN people.user_name IS 'SCIM userName (users.user_name).';
COMMENT ON COLUMN people.display_name IS 'SCIM displayName (users.display_name); NULL when not set.';
COMMENT ON COLUMN people.external_id IS 'The IdP''s identifier (users.external_id); NULL when the IdP sent none.';
COMMENT ON COLUMN people.status IS 'active or suspended (users.status).';
COMMENT ON COLUMN people.active IS 'SCIM active flag as the IdP last set it (users.active).';
COMMENT ON COLUMN people.deleted IS
    'True once deleted by SCIM (users.deleted_at set); deleted people stay listed here.';
COMMENT ON COLUMN people.role IS 'Name of the person''s role (roles.name); NULL when they have none.';
COMMENT ON COLUMN people.role_source IS 'How the role was given: manual, scim or oidc_claim (users.role_source).';
COMMENT ON COLUMN people.managing_provider IS
    'Name of the provider whose SCIM manages the person (oidc_providers.name); NULL when unmanaged.';
COMMENT ON COLUMN people.teams IS 'Names of the person''s teams, sorted, each once whatever granted it.';
COMMENT ON COLUMN people.business_units IS
    'Names of the person''s business units, sorted, each once whatever granted it.';
COMMENT ON COLUMN people.last_sign_in_at IS 'Last OIDC sign-in (users.last_sign_in_at); NULL if never.';
COMMENT ON COLUMN people.created_at IS 'When the person was created (users.created_at).';
COMMENT ON COLUMN people.updated_at IS 'SCIM meta.lastModified (users.updated_at).';

COMMENT ON COLUMN memberships.tenant_id IS 'The membership''s tenant; the view obeys row-level security.';
COMMENT ON COLUMN memberships.kind IS 'team (from team_members) or business_unit (from business_unit_members).';
COMMENT ON COLUMN memberships.name IS 'The team or business unit name.';
COMMENT ON COLUMN memberships.user_id IS 'The member (users.id).';
COMMENT ON COLUMN memberships.user_name IS 'The member''s SCIM userName.';
COMMENT ON COLUMN memberships.source IS
    'manual, scim or oidc_claim: one row per source, so a membership held two ways appears twice.';
COMMENT ON COLUMN memberships.provider_id IS
    'The provider (oidc_providers.id) whose SCIM or sign-in granted it; NULL for manual grants.';
COMMENT ON COLUMN memberships.granted_at IS 'When this source first granted the membership.';

-- Earlier comments the code contradicts, replaced: the key format of 0006 (authfail:ip:) is not what
-- SCIMAccessGuard writes, and 0005 said mapping rules read the groups claim by this setting, which nothing reads.
COMMENT ON TABLE request_counters IS
    'Fixed-window counters shared by replicas: requests per provisioning token per second, failed authentications per '
    'client and token prefix, per token prefix and per client address per minute. Not tenant data; UNLOGGED, so '
    'empty after a crash.';
COMMENT ON COLUMN oidc_providers.claim_groups IS
    'Groups claim as configured (default groups). Stored and shown only: group rules name their claim as '
    'claims.<path>.';
