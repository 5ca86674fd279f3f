/// Which sources may change the people of a provider.
public enum ProvisioningMode: String, Sendable, CaseIterable {
    /// SCIM and sign-in claims both update people.
    case both
    /// Only SCIM changes people; an unknown person signing in is refused.
    case scim
}
