/// One-dimensional array literals in text format (PostgreSQL manual §8.15.6): `{"a","b c",NULL}`.
/// Binds quote every element; reading accepts quoted and unquoted elements and a leading `[l:u]=` bound.
enum PostgresArrayLiteral {
    static func format(_ elements: [String]) -> String {
        var output = "{"
        for (position, element) in elements.enumerated() {
            if position > 0 { output += "," }
            output += "\""
            for character in element.unicodeScalars {
                if character == "\"" || character == "\\" { output += "\\" }
                output.unicodeScalars.append(character)
            }
            output += "\""
        }
        return output + "}"
    }

    /// The elements in order; nil for an unquoted NULL.
    static func parse(_ text: String) throws -> [String?] {
        var input = Array(text.utf8)[...]
        if input.first == UInt8(ascii: "[") {
            guard let equals = input.firstIndex(of: UInt8(ascii: "=")) else { throw malformed }
            input = input[(equals + 1)...]
        }
        guard input.first == UInt8(ascii: "{"), input.last == UInt8(ascii: "}") else { throw malformed }
        input = input.dropFirst().dropLast()
        guard !input.isEmpty else { return [] }
        guard input.first != UInt8(ascii: "{") else {
            throw PostgresDecodingFailure(reason: "multi-dimensional arrays are not supported")
        }
        var elements: [String?] = []
        var index = input.startIndex
        while true {
            let (element, next) = try readElement(input, from: index)
            elements.append(element)
            guard next < input.endIndex else { return elements }
            guard input[next] == UInt8(ascii: ",") else { throw malformed }
            index = next + 1
        }
    }

    private static let malformed = PostgresDecodingFailure(reason: "malformed array literal")

    private static func readElement(
        _ input: ArraySlice<UInt8>, from start: Int
    ) throws -> (element: String?, next: Int) {
        var index = start
        var bytes: [UInt8] = []
        if index < input.endIndex, input[index] == UInt8(ascii: "\"") {
            index += 1
            while true {
                guard index < input.endIndex else { throw malformed }
                let byte = input[index]
                if byte == UInt8(ascii: "\"") { return (String(decoding: bytes, as: UTF8.self), index + 1) }
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard index < input.endIndex else { throw malformed }
                }
                bytes.append(input[index])
                index += 1
            }
        }
        while index < input.endIndex, input[index] != UInt8(ascii: ",") {
            if input[index] == UInt8(ascii: "\\") { index += 1 }
            guard index < input.endIndex else { throw malformed }
            bytes.append(input[index])
            index += 1
        }
        let element = String(decoding: bytes, as: UTF8.self).trimmingSpaces
        guard !element.isEmpty else { throw malformed }
        return (element.uppercased() == "NULL" ? nil : element, index)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first?.isWhitespace == true { scalars.removeFirst() }
        while scalars.last?.isWhitespace == true { scalars.removeLast() }
        return String(scalars)
    }
}
