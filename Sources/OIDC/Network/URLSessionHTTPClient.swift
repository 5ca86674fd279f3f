import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The production `OIDCHTTPClient`: FoundationNetworking's URLSession (libcurl on Linux), behind an
/// `OutboundRequestGuard`.
///
/// Each request gets its own ephemeral session (no cookies, no cache, no credential store) that is
/// invalidated when the request ends. Redirects are refused and returned as the 3xx response. `timeout`
/// bounds the whole exchange, connection included, in whole seconds: FoundationNetworking truncates the
/// interval it hands libcurl (0.8 s became an immediate timeout when measured here), so the value is rounded
/// up to at least one second. Bodies larger than `maximumResponseBytes` are cut off.
///
/// Shortcoming outside this code: under AddressSanitizer, FoundationNetworking with this machine's libcurl
/// leaves about 90 bytes unfreed per request (22 requests, 22 leaked allocations of each kind), with a
/// shared session as with one per request. OIDC traffic is light (discovery and keys are cached), but a
/// toolchain or libcurl update should be checked against it.
public struct URLSessionHTTPClient: OIDCHTTPClient {
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
        try await requestGuard.check(request.url)

        let seconds = max(1, timeout.seconds.rounded(.up))
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData

        let collector = ResponseCollector(maximumBytes: maximumResponseBytes)
        let session = URLSession(configuration: configuration, delegate: collector, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }

        var urlRequest = URLRequest(url: request.url, timeoutInterval: seconds)
        urlRequest.httpMethod = request.method.rawValue
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if request.method == .post { urlRequest.httpBody = Data(request.body) }

        let task = session.dataTask(with: urlRequest)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                collector.start(continuation)
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }
}
