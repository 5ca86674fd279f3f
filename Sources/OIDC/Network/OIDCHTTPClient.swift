/// Sends requests to identity providers. The OIDC types reach the network only through this protocol, so
/// tests answer with canned responses.
///
/// Contract for implementations: redirects are never followed (a 3xx is returned as the response, so no
/// redirect can lead past the SSRF check); transport failures, timeouts and oversized bodies throw
/// `OIDCError`; any HTTP status is returned, not thrown.
public protocol OIDCHTTPClient: Sendable {
    func send(_ request: OIDCHTTPRequest) async throws -> OIDCHTTPResponse
}
