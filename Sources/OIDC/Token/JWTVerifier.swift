import Foundation
import SCIM

/// Verifies an OIDC ID token: the JWS signature against a provider's keys, then the claims OIDC Core
/// §3.1.3.7 requires a client to check.
///
/// A value type with no shared state; safe to use from any thread. Key retrieval is the caller's
/// (`OIDCClient` combines this with `JWKSCache`).
public struct JWTVerifier: Sendable {
    /// The exact `iss` expected (OIDC Core §3.1.3.7 step 2: no normalisation).
    public var issuer: String
    /// This gateway's client id, which `aud` must contain.
    public var clientID: String
    public var allowedAlgorithms: Set<JWSAlgorithm>
    /// Tolerance applied to `exp`, `nbf` and `iat` for clocks that disagree.
    public var clockSkew: Duration

    public init(
        issuer: String, clientID: String, allowedAlgorithms: Set<JWSAlgorithm> = [.rs256, .es256],
        clockSkew: Duration = .seconds(60)
    ) {
        self.issuer = issuer
        self.clientID = clientID
        self.allowedAlgorithms = allowedAlgorithms
        self.clockSkew = clockSkew
    }

    /// Parses, checks the signature, then the claims. Throws `OIDCError`.
    public func verify(_ token: String, keys: JWKSet, nonce: NonceCheck, now: Date = Date()) throws
        -> VerifiedIDToken
    {
        try verify(JWS.parse(token), keys: keys, nonce: nonce, now: now)
    }

    public func verify(_ jws: JWS, keys: JWKSet, nonce: NonceCheck, now: Date = Date()) throws -> VerifiedIDToken {
        let (algorithm, key) = try verifySignature(jws, keys: keys)
        let claims: JSONValue
        do {
            claims = try JSONValue.parse(jws.payload, maxDepth: 32)
        } catch {
            throw OIDCError(.malformed, detail: "the token payload is not JSON")
        }
        return try validateClaims(claims, algorithm: algorithm, keyID: key.keyID, nonce: nonce, now: now)
    }

    /// Checks the protected header and finds the key whose signature verifies.
    ///
    /// With a `kid`, only keys carrying that `kid` are tried (`unknownKey` when none fits). Without one, every
    /// key usable for the algorithm is tried in turn: `oidc-provider-mock` signs without a `kid`, and a
    /// provider may publish several keys of one type.
    public func verifySignature(_ jws: JWS, keys: JWKSet) throws -> (JWSAlgorithm, JWK) {
        let algorithm = try checkHeader(jws.header)
        let candidates: [JWK]
        if let keyID = jws.keyID {
            let named = keys.keys(withID: keyID)
            guard !named.isEmpty else { throw OIDCError(.unknownKey, detail: "no published key has this kid") }
            candidates = named.filter { $0.canVerify(algorithm) }
            guard !candidates.isEmpty else {
                throw OIDCError(.unknownKey, detail: "the key with this kid does not fit \(algorithm.rawValue)")
            }
        } else {
            candidates = keys.keys.filter { $0.canVerify(algorithm) }
            guard !candidates.isEmpty else {
                throw OIDCError(.unknownKey, detail: "no published key fits \(algorithm.rawValue)")
            }
        }
        for key in candidates
        where SignatureVerifier.verify(
            algorithm: algorithm, key: key, signingInput: jws.signingInput, signature: jws.signature)
        {
            return (algorithm, key)
        }
        throw OIDCError(.badSignature, detail: "the signature does not verify")
    }

    private func checkHeader(_ header: JSONValue) throws -> JWSAlgorithm {
        guard let name = header["alg"]?.stringValue else {
            throw OIDCError(.malformed, detail: "the header has no alg")
        }
        guard let algorithm = JWSAlgorithm(rawValue: name), allowedAlgorithms.contains(algorithm) else {
            throw OIDCError(.unsupportedAlgorithm, detail: "alg \(name.prefix(16)) is not allowed")
        }
        // RFC 7515 §4.1.11: an extension the recipient does not understand must make the JWS invalid; this
        // verifier understands none.
        if header["crit"] != nil { throw OIDCError(.malformed, detail: "the header lists critical extensions") }
        // RFC 7519 §5.1: `typ` is optional; when present it must name a plain JWT, so an access token
        // (`at+jwt`, RFC 9068 §2.1) or logout token cannot stand in for an ID token.
        if let type = header["typ"] {
            let text = type.stringValue?.lowercased()
            guard text == "jwt" || text == "application/jwt" else {
                throw OIDCError(.malformed, detail: "the header typ is not JWT")
            }
        }
        return algorithm
    }
}
