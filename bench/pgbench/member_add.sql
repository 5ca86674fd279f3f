-- PATCH /Groups/{id} adding one member who is not in the group: authenticate, lock the group, check the candidate
-- exists, insert one member row, bump the group, record the event, then (the group is small) read the members.
\set j random(0, :groups - 1)
\set r random(0, :users - :pergroup - 1)
\set n (:j * :pergroup + :pergroup + :r) % :users
SELECT t.tenant_id, t.provider_id, t.id, t.token_hash FROM provisioning_tokens t JOIN oidc_providers p ON p.tenant_id = t.tenant_id AND p.id = t.provider_id WHERE t.token_hash = :tokhash AND t.revoked_at IS NULL AND p.scim_enabled;
BEGIN;
SELECT g.id, g.display_name, g.external_id, g.attributes::text AS attributes, g.version, g.created_at, g.updated_at FROM scim_groups g WHERE g.tenant_id = :tenant AND g.id = {{gid:j}} FOR UPDATE;
SELECT id, 'User' AS kind FROM users WHERE tenant_id = :tenant AND id = ANY(ARRAY[{{uid:n}}]) AND deleted_at IS NULL UNION ALL SELECT id, 'Group' AS kind FROM scim_groups WHERE tenant_id = :tenant AND id = ANY(ARRAY[{{uid:n}}]);
INSERT INTO scim_group_members AS m (tenant_id, group_id, member_id, member_type, display) SELECT :tenant::uuid, {{gid:j}}, member.id, member.kind, member.display FROM jsonb_to_recordset(('[{"id": "' || ({{uid:n}})::text || '", "kind": "User"}]')::jsonb) AS member (id uuid, kind text, display text) ON CONFLICT (tenant_id, group_id, member_id) DO UPDATE SET display = EXCLUDED.display WHERE m.display IS DISTINCT FROM EXCLUDED.display;
UPDATE scim_groups AS g SET display_name = 'group-' || lpad(:j::text, 5, '0'), external_id = 'gext-' || :j::text, attributes = ('{"schemas": ["' || :groupschema::text || '"], "externalId": "gext-' || :j::text || '", "displayName": "group-' || lpad(:j::text, 5, '0') || '"}')::jsonb, version = g.version + 1, updated_at = clock_timestamp() WHERE g.tenant_id = :tenant AND g.id = {{gid:j}} RETURNING g.id, g.display_name, g.external_id, g.attributes::text AS attributes, g.version, g.created_at, g.updated_at;
INSERT INTO provisioning_events (tenant_id, provider_id, token_id, resource_type, resource_id, operation, changed_attributes, request_id) VALUES (:tenant, :provider, :tokenid, 'Group', {{gid:j}}, 'add_members', '{members}'::text[], gen_random_uuid()::text);
SELECT 1 AS present FROM scim_group_members WHERE tenant_id = :tenant AND group_id = {{gid:j}} OFFSET 1000 LIMIT 1;
SELECT m.group_id, m.member_id, m.member_type, COALESCE(m.display, u.display_name, u.user_name, g.display_name) AS display FROM scim_group_members m LEFT JOIN users u ON m.member_type = 'User' AND u.tenant_id = m.tenant_id AND u.id = m.member_id LEFT JOIN scim_groups g ON m.member_type = 'Group' AND g.tenant_id = m.tenant_id AND g.id = m.member_id WHERE m.tenant_id = :tenant AND m.group_id = ANY(ARRAY[{{gid:j}}]) ORDER BY m.group_id, m.created_at, m.member_id;
COMMIT;
