import Foundation

/// The production `OIDCHTTPClient`: libcurl behind an `OutboundRequestGuard`, connecting only to the addresses
/// the guard approved.
///
/// The guard resolves the host once and libcurl is handed those addresses (`CURLOPT_RESOLVE`) instead of
/// resolving again, so a DNS answer that changes after the check (rebinding) cannot move the connection. Every
/// socket libcurl opens is checked against the same addresses as well, so a host libcurl reads differently from
/// Foundation's `URL`, which it would then resolve itself, still reaches nothing else. Proxy variables in the
/// environment are ignored: a proxy would resolve the host on its own.
///
/// Each request has its own easy handle (no connection reuse, cookies or cache). Redirects are returned, not
/// followed. `timeout` bounds the whole exchange, connection included, to the millisecond. Bodies larger than
/// `maximumResponseBytes` are refused, and so are headers adding up to more.
public struct CurlHTTPClient: OIDCHTTPClient {
    public let requestGuard: OutboundRequestGuard
    public let timeout: Duration
    public let maximumResponseBytes: Int

    public init(
        requestGuard: OutboundRequestGuard, timeout: Duration = .seconds(10), maximumResponseBytes: Int = 1 << 20
    ) {
        self.requestGuard = requestGuard
        self.timeout = timeout
        self.maximumResponseBytes = maximumResponseBytes
    }

    public func send(_ request: OIDCHTTPRequest) async throws -> OIDCHTTPResponse {
        let addresses = try await requestGuard.check(request.url)
        let transfer = try CurlTransfer(
            request: request, addresses: addresses, pin: Self.resolveEntry(for: request.url, addresses: addresses),
            timeout: timeout, maximumResponseBytes: maximumResponseBytes)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                // `curl_easy_perform` blocks for the whole exchange, so it runs on a thread of its own, not on a
                // Swift concurrency thread nor Dispatch's pool (see `SystemHostResolver` for why not the pool).
                Thread.detachNewThread { continuation.resume(with: transfer.perform()) }
            }
        } onCancel: {
            transfer.cancel()
        }
    }

    /// The `CURLOPT_RESOLVE` entry `host:port:address,…` (IPv6 in brackets) that makes libcurl use `addresses`
    /// for the URL's host; nil when the host is itself an address, which libcurl never resolves.
    static func resolveEntry(for url: URL, addresses: [IPAddress]) -> String? {
        guard var host = url.host, !host.isEmpty else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard IPAddress(host) == nil else { return nil }
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        let list = addresses.map { $0.isIPv4 ? $0.description : "[\($0)]" }.joined(separator: ",")
        return "\(host):\(port):\(list)"
    }
}
