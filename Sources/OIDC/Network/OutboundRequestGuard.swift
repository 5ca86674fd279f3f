import Foundation

/// The SSRF check every outbound OIDC request passes first (issue 8 item 5): the URL's host is resolved and
/// every address must be public unicast or inside the operator's `NetworkAllowlist`.
///
/// The check holds only if the request then goes to the addresses it returns, not to a fresh lookup of the host
/// that DNS could answer differently (rebinding). `CurlHTTPClient` connects to those addresses alone; any other
/// client must do the same.
public struct OutboundRequestGuard: Sendable {
    public var allowlist: NetworkAllowlist
    public var resolver: any HostResolver
    /// When true, plain `http` is allowed to hosts whose every address is inside the allowlist (a lab IdP, the
    /// test mock); anything else must use `https`, so tokens never cross a network the operator did not name
    /// in clear text.
    public var permitsPlainHTTPToAllowedNetworks: Bool

    public init(
        allowlist: NetworkAllowlist, resolver: any HostResolver = SystemHostResolver(),
        permitsPlainHTTPToAllowedNetworks: Bool = true
    ) {
        self.allowlist = allowlist
        self.resolver = resolver
        self.permitsPlainHTTPToAllowedNetworks = permitsPlainHTTPToAllowedNetworks
    }

    /// Returns the resolved addresses when a request to `url` may be sent; throws `OIDCError` with
    /// `insecureURL`, `addressNotAllowed`, `resolutionFailed` or `invalidConfiguration` otherwise.
    @discardableResult
    public func check(_ url: URL) async throws -> [IPAddress] {
        let scheme = url.scheme?.lowercased()
        guard scheme == "https" || scheme == "http" else {
            throw OIDCError(.insecureURL, detail: "only http and https URLs are fetched")
        }
        guard url.user == nil, url.password == nil else {
            throw OIDCError(.invalidConfiguration, detail: "URLs with credentials are refused")
        }
        guard var host = url.host, !host.isEmpty else {
            throw OIDCError(.invalidConfiguration, detail: "the URL has no host")
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }

        let addresses = try await resolver.addresses(for: host)
        guard !addresses.isEmpty else {
            throw OIDCError(.resolutionFailed, detail: "\(host) has no addresses")
        }
        if let refused = addresses.first(where: { !allowlist.permits($0) }) {
            throw OIDCError(
                .addressNotAllowed,
                detail: "\(host) resolves to \(refused), which is not public and not in OIDC_ALLOWED_NETWORKS")
        }
        if scheme == "http" {
            guard permitsPlainHTTPToAllowedNetworks, addresses.allSatisfy(allowlist.contains) else {
                throw OIDCError(.insecureURL, detail: "plain http is allowed only inside OIDC_ALLOWED_NETWORKS")
            }
        }
        return addresses
    }
}
