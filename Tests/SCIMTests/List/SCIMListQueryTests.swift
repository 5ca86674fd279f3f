import Testing

@testable import SCIM

@Suite("List query parameters (RFC 7644 §3.4.2)")
struct SCIMListQueryTests {
    private func query(_ items: [(String, String)], maxResults: Int = 100) throws -> SCIMListQuery {
        try SCIMListQuery(
            queryItems: items.map { (name: $0.0, value: $0.1) }, resourceType: .user, maxResults: maxResults)
    }

    @Test("no parameters give startIndex 1, the default count and no filter (B22)")
    func defaults() throws {
        let result = try query([])
        #expect(result.startIndex == 1)
        #expect(result.count == nil)
        #expect(result.filter == nil)
        #expect(result.sortOrder == .ascending)
        #expect(result.attributes.isEmpty && result.excludedAttributes.isEmpty)
    }

    @Test(
        "startIndex and count are clamped as RFC 7644 §3.4.2.4 says",
        arguments: [
            ("0", "5", 1, 5), ("-3", "0", 1, 0), ("4", "3", 4, 3), ("1", "-2", 1, 0), ("2", "500", 2, 100),
            (" 7 ", "10", 7, 10),
        ] as [(String, String, Int, Int)])
    func paging(start: String, count: String, expectedStart: Int, expectedCount: Int) throws {
        let result = try query([("startIndex", start), ("count", count)])
        #expect(result.startIndex == expectedStart)
        #expect(result.count == expectedCount)
    }

    @Test("parameter names are case-insensitive and unknown ones ignored")
    func names() throws {
        let result = try query([
            ("FILTER", #"userName eq "a""#), ("StartIndex", "2"), ("COUNT", "3"), ("aadOptscim062020", ""),
            ("SortBy", "name.familyName"), ("sortorder", "Descending"), ("Attributes", "userName, emails.value"),
            ("excludedattributes", "groups"),
        ])
        #expect(result.filter != nil)
        #expect(result.startIndex == 2 && result.count == 3)
        #expect(result.sortBy == SCIMAttributePath.resolve("name.familyName", resourceType: .user))
        #expect(result.sortOrder == .descending)
        #expect(result.attributes == ["userName", "emails.value"])
        #expect(result.excludedAttributes == ["groups"])
    }

    @Test(
        "bad values are invalidValue; bad filters invalidFilter",
        arguments: [
            ("startIndex", "one", SCIMErrorType.invalidValue), ("count", "1.5", .invalidValue),
            ("count", "99999999999999999999999", .invalidValue), ("sortOrder", "up", .invalidValue),
            ("sortBy", "nosuch", .invalidValue), ("filter", "userName eq", .invalidFilter),
        ] as [(String, String, SCIMErrorType)])
    func badValues(name: String, value: String, type: SCIMErrorType) {
        let error = scimError { _ = try query([(name, value)]) }
        #expect(error?.scimType == type)
        #expect(error?.status == 400)
    }

    @Test("an empty filter parameter means no filter")
    func emptyFilter() throws {
        #expect(try query([("filter", "  ")]).filter == nil)
    }

    @Test("a POST /.search body is read like query parameters")
    func searchBody() throws {
        let result = try SCIMListQuery(
            searchBody: json(
                #"""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"attributes":["displayName",
                "userName"],"excludedAttributes":"emails","filter":"displayName sw \"smith\"","startIndex":"3",
                "Count":10,"sortBy":"userName"}
                """#
            ),
            resourceType: .user, maxResults: 5)
        #expect(result.attributes == ["displayName", "userName"])
        #expect(result.excludedAttributes == ["emails"])
        #expect(result.startIndex == 3)
        #expect(result.count == 5)
        #expect(result.sortBy?.attribute == "userName")
        #expect(result.filter == (try SCIMFilter.parse(#"displayName sw "smith""#, resourceType: .user)))
    }

    @Test("a search body with a wrongly typed member is invalidValue")
    func badSearchBody() {
        let error = scimError {
            _ = try SCIMListQuery(searchBody: json(#"{"count":true}"#), resourceType: .user, maxResults: 5)
        }
        #expect(error?.scimType == .invalidValue)
    }

    @Test("a cursor parameter is kept for RFC 9865 pagination")
    func cursor() throws {
        #expect(try query([("cursor", "")]).cursor == "")
        #expect(try query([("cursor", "abc")]).cursor == "abc")
        #expect(try query([]).cursor == nil)
    }
}
