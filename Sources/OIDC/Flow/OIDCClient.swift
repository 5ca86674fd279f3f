import Foundation

/// The authorization code flow with PKCE against one provider (OIDC Core §3.1), plus refresh (§12).
///
/// A value holding configuration, the provider's metadata and shared collaborators; safe to use from any
/// task. Build one per provider and keep it: `discover` fetches metadata, `JWKSCache` is shared between
/// providers.
public struct OIDCClient: Sendable {
    public let configuration: OIDCClientConfiguration
    public let discovery: OIDCDiscovery
    public let httpClient: any OIDCHTTPClient
    public let keyCache: JWKSCache

    public init(
        configuration: OIDCClientConfiguration, discovery: OIDCDiscovery, httpClient: any OIDCHTTPClient,
        keyCache: JWKSCache
    ) {
        self.configuration = configuration
        self.discovery = discovery
        self.httpClient = httpClient
        self.keyCache = keyCache
    }

    /// Fetches the provider's discovery document (checking its issuer) and builds a client.
    public static func discover(
        configuration: OIDCClientConfiguration, httpClient: any OIDCHTTPClient, keyCache: JWKSCache
    ) async throws -> OIDCClient {
        let discovery = try await OIDCDiscovery.fetch(issuer: configuration.issuer, using: httpClient)
        return OIDCClient(
            configuration: configuration, discovery: discovery, httpClient: httpClient, keyCache: keyCache)
    }

    public var verifier: JWTVerifier {
        JWTVerifier(
            issuer: configuration.issuer, clientID: configuration.clientID,
            allowedAlgorithms: configuration.allowedAlgorithms, clockSkew: configuration.clockSkew)
    }

    // MARK: Authorization request

    /// Starts a sign-in: fresh `state`, `nonce` and PKCE verifier, and the URL carrying them.
    public func makeAuthorizationRequest(
        additionalParameters: [(String, String)] = []
    ) throws -> AuthorizationRequest {
        let state = try RandomValue.state()
        let nonce = try RandomValue.nonce()
        let pkce = try PKCE.generate()
        let url = authorizationURL(
            state: state, nonce: nonce, codeChallenge: pkce.challenge, additionalParameters: additionalParameters)
        return AuthorizationRequest(url: url, state: state, nonce: nonce, codeVerifier: pkce.verifier)
    }

    /// The authorization endpoint with `response_type=code`, `client_id`, `redirect_uri`, `scope`, `state`,
    /// `nonce`, `code_challenge` and `code_challenge_method=S256` (OIDC Core §3.1.2.1, RFC 7636 §4.3). A
    /// query already in the endpoint URL is kept (OIDC Core §3.1.2.1 allows one).
    public func authorizationURL(
        state: String, nonce: String, codeChallenge: String, additionalParameters: [(String, String)] = []
    ) -> URL {
        let reserved: Set<String> = [
            "response_type", "client_id", "redirect_uri", "scope", "state", "nonce", "code_challenge",
            "code_challenge_method",
        ]
        let fields: [(String, String)] =
            [
                ("response_type", "code"),
                ("client_id", configuration.clientID),
                ("redirect_uri", configuration.redirectURI.absoluteString),
                ("scope", configuration.requestedScopes.joined(separator: " ")),
                ("state", state),
                ("nonce", nonce),
                ("code_challenge", codeChallenge),
                ("code_challenge_method", PKCE.method),
            ] + additionalParameters.filter { !reserved.contains($0.0) }
        let endpoint = discovery.authorizationEndpoint.absoluteString
        let separator = endpoint.contains("?") ? "&" : "?"
        return URL(string: endpoint + separator + FormEncoding.encode(fields))!
    }

    // MARK: Token endpoint

    /// Redeems an authorization code with the PKCE verifier (RFC 6749 §4.1.3, RFC 7636 §4.5). The response
    /// must carry an ID token (OIDC Core §3.1.3.3); it is returned unverified — see `completeSignIn`.
    public func exchangeCode(_ code: String, codeVerifier: String) async throws -> OIDCTokenResponse {
        let tokens = try await requestTokens([
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", configuration.redirectURI.absoluteString),
            ("code_verifier", codeVerifier),
        ])
        guard tokens.idToken != nil else {
            throw OIDCError(.invalidResponse, detail: "the token response has no id_token")
        }
        return tokens
    }

    /// Uses a refresh token (RFC 6749 §6). A provider that no longer accepts it answers `grantRejected`.
    public func refresh(refreshToken: String, scopes: [String]? = nil) async throws -> OIDCTokenResponse {
        var fields = [("grant_type", "refresh_token"), ("refresh_token", refreshToken)]
        if let scopes { fields.append(("scope", scopes.joined(separator: " "))) }
        return try await requestTokens(fields)
    }

    private func requestTokens(_ grantFields: [(String, String)]) async throws -> OIDCTokenResponse {
        var fields = grantFields
        var headers: [String: String] = [:]
        switch configuration.clientAuthentication {
        case .clientSecretBasic:
            // RFC 6749 §2.3.1: each part is form-encoded before the pair is base64-encoded.
            let pair = FormEncoding.escape(configuration.clientID) + ":" + FormEncoding.escape(try secret())
            headers["Authorization"] = "Basic " + Data(pair.utf8).base64EncodedString()
        case .clientSecretPost:
            fields.append(("client_id", configuration.clientID))
            fields.append(("client_secret", try secret()))
        case .none:
            fields.append(("client_id", configuration.clientID))
        }
        let response = try await httpClient.send(.form(discovery.tokenEndpoint, fields: fields, headers: headers))
        return try OIDCTokenResponse.parse(response)
    }

    private func secret() throws -> String {
        guard let secret = configuration.clientSecret, !secret.isEmpty else {
            throw OIDCError(.invalidConfiguration, detail: "this client authentication needs a client secret")
        }
        return secret
    }

    // MARK: ID token

    /// Verifies an ID token with the provider's keys from `keyCache`. When the token names a key the cached
    /// set lacks, or has no `kid` and no cached key verifies it, the set is fetched again once (rotation) and
    /// the check repeated.
    public func validateIDToken(_ idToken: String, nonce: NonceCheck, now: Date = Date()) async throws
        -> VerifiedIDToken
    {
        let jws = try JWS.parse(idToken)
        let verifier = verifier
        let keys = try await keyCache.keys(for: discovery.jwksURI)
        do {
            return try verifier.verify(jws, keys: keys, nonce: nonce, now: now)
        } catch let error as OIDCError
            where error.code == .unknownKey || (error.code == .badSignature && jws.keyID == nil)
        {
            let refreshed = try await keyCache.refreshedKeys(for: discovery.jwksURI)
            guard refreshed != keys else { throw error }
            return try verifier.verify(jws, keys: refreshed, nonce: nonce, now: now)
        }
    }

    /// The callback's second half: redeem `code` and verify the ID token against the nonce of `request`.
    public func completeSignIn(code: String, request: AuthorizationRequest, now: Date = Date()) async throws
        -> OIDCSignIn
    {
        let tokens = try await exchangeCode(code, codeVerifier: request.codeVerifier)
        let idToken = try await validateIDToken(tokens.idToken!, nonce: .required(request.nonce), now: now)
        return OIDCSignIn(tokens: tokens, idToken: idToken)
    }

    /// Refreshes a session. An ID token in the answer must verify and name the same subject (OIDC Core §12.2:
    /// `wrongSubject` otherwise); its nonce, if any, must be the original one.
    public func refreshSession(
        refreshToken: String, subject: String, originalNonce: String? = nil, now: Date = Date()
    ) async throws -> OIDCRefresh {
        let tokens = try await refresh(refreshToken: refreshToken)
        var verified: VerifiedIDToken?
        if let idToken = tokens.idToken {
            let check: NonceCheck = originalNonce.map { .ifPresent($0) } ?? .notChecked
            let token = try await validateIDToken(idToken, nonce: check, now: now)
            guard token.subject == subject else {
                throw OIDCError(.wrongSubject, detail: "the refreshed ID token names another subject")
            }
            verified = token
        }
        return OIDCRefresh(tokens: tokens, refreshToken: tokens.refreshToken ?? refreshToken, idToken: verified)
    }
}
