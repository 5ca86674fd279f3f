-- SCIM Gateway: case-insensitive lookups that row-level security lets use an index.
--
-- Under a row-level security policy PostgreSQL evaluates the policy before any condition built from functions that
-- are not LEAKPROOF, and lower() is not; so `lower(user_name) = lower($1)` could not use its expression index and
-- scanned the tenant (measured: 140 ms at 100,000 users). Stored lower-case columns are compared with the leakproof
-- text equality instead, and are indexed.

ALTER TABLE users
    ADD COLUMN user_name_lower text GENERATED ALWAYS AS (lower(user_name)) STORED,
    ADD COLUMN display_name_lower text GENERATED ALWAYS AS (lower(display_name)) STORED;
COMMENT ON COLUMN users.user_name_lower IS 'lower(user_name), kept by PostgreSQL; what userName lookups compare.';
COMMENT ON COLUMN users.display_name_lower IS 'lower(display_name), kept by PostgreSQL; what displayName lookups compare.';
CREATE INDEX users_by_user_name_lower ON users (tenant_id, user_name_lower) WHERE deleted_at IS NULL;
CREATE INDEX users_by_display_name_lower ON users (tenant_id, display_name_lower) WHERE deleted_at IS NULL;
DROP INDEX users_by_display_name_ci;

ALTER TABLE scim_groups
    ADD COLUMN display_name_lower text GENERATED ALWAYS AS (lower(display_name)) STORED;
COMMENT ON COLUMN scim_groups.display_name_lower IS 'lower(display_name), kept by PostgreSQL; what group lookups compare.';
CREATE INDEX scim_groups_by_display_name_lower ON scim_groups (tenant_id, display_name_lower);
DROP INDEX scim_groups_by_display_name_ci;
