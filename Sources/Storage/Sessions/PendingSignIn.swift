import Foundation

/// A sign-in sent to the IdP and not yet back.
public struct PendingSignIn: Sendable, Equatable {
    public let tenantID: UUID
    public let providerID: UUID
    public let nonce: String
    public let codeVerifierEncrypted: [UInt8]
    public let discoverOnly: Bool
}
