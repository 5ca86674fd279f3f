import SCIM
import Testing

@testable import Gateway

/// Regression for issue 8: PostgreSQL stores a NUL character neither in text nor in jsonb, and SCIM requests carrying
/// one (`"\u0000"` in a body, `%00` in a filter) failed with a 500 after reaching the database. Found by the
/// hostile-input suite (Tests/e2e/test_hostile_input.py); now each is a 400 that names the NUL character.
@Suite("SCIM requests with a NUL character", .serialized)
struct SCIMNULCharacterTests {
    @Test(
        "a NUL character anywhere in a resource body is 400 invalidValue, not a database error",
        arguments: [
            ("POST", "/scim/v2/Users", #"{"userName":"nul\u0000user"}"#),
            ("POST", "/scim/v2/Users", #"{"userName":"nul-title","title":"a\u0000b"}"#),
            ("POST", "/scim/v2/Users", #"{"userName":"nul-key","urn:example:custom:1.0:User":{"k\u0000":1}}"#),
            ("POST", "/scim/v2/Groups", #"{"displayName":"g\u0000"}"#),
            ("POST", "/scim/v2/Users/.search", #"{"filter":"displayName co \"\u0000\""}"#),
            (
                "POST", "/scim/v2/Bulk",
                #"{"Operations":[{"method":"POST","bulkId":"a","path":"/Users","data":{"userName":"\u0000"}}]}"#
            ),
        ])
    func bodies(method: String, target: String, body: String) throws {
        let harness = try GatewayHarness()
        let response = harness.send(method, target, body: body)
        #expect(response.status == 400)
        #expect(response.json?["scimType"] == "invalidValue")
        #expect(response.json?["detail"]?.stringValue?.contains("NUL") == true)
    }

    @Test("PUT and PATCH with a NUL character leave the stored user as it was")
    func writesToAnExistingUser() throws {
        let harness = try GatewayHarness()
        let created = harness.send("POST", "/scim/v2/Users", body: #"{"userName":"kept@example.com","title":"T"}"#)
        let id = try #require(created.json?["id"]?.stringValue)
        let put = harness.send(
            "PUT", "/scim/v2/Users/\(id)", body: #"{"userName":"kept@example.com","title":"\u0000"}"#)
        #expect(put.status == 400)
        let patch = harness.send(
            "PATCH", "/scim/v2/Users/\(id)",
            body: #"{"Operations":[{"op":"replace","path":"title","value":"x\u0000"}]}"#)
        #expect(patch.status == 400)
        let read = harness.send("GET", "/scim/v2/Users/\(id)")
        #expect(read.json?["title"] == "T")
        #expect(read.json?["meta"]?["version"] == created.json?["meta"]?["version"])
    }

    @Test(
        "a NUL character in a filter value is 400 invalidFilter",
        arguments: [
            "/scim/v2/Users?filter=externalId%20eq%20a%00b",
            "/scim/v2/Users?filter=userName%20eq%20%22a%5Cu0000%22",
            "/scim/v2/Groups?filter=displayName%20sw%20%22%5Cu0000%22",
        ])
    func filters(target: String) throws {
        let harness = try GatewayHarness()
        let response = harness.send("GET", target)
        #expect(response.status == 400)
        #expect(response.json?["scimType"] == "invalidFilter")
    }
}
