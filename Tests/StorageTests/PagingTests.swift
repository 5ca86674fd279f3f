import Foundation
import SCIM
import Storage
import Testing

@Suite("Paging by index and by cursor", .serialized)
struct PagingTests {
    @Test("a cursor walk visits every user exactly once in the stable order, with the filtered total on each page")
    func cursorWalk() throws {
        let fixtures = try StorageFixtures()
        let created = try (0..<7).map { try fixtures.user("{\"userName\":\"walk\($0)@example.com\"}") }
        _ = try fixtures.user(#"{"userName":"other@example.org"}"#)
        let filter = try SCIMFilter.parse("userName ew \"@example.com\"", resourceType: .user)
        var seen: [UUID] = []
        var request = PageRequest(filter: filter, limit: 3, usesCursor: true)
        var pages = 0
        while true {
            let page = try fixtures.users { try $0.list(request) }
            #expect(page.total == 7)
            seen += page.items.map(\.id)
            pages += 1
            guard let next = page.nextCursor else { break }
            let token = try #require(ResourceCursor(token: next.token))
            request = PageRequest(filter: filter, limit: 3, after: token)
        }
        #expect(pages == 3)
        #expect(seen == created.map(\.id))
    }

    @Test("index pages over the same data give the same order for every page size")
    func indexPagesAreStable() throws {
        let fixtures = try StorageFixtures()
        _ = try (0..<6).map { try fixtures.user("{\"userName\":\"stable\($0)@example.com\"}") }
        func walk(_ size: Int) throws -> [UUID] {
            var ids: [UUID] = []
            var offset = 0
            while true {
                let page = try fixtures.users { try $0.list(PageRequest(offset: offset, limit: size)) }
                ids += page.items.map(\.id)
                offset += size
                if offset >= page.total { return ids }
            }
        }
        let reference = try walk(6)
        for size in 1...5 { #expect(try walk(size) == reference) }
    }

    @Test(
        "cursor tokens round-trip and anything else is refused",
        arguments: ["", "abc", "YzE6MTox", String(repeating: "A", count: 200)])
    func cursorTokens(junk: String) {
        let cursor = ResourceCursor(createdMicroseconds: 1_733_300_000_123_456, id: UUID())
        #expect(ResourceCursor(token: cursor.token) == cursor)
        #expect(ResourceCursor(token: junk) == nil)
    }
}
