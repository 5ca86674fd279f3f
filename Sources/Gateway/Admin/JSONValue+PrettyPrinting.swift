import SCIM

extension JSONValue {
    /// Indented text with keys sorted by their UTF-8 bytes and a final newline: the same value always yields the
    /// same bytes, so a checked-in document can be compared with the served one byte for byte.
    func prettyPrinted(indent: Int = 2) -> [UInt8] {
        var output: [UInt8] = []
        writePretty(into: &output, depth: 0, indent: indent)
        output.append(0x0A)
        return output
    }

    private func writePretty(into output: inout [UInt8], depth: Int, indent: Int) {
        let inner = [UInt8](repeating: 0x20, count: (depth + 1) * indent)
        let outer = [UInt8](repeating: 0x20, count: depth * indent)
        switch self {
        case .array(let elements) where !elements.isEmpty:
            output.append(contentsOf: Array("[\n".utf8))
            for (index, element) in elements.enumerated() {
                output.append(contentsOf: inner)
                element.writePretty(into: &output, depth: depth + 1, indent: indent)
                output.append(contentsOf: Array((index + 1 < elements.count ? ",\n" : "\n").utf8))
            }
            output.append(contentsOf: outer)
            output.append(UInt8(ascii: "]"))
        case .object(let members) where !members.isEmpty:
            output.append(contentsOf: Array("{\n".utf8))
            let keys = members.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for (index, key) in keys.enumerated() {
                output.append(contentsOf: inner)
                output.append(contentsOf: JSONValue.string(key).serialized())
                output.append(contentsOf: Array(": ".utf8))
                members[key]!.writePretty(into: &output, depth: depth + 1, indent: indent)
                output.append(contentsOf: Array((index + 1 < keys.count ? ",\n" : "\n").utf8))
            }
            output.append(contentsOf: outer)
            output.append(UInt8(ascii: "}"))
        default:
            output.append(contentsOf: serialized())
        }
    }
}
