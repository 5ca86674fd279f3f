-- SCIM Gateway: indexes for the admin API (/api/v1).
--
-- The people list searches by a prefix of userName or displayName, ignoring case, and pages in userName order.
-- "C" collation orders by bytes, so a prefix is one index range whatever the database's own collation; the indexes of
-- 0001 use the database collation and serve equality lookups only.

CREATE INDEX users_by_user_name_prefix ON users (tenant_id, (lower(user_name) COLLATE "C")) WHERE deleted_at IS NULL;
COMMENT ON INDEX users_by_user_name_prefix IS
    'Admin people list: keyset pages in userName order and userName prefix search, ignoring case.';

CREATE INDEX users_by_display_name_prefix ON users (tenant_id, (lower(display_name) COLLATE "C"))
    WHERE deleted_at IS NULL;
COMMENT ON INDEX users_by_display_name_prefix IS 'Admin people list: displayName prefix search, ignoring case.';

-- Provisioning events newest first across every provider, in keyset pages.
CREATE INDEX provisioning_events_newest_first ON provisioning_events (tenant_id, occurred_at DESC, id DESC);
COMMENT ON INDEX provisioning_events_newest_first IS 'Admin event list: newest first, keyset pages on (occurred_at, id).';
