import Foundation
import Testing

@testable import Postgres

@Suite("PostgresQuery")
struct PostgresQueryTests {
    @Test("interpolated values become numbered binds and never SQL text")
    func interpolationBindsValues() {
        let tenant = UUID(uuidString: "6f1c2f1e-7a4b-4c55-9d0e-0a1b2c3d4e5f")!
        let name = "Robert'); DROP TABLE users;--"
        let query: PostgresQuery =
            "SELECT * FROM users WHERE tenant_id = \(tenant) AND lower(user_name) = lower(\(name))"
        #expect(query.sql == "SELECT * FROM users WHERE tenant_id = $1 AND lower(user_name) = lower($2)")
        #expect(query.binds == [tenant.postgresBind, PostgresBind(text: name)])
        #expect(!query.sql.contains("DROP"))
    }

    @Test("unescaped text is inserted verbatim and takes no bind number")
    func unescapedText() {
        let limit = 5
        let query: PostgresQuery = "SELECT id FROM users \(unescaped: "ORDER BY created_at") LIMIT \(limit)"
        #expect(query.sql == "SELECT id FROM users ORDER BY created_at LIMIT $1")
        #expect(query.binds.count == 1)
    }

    @Test("Optional values interpolate, nil as a typed NULL")
    func optionalInterpolation() {
        let missing: Int? = nil
        let present: String? = "x"
        let query: PostgresQuery = "VALUES (\(missing), \(present))"
        #expect(query.sql == "VALUES ($1, $2)")
        #expect(query.binds == [PostgresBind(text: nil, type: .int8), PostgresBind(text: "x")])
    }

    @Test("append renumbers the appended query's binds and adds no separator")
    func appendRenumbers() {
        var query: PostgresQuery = "SELECT * FROM users WHERE tenant_id = \(1)"
        query.append(" AND active = \(true) AND name = \("a")")
        query.append(" FOR UPDATE")
        #expect(query.sql == "SELECT * FROM users WHERE tenant_id = $1 AND active = $2 AND name = $3 FOR UPDATE")
        #expect(query.binds.map(\.text) == ["1", "t", "a"])
    }

    @Test("plus operator and fragment interpolation renumber like append")
    func plusAndFragment() {
        let filter: PostgresQuery = "a = \(1) AND b = \(2)"
        let joined: PostgresQuery = "SELECT \(0) WHERE " + filter
        #expect(joined.sql == "SELECT $1 WHERE a = $2 AND b = $3")
        let nested: PostgresQuery = "SELECT \("x") FROM t WHERE \(fragment: filter) OR c = \(3)"
        #expect(nested.sql == "SELECT $1 FROM t WHERE a = $2 AND b = $3 OR c = $4")
        #expect(nested.binds.map(\.text) == ["x", "1", "2", "3"])
    }

    @Test("a string literal with no interpolation has no binds")
    func plainLiteral() {
        let query: PostgresQuery = "SELECT 1"
        #expect(query.sql == "SELECT 1")
        #expect(query.binds.isEmpty)
        #expect(query.problem == nil)
    }

    @Test("description shows SQL and bind count but never bind values")
    func descriptionHidesValues() {
        let secret = "hunter2"
        let query: PostgresQuery = "SELECT \(secret)"
        #expect(!String(describing: query).contains(secret))
        #expect(!String(describing: query.binds[0]).contains(secret))
    }

    struct ScanCase: Sendable, CustomTestStringConvertible {
        let sql: String
        let binds: Int
        let renderedAfterOneBind: String
        let isValid: Bool
        var testDescription: String { sql }
    }

    @Test(
        "unsafe SQL placeholders are found outside literals, identifiers, dollar quotes and comments",
        arguments: [
            ScanCase(sql: "SELECT $1, $2", binds: 2, renderedAfterOneBind: "SELECT $2, $3", isValid: true),
            ScanCase(sql: "SELECT $1 + $1", binds: 1, renderedAfterOneBind: "SELECT $2 + $2", isValid: true),
            ScanCase(sql: "SELECT '$1', $1", binds: 1, renderedAfterOneBind: "SELECT '$1', $2", isValid: true),
            ScanCase(
                sql: "SELECT 'it''s $1', $1", binds: 1, renderedAfterOneBind: "SELECT 'it''s $1', $2", isValid: true),
            ScanCase(sql: "SELECT E'\\'$1', $1", binds: 1, renderedAfterOneBind: "SELECT E'\\'$1', $2", isValid: true),
            ScanCase(sql: "SELECT \"a$1\", $1", binds: 1, renderedAfterOneBind: "SELECT \"a$1\", $2", isValid: true),
            ScanCase(sql: "SELECT $$ $1 $$, $1", binds: 1, renderedAfterOneBind: "SELECT $$ $1 $$, $2", isValid: true),
            ScanCase(
                sql: "SELECT $f$ $1 $f$, $1", binds: 1, renderedAfterOneBind: "SELECT $f$ $1 $f$, $2", isValid: true),
            ScanCase(sql: "SELECT $1 -- $1\n", binds: 1, renderedAfterOneBind: "SELECT $2 -- $1\n", isValid: true),
            ScanCase(
                sql: "SELECT /* /* $1 */ $1 */ $1", binds: 1, renderedAfterOneBind: "SELECT /* /* $1 */ $1 */ $2",
                isValid: true),
            ScanCase(
                sql: "SELECT a$1 FROM t WHERE x = $1", binds: 1, renderedAfterOneBind: "SELECT a$1 FROM t WHERE x = $2",
                isValid: true),
            ScanCase(sql: "SELECT $2", binds: 1, renderedAfterOneBind: "SELECT $2", isValid: false),
            ScanCase(sql: "SELECT $0", binds: 0, renderedAfterOneBind: "SELECT $0", isValid: false),
        ])
    func unsafeSQLScanning(_ scan: ScanCase) {
        let binds = (0..<scan.binds).map { PostgresBind(text: String($0)) }
        let raw = PostgresQuery(unsafeSQL: scan.sql, binds: binds)
        #expect(raw.sql == scan.sql)
        #expect((raw.problem == nil) == scan.isValid)
        let combined = "\(0)" + raw
        #expect(combined.sql == "$1" + scan.renderedAfterOneBind)
        #expect(combined.binds.count == scan.binds + 1)
    }
}
