-- SCIM Gateway: the admin people list's prefix search and keyset pages, indexable under row-level security.
--
-- The indexes of 0003 were built on lower(...), which is not LEAKPROOF, so under the tenant policy PostgreSQL could
-- not use them (a deep page filtered 90,000 rows). These use the stored lower-case columns of 0008 with the leakproof
-- text comparisons, in "C" collation so a prefix is one index range.

CREATE INDEX users_by_user_name_lower_c ON users (tenant_id, (user_name_lower COLLATE "C")) WHERE deleted_at IS NULL;
COMMENT ON INDEX users_by_user_name_lower_c IS
    'Admin people list: keyset pages in userName order and userName prefix search, ignoring case.';
CREATE INDEX users_by_display_name_lower_c ON users (tenant_id, (display_name_lower COLLATE "C"))
    WHERE deleted_at IS NULL;
COMMENT ON INDEX users_by_display_name_lower_c IS 'Admin people list: displayName prefix search, ignoring case.';
DROP INDEX users_by_user_name_prefix;
DROP INDEX users_by_display_name_prefix;
