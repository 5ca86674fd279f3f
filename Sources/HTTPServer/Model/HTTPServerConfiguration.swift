/// Every limit and timeout of the HTTP server, in one place. Times are in seconds.
///
/// `HTTPServer.start()` validates the values and throws `invalidConfiguration` naming the field.
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind: an IPv4 or IPv6 literal such as "127.0.0.1", "0.0.0.0", "::1" or "::".
    public var host: String = "127.0.0.1"

    /// TCP port; 0 asks the kernel for a free one, which `start()` returns.
    public var port: Int = 8080

    /// Threads that run handlers and write responses. Idle connections never hold one.
    public var workerCount: Int = 16

    /// Longest request line accepted; longer ones get 414.
    public var maxRequestLineBytes: Int = 8192

    /// Largest header section (and chunked trailer section) accepted; larger ones get 431.
    public var maxHeaderBytes: Int = 32768

    /// Largest request body, declared or decoded; larger ones get 413 before the body is read.
    public var maxBodyBytes: Int = 1_048_576

    /// Time from the first byte of a request to the end of its head; also how long a new
    /// connection may stay silent. Bounds slowloris clients; expiry answers 408.
    public var headerReadTimeout: Double = 10

    /// Time from the end of the head to the end of the body; expiry answers 408.
    public var bodyReadTimeout: Double = 30

    /// How long a kept-alive connection may wait for its next request before it is closed silently.
    public var keepAliveIdleTimeout: Double = 75

    /// Time allowed to write one response to a client that reads slowly.
    public var writeTimeout: Double = 30

    /// Open connections beyond this are accepted and closed at once (with a best-effort 503).
    public var maxConnections: Int = 4096

    /// After a response that closes the connection the server stops sending and reads and discards
    /// what the client still sends (at most 1 MiB) for up to this long, so that an unread request
    /// body does not make the kernel reset the connection before the client has read the response.
    public var closeLingerTimeout: Double = 2

    public init() {}
}
