import Crypto
import Foundation

/// The authorization response the provider sends to the redirect URI (RFC 6749 §4.1.2), checked.
public enum AuthorizationCallback {
    /// The `code` from the callback's query parameters, after checking, in this order: no parameter appears
    /// twice (RFC 6749 §3.1); `state` equals `expectedState` (`wrongState`); an `error` becomes
    /// `authorizationDenied` carrying the OAuth error code; an `iss` parameter, when present, equals `issuer`
    /// (RFC 9207 §2.4, mix-up defence: `wrongIssuer`); `code` is present (`invalidResponse`).
    public static func code(
        from parameters: [(name: String, value: String)], expectedState: String, issuer: String
    ) throws -> String {
        var values: [String: String] = [:]
        for (name, value) in parameters {
            guard values.updateValue(value, forKey: name) == nil else {
                throw OIDCError(.invalidResponse, detail: "the callback repeats \(name.prefix(40))")
            }
        }
        guard let state = values["state"],
            ConstantTime.equals(Array(state.utf8), Array(expectedState.utf8))
        else {
            throw OIDCError(.wrongState, detail: "the callback state does not match this sign-in")
        }
        if let error = values["error"] {
            throw OIDCError(
                .authorizationDenied, detail: values["error_description"].map { String($0.prefix(300)) },
                oauthError: String(error.prefix(100)))
        }
        if let returnedIssuer = values["iss"], returnedIssuer != issuer {
            throw OIDCError(.wrongIssuer, detail: "the callback names another issuer")
        }
        guard let code = values["code"], !code.isEmpty else {
            throw OIDCError(.invalidResponse, detail: "the callback has no code")
        }
        return code
    }

    /// The same checks on the query of a full callback URL.
    public static func code(from url: URL, expectedState: String, issuer: String) throws -> String {
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        return try code(
            from: items.map { (name: $0.name, value: $0.value ?? "") }, expectedState: expectedState, issuer: issuer)
    }
}
