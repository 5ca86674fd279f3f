import SCIM

/// A successful token endpoint answer (RFC 6749 §5.1, OIDC Core §3.1.3.3). Every field is a secret: never log
/// it.
public struct OIDCTokenResponse: Sendable, Hashable {
    public let accessToken: String
    public let tokenType: String?
    public let idToken: String?
    public let refreshToken: String?
    public let expiresIn: Int64?
    public let scope: String?

    public init(
        accessToken: String, tokenType: String? = "Bearer", idToken: String? = nil, refreshToken: String? = nil,
        expiresIn: Int64? = nil, scope: String? = nil
    ) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.idToken = idToken
        self.refreshToken = refreshToken
        self.expiresIn = expiresIn
        self.scope = scope
    }

    /// Reads a token endpoint response. A 400 or 401 carrying an OAuth `error` is `grantRejected` with that
    /// code (RFC 6749 §5.2) — for a refresh, the provider no longer accepts the session; other statuses are
    /// `unexpectedStatus`; a 200 without `access_token` is `invalidResponse`.
    public static func parse(_ response: OIDCHTTPResponse) throws -> OIDCTokenResponse {
        let document = try? JSONValue.parse(response.body, maxDepth: 16)
        guard response.status == 200 else {
            if response.status == 400 || response.status == 401, let error = document?["error"]?.stringValue {
                throw OIDCError(
                    .grantRejected, detail: document?["error_description"]?.stringValue.map { String($0.prefix(300)) },
                    oauthError: String(error.prefix(100)), status: response.status)
            }
            throw OIDCError(
                .unexpectedStatus, detail: "the token endpoint answered \(response.status)", status: response.status)
        }
        guard let document, case .object = document else {
            throw OIDCError(.invalidResponse, detail: "the token response is not a JSON object")
        }
        guard let accessToken = document["access_token"]?.stringValue, !accessToken.isEmpty else {
            throw OIDCError(.invalidResponse, detail: "the token response has no access_token")
        }
        return OIDCTokenResponse(
            accessToken: accessToken, tokenType: document["token_type"]?.stringValue,
            idToken: document["id_token"]?.stringValue, refreshToken: document["refresh_token"]?.stringValue,
            expiresIn: seconds(document["expires_in"]), scope: document["scope"]?.stringValue)
    }

    /// `expires_in` is a number (RFC 6749 §5.1); Azure AD's v1.0 endpoint sends it as a numeric string.
    private static func seconds(_ value: JSONValue?) -> Int64? {
        if let number = value?.integerValue { return number }
        if let text = value?.stringValue { return Int64(text) }
        return nil
    }
}
