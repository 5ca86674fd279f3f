import Foundation
import Testing

@testable import Postgres

@Suite("PostgreSQL text formats")
struct PostgresTextFormatTests {
    struct EncodeCase: Sendable, CustomTestStringConvertible {
        let name: String
        let bind: PostgresBind
        let text: String?
        let type: PostgresDataType
        var testDescription: String { name }
    }

    @Test(
        "each Swift type encodes to PostgreSQL text with its type OID",
        arguments: [
            EncodeCase(name: "String", bind: "a'b".postgresBind, text: "a'b", type: .unspecified),
            EncodeCase(name: "Int", bind: Int.min.postgresBind, text: "-9223372036854775808", type: .int8),
            EncodeCase(name: "Int64", bind: Int64(42).postgresBind, text: "42", type: .int8),
            EncodeCase(name: "Int32", bind: Int32(-7).postgresBind, text: "-7", type: .int4),
            EncodeCase(name: "Bool true", bind: true.postgresBind, text: "t", type: .bool),
            EncodeCase(name: "Bool false", bind: false.postgresBind, text: "f", type: .bool),
            EncodeCase(name: "Double", bind: 2.5.postgresBind, text: "2.5", type: .float8),
            EncodeCase(
                name: "Double infinity", bind: (-Double.infinity).postgresBind, text: "-Infinity", type: .float8),
            EncodeCase(name: "Double NaN", bind: Double.nan.postgresBind, text: "NaN", type: .float8),
            EncodeCase(
                name: "UUID", bind: UUID(uuidString: "6F1C2F1E-7A4B-4C55-9D0E-0A1B2C3D4E5F")!.postgresBind,
                text: "6f1c2f1e-7a4b-4c55-9d0e-0a1b2c3d4e5f", type: .uuid),
            EncodeCase(
                name: "Date", bind: Date(timeIntervalSince1970: 1_714_566_600.123456).postgresBind,
                text: "2024-05-01 12:30:00.123456+00", type: .timestamptz),
            EncodeCase(
                name: "Date before 1970", bind: Date(timeIntervalSince1970: -0.5).postgresBind,
                text: "1969-12-31 23:59:59.500000+00", type: .timestamptz),
            EncodeCase(name: "bytes", bind: [UInt8]([0, 0xab, 0xff]).postgresBind, text: "\\x00abff", type: .bytea),
            EncodeCase(name: "Data", bind: Data([1, 2]).postgresBind, text: "\\x0102", type: .bytea),
            EncodeCase(
                name: "text array", bind: ["a", "b \"c\"", "d\\e", ""].postgresBind,
                text: #"{"a","b \"c\"","d\\e",""}"#, type: .textArray),
            EncodeCase(name: "empty text array", bind: [String]().postgresBind, text: "{}", type: .textArray),
            EncodeCase(name: "Int array", bind: [1, -2].postgresBind, text: #"{"1","-2"}"#, type: .int8Array),
            EncodeCase(name: "nil Int", bind: Int?.none.postgresBind, text: nil, type: .int8),
            EncodeCase(name: "nil UUID", bind: UUID?.none.postgresBind, text: nil, type: .uuid),
            EncodeCase(name: "nil String", bind: String?.none.postgresBind, text: nil, type: .unspecified),
        ])
    func encoding(_ example: EncodeCase) {
        #expect(example.bind.text == example.text)
        #expect(example.bind.type == example.type)
    }

    @Test("integers, booleans and doubles decode from server text; malformed text throws")
    func scalarDecoding() throws {
        #expect(try Int.decode(postgresText: "-12") == -12)
        #expect(try Int64.decode(postgresText: "9223372036854775807") == Int64.max)
        #expect(try Int32.decode(postgresText: "2147483647") == Int32.max)
        #expect(throws: PostgresDecodingFailure.self) { try Int32.decode(postgresText: "2147483648") }
        #expect(throws: PostgresDecodingFailure.self) { try Int.decode(postgresText: "1.5") }
        #expect(try Bool.decode(postgresText: "t"))
        #expect(try !Bool.decode(postgresText: "f"))
        #expect(throws: PostgresDecodingFailure.self) { try Bool.decode(postgresText: "yes") }
        #expect(try Double.decode(postgresText: "1e-05") == 0.00001)
        #expect(try Double.decode(postgresText: "-Infinity") == -.infinity)
        #expect(try Double.decode(postgresText: "NaN").isNaN)
        #expect(try Double.decode(postgresText: "12.50") == 12.5)
        #expect(throws: PostgresDecodingFailure.self) { try UUID.decode(postgresText: "not-a-uuid") }
    }

    struct TimestampCase: Sendable, CustomTestStringConvertible {
        let text: String
        let seconds: Double
        var testDescription: String { text }
    }

    @Test(
        "timestamps decode in UTC, with other offsets, without zone, as dates and BC",
        arguments: [
            TimestampCase(text: "2024-05-01 12:30:00.123456+00", seconds: 1_714_566_600.123456),
            TimestampCase(text: "2024-05-01 12:30:00+00", seconds: 1_714_566_600),
            TimestampCase(text: "2024-05-01 14:30:00.5+02", seconds: 1_714_566_600.5),
            TimestampCase(text: "2024-05-01 07:00:00-05:30", seconds: 1_714_566_600),
            TimestampCase(text: "2024-05-01 12:30:00", seconds: 1_714_566_600),
            TimestampCase(text: "2024-05-01T12:30:00+00", seconds: 1_714_566_600),
            TimestampCase(text: "2024-05-01", seconds: 1_714_521_600),
            TimestampCase(text: "1970-01-01 00:00:00+00", seconds: 0),
            TimestampCase(text: "1969-12-31 23:59:59.500000+00", seconds: -0.5),
            TimestampCase(text: "0001-01-01 00:00:00+00", seconds: -62_135_596_800),
            TimestampCase(text: "0001-12-31 00:00:00+00 BC", seconds: -62_135_683_200),
        ])
    func timestampDecoding(_ example: TimestampCase) throws {
        let date = try Date.decode(postgresText: example.text)
        #expect(abs(date.timeIntervalSince1970 - example.seconds) < 0.000_001)
    }

    @Test("timestamp text round-trips through format and parse, including BC years")
    func timestampRoundTrip() throws {
        for text in [
            "2024-02-29 23:59:59.999999+00", "0001-01-01 00:00:00.000000+00", "0044-03-15 12:00:00.000000+00 BC",
        ] {
            #expect(PostgresTimestampFormat.format(try PostgresTimestampFormat.parse(text)) == text)
        }
        #expect(try Date.decode(postgresText: "infinity") == .distantFuture)
        #expect(try Date.decode(postgresText: "-infinity") == .distantPast)
        #expect(throws: PostgresDecodingFailure.self) { try Date.decode(postgresText: "2024-13-01 00:00:00+00") }
        #expect(throws: PostgresDecodingFailure.self) { try Date.decode(postgresText: "yesterday") }
    }

    @Test("bytea decodes from hex and from the escape format")
    func byteaDecoding() throws {
        #expect(try [UInt8].decode(postgresText: "\\x00abFF") == [0, 0xab, 0xff])
        #expect(try [UInt8].decode(postgresText: "\\x") == [])
        #expect(try Data.decode(postgresText: #"a\\b\000\377"#) == Data([0x61, 0x5c, 0x62, 0, 0xff]))
        #expect(throws: PostgresDecodingFailure.self) { try [UInt8].decode(postgresText: "\\xabc") }
        #expect(throws: PostgresDecodingFailure.self) { try [UInt8].decode(postgresText: "\\xzz") }
    }

    struct ArrayCase: Sendable, CustomTestStringConvertible {
        let text: String
        let elements: [String?]
        var testDescription: String { text }
    }

    @Test(
        "array literals decode quoted, unquoted, escaped and NULL elements",
        arguments: [
            ArrayCase(text: "{}", elements: []),
            ArrayCase(text: "{a,b}", elements: ["a", "b"]),
            ArrayCase(text: #"{"a b","c,d","e\"f","g\\h"}"#, elements: ["a b", "c,d", "e\"f", "g\\h"]),
            ArrayCase(text: #"{NULL,"NULL",null}"#, elements: [nil, "NULL", nil]),
            ArrayCase(text: #"{"",x}"#, elements: ["", "x"]),
            ArrayCase(text: "[0:1]={x,y}", elements: ["x", "y"]),
            ArrayCase(text: "{ é , ü }", elements: ["é", "ü"]),
        ])
    func arrayDecoding(_ example: ArrayCase) throws {
        #expect(try PostgresArrayLiteral.parse(example.text) == example.elements)
    }

    @Test("malformed or multi-dimensional arrays and NULL elements of [String] throw")
    func arrayDecodingFailures() {
        for text in ["a,b", "{a,b", #"{"a}"#, "{{a},{b}}", "{a,,b}"] {
            #expect(throws: PostgresDecodingFailure.self, "\(text)") { try PostgresArrayLiteral.parse(text) }
        }
        #expect(throws: PostgresDecodingFailure.self) { try [String].decode(postgresText: "{a,NULL}") }
        #expect(throws: PostgresDecodingFailure.self) { try [UUID].decode(postgresText: "{nope}") }
    }
}
