-- PATCH /Groups/{id} removing one member: authenticate, lock the group, delete one member row, bump the group,
-- record the event, then (the group is small) read the members.
\set j random(0, :groups - 1)
\set r random(0, :users - :pergroup - 1)
\set n (:j * :pergroup + :pergroup + :r) % :users
SELECT t.tenant_id, t.provider_id, t.id, t.token_hash FROM provisioning_tokens t JOIN oidc_providers p ON p.tenant_id = t.tenant_id AND p.id = t.provider_id WHERE t.token_hash = :tokhash AND t.revoked_at IS NULL AND p.scim_enabled;
BEGIN;
SELECT g.id, g.display_name, g.external_id, g.attributes::text AS attributes, g.version, g.created_at, g.updated_at FROM scim_groups g WHERE g.tenant_id = :tenant AND g.id = {{gid:j}} FOR UPDATE;
DELETE FROM scim_group_members WHERE tenant_id = :tenant AND group_id = {{gid:j}} AND member_id = ANY(ARRAY[{{uid:n}}]);
UPDATE scim_groups AS g SET display_name = 'group-' || lpad(:j::text, 5, '0'), external_id = 'gext-' || :j::text, attributes = ('{"schemas": ["' || :groupschema::text || '"], "externalId": "gext-' || :j::text || '", "displayName": "group-' || lpad(:j::text, 5, '0') || '"}')::jsonb, version = g.version + 1, updated_at = clock_timestamp() WHERE g.tenant_id = :tenant AND g.id = {{gid:j}} RETURNING g.id, g.display_name, g.external_id, g.attributes::text AS attributes, g.version, g.created_at, g.updated_at;
INSERT INTO provisioning_events (tenant_id, provider_id, token_id, resource_type, resource_id, operation, changed_attributes, request_id) VALUES (:tenant, :provider, :tokenid, 'Group', {{gid:j}}, 'remove_members', '{members}'::text[], gen_random_uuid()::text);
SELECT 1 AS present FROM scim_group_members WHERE tenant_id = :tenant AND group_id = {{gid:j}} OFFSET 1000 LIMIT 1;
SELECT m.group_id, m.member_id, m.member_type, COALESCE(m.display, u.display_name, u.user_name, g.display_name) AS display FROM scim_group_members m LEFT JOIN users u ON m.member_type = 'User' AND u.tenant_id = m.tenant_id AND u.id = m.member_id LEFT JOIN scim_groups g ON m.member_type = 'Group' AND g.tenant_id = m.tenant_id AND g.id = m.member_id WHERE m.tenant_id = :tenant AND m.group_id = ANY(ARRAY[{{gid:j}}]) ORDER BY m.group_id, m.created_at, m.member_id;
COMMIT;
