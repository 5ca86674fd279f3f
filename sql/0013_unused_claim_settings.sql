-- SCIM Gateway: drop the groups and roles claim settings, which nothing read.
--
-- They were stored and editable, so an administrator could set them and expect an effect. Mapping rules already name
-- any claim by its path (`claims.groups`, `claims.realm_access.roles`), which is how groups and roles in a token
-- reach teams, units and roles.

ALTER TABLE oidc_providers DROP COLUMN claim_groups, DROP COLUMN claim_roles;
COMMENT ON COLUMN oidc_providers.claim_name IS
    'Claim holding the display name at sign-in (default "name"); written to displayName of people no SCIM manages.';
COMMENT ON COLUMN oidc_providers.claim_email IS
    'Claim whose value becomes the userName and primary email at sign-in (default "email"); without it, '
    'preferred_username, then the subject.';
