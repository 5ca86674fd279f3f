import Testing

@testable import SCIM

@Suite("JSON parsing (RFC 8259)")
struct JSONValueParsingTests {
    @Test(
        "valid documents parse to the expected value",
        arguments: [
            ("null", JSONValue.null),
            ("true", .bool(true)),
            ("false", .bool(false)),
            ("0", .integer(0)),
            ("-0", .integer(0)),
            ("42", .integer(42)),
            ("-17", .integer(-17)),
            ("9223372036854775807", .integer(Int64.max)),
            ("-9223372036854775808", .integer(Int64.min)),
            ("9223372036854775808", .double(9_223_372_036_854_775_808)),
            ("1.5", .double(1.5)),
            ("-0.25", .double(-0.25)),
            ("1e3", .double(1000)),
            ("2E-2", .double(0.02)),
            ("1.0e+2", .double(100)),
            ("\"\"", .string("")),
            ("\"plain\"", .string("plain")),
            (" \t\r\n[ ] ", .array([])),
            ("{}", .object([:])),
            ("[1,\"a\",null,true,{\"k\":[]}]", .array([1, "a", .null, true, ["k": []]])),
            ("{\"a\":{\"b\":{\"c\":1}}}", ["a": ["b": ["c": 1]]]),
        ] as [(String, JSONValue)])
    func parsesValid(text: String, expected: JSONValue) throws {
        #expect(try JSONValue.parse(text) == expected)
    }

    @Test(
        "escapes and Unicode decode to the right characters",
        arguments: [
            (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{08}\u{0C}\n\r\t"),
            (#""\u0041\u00e9\u4e2d""#, "Aé中"),
            (#""\ud83d\ude00""#, "😀"),
            (#""\uD834\uDD1E clef""#, "𝄞 clef"),
            ("\"Zoë Ångström 日本 😀\"", "Zoë Ångström 日本 😀"),
            (#""\u0000""#, "\u{0}"),
        ])
    func decodesEscapes(text: String, expected: String) throws {
        #expect(try JSONValue.parse(text) == .string(expected))
    }

    @Test(
        "malformed documents are invalidSyntax with a clear detail",
        arguments: [
            ("", "empty"),
            ("   ", "empty"),
            ("{", "expected a quoted object key"),
            ("[1,]", "expected a value"),
            ("[1 2]", "expected ',' or ']'"),
            ("{\"a\" 1}", "expected ':'"),
            ("{\"a\":1,}", "expected a quoted object key"),
            ("{a:1}", "expected a quoted object key"),
            ("{\"a\":1}x", "unexpected data after"),
            ("01", "leading zero"),
            ("1.", "digit after the decimal point"),
            (".5", "unexpected character"),
            ("+1", "unexpected character"),
            ("1e", "exponent"),
            ("-", "expected a digit"),
            ("tru", "invalid literal"),
            ("nul", "invalid literal"),
            ("NaN", "unexpected character"),
            ("\"abc", "unterminated string"),
            ("\"a\u{01}b\"", "control character"),
            ("\"tab\there\"", "control character"),
            (#""\x""#, "invalid escape"),
            (#""\u12""#, "four hex digits"),
            (#""\ud83d""#, "low surrogate"),
            (#""\ud83d\u0041""#, "invalid low surrogate"),
            (#""\ude00""#, "without a preceding high surrogate"),
            ("{\"a\":1,\"a\":2}", "appears twice"),
            ("1e400", "out of range"),
            ("'single'", "unexpected character"),
        ])
    func rejectsMalformed(text: String, detailFragment: String) {
        let error = scimError { _ = try JSONValue.parse(text) }
        #expect(error?.status == 400)
        #expect(error?.scimType == .invalidSyntax)
        #expect(error?.detail.contains(detailFragment) == true, "detail was: \(error?.detail ?? "no error")")
    }

    @Test("invalid UTF-8 inside a string is rejected")
    func rejectsInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0x61, 0xC3, 0x28, 0x22]
        let error = scimError { _ = try JSONValue.parse(bytes) }
        #expect(error?.scimType == .invalidSyntax)
        #expect(error?.detail.contains("UTF-8") == true)
    }

    @Test("a leading UTF-8 byte-order mark is skipped")
    func skipsByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"a\":1}".utf8)
        #expect(try JSONValue.parse(bytes) == ["a": 1])
    }

    @Test("nesting up to the limit parses and one level more fails", arguments: [1, 8, 64])
    func enforcesDepth(limit: Int) throws {
        let atLimit = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(throws: Never.self) { try JSONValue.parse(Array(atLimit.utf8), maxDepth: limit) }
        let beyond = "[" + atLimit + "]"
        let error = scimError { _ = try JSONValue.parse(Array(beyond.utf8), maxDepth: limit) }
        #expect(error?.scimType == .invalidSyntax)
        #expect(error?.detail.contains("deeper than the limit of \(limit)") == true)
    }

    @Test("a hostile deeply nested body fails cleanly instead of exhausting the stack")
    func survivesHostileNesting() {
        let hostile = String(repeating: "[", count: 200_000)
        let error = scimError { _ = try JSONValue.parse(hostile) }
        #expect(error?.scimType == .invalidSyntax)
    }

    @Test("the error detail names the byte offset of the fault")
    func namesOffset() {
        let error = scimError { _ = try JSONValue.parse("{\"a\":tru}") }
        #expect(error?.detail.hasPrefix("Invalid JSON at byte 5") == true, "detail was: \(error?.detail ?? "")")
    }

    @Test("accessors read the matching case and nothing else")
    func accessors() throws {
        let value = try json(#"{"s":"x","b":true,"a":[1],"o":{},"i":3,"d":2.0,"n":null}"#)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?.arrayValue == [1])
        #expect(value["o"]?.objectValue == [:])
        #expect(value["i"]?.integerValue == 3)
        #expect(value["d"]?.integerValue == 2)
        #expect(value["d"]?.doubleValue == 2.0)
        #expect(value["n"]?.isNull == true)
        #expect(value["s"]?.boolValue == nil)
        #expect(value["S"] == nil)
        #expect(value.member(named: "S")?.value == "x")
        #expect(JSONValue.string("x")["s"] == nil)
    }
}
