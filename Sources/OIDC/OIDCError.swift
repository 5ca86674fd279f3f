/// Every failure of the OIDC layer: a stable `code` for callers to branch on and a generic `description` safe
/// to show; `detail` carries specifics for logs (issuer, status, the IdP's `error` value), never token text
/// or secrets.
public struct OIDCError: Error, Sendable, CustomStringConvertible {
    /// An open set of failure kinds; new codes can be added without breaking callers that switch on them.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        // Token shape and signature.
        public static let malformed = Code(rawValue: "malformed")
        public static let unsupportedAlgorithm = Code(rawValue: "unsupportedAlgorithm")
        public static let unknownKey = Code(rawValue: "unknownKey")
        public static let badSignature = Code(rawValue: "badSignature")

        // Claims.
        public static let missingClaim = Code(rawValue: "missingClaim")
        public static let wrongIssuer = Code(rawValue: "wrongIssuer")
        public static let wrongAudience = Code(rawValue: "wrongAudience")
        public static let wrongAuthorizedParty = Code(rawValue: "wrongAuthorizedParty")
        public static let expired = Code(rawValue: "expired")
        public static let notYetValid = Code(rawValue: "notYetValid")
        public static let issuedInFuture = Code(rawValue: "issuedInFuture")
        public static let wrongNonce = Code(rawValue: "wrongNonce")
        public static let wrongSubject = Code(rawValue: "wrongSubject")

        // Flow.
        public static let wrongState = Code(rawValue: "wrongState")
        public static let authorizationDenied = Code(rawValue: "authorizationDenied")
        public static let grantRejected = Code(rawValue: "grantRejected")
        public static let invalidResponse = Code(rawValue: "invalidResponse")
        public static let invalidDiscovery = Code(rawValue: "invalidDiscovery")
        public static let invalidConfiguration = Code(rawValue: "invalidConfiguration")

        // Network.
        public static let addressNotAllowed = Code(rawValue: "addressNotAllowed")
        public static let insecureURL = Code(rawValue: "insecureURL")
        public static let resolutionFailed = Code(rawValue: "resolutionFailed")
        public static let unexpectedStatus = Code(rawValue: "unexpectedStatus")
        public static let responseTooLarge = Code(rawValue: "responseTooLarge")
        public static let timedOut = Code(rawValue: "timedOut")
        public static let transportFailed = Code(rawValue: "transportFailed")
    }

    public var code: Code
    /// Specifics for logs; never shown to the person signing in.
    public var detail: String?
    /// The OAuth `error` value from the IdP (RFC 6749 §5.2, §4.1.2.1) when it sent one.
    public var oauthError: String?
    /// The HTTP status when the failure is an HTTP answer.
    public var status: Int?
    public var underlying: (any Error & Sendable)?

    public init(
        _ code: Code, detail: String? = nil, oauthError: String? = nil, status: Int? = nil,
        underlying: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.detail = detail
        self.oauthError = oauthError
        self.status = status
        self.underlying = underlying
    }

    public var description: String { "OIDC failure: \(code.rawValue)" }
}
