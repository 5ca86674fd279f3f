/// How a team or business-unit membership was granted; stored with it and shown to administrators.
public enum MembershipSource: String, Sendable, CaseIterable {
    /// An administrator granted it; only an administrator removes it.
    case manual
    /// A SCIM write (a group push or a SCIM attribute) produced it; SCIM removes it when the rules stop producing it.
    case scim
    /// A sign-in's claims produced it; sign-ins only add, so it stays until an administrator removes it.
    case oidcClaim = "oidc_claim"
}
