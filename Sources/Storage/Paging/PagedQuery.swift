import Postgres
import SCIM

/// Builds the count and page statements shared by the user and group lists.
struct PagedQuery {
    /// Table alias, e.g. `u`.
    let alias: String
    let table: String
    let columns: String
    let map: SCIMColumnMap

    func run<Item>(
        _ request: PageRequest, base: PostgresQuery, on connection: PostgresConnection,
        decode: (PostgresRow) throws -> (Item, ResourceCursor)
    ) throws -> Page<Item> {
        // The count and the page travel together; a page past the end simply comes back empty.
        let (count, page) = try statements(request, base: base)
        let results = try connection.pipeline([count] + (page.map { [$0] } ?? []))
        return try self.page(
            request, countRows: results[0].rows, pageRows: results.count > 1 ? results[1].rows : nil, decode: decode)
    }

    /// The statements of one page, for a single round trip: the count, and the page unless no row is asked for.
    func statements(_ request: PageRequest, base: PostgresQuery) throws -> (count: PostgresQuery, page: PostgresQuery?)
    {
        let condition = try self.condition(request, base: base)
        return (countQuery(condition), request.limit > 0 ? try pageQuery(request, condition: condition) : nil)
    }

    /// The page from the results of `statements`: the count's rows and, if it was sent, the page's rows.
    func page<Item>(
        _ request: PageRequest, countRows: [PostgresRow], pageRows: [PostgresRow]?,
        decode: (PostgresRow) throws -> (Item, ResourceCursor)
    ) throws -> Page<Item> {
        let total = try countRows[0].decode("total", as: Int.self)
        guard let pageRows, request.usesCursor || request.offset < total else {
            return Page(total: total, items: [], nextCursor: nil)
        }
        var rows = try pageRows.map(decode)
        var next: ResourceCursor?
        if request.usesCursor && rows.count > request.limit {
            rows.removeLast()
            next = rows.last?.1
        }
        return Page(total: total, items: rows.map(\.0), nextCursor: next)
    }

    /// The tenant condition and the translated filter.
    func condition(_ request: PageRequest, base: PostgresQuery) throws -> PostgresQuery {
        guard let filter = request.filter else { return base }
        return base + " AND " + (try SCIMFilterTranslator(columns: map).condition(filter))
    }

    func countQuery(_ condition: PostgresQuery) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "SELECT count(*) AS total FROM \(table) \(alias) WHERE ") + condition
    }

    func pageQuery(_ request: PageRequest, condition: PostgresQuery) throws -> PostgresQuery {
        var page =
            PostgresQuery(unsafeSQL: "SELECT \(columns), \(Self.cursorColumn(alias)) FROM \(table) \(alias) WHERE ")
            + condition
        guard request.usesCursor else {
            page.append(PostgresQuery(unsafeSQL: " ORDER BY " + (try order(request))))
            page.append(" LIMIT \(request.limit) OFFSET \(request.offset)")
            return page
        }
        if let after = request.after {
            page.append(
                PostgresQuery(unsafeSQL: " AND (\(alias).created_at, \(alias).id) > (timestamptz 'epoch' + ")
                    + "\(after.createdMicroseconds)::bigint * interval '1 microsecond', \(after.id))")
        }
        page.append(PostgresQuery(unsafeSQL: " ORDER BY \(alias).created_at, \(alias).id"))
        // One row more than asked tells whether another page follows.
        page.append(" LIMIT \(request.limit + 1)")
        return page
    }

    /// The requested order with the id as tie-break, so pages never overlap or skip (Okta checks this).
    private func order(_ request: PageRequest) throws -> String {
        let direction = request.descending ? "DESC" : "ASC"
        guard let sortBy = request.sortBy else {
            return "\(alias).created_at \(direction), \(alias).id \(direction)"
        }
        // Resources without a value come last in ascending order and first in descending, the reverse of it.
        let nulls = request.descending ? "NULLS FIRST" : "NULLS LAST"
        return "\(try map.sortExpression(for: sortBy)) \(direction) \(nulls), \(alias).id \(direction)"
    }

    static func cursorColumn(_ alias: String) -> String {
        "(extract(epoch FROM \(alias).created_at) * 1000000)::bigint AS cursor_micros"
    }

    static func cursor(_ row: PostgresRow) throws -> ResourceCursor {
        ResourceCursor(createdMicroseconds: try row.decode("cursor_micros"), id: try row.decode("id"))
    }
}
