import Crypto
import Foundation
import Identity
import OIDC
import Synchronization

/// One OIDC client per provider, discovered once and kept for ten minutes; the JWKS cache and the guarded HTTP client
/// are shared. Nothing here must be revoked at once: provider settings changes show within the ten minutes, and a
/// changed issuer, client or secret builds a new client immediately.
final class OIDCClients: Sendable {
    private struct Entry {
        let fingerprint: [UInt8]
        let client: OIDCClient
        let discoveredAt: Date
    }

    let httpClient: CurlHTTPClient
    let keyCache: JWKSCache
    private let entries = Mutex<[UUID: Entry]>([:])
    private let secretKey: [UInt8]?

    init(allowlist: NetworkAllowlist, secretKey: [UInt8]?) {
        httpClient = CurlHTTPClient(requestGuard: OutboundRequestGuard(allowlist: allowlist))
        keyCache = JWKSCache(client: httpClient)
        self.secretKey = secretKey
    }

    func client(for settings: SignInSettings, redirectURI: URL) throws -> OIDCClient {
        guard let issuer = settings.issuer, let clientID = settings.clientID else {
            throw SignInFailure.notConfigured
        }
        let secret = try clientSecret(settings)
        let fingerprint = Digest.sha256(
            [issuer, clientID, secret ?? "", settings.scopes, redirectURI.absoluteString].joined(separator: "\n"))
        if let entry = entries.withLock({ $0[settings.providerID] }), entry.fingerprint == fingerprint,
            Date().timeIntervalSince(entry.discoveredAt) < 600
        {
            return entry.client
        }
        let configuration = OIDCClientConfiguration(
            issuer: issuer, clientID: clientID, clientSecret: secret,
            clientAuthentication: secret == nil ? .none : .clientSecretBasic, redirectURI: redirectURI,
            scopes: settings.scopes.split(separator: " ").map(String.init))
        let (http, keys) = (httpClient, keyCache)
        let client = try BlockingTask.run {
            try await OIDCClient.discover(configuration: configuration, httpClient: http, keyCache: keys)
        }
        entries.withLock {
            $0[settings.providerID] = Entry(fingerprint: fingerprint, client: client, discoveredAt: Date())
        }
        return client
    }

    private func clientSecret(_ settings: SignInSettings) throws -> String? {
        guard let sealed = settings.clientSecretSealed else { return nil }
        guard let secretKey else { throw SignInFailure.secretKeyMissing }
        let opened = try AESGCM(key: secretKey).open(sealed, associatedData: settings.secretBinding)
        return String(decoding: opened, as: UTF8.self)
    }
}
