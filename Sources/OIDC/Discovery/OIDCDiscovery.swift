import Foundation
import SCIM

/// A provider's metadata document (OpenID Connect Discovery 1.0 §3), checked against the issuer the operator
/// configured.
public struct OIDCDiscovery: Sendable, Hashable {
    public let issuer: String
    public let authorizationEndpoint: URL
    public let tokenEndpoint: URL
    public let jwksURI: URL
    public let userinfoEndpoint: URL?
    public let endSessionEndpoint: URL?
    /// `id_token_signing_alg_values_supported`, empty when absent.
    public let idTokenSigningAlgorithms: [String]
    /// `token_endpoint_auth_methods_supported`; absent means `client_secret_basic` only (§3).
    public let tokenEndpointAuthMethods: [String]?
    /// `code_challenge_methods_supported` (RFC 8414 §2). PKCE is sent whatever this says.
    public let codeChallengeMethods: [String]?

    public init(
        issuer: String, authorizationEndpoint: URL, tokenEndpoint: URL, jwksURI: URL, userinfoEndpoint: URL? = nil,
        endSessionEndpoint: URL? = nil, idTokenSigningAlgorithms: [String] = [],
        tokenEndpointAuthMethods: [String]? = nil, codeChallengeMethods: [String]? = nil
    ) {
        self.issuer = issuer
        self.authorizationEndpoint = authorizationEndpoint
        self.tokenEndpoint = tokenEndpoint
        self.jwksURI = jwksURI
        self.userinfoEndpoint = userinfoEndpoint
        self.endSessionEndpoint = endSessionEndpoint
        self.idTokenSigningAlgorithms = idTokenSigningAlgorithms
        self.tokenEndpointAuthMethods = tokenEndpointAuthMethods
        self.codeChallengeMethods = codeChallengeMethods
    }

    /// `issuer` + `/.well-known/openid-configuration`, with one trailing slash of the issuer removed first
    /// (§4). The issuer must be an absolute http(s) URL without query or fragment (§2).
    public static func documentURL(forIssuer issuer: String) throws -> URL {
        guard let components = URLComponents(string: issuer),
            let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
            components.host?.isEmpty == false, components.query == nil, components.fragment == nil
        else {
            throw OIDCError(.invalidConfiguration, detail: "the issuer must be an http(s) URL without query")
        }
        let base = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        guard let url = URL(string: base + "/.well-known/openid-configuration") else {
            throw OIDCError(.invalidConfiguration, detail: "the issuer does not form a discovery URL")
        }
        return url
    }

    /// Fetches and validates the document through `client` (which applies the SSRF guard).
    public static func fetch(issuer: String, using client: any OIDCHTTPClient) async throws -> OIDCDiscovery {
        let response = try await client.send(.json(documentURL(forIssuer: issuer)))
        guard response.status == 200 else {
            throw OIDCError(
                .unexpectedStatus, detail: "the discovery document answered \(response.status)",
                status: response.status)
        }
        return try parse(response.body, expectedIssuer: issuer)
    }

    /// Parses a metadata document. Its `issuer` must equal `expectedIssuer` exactly (§4.3), otherwise
    /// `wrongIssuer`; missing or non-URL endpoints are `invalidDiscovery`.
    public static func parse(_ bytes: [UInt8], expectedIssuer: String) throws -> OIDCDiscovery {
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes, maxDepth: 16)
        } catch {
            throw OIDCError(.invalidDiscovery, detail: "the discovery document is not JSON")
        }
        guard case .object = document else {
            throw OIDCError(.invalidDiscovery, detail: "the discovery document is not an object")
        }
        guard let issuer = document["issuer"]?.stringValue else {
            throw OIDCError(.invalidDiscovery, detail: "the discovery document has no issuer")
        }
        guard issuer == expectedIssuer else {
            throw OIDCError(
                .wrongIssuer, detail: "the discovery document names issuer \(issuer.prefix(200)), not \(expectedIssuer)"
            )
        }
        return OIDCDiscovery(
            issuer: issuer,
            authorizationEndpoint: try endpoint("authorization_endpoint", in: document, required: true)!,
            tokenEndpoint: try endpoint("token_endpoint", in: document, required: true)!,
            jwksURI: try endpoint("jwks_uri", in: document, required: true)!,
            userinfoEndpoint: try endpoint("userinfo_endpoint", in: document, required: false),
            endSessionEndpoint: try endpoint("end_session_endpoint", in: document, required: false),
            idTokenSigningAlgorithms: strings("id_token_signing_alg_values_supported", in: document) ?? [],
            tokenEndpointAuthMethods: strings("token_endpoint_auth_methods_supported", in: document),
            codeChallengeMethods: strings("code_challenge_methods_supported", in: document))
    }

    private static func endpoint(_ name: String, in document: JSONValue, required: Bool) throws -> URL? {
        guard let value = document[name], !value.isNull else {
            if required { throw OIDCError(.invalidDiscovery, detail: "the discovery document has no \(name)") }
            return nil
        }
        guard let text = value.stringValue, let url = URL(string: text),
            let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", url.host?.isEmpty == false
        else {
            throw OIDCError(.invalidDiscovery, detail: "\(name) is not an absolute http(s) URL")
        }
        return url
    }

    private static func strings(_ name: String, in document: JSONValue) -> [String]? {
        document[name]?.arrayValue?.compactMap(\.stringValue)
    }
}
