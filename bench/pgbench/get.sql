-- GET /Users/{id}: authenticate, the row, its groups.
\set n random(0, :users - 1)
SELECT t.tenant_id, t.provider_id, t.id, t.token_hash FROM provisioning_tokens t JOIN oidc_providers p ON p.tenant_id = t.tenant_id AND p.id = t.provider_id WHERE t.token_hash = :tokhash AND t.revoked_at IS NULL AND p.scim_enabled;
SELECT u.id, u.user_name, u.external_id, u.display_name, u.active, u.attributes::text AS attributes, u.version, u.created_at, u.updated_at, u.managing_provider_id FROM users u WHERE u.tenant_id = :tenant AND u.id = {{uid:n}} AND u.deleted_at IS NULL;
SELECT m.member_id, g.id, g.display_name FROM scim_group_members m JOIN scim_groups g ON g.tenant_id = m.tenant_id AND g.id = m.group_id WHERE m.tenant_id = :tenant AND m.member_id = ANY(ARRAY[{{uid:n}}]) ORDER BY g.display_name, g.id;
