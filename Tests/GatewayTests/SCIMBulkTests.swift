import Foundation
import SCIM
import Testing

@testable import Gateway

@Suite("Bulk (RFC 7644 §3.7)", .serialized)
struct SCIMBulkTests {
    @Test("bulkId references resolve to ids created earlier in the request; each operation reports its status")
    func bulkIDReferences() throws {
        let harness = try GatewayHarness()
        let body = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
              {"method":"POST","path":"/Users","bulkId":"alice","data":{"userName":"bulk-alice@example.com"}},
              {"method":"POST","path":"/Groups","bulkId":"eng","data":{"displayName":"Bulk Eng",
                "members":[{"value":"bulkId:alice"}]}},
              {"method":"PATCH","path":"/Users/bulkId:alice","data":{"Operations":[
                {"op":"replace","path":"displayName","value":"Alice"}]}}
            ]}
            """
        let response = harness.send("POST", "/scim/v2/Bulk", body: body)
        #expect(response.status == 200)
        let operations = try #require(response.json?["Operations"]?.arrayValue)
        #expect(operations.map { $0["status"]?.stringValue } == ["201", "201", "200"])
        let groupLocation = try #require(operations[1]["location"]?.stringValue)
        let groupID = try #require(groupLocation.split(separator: "/").last)
        let group = harness.send("GET", "/scim/v2/Groups/\(groupID)")
        let userLocation = try #require(operations[0]["location"]?.stringValue)
        #expect(
            group.json?["members"]?.arrayValue?.first?["value"]?.stringValue
                == userLocation.split(separator: "/").last.map(String.init))
        #expect(group.json?["members"]?.arrayValue?.first?["display"]?.stringValue == "Alice")
    }

    @Test("a failing operation does not undo others, and failOnErrors stops processing")
    func failOnErrors() throws {
        let harness = try GatewayHarness()
        let body = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"failOnErrors":1,"Operations":[
              {"method":"POST","path":"/Users","bulkId":"a","data":{"userName":"dup@example.com"}},
              {"method":"POST","path":"/Users","bulkId":"b","data":{"userName":"DUP@example.com"}},
              {"method":"POST","path":"/Users","bulkId":"c","data":{"userName":"never@example.com"}}
            ]}
            """
        let response = harness.send("POST", "/scim/v2/Bulk", body: body)
        let operations = try #require(response.json?["Operations"]?.arrayValue)
        #expect(operations.map { $0["status"]?.stringValue } == ["201", "409"])
        #expect(operations[1]["response"]?["scimType"] == .string("uniqueness"))
        let list = harness.send("GET", "/scim/v2/Users")
        #expect(list.json?["totalResults"] == .integer(1))
    }

    @Test("a reference to an operation that did not succeed is that operation's error")
    func unresolvedReference() throws {
        let harness = try GatewayHarness()
        let body = """
            {"Operations":[{"method":"PATCH","path":"/Users/bulkId:nope","data":{"Operations":[
              {"op":"replace","path":"displayName","value":"x"}]}}]}
            """
        let operations = try #require(harness.send("POST", "/scim/v2/Bulk", body: body).json?["Operations"]?.arrayValue)
        #expect(operations.first?["status"] == .string("409"))
    }

    @Test("a bulkId used twice in one request fails the second operation, and references name the first")
    func repeatedBulkID() throws {
        let harness = try GatewayHarness()
        let body = """
            {"Operations":[
              {"method":"POST","path":"/Users","bulkId":"a","data":{"userName":"first@bulk.test"}},
              {"method":"POST","path":"/Users","bulkId":"a","data":{"userName":"second@bulk.test"}},
              {"method":"POST","path":"/Groups","bulkId":"g",
               "data":{"displayName":"G","members":[{"value":"bulkId:a"}]}}]}
            """
        let operations = try #require(harness.send("POST", "/scim/v2/Bulk", body: body).json?["Operations"]?.arrayValue)
        #expect(operations.map { $0["status"]?.stringValue } == ["201", "400", "201"])
        let group = try #require(operations[2]["location"]?.stringValue?.split(separator: "/").last)
        let members = harness.send("GET", "/scim/v2/Groups/\(group)").json?["members"]?.arrayValue ?? []
        let first = try #require(operations[0]["location"]?.stringValue?.split(separator: "/").last)
        #expect(members.map { $0["value"]?.stringValue } == [String(first)])
        #expect(
            harness.send("GET", "/scim/v2/Users?filter=userName%20eq%20%22second%40bulk.test%22").json?["totalResults"]
                == 0)
    }
}
