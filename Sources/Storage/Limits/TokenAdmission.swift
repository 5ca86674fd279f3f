import Identity

/// What one round trip learns about a SCIM request's bearer token: the failed authentications already counted for
/// its throttle keys this minute, the principal it belongs to, and, when a rate limit applies, the token's request
/// count this second including this request.
public struct TokenAdmission: Sendable, Equatable {
    /// Failed authentications this minute, by throttle key; keys without failures are absent.
    public let failures: [String: Int]
    /// Nil when the token is unknown, revoked, or its provider has SCIM switched off.
    public let principal: ProvisioningPrincipal?
    /// Nil when no rate limit was asked for or there is no principal.
    public let requestsThisSecond: Int?

    public init(failures: [String: Int], principal: ProvisioningPrincipal?, requestsThisSecond: Int?) {
        self.failures = failures
        self.principal = principal
        self.requestsThisSecond = requestsThisSecond
    }
}
