/// The admin API's repositories, inside the same tenant transaction as every other repository.
extension TenantTransaction {
    public var adminProviders: AdminProviderRepository { AdminProviderRepository(transaction: self) }

    public var adminMappingRules: AdminMappingRuleRepository { AdminMappingRuleRepository(transaction: self) }

    public var adminUsers: AdminUserDirectory { AdminUserDirectory(transaction: self) }

    public var adminGrants: AdminGrantRepository { AdminGrantRepository(transaction: self) }

    /// Teams or business units, which share one shape.
    public func adminGroupings(_ kind: MembershipKind) -> AdminGroupingRepository {
        AdminGroupingRepository(transaction: self, kind: kind)
    }

    public var adminRoles: AdminRoleRepository { AdminRoleRepository(transaction: self) }

    public var adminEvents: AdminEventQuery { AdminEventQuery(transaction: self) }

    public var adminProvisioningLog: AdminProvisioningLogQuery { AdminProvisioningLogQuery(transaction: self) }
}
