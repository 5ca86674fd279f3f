/// Lends libpq an array of C strings. All strings are copied into one NUL-separated buffer, and the pointer
/// array into it is built and used inside the buffer's `withUnsafeBufferPointer` scope, so no pointer outlives
/// its storage. Callers must reject strings containing NUL first: C would read them as cut short.
enum CStringArray {
    /// Calls `body` with one pointer per string (nil for a nil string), followed by a terminating nil.
    static func withPointers<Result>(
        _ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>) throws -> Result
    ) rethrows -> Result {
        var buffer: [CChar] = []
        var offsets: [Int?] = []
        offsets.reserveCapacity(strings.count)
        for string in strings {
            guard let string else {
                offsets.append(nil)
                continue
            }
            offsets.append(buffer.count)
            buffer.append(contentsOf: string.utf8.map { CChar(bitPattern: $0) })
            buffer.append(0)
        }
        return try buffer.withUnsafeBufferPointer { storage in
            var pointers: [UnsafePointer<CChar>?] = offsets.map { offset in
                guard let offset, let base = storage.baseAddress else { return nil }
                return base + offset
            }
            pointers.append(nil)
            return try pointers.withUnsafeBufferPointer { try body($0.baseAddress!) }
        }
    }
}
