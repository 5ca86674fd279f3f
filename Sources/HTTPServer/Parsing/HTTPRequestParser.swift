/// An incremental HTTP/1.0 and HTTP/1.1 request parser: bytes in, events out (RFC 9112).
///
/// A pure value with no I/O and no clock, so every framing rule is testable from byte strings.
/// Feed bytes with `append(_:)`, then call `next()` until it returns nil (more bytes needed).
/// Pipelined requests come out one at a time, in order. After a `.failure` the parser is spent:
/// the connection must answer and close, because the framing of anything after it is unknown.
struct HTTPRequestParser: Sendable {
    struct Limits: Sendable, Equatable {
        var maxRequestLineBytes: Int
        var maxHeaderBytes: Int
        var maxBodyBytes: Int
    }

    enum Event: Sendable {
        /// The head asked for `100 Continue` and none of the body has arrived yet (RFC 9110 §10.1.1).
        case continueExpected
        /// A complete request; `keepAlive` says whether the connection may carry another one.
        case request(HTTPRequest, keepAlive: Bool)
        case failure(HTTPServerFailure)
    }

    /// Which timeout applies: none of the next request has arrived, its head is arriving, or its body.
    enum Phase: Sendable, Equatable {
        case idle
        case head
        case body
    }

    /// Longest chunk-size line including extensions; no legitimate client comes near it.
    static let maxChunkSizeLineBytes = 4096

    /// Empty lines ignored before a request line (RFC 9112 §2.2 asks to ignore at least one).
    static let maxEmptyLinesBeforeRequest = 8

    private enum State: Sendable {
        case requestLine
        case headerFields
        case fixedBody(remaining: Int)
        case chunkSizeLine
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailerFields
        case failed
    }

    /// The parts of the request known once its request line has been read.
    private struct Head: Sendable {
        var method: String
        var rawTarget: String
        var target: RequestTarget
        var version: HTTPVersion
        var headers = HTTPHeaders()
    }

    private enum Step {
        case needMoreBytes
        case progressed
        case event(Event)
    }

    private enum Line {
        case complete(Range<Int>)
        case incomplete
        case tooLong
    }

    let limits: Limits
    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var scanIndex = 0
    private var state = State.requestLine
    private var sectionBytes = 0
    private var emptyLinesBeforeRequest = 0
    private var head: Head?
    private var body: [UInt8] = []
    private var keepAlive = false

    init(limits: Limits) {
        self.limits = limits
    }

    var phase: Phase {
        switch state {
        case .requestLine: readIndex == buffer.count ? .idle : .head
        case .headerFields, .failed: .head
        case .fixedBody, .chunkSizeLine, .chunkData, .chunkDataEnd, .trailerFields: .body
        }
    }

    /// Bytes received but not yet consumed by a request.
    var unconsumedByteCount: Int { buffer.count - readIndex }

    mutating func append(_ bytes: some Sequence<UInt8>) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// The next event, or nil when more bytes are needed (or the parser has failed).
    mutating func next() -> Event? {
        while true {
            switch step() {
            case .needMoreBytes: return nil
            case .progressed: continue
            case .event(let event): return event
            }
        }
    }

    private mutating func step() -> Step {
        switch state {
        case .requestLine: readRequestLine()
        case .headerFields: readHeaderField()
        case .fixedBody(let remaining): readFixedBody(remaining: remaining)
        case .chunkSizeLine: readChunkSizeLine()
        case .chunkData(let remaining): readChunkData(remaining: remaining)
        case .chunkDataEnd: readChunkDataEnd()
        case .trailerFields: readTrailerField()
        case .failed: .needMoreBytes
        }
    }

    // MARK: Head

    private mutating func readRequestLine() -> Step {
        switch nextLine(limit: limits.maxRequestLineBytes) {
        case .incomplete:
            return .needMoreBytes
        case .tooLong:
            return fail(.uriTooLong)
        case .complete(let range) where range.isEmpty:
            emptyLinesBeforeRequest += 1
            return emptyLinesBeforeRequest > Self.maxEmptyLinesBeforeRequest ? fail(.badRequest) : .progressed
        case .complete(let range):
            guard let parsed = parseRequestLine(buffer[range]) else { return fail(.badRequest) }
            head = parsed
            sectionBytes = 0
            state = .headerFields
            return .progressed
        }
    }

    /// `method SP request-target SP HTTP-version`, single spaces, nothing else (RFC 9112 §3).
    private func parseRequestLine(_ line: ArraySlice<UInt8>) -> Head? {
        guard let firstSpace = line.firstIndex(of: ASCII.space),
            let secondSpace = line[(firstSpace + 1)...].firstIndex(of: ASCII.space)
        else { return nil }
        let method = line[..<firstSpace]
        let target = line[(firstSpace + 1)..<secondSpace]
        let versionText = line[(secondSpace + 1)...]
        guard !method.isEmpty, method.allSatisfy(ASCII.isTokenCharacter),
            !target.isEmpty, target.allSatisfy(ASCII.isVisible)
        else { return nil }

        let version: HTTPVersion
        if versionText.elementsEqual("HTTP/1.1".utf8) {
            version = .http1_1
        } else if versionText.elementsEqual("HTTP/1.0".utf8) {
            version = .http1_0
        } else {
            return nil
        }
        let rawTarget = String(decoding: target, as: UTF8.self)
        guard let decoded = RequestTarget(rawTarget) else { return nil }
        return Head(
            method: String(decoding: method, as: UTF8.self), rawTarget: rawTarget, target: decoded,
            version: version)
    }

    private mutating func readHeaderField() -> Step {
        switch nextLine(limit: limits.maxHeaderBytes - sectionBytes) {
        case .incomplete:
            return .needMoreBytes
        case .tooLong:
            return fail(.headersTooLarge)
        case .complete(let range):
            sectionBytes += readIndex - range.lowerBound
            guard sectionBytes <= limits.maxHeaderBytes else { return fail(.headersTooLarge) }
            if range.isEmpty { return completeHead() }
            guard let field = parseField(buffer[range]) else { return fail(.badRequest) }
            head?.headers.add(name: field.name, value: field.value)
            return .progressed
        }
    }

    /// `field-name ":" OWS field-value OWS` (RFC 9112 §5). Rejects obsolete line folding (§5.2) and
    /// whitespace before the colon (§5.1), both classic smuggling vectors.
    private func parseField(_ line: ArraySlice<UInt8>) -> (name: String, value: String)? {
        guard let first = line.first, !ASCII.isWhitespace(first),
            let colon = line.firstIndex(of: ASCII.colon)
        else { return nil }
        let name = line[..<colon]
        guard !name.isEmpty, name.allSatisfy(ASCII.isTokenCharacter) else { return nil }
        let value = ASCII.trimmingWhitespace(line[(colon + 1)...])
        guard value.allSatisfy(ASCII.isFieldValueByte) else { return nil }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// Decides the body's framing (RFC 9112 §6.3) and refuses every ambiguous combination.
    private mutating func completeHead() -> Step {
        guard let head else { return fail(.badRequest) }
        let headers = head.headers
        guard headers.values(for: "Host").count <= 1 else { return fail(.badRequest) }  // RFC 9112 §3.2
        keepAlive = Self.keepsAlive(version: head.version, headers: headers)
        body = []
        sectionBytes = 0

        let codings = headers.values(for: "Transfer-Encoding")
        let lengths = headers.values(for: "Content-Length")
        if !codings.isEmpty {
            // RFC 9112 §6.1: Transfer-Encoding in HTTP/1.0 is faulty framing; with Content-Length it
            // is the request-smuggling shape, so both are refused rather than one being preferred.
            guard head.version == .http1_1, lengths.isEmpty else { return fail(.badRequest) }
            if let failure = Self.checkChunkedCoding(codings) { return fail(failure) }
            state = .chunkSizeLine
        } else if !lengths.isEmpty {
            guard lengths.count == 1, let length = Self.parseContentLength(lengths[0]) else {
                return fail(.badRequest)
            }
            guard length <= limits.maxBodyBytes else { return fail(.bodyTooLarge) }
            guard length > 0 else { return finishRequest() }
            body.reserveCapacity(length)
            state = .fixedBody(remaining: length)
        } else {
            return finishRequest()
        }

        let expectsContinue = headers.values(for: "Expect").contains {
            ASCII.equalsIgnoringCase($0.utf8, "100-continue")
        }
        if expectsContinue, head.version == .http1_1, unconsumedByteCount == 0 {
            return .event(.continueExpected)
        }
        return .progressed
    }

    /// Nil when the codings are exactly "chunked"; otherwise the failure to answer with.
    private static func checkChunkedCoding(_ values: [String]) -> HTTPServerFailure? {
        var codings: [String] = []
        for value in values {
            for element in value.utf8.split(separator: 0x2C, omittingEmptySubsequences: false) {
                let coding = ASCII.trimmingWhitespace(element)
                guard !coding.isEmpty, coding.allSatisfy(ASCII.isTokenCharacter) else { return .badRequest }
                codings.append(String(decoding: coding.map(ASCII.lowercased), as: UTF8.self))
            }
        }
        // RFC 9112 §6.3: chunked must be final or the length is unknowable (400);
        // §6.1: chunked must not be applied twice; any other coding is one we cannot decode (501).
        guard codings.last == "chunked", codings.filter({ $0 == "chunked" }).count == 1 else { return .badRequest }
        return codings.count == 1 ? nil : .unsupportedTransferEncoding
    }

    /// `1*DIGIT` only (RFC 9110 §8.6): no sign, no list, no spaces inside. Nil when malformed;
    /// a value too large for Int saturates so that it is answered with 413.
    private static func parseContentLength(_ value: String) -> Int? {
        guard !value.isEmpty else { return nil }
        var length = 0
        for byte in value.utf8 {
            guard (0x30...0x39).contains(byte) else { return nil }
            let (shifted, overflowA) = length.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(Int(byte - 0x30))
            length = overflowA || overflowB ? Int.max : sum
        }
        return length
    }

    /// HTTP/1.1 keeps alive unless told `close`; HTTP/1.0 closes unless told `keep-alive` (RFC 9112 §9.3).
    private static func keepsAlive(version: HTTPVersion, headers: HTTPHeaders) -> Bool {
        let options = headers.values(for: "Connection").flatMap { $0.utf8.split(separator: 0x2C) }
            .map { ASCII.trimmingWhitespace($0) }
        if options.contains(where: { ASCII.equalsIgnoringCase($0, "close") }) { return false }
        if version == .http1_1 { return true }
        return options.contains { ASCII.equalsIgnoringCase($0, "keep-alive") }
    }

    // MARK: Body

    private mutating func readFixedBody(remaining: Int) -> Step {
        let taken = takeBodyBytes(upTo: remaining)
        guard taken > 0 else { return .needMoreBytes }
        if taken == remaining { return finishRequest() }
        state = .fixedBody(remaining: remaining - taken)
        return .needMoreBytes
    }

    /// `chunk-size [ chunk-ext ] CRLF` (RFC 9112 §7.1); extensions are ignored but must be clean.
    private mutating func readChunkSizeLine() -> Step {
        switch nextLine(limit: Self.maxChunkSizeLineBytes) {
        case .incomplete:
            return .needMoreBytes
        case .tooLong:
            return fail(.badRequest)
        case .complete(let range):
            let line = buffer[range]
            var size = 0
            var index = line.startIndex
            while index < line.endIndex, let digit = ASCII.hexValue(line[index]) {
                let (shifted, overflow) = size.multipliedReportingOverflow(by: 16)
                guard !overflow else { return fail(.badRequest) }
                size = shifted | digit
                index += 1
            }
            guard index > line.startIndex, Self.isChunkExtension(line[index...]) else { return fail(.badRequest) }
            if size == 0 {
                sectionBytes = 0
                state = .trailerFields
                return .progressed
            }
            guard size <= limits.maxBodyBytes - body.count else { return fail(.bodyTooLarge) }
            state = .chunkData(remaining: size)
            return .progressed
        }
    }

    /// Empty, or `BWS ";" ...` with no control characters.
    private static func isChunkExtension(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let semicolon = bytes.firstIndex(where: { !ASCII.isWhitespace($0) }) else { return bytes.isEmpty }
        return bytes[semicolon] == ASCII.semicolon && bytes[semicolon...].allSatisfy(ASCII.isFieldValueByte)
    }

    private mutating func readChunkData(remaining: Int) -> Step {
        let taken = takeBodyBytes(upTo: remaining)
        guard taken > 0 else { return .needMoreBytes }
        state = taken == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - taken)
        return .progressed
    }

    /// The CRLF after chunk data; anything else means the declared size was wrong.
    private mutating func readChunkDataEnd() -> Step {
        switch nextLine(limit: 0) {
        case .incomplete:
            return .needMoreBytes
        case .tooLong:
            return fail(.badRequest)
        case .complete:
            state = .chunkSizeLine
            return .progressed
        }
    }

    /// Trailer fields are checked for syntax and size, then dropped (RFC 9112 §7.1.2 lets us).
    private mutating func readTrailerField() -> Step {
        switch nextLine(limit: limits.maxHeaderBytes - sectionBytes) {
        case .incomplete:
            return .needMoreBytes
        case .tooLong:
            return fail(.headersTooLarge)
        case .complete(let range):
            sectionBytes += readIndex - range.lowerBound
            guard sectionBytes <= limits.maxHeaderBytes else { return fail(.headersTooLarge) }
            if range.isEmpty { return finishRequest() }
            return parseField(buffer[range]) == nil ? fail(.badRequest) : .progressed
        }
    }

    private mutating func takeBodyBytes(upTo limit: Int) -> Int {
        let count = min(limit, unconsumedByteCount)
        guard count > 0 else { return 0 }
        body.append(contentsOf: buffer[readIndex..<(readIndex + count)])
        readIndex += count
        scanIndex = readIndex
        return count
    }

    // MARK: Transitions

    private mutating func finishRequest() -> Step {
        guard let head else { return fail(.badRequest) }
        var request = HTTPRequest(
            method: head.method, target: head.target, raw: head.rawTarget, version: head.version,
            headers: head.headers)
        request.body = body
        self.head = nil
        body = []
        sectionBytes = 0
        emptyLinesBeforeRequest = 0
        state = .requestLine
        return .event(.request(request, keepAlive: keepAlive))
    }

    private mutating func fail(_ failure: HTTPServerFailure) -> Step {
        state = .failed
        head = nil
        body = []
        return .event(.failure(failure))
    }

    // MARK: Buffer

    /// The next line ending in LF or CRLF (RFC 9112 §2.2 lets a recipient accept a bare LF).
    /// A CR anywhere else stays in the line, where the byte-class checks reject it.
    /// `limit` excludes the terminator; the search resumes where it stopped, so a head trickling
    /// in one byte at a time costs linear, not quadratic, time.
    private mutating func nextLine(limit: Int) -> Line {
        let start = readIndex
        guard let lineFeed = buffer[scanIndex...].firstIndex(of: ASCII.lineFeed) else {
            scanIndex = buffer.count
            return buffer.count - start > max(limit, 0) + 1 ? .tooLong : .incomplete
        }
        var end = lineFeed
        if end > start, buffer[end - 1] == ASCII.carriageReturn { end -= 1 }
        guard end - start <= limit else { return .tooLong }
        readIndex = lineFeed + 1
        scanIndex = readIndex
        return .complete(start..<end)
    }

    /// Drops consumed bytes once they are the larger part of the buffer, keeping appends amortised O(1).
    private mutating func compact() {
        guard readIndex > 0 else { return }
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else if readIndex >= 4096, readIndex * 2 >= buffer.count {
            buffer.removeSubrange(0..<readIndex)
        } else {
            return
        }
        scanIndex -= readIndex
        readIndex = 0
    }
}
