-- Seeds one tenant with users, groups and memberships in the shape the gateway itself writes (compare
-- TenantScopedUserRepository.create and TenantScopedGroupRepository.create): the same columns, the same
-- canonical attributes JSON, one member row per membership. Only provisioning_events are not seeded.
--
-- Ids are deterministic, so wrk and pgbench can name a row without a lookup: user i of tenant T has the id
-- md5(T || ':u:' || i) shaped as a version-4 UUID (group j: ':g:' || j; the large group: ':big').
--
-- psql variables: tenant, provider (uuids), users, groups, per_group (members of group j are the users
-- (j * per_group + k) % users for k < per_group), big_members (0, or the size of one extra group named
-- "big" holding users 0 .. big_members - 1).
\set ON_ERROR_STOP on

BEGIN;

CREATE TEMP TABLE seed_users ON COMMIT DROP AS
SELECT i, format('user%s@example.com', lpad(i::text, 6, '0')) AS user_name,
    overlay(overlay(md5(:'tenant' || ':u:' || i) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid AS id
FROM generate_series(0, :users - 1) AS i;

INSERT INTO users (tenant_id, id, user_name, external_id, display_name, active, status, managing_provider_id, origin,
    attributes, created_at, updated_at)
SELECT :'tenant', s.id, s.user_name, 'ext-' || s.i, 'User ' || s.i, true, 'active', :'provider', 'scim',
    jsonb_build_object(
        'schemas', jsonb_build_array('urn:ietf:params:scim:schemas:core:2.0:User'),
        'userName', s.user_name,
        'externalId', 'ext-' || s.i,
        'name', jsonb_build_object('givenName', 'Given' || s.i, 'familyName', 'Family' || s.i),
        'displayName', 'User ' || s.i,
        'emails', jsonb_build_array(jsonb_build_object('value', s.user_name, 'type', 'work', 'primary', true)),
        'active', true),
    -- One microsecond apart, like rows written one after another: the list order is (created_at, id).
    now() - interval '1 day' + s.i * interval '1 microsecond',
    now() - interval '1 day' + s.i * interval '1 microsecond'
FROM seed_users s;

CREATE TEMP TABLE seed_groups ON COMMIT DROP AS
SELECT j, format('group-%s', lpad(j::text, 5, '0')) AS display_name,
    overlay(overlay(md5(:'tenant' || ':g:' || j) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid AS id
FROM generate_series(0, :groups - 1) AS j;

INSERT INTO scim_groups (tenant_id, id, display_name, external_id, managing_provider_id, attributes, created_at,
    updated_at)
SELECT :'tenant', g.id, g.display_name, 'gext-' || g.j, :'provider',
    jsonb_build_object(
        'schemas', jsonb_build_array('urn:ietf:params:scim:schemas:core:2.0:Group'),
        'displayName', g.display_name,
        'externalId', 'gext-' || g.j),
    now() - interval '1 hour' + g.j * interval '1 microsecond',
    now() - interval '1 hour' + g.j * interval '1 microsecond'
FROM seed_groups g;

INSERT INTO scim_group_members (tenant_id, group_id, member_id, member_type, created_at)
SELECT :'tenant', g.id, u.id, 'User', now() - interval '1 hour' + k * interval '1 microsecond'
FROM seed_groups g
CROSS JOIN generate_series(0, :per_group - 1) AS k
JOIN seed_users u ON u.i = (g.j * :per_group + k) % :users;

INSERT INTO scim_groups (tenant_id, id, display_name, external_id, managing_provider_id, attributes)
SELECT :'tenant', overlay(overlay(md5(:'tenant' || ':big') PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid, 'big',
    'gext-big', :'provider',
    '{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "big", "externalId": "gext-big"}'
WHERE :big_members > 0;

INSERT INTO scim_group_members (tenant_id, group_id, member_id, member_type, created_at)
SELECT :'tenant', overlay(overlay(md5(:'tenant' || ':big') PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid, u.id,
    'User', now() - interval '1 hour' + u.i * interval '1 microsecond'
FROM seed_users u
WHERE u.i < :big_members;

COMMIT;
