extension JSONValue {
    /// Parses an RFC 8259 document. Throws `SCIMError` 400 `invalidSyntax` with the byte offset of the fault;
    /// `maxDepth` bounds the nesting of arrays and objects.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 64) throws -> JSONValue {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        return try parser.parseDocument()
    }

    /// Parses JSON text; the same contract as `parse(_:maxDepth:)` on its UTF-8 bytes.
    public static func parse(_ text: String, maxDepth: Int = 64) throws -> JSONValue {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }
}
