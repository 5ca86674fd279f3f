/// A response produced by a handler.
///
/// The server owns framing: it always writes `Content-Length` (except where RFC 9110 §8.6 forbids it),
/// adds `Date` when absent, and sets `Connection` itself; `Content-Length`, `Transfer-Encoding` and
/// `Connection` set here are replaced. A handler that sets `Connection: close` gets the connection
/// closed after the response.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
