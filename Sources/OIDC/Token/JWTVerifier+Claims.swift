import Crypto
import Foundation
import SCIM

extension JWTVerifier {
    /// Checks the claim set of a token whose signature is already verified (OIDC Core §3.1.3.7 steps 2–4,
    /// 9–11). Exposed for callers holding claims from another verified source; never call it on claims whose
    /// signature was not checked.
    public func validateClaims(
        _ claims: JSONValue, algorithm: JWSAlgorithm, keyID: String?, nonce: NonceCheck, now: Date
    ) throws -> VerifiedIDToken {
        guard case .object = claims else { throw OIDCError(.malformed, detail: "the claim set is not an object") }

        let tokenIssuer = try requiredString("iss", in: claims)
        guard tokenIssuer == issuer else {
            throw OIDCError(.wrongIssuer, detail: "iss \(tokenIssuer.prefix(200)) is not \(issuer)")
        }
        let subject = try requiredString("sub", in: claims)
        guard !subject.isEmpty else { throw OIDCError(.missingClaim, detail: "sub is empty") }

        let audiences = try audienceList(claims)
        guard audiences.contains(clientID) else {
            throw OIDCError(.wrongAudience, detail: "aud does not contain this client id")
        }
        let authorizedParty = try optionalString("azp", in: claims)
        if let authorizedParty, authorizedParty != clientID {
            throw OIDCError(.wrongAuthorizedParty, detail: "azp is another client")
        }
        if audiences.count > 1, authorizedParty == nil {
            throw OIDCError(.wrongAuthorizedParty, detail: "several audiences and no azp")
        }

        let skew = clockSkew.seconds
        let current = now.timeIntervalSince1970
        guard let expiry = try numericDate("exp", in: claims) else {
            throw OIDCError(.missingClaim, detail: "exp is missing")
        }
        guard current < expiry + skew else { throw OIDCError(.expired, detail: "exp has passed") }
        let notBefore = try numericDate("nbf", in: claims)
        if let notBefore, current + skew < notBefore {
            throw OIDCError(.notYetValid, detail: "nbf is in the future")
        }
        guard let issuedAt = try numericDate("iat", in: claims) else {
            throw OIDCError(.missingClaim, detail: "iat is missing")
        }
        guard issuedAt <= current + skew else { throw OIDCError(.issuedInFuture, detail: "iat is in the future") }

        let tokenNonce = try optionalString("nonce", in: claims)
        try check(nonce, against: tokenNonce)

        return VerifiedIDToken(
            algorithm: algorithm, keyID: keyID, claims: claims, issuer: tokenIssuer, subject: subject,
            audiences: audiences, authorizedParty: authorizedParty,
            expiresAt: Date(timeIntervalSince1970: expiry), issuedAt: Date(timeIntervalSince1970: issuedAt),
            notBefore: notBefore.map(Date.init(timeIntervalSince1970:)), nonce: tokenNonce)
    }

    private func check(_ expectation: NonceCheck, against tokenNonce: String?) throws {
        switch expectation {
        case .notChecked:
            return
        case .required(let expected):
            guard let tokenNonce else { throw OIDCError(.wrongNonce, detail: "nonce is missing") }
            guard Self.equal(tokenNonce, expected) else { throw OIDCError(.wrongNonce, detail: "nonce differs") }
        case .ifPresent(let expected):
            guard let tokenNonce else { return }
            guard Self.equal(tokenNonce, expected) else { throw OIDCError(.wrongNonce, detail: "nonce differs") }
        }
    }

    private static func equal(_ lhs: String, _ rhs: String) -> Bool {
        ConstantTime.equals(Array(lhs.utf8), Array(rhs.utf8))
    }

    private func requiredString(_ name: String, in claims: JSONValue) throws -> String {
        guard let value = try optionalString(name, in: claims) else {
            throw OIDCError(.missingClaim, detail: "\(name) is missing")
        }
        return value
    }

    private func optionalString(_ name: String, in claims: JSONValue) throws -> String? {
        guard let value = claims[name], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw OIDCError(.malformed, detail: "\(name) is not a string") }
        return text
    }

    /// `aud` as a list: a single string or an array of strings (RFC 7519 §4.1.3).
    private func audienceList(_ claims: JSONValue) throws -> [String] {
        switch claims["aud"] {
        case .string(let single)?:
            return [single]
        case .array(let elements)?:
            let texts = elements.compactMap(\.stringValue)
            guard texts.count == elements.count, !texts.isEmpty else {
                throw OIDCError(.malformed, detail: "aud is not a list of strings")
            }
            return texts
        case nil, .null?:
            throw OIDCError(.missingClaim, detail: "aud is missing")
        default:
            throw OIDCError(.malformed, detail: "aud is neither a string nor an array")
        }
    }

    /// A NumericDate (RFC 7519 §2): seconds since the epoch, integer or fractional.
    private func numericDate(_ name: String, in claims: JSONValue) throws -> Double? {
        guard let value = claims[name], !value.isNull else { return nil }
        guard let seconds = value.doubleValue, seconds.isFinite, seconds >= 0 else {
            throw OIDCError(.malformed, detail: "\(name) is not a NumericDate")
        }
        return seconds
    }
}
