import Foundation
import Postgres
import Testing

extension PostgresIntegrationTests {
    @Suite("binds and rows")
    struct RoundTrip {
        struct Case: Sendable, CustomTestStringConvertible {
            let name: String
            let check: @Sendable (PostgresConnection) throws -> Void
            var testDescription: String { name }

            /// Sends `value` cast to `sqlType`, reads it back, and checks a NULL of the type too.
            static func value<T: PostgresEncodable & PostgresDecodable & Equatable>(
                _ value: T, as sqlType: String, _ name: String
            ) -> Case {
                Case(name: name) { connection in
                    let none: T? = nil
                    let result = try connection.query(
                        "SELECT \(value)::\(unescaped: sqlType) AS v, \(none)::\(unescaped: sqlType) AS n")
                    let row = try #require(result.rows.first)
                    #expect(try row.decode("v", as: T.self) == value, "\(name)")
                    #expect(try row.decodeIfPresent("n", as: T.self) == nil)
                    #expect(try row.isNull("n"))
                }
            }
        }

        static let cases: [Case] = [
            .value("héllo wörld ✓ 'q' \"dq\" \\ {a,b}", as: "text", "String"),
            .value("", as: "text", "empty String"),
            .value(Int.max, as: "bigint", "Int max"),
            .value(Int.min, as: "bigint", "Int min"),
            .value(Int64(-42), as: "bigint", "Int64"),
            .value(Int32.min, as: "integer", "Int32"),
            .value(true, as: "boolean", "Bool true"),
            .value(false, as: "boolean", "Bool false"),
            .value(3.141592653589793, as: "double precision", "Double"),
            .value(1e-300, as: "double precision", "tiny Double"),
            .value(Double.infinity, as: "double precision", "Double infinity"),
            .value(UUID(), as: "uuid", "UUID"),
            .value(Date(timeIntervalSince1970: 1_714_566_600.123456), as: "timestamptz", "Date"),
            .value(Date(timeIntervalSince1970: -1_000_000_000.5), as: "timestamptz", "Date before 1970"),
            .value(Date(timeIntervalSince1970: -62_135_596_800), as: "timestamptz", "Date in year 1"),
            .value((0...255).map(UInt8.init), as: "bytea", "every byte"),
            .value(Data([0, 1, 0x5c, 0x78, 0xff]), as: "bytea", "Data"),
            .value([UInt8](), as: "bytea", "empty bytes"),
            .value(["a", "b,c", "d\"e", "f\\g", "{h}", "NULL", "", " i "], as: "text[]", "String array"),
            .value([String](), as: "text[]", "empty String array"),
            .value([UUID(), UUID()], as: "uuid[]", "UUID array"),
            .value([1, -2, Int.max], as: "bigint[]", "Int array"),
        ]

        @Test("every bind type survives a round trip through the server, and so does its NULL", arguments: cases)
        func roundTrip(_ example: Case) throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            try pool.withConnection { try example.check($0) }
        }

        @Test("binds are sent with their PostgreSQL types; strings let the server infer")
        func bindTypes() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            let row = try pool.withConnection { connection in
                try #require(
                    try connection.query(
                        """
                        SELECT pg_typeof(\(1))::text AS int, pg_typeof(\(Int32(1)))::text AS int4,
                               pg_typeof(\(true))::text AS bool, pg_typeof(\(1.5))::text AS double,
                               pg_typeof(\(UUID()))::text AS uuid, pg_typeof(\(Date()))::text AS date,
                               pg_typeof(\([UInt8]()))::text AS bytes, pg_typeof(\(["a"]))::text AS strings,
                               pg_typeof(\(Int?.none))::text AS null_int
                        """
                    ).rows.first)
            }
            let expected = [
                "int": "bigint", "int4": "integer", "bool": "boolean", "double": "double precision", "uuid": "uuid",
                "date": "timestamp with time zone", "bytes": "bytea", "strings": "text[]", "null_int": "bigint",
            ]
            for (column, type) in expected {
                #expect(try row.decode(column, as: String.self) == type, "\(column)")
            }
        }

        @Test("a string bind compares with uuid columns and a malformed one is invalid text")
        func stringAgainstUUID() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            let id = UUID()
            try TestDatabase.withTable("uuid", columns: "id uuid PRIMARY KEY", on: pool) { table in
                try pool.withConnection { connection in
                    try connection.query("INSERT INTO \(unescaped: table) (id) VALUES (\(id))")
                    let found = try connection.query(
                        "SELECT id FROM \(unescaped: table) WHERE id = \(id.uuidString.lowercased())")
                    #expect(try found.rows.first?.decode("id", as: UUID.self) == id)
                    let error = #expect(throws: PostgresError.self) {
                        try connection.query("SELECT id FROM \(unescaped: table) WHERE id = \("not-a-uuid")")
                    }
                    #expect(error?.sqlState == .invalidTextRepresentation)
                }
            }
        }

        @Test("rows of every column type are inserted and read back with NULLs and affected counts")
        func tableRoundTrip() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            let columns = """
                id uuid PRIMARY KEY, name text, age integer, score double precision, active boolean,
                created timestamptz, secret bytea, tags text[], counter bigint
                """
            try TestDatabase.withTable("rows", columns: columns, on: pool) { table in
                let full = UUID()
                let empty = UUID()
                let created = Date(timeIntervalSince1970: 1_700_000_000.25)
                let inserted = try pool.withConnection { connection in
                    try connection.query(
                        """
                        INSERT INTO \(unescaped: table) (id, name, age, score, active, created, secret, tags, counter)
                        VALUES (\(full), \("Ada"), \(Int32(36)), \(9.5), \(true), \(created), \(Data([7, 8])),
                                \(["x", "y"]), \(Int64(5))),
                               (\(empty), \(String?.none), \(Int32?.none), \(Double?.none), \(Bool?.none),
                                \(Date?.none), \(Data?.none), \([String]?.none), \(Int64?.none))
                        """
                    ).affectedRows
                }
                #expect(inserted == 2)
                let rows = try pool.withConnection { connection in
                    try connection.query("SELECT * FROM \(unescaped: table) ORDER BY name NULLS LAST").rows
                }
                #expect(rows.count == 2)
                let first = try #require(rows.first)
                #expect(try first.decode("id", as: UUID.self) == full)
                #expect(try first.decode("name", as: String.self) == "Ada")
                #expect(try first.decode("age", as: Int32.self) == 36)
                #expect(try first.decode("age", as: Int.self) == 36)
                #expect(try first.decode("score", as: Double.self) == 9.5)
                #expect(try first.decode("active", as: Bool.self))
                #expect(try first.decode("created", as: Date.self) == created)
                #expect(try first.decode("secret", as: Data.self) == Data([7, 8]))
                #expect(try first.decode("tags", as: [String].self) == ["x", "y"])
                #expect(try first.decode("counter", as: Int64.self) == 5)

                let second = try #require(rows.last)
                for column in ["name", "age", "score", "active", "created", "secret", "tags", "counter"] {
                    #expect(try second.isNull(column), "\(column)")
                }
                #expect(try second.decodeIfPresent("name", as: String.self) == nil)
                #expect(try second.decode("name", as: String?.self) == nil)
                let nullError = #expect(throws: PostgresError.self) { try second.decode("age", as: Int.self) }
                #expect(nullError?.code == .decodingFailed)
                #expect(nullError?.column == "age")
                let missing = #expect(throws: PostgresError.self) { try second.decode("nope", as: Int.self) }
                #expect(missing?.code == .missingColumn)
                let wrongType = #expect(throws: PostgresError.self) { try first.decode("name", as: Int.self) }
                #expect(wrongType?.code == .decodingFailed)

                let updated = try pool.withConnection { connection in
                    try connection.query("UPDATE \(unescaped: table) SET counter = 1").affectedRows
                }
                #expect(updated == 2)
            }
        }

        @Test("a NUL character in a bind is refused before it can truncate the value")
        func nulCharacter() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            let error = #expect(throws: PostgresError.self) {
                try pool.withConnection { try $0.query("SELECT \("admin\u{0}evil") AS v") }
            }
            #expect(error?.sqlState == .characterNotInRepertoire)
        }
    }
}
