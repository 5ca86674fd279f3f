import Identity

/// The settings an administrator gives a provider: every field set replaces the stored one, every nil keeps it.
///
/// `issuer` and `clientID` are double optionals: `.some(nil)` clears the stored value.
public struct AdminProviderChanges: Sendable, Equatable {
    public var name: String?
    public var issuer: String??
    public var clientID: String??
    public var provisioningMode: ProvisioningMode?
    public var roleStrategy: RoleStrategy?
    public var groupsBecomeTeams: Bool?

    public init(
        name: String? = nil, issuer: String?? = nil, clientID: String?? = nil,
        provisioningMode: ProvisioningMode? = nil, roleStrategy: RoleStrategy? = nil, groupsBecomeTeams: Bool? = nil
    ) {
        self.name = name
        self.issuer = issuer
        self.clientID = clientID
        self.provisioningMode = provisioningMode
        self.roleStrategy = roleStrategy
        self.groupsBecomeTeams = groupsBecomeTeams
    }
}
