import Testing

@testable import SCIM

@Suite("List responses")
struct SCIMListResponseTests {
    @Test("an empty page still has Resources and integer paging fields (Entra's connection test)")
    func empty() {
        #expect(
            SCIMListResponse(totalResults: 0, startIndex: 1, resources: []).json == [
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 0, "startIndex": 1,
                "itemsPerPage": 0, "Resources": [],
            ])
    }

    @Test("totalResults is the filtered total and itemsPerPage the page size (B24)")
    func page() {
        let response = SCIMListResponse(totalResults: 6, startIndex: 1, resources: [["id": "1"], ["id": "2"]]).json
        #expect(response["totalResults"] == 6)
        #expect(response["itemsPerPage"] == 2)
        #expect(response["Resources"]?.arrayValue?.count == 2)
    }

    @Test("cursors are included only when set")
    func cursors() {
        var response = SCIMListResponse(totalResults: 3, startIndex: 1, resources: [])
        #expect(response.json["nextCursor"] == nil)
        response.nextCursor = "n"
        #expect(response.json["nextCursor"] == "n")
    }
}
