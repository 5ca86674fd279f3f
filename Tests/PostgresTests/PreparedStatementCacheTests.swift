import Testing

@testable import Postgres

@Suite("PreparedStatementCache")
struct PreparedStatementCacheTests {
    @Test("the same SQL with different bind types is a different statement")
    func keyIncludesTypes() {
        var cache = PreparedStatementCache(capacity: 4)
        cache.insert(.init(sql: "SELECT $1", types: [20]), name: "s1")
        #expect(cache.name(for: .init(sql: "SELECT $1", types: [20])) == "s1")
        #expect(cache.name(for: .init(sql: "SELECT $1", types: [25])) == nil)
    }

    @Test("beyond capacity the least recently used statement is evicted")
    func evictsLeastRecentlyUsed() {
        var cache = PreparedStatementCache(capacity: 2)
        let first = PreparedStatementCache.Key(sql: "a", types: [])
        let second = PreparedStatementCache.Key(sql: "b", types: [])
        cache.insert(first, name: cache.makeName())
        cache.insert(second, name: cache.makeName())
        _ = cache.name(for: first)
        let evicted = cache.evictIfFull()
        #expect(evicted == "scimgw_2")
        #expect(cache.name(for: second) == nil)
        #expect(cache.count == 1)
        #expect(cache.evictIfFull() == nil)
    }

    @Test("names are never reused on one connection")
    func uniqueNames() {
        var cache = PreparedStatementCache(capacity: 2)
        let names = (0..<5).map { _ in cache.makeName() }
        #expect(Set(names).count == 5)
    }
}
