import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Gathers one task's response for `URLSessionHTTPClient` and resumes its continuation exactly once.
///
/// URLSession calls the delegate on its own serial queue; the state sits in a `Mutex` anyway because
/// `start` runs on the caller's thread.
final class ResponseCollector: NSObject, URLSessionDataDelegate, Sendable {
    private struct State {
        var continuation: CheckedContinuation<OIDCHTTPResponse, any Error>?
        var response: HTTPURLResponse?
        var body: [UInt8] = []
        var tooLarge = false
    }

    private let maximumBytes: Int
    private let state = Mutex(State())

    init(maximumBytes: Int) {
        self.maximumBytes = maximumBytes
    }

    func start(_ continuation: CheckedContinuation<OIDCHTTPResponse, any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let declared = response.expectedContentLength
        let acceptable = declared < 0 || declared <= Int64(maximumBytes)
        state.withLock { current in
            current.response = response as? HTTPURLResponse
            if !acceptable { current.tooLarge = true }
        }
        completionHandler(acceptable ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let overflow = state.withLock { current -> Bool in
            guard !current.tooLarge else { return true }
            guard current.body.count + data.count <= maximumBytes else {
                current.tooLarge = true
                current.body = []
                return true
            }
            current.body.append(contentsOf: data)
            return false
        }
        if overflow { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (continuation, result) = state.withLock { current in
            let continuation = current.continuation
            current.continuation = nil
            return (continuation, Self.outcome(current, error: error))
        }
        continuation?.resume(with: result)
    }

    private static func outcome(_ state: State, error: (any Error)?) -> Result<OIDCHTTPResponse, any Error> {
        if state.tooLarge {
            return .failure(OIDCError(.responseTooLarge, detail: "the response body exceeds the limit"))
        }
        if let error {
            let code = (error as? URLError)?.code
            if code == .timedOut {
                return .failure(OIDCError(.timedOut, detail: "the identity provider did not answer in time"))
            }
            if code == .cancelled {
                return .failure(CancellationError())
            }
            return .failure(
                OIDCError(.transportFailed, detail: "the request failed: \(error.localizedDescription)"))
        }
        guard let response = state.response else {
            return .failure(OIDCError(.transportFailed, detail: "no HTTP response"))
        }
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        return .success(OIDCHTTPResponse(status: response.statusCode, headers: headers, body: state.body))
    }
}
