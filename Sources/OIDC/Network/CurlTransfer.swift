import CCurl
import Glibc
import Synchronization

/// One request's libcurl transfer for `CurlHTTPClient`: the single owner of the easy handle, its two lists and
/// its error buffer (all freed in `deinit`), and the collector of the response libcurl's callbacks deliver.
///
/// `@unchecked Sendable`: a transfer is configured on the sending task, then handed whole to one thread that
/// calls `perform()` once; libcurl runs every callback on that thread. The only member touched from elsewhere is
/// `cancelled`, an `Atomic`, set by the task's cancellation handler.
final class CurlTransfer: @unchecked Sendable {
    /// Once per process, before the first easy handle: `curl_easy_init` would otherwise do it unsynchronized.
    private static let globalInitialization = curl_global_init(ccurl_global_default())

    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var resolveList: UnsafeMutablePointer<curl_slist>?
    private let permitted: Set<IPAddress>
    private let maximumBytes: Int
    private let cancelled = Atomic<Bool>(false)

    private var headers: [String: String] = [:]
    private var lastHeaderName: String?
    private var headerBytes = 0
    private var body: [UInt8] = []
    private var tooLarge = false
    private var refusedAddress: IPAddress?

    /// Prepares `request` so that it connects only to `addresses`. `pin` is the `CURLOPT_RESOLVE` entry
    /// (`host:port:address,…`) that stops libcurl resolving the host itself; nil when the host is an address.
    init(
        request: OIDCHTTPRequest, addresses: [IPAddress], pin: String?, timeout: Duration, maximumResponseBytes: Int
    ) throws {
        guard Self.globalInitialization == CURLE_OK, let handle = curl_easy_init() else {
            throw OIDCError(.transportFailed, detail: "libcurl could not be initialised")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        permitted = Set(addresses.map { $0.mappedIPv4 ?? $0 })
        maximumBytes = maximumResponseBytes

        try configureSafety(timeout: timeout)
        try configureCallbacks()
        if let pin { try pinResolution(pin) }
        try configureRequest(request)
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
        curl_slist_free_all(resolveList)
        errorBuffer.deallocate()
    }

    /// Asks the running transfer to stop; libcurl notices at its next progress callback.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }

    /// Runs the transfer to its end on the calling thread, which it blocks.
    func perform() -> Result<OIDCHTTPResponse, any Error> {
        if cancelled.load(ordering: .relaxed) { return .failure(CancellationError()) }
        return outcome(curl_easy_perform(handle))
    }

    private func outcome(_ code: CURLcode) -> Result<OIDCHTTPResponse, any Error> {
        if tooLarge || code == CURLE_FILESIZE_EXCEEDED {
            return .failure(OIDCError(.responseTooLarge, detail: "the response exceeds the limit"))
        }
        if code != CURLE_OK, cancelled.load(ordering: .relaxed) {
            return .failure(CancellationError())
        }
        if code == CURLE_OPERATION_TIMEDOUT {
            return .failure(OIDCError(.timedOut, detail: "the identity provider did not answer in time"))
        }
        if let refusedAddress {
            return .failure(
                OIDCError(
                    .transportFailed,
                    detail: "refused to connect to \(refusedAddress), an address the SSRF check did not approve"))
        }
        guard code == CURLE_OK else {
            return .failure(OIDCError(.transportFailed, detail: "the request failed: \(message(for: code))"))
        }
        var status = 0
        guard ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK, status > 0 else {
            return .failure(OIDCError(.transportFailed, detail: "no HTTP response"))
        }
        return .success(OIDCHTTPResponse(status: status, headers: headers, body: body))
    }

    private func message(for code: CURLcode) -> String {
        let detailed = String(cString: errorBuffer)
        return detailed.isEmpty ? String(cString: curl_easy_strerror(code)) : detailed
    }
}

extension CurlTransfer {
    /// No redirects (a 3xx is the answer), no proxy from the environment (it would resolve the host itself),
    /// no signals (the process is multi-threaded), certificate and host name checked, and hard limits on time
    /// and declared size.
    fileprivate func configureSafety(timeout: Duration) throws {
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try set(CURLOPT_PROTOCOLS_STR, string: "http,https")
        try set(CURLOPT_FOLLOWLOCATION, long: 0)
        try set(CURLOPT_PROXY, string: "")
        try set(CURLOPT_NOPROXY, string: "*")
        try set(CURLOPT_NOSIGNAL, long: 1)
        try set(CURLOPT_SSL_VERIFYPEER, long: 1)
        try set(CURLOPT_SSL_VERIFYHOST, long: 2)
        try set(CURLOPT_TIMEOUT_MS, long: Self.milliseconds(timeout))
        try check(ccurl_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maximumBytes)), "MAXFILESIZE")
    }

    fileprivate func configureCallbacks() throws {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try set(CURLOPT_WRITEDATA, pointer: context)
        try set(CURLOPT_HEADERDATA, pointer: context)
        try set(CURLOPT_XFERINFODATA, pointer: context)
        try set(CURLOPT_OPENSOCKETDATA, pointer: context)
        try set(CURLOPT_NOPROGRESS, long: 0)

        let write = ccurl_setopt_write_function(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            guard let data, let context else { return 0 }
            let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().receiveBody(bytes)
        }
        try check(write, "WRITEFUNCTION")
        let header = ccurl_setopt_write_function(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            guard let data, let context else { return 0 }
            let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().receiveHeader(bytes)
        }
        try check(header, "HEADERFUNCTION")
        let progress = ccurl_setopt_xferinfo_function(handle) { context, _, _, _, _ in
            guard let context else { return 1 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().cancelled.load(ordering: .relaxed)
                ? 1 : 0
        }
        try check(progress, "XFERINFOFUNCTION")
        let open = ccurl_setopt_opensocket_function(handle) { context, purpose, address in
            guard let context, let address else { return ccurl_socket_bad() }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().openSocket(purpose, address)
        }
        try check(open, "OPENSOCKETFUNCTION")
    }

    fileprivate func pinResolution(_ entry: String) throws {
        guard let list = curl_slist_append(nil, entry) else {
            throw OIDCError(.transportFailed, detail: "libcurl could not allocate the resolve list")
        }
        resolveList = list
        try set(CURLOPT_RESOLVE, pointer: UnsafeMutableRawPointer(list))
    }

    /// Header names and values must not carry line breaks: libcurl sends them as given.
    fileprivate func configureRequest(_ request: OIDCHTTPRequest) throws {
        try set(CURLOPT_URL, string: request.url.absoluteString)
        // Some IdPs' front doors refuse requests without a User-Agent; a request header of that name overrides it.
        try set(CURLOPT_USERAGENT, string: "scim-gateway")
        var lines = try request.headers.sorted { $0.key < $1.key }.map { name, value in
            guard !name.isEmpty, !name.contains(":"), !name.breaksHeaderLine, !value.breaksHeaderLine else {
                throw OIDCError(.invalidConfiguration, detail: "a request header is malformed")
            }
            return value.isEmpty ? "\(name);" : "\(name): \(value)"
        }
        if request.method == .post {
            // libcurl would otherwise ask for `100 Continue` before larger bodies and wait for it.
            lines.append("Expect:")
            try set(CURLOPT_POST, long: 1)
            // An explicit size of zero is libcurl's zero-byte POST; without one it would read a body from stdin.
            let size = curl_off_t(request.body.count)
            try check(ccurl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, size), "POSTFIELDSIZE")
            if !request.body.isEmpty {
                // COPYPOSTFIELDS takes its own copy, so the buffer need not outlive this call.
                let copied = request.body.withUnsafeBytes { bytes in
                    ccurl_setopt_pointer(
                        handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                }
                try check(copied, "COPYPOSTFIELDS")
            }
        }
        for line in lines {
            guard let list = curl_slist_append(headerList, line) else {
                throw OIDCError(.transportFailed, detail: "libcurl could not allocate the header list")
            }
            headerList = list
        }
        if let headerList { try set(CURLOPT_HTTPHEADER, pointer: UnsafeMutableRawPointer(headerList)) }
    }

    private func set(_ option: CURLoption, long value: Int) throws {
        try check(ccurl_setopt_long(handle, option, value), "option \(option.rawValue)")
    }

    private func set(_ option: CURLoption, string value: String) throws {
        try check(value.withCString { ccurl_setopt_string(handle, option, $0) }, "option \(option.rawValue)")
    }

    private func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer) throws {
        try check(ccurl_setopt_pointer(handle, option, value), "option \(option.rawValue)")
    }

    private func check(_ code: CURLcode, _ what: String) throws {
        guard code == CURLE_OK else {
            let reason = String(cString: curl_easy_strerror(code))
            throw OIDCError(.transportFailed, detail: "libcurl refused \(what): \(reason)")
        }
    }

    /// Whole milliseconds, rounded up and at least one: libcurl reads zero as "no timeout".
    private static func milliseconds(_ duration: Duration) -> Int {
        let parts = duration.components
        guard parts.seconds < Int64(Int.max / 1000) - 1 else { return Int.max }
        let fraction = (parts.attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return max(1, Int(parts.seconds * 1000 + fraction))
    }
}

extension CurlTransfer {
    /// Appends to the body; returning less than was offered makes libcurl stop with `CURLE_WRITE_ERROR`.
    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard body.count + bytes.count <= maximumBytes else {
            tooLarge = true
            body = []
            return 0
        }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    /// Called once per header line, status line and final blank line included. A new status line starts a new
    /// response (an interim `1xx`), so the headers gathered so far are dropped. Repeated fields are joined with
    /// commas (RFC 9110 §5.3); a line starting with white space continues the previous field (RFC 9112 §5.2).
    fileprivate func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        headerBytes += bytes.count
        guard headerBytes <= maximumBytes else {
            tooLarge = true
            return 0
        }
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = [:]
            lastHeaderName = nil
            headerBytes = bytes.count
            return bytes.count
        }
        let trimmed = line.trimmingWhitespace()
        if line.first == " " || line.first == "\t" {
            if let name = lastHeaderName, !trimmed.isEmpty { headers[name, default: ""] += " " + trimmed }
            return bytes.count
        }
        guard let colon = trimmed.firstIndex(of: ":") else { return bytes.count }
        let name = String(trimmed[..<colon]).lowercased()
        let value = String(trimmed[trimmed.index(after: colon)...]).trimmingWhitespace()
        if let earlier = headers[name] {
            headers[name] = earlier + ", " + value
        } else {
            headers[name] = value
        }
        lastHeaderName = name
        return bytes.count
    }

    /// Opens the socket libcurl is about to connect, but only to an address the SSRF check approved: whatever
    /// libcurl resolved or was told, nothing else is ever connected.
    fileprivate func openSocket(_ purpose: curlsocktype, _ address: UnsafeMutablePointer<curl_sockaddr>)
        -> curl_socket_t
    {
        guard purpose == CURLSOCKTYPE_IPCXN, !cancelled.load(ordering: .relaxed) else { return ccurl_socket_bad() }
        guard let target = Self.ipAddress(of: address), permitted.contains(target.mappedIPv4 ?? target) else {
            refusedAddress = Self.ipAddress(of: address)
            return ccurl_socket_bad()
        }
        let descriptor = socket(
            address.pointee.family, address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue), address.pointee.protocol)
        return descriptor < 0 ? ccurl_socket_bad() : descriptor
    }

    /// libcurl allocates room for a whole `sockaddr_in6` behind the `sockaddr` field, so the address is read
    /// through a pointer to that field, never by copying the 16-byte `sockaddr` out.
    private static func ipAddress(of address: UnsafeMutablePointer<curl_sockaddr>) -> IPAddress? {
        guard let offset = MemoryLayout<curl_sockaddr>.offset(of: \.addr) else { return nil }
        let raw = UnsafeRawPointer(address) + offset
        let length = Int(address.pointee.addrlen)
        switch address.pointee.family {
        case AF_INET where length >= MemoryLayout<sockaddr_in>.size:
            var value = raw.loadUnaligned(as: sockaddr_in.self).sin_addr
            return IPAddress(bytes: withUnsafeBytes(of: &value) { Array($0) })
        case AF_INET6 where length >= MemoryLayout<sockaddr_in6>.size:
            var value = raw.loadUnaligned(as: sockaddr_in6.self).sin6_addr
            return IPAddress(bytes: withUnsafeBytes(of: &value) { Array($0) })
        default:
            return nil
        }
    }
}

extension String {
    /// Works on Unicode scalars: to `Character`, "\r\n" is one grapheme, equal to neither "\r" nor "\n".
    fileprivate func trimmingWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, Self.isWhitespace(first) { scalars.removeFirst() }
        while let last = scalars.last, Self.isWhitespace(last) { scalars.removeLast() }
        return String(scalars)
    }

    fileprivate var breaksHeaderLine: Bool {
        unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n"
    }
}
