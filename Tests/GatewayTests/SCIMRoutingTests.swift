import Foundation
import HTTPServer
import SCIM
import Storage
import TestSupport
import Testing

@testable import Gateway

@Suite("SCIM requests through the gateway handler", .serialized)
struct SCIMRoutingTests {
    @Test(
        "paths are matched leniently and unknown query parameters are ignored",
        arguments: [
            "/scim/v2/Users", "/scim/v2/Users/", "/scim/v2//Users", "/scim/v2/users", "/SCIM/V2/USERS",
            "/scim/v2/Users?aadOptscim062020", "/scim/v2/Users?aadOptscim062020=&count=5",
        ])
    func lenientPaths(target: String) throws {
        let harness = try GatewayHarness()
        let response = harness.send("GET", target)
        #expect(response.status == 200)
        #expect(response.json?["totalResults"] == .integer(0))
        #expect(response.headers["Content-Type"]?.hasPrefix("application/scim+json") == true)
    }

    @Test(
        "missing, malformed, unknown and other schemes of credentials all get the same 401",
        arguments: [nil, "", "Basic dXNlcjpwYXNz", "Bearer", "Bearer scimgw_unknown", "Token abc"])
    func unauthorized(header: String?) throws {
        let harness = try GatewayHarness()
        var headers = HTTPHeaders()
        if let header { headers.add(name: "Authorization", value: header) }
        let response = harness.handler.handle(HTTPRequest(method: "GET", target: "/scim/v2/Users", headers: headers))
        #expect(response.status == 401)
        let body = try JSONValue.parse(response.body)
        #expect(body["status"] == .string("401"))
        #expect(body["schemas"] == .array([.string("urn:ietf:params:scim:api:messages:2.0:Error")]))
        #expect(response.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
    }

    @Test("a lower-case bearer scheme is accepted (RFC 6750 §2.1 schemes are case-insensitive)")
    func lowerCaseScheme() throws {
        let harness = try GatewayHarness()
        #expect(
            harness.send("GET", "/scim/v2/Users", headers: [("Authorization", "bearer \(harness.token)")]).status == 200
        )
    }

    @Test("create answers 201 with Location equal to meta.location and an ETag equal to meta.version")
    func createShape() throws {
        let harness = try GatewayHarness()
        let created = harness.send("POST", "/scim/v2/Users", body: #"{"userName":"loc@example.com"}"#)
        #expect(created.status == 201)
        let meta = created.json?["meta"]
        #expect(created.headers["Location"] == meta?["location"]?.stringValue)
        #expect(created.headers["Location"]?.hasPrefix("https://scim.example.test/scim/v2/Users/") == true)
        #expect(created.headers["ETag"] == meta?["version"]?.stringValue)
    }

    @Test("a group without members and a user without groups leave the attribute out; with them, it is there")
    func emptyMultiValuedAttributesAreOmitted() throws {
        let harness = try GatewayHarness()
        let user = harness.send("POST", "/scim/v2/Users", body: #"{"userName":"lonely@example.com"}"#)
        let userID = try #require(user.json?["id"]?.stringValue)
        #expect(user.json?.objectValue?.keys.contains("groups") == false)
        let group = harness.send("POST", "/scim/v2/Groups", body: #"{"displayName":"Nobody Here"}"#)
        let groupID = try #require(group.json?["id"]?.stringValue)
        #expect(group.status == 201)
        #expect(group.json?.objectValue?.keys.contains("members") == false)
        let patch = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"add","path":"members","value":[{"value":"\(userID)"}]}]}
            """
        let joined = harness.send("PATCH", "/scim/v2/Groups/\(groupID)", body: patch)
        #expect(joined.json?["members"]?.arrayValue?.first?["value"]?.stringValue == userID)
        let member = harness.send("GET", "/scim/v2/Users/\(userID)")
        #expect(member.json?["groups"]?.arrayValue?.first?["value"]?.stringValue == groupID)
        let listed = harness.send("GET", "/scim/v2/Users?filter=userName%20eq%20%22lonely@example.com%22")
        #expect(listed.json?["Resources"]?.arrayValue?.first?["groups"]?.arrayValue?.count == 1)
    }

    @Test("every write records one provisioning event in the same transaction, and a failed write records none")
    func eventsFollowWrites() throws {
        let harness = try GatewayHarness()
        let created = harness.send("POST", "/scim/v2/Users", body: #"{"userName":"ev@example.com","active":true}"#)
        let id = try #require(created.json?["id"]?.stringValue)
        _ = harness.send(
            "PATCH", "/scim/v2/Users/\(id)", body: #"{"Operations":[{"op":"replace","value":{"active":false}}]}"#)
        _ = harness.send("POST", "/scim/v2/Users", body: #"{"userName":"EV@example.com"}"#)
        _ = harness.send("DELETE", "/scim/v2/Users/\(id)")
        let operations = try TestDatabase.ownerPool().withConnection { connection in
            try connection.query(
                """
                SELECT operation FROM provisioning_events WHERE tenant_id = \(harness.tenant.id) ORDER BY id
                """
            ).rows.map { try $0.decode("operation", as: String.self) }
        }
        #expect(operations == ["create", "deactivate", "delete"])
    }

    @Test("If-Match with a stale version is refused with 412 and changes nothing; If-None-Match answers 304")
    func etagPreconditions() throws {
        let harness = try GatewayHarness()
        let created = harness.send("POST", "/scim/v2/Users", body: #"{"userName":"etag@example.com"}"#)
        let id = try #require(created.json?["id"]?.stringValue)
        let version = try #require(created.headers["ETag"])
        let patch = #"{"Operations":[{"op":"replace","path":"displayName","value":"New"}]}"#
        #expect(
            harness.send("PATCH", "/scim/v2/Users/\(id)", body: patch, headers: [("If-Match", version)]).status == 200)
        let stale = harness.send("PATCH", "/scim/v2/Users/\(id)", body: patch, headers: [("If-Match", version)])
        #expect(stale.status == 412)
        let current = harness.send("GET", "/scim/v2/Users/\(id)")
        #expect(current.json?["displayName"] == .string("New"))
        let etag = try #require(current.headers["ETag"])
        #expect(etag != version)
        #expect(harness.send("GET", "/scim/v2/Users/\(id)", headers: [("If-None-Match", etag)]).status == 304)
    }

    @Test(
        "a user's ETag changes whenever its groups do: joining, leaving, a rename, a deleted group",
        arguments: [
            #"{"Operations":[{"op":"add","path":"members","value":[{"value":"$USER"}]}]}"#,
            #"{"Operations":[{"op":"remove","path":"members[value eq \"$USER\"]"}]}"#,
            #"{"Operations":[{"op":"replace","path":"displayName","value":"Renamed"}]}"#,
            "DELETE",
        ])
    func userETagFollowsGroups(change: String) throws {
        let harness = try GatewayHarness()
        let user = harness.send("POST", "/scim/v2/Users", body: #"{"userName":"member@example.com"}"#)
        let userID = try #require(user.json?["id"]?.stringValue)
        let initialMembers = change.contains(#""op":"add""#) ? "[]" : #"[{"value":"\#(userID)"}]"#
        let group = harness.send(
            "POST", "/scim/v2/Groups", body: #"{"displayName":"Team","members":\#(initialMembers)}"#)
        let groupID = try #require(group.json?["id"]?.stringValue)
        let before = harness.send("GET", "/scim/v2/Users/\(userID)")
        let etag = try #require(before.headers["ETag"])
        let changed =
            change == "DELETE"
            ? harness.send("DELETE", "/scim/v2/Groups/\(groupID)")
            : harness.send(
                "PATCH", "/scim/v2/Groups/\(groupID)", body: change.replacingOccurrences(of: "$USER", with: userID))
        #expect(changed.status < 300, "\(String(describing: changed.json))")
        let stale = harness.send("GET", "/scim/v2/Users/\(userID)", headers: [("If-None-Match", etag)])
        #expect(stale.status == 200)
        #expect(stale.json?["groups"] != before.json?["groups"], "\(String(describing: stale.json))")
        #expect(stale.headers["ETag"] != etag)
        #expect(stale.json?["meta"]?["version"]?.stringValue == stale.headers["ETag"])
    }

    @Test(
        "sorting uses a multi-valued attribute's primary value and puts missing values last ascending, first descending"
    )
    func sorting() throws {
        let harness = try GatewayHarness()
        let bodies = [
            #"{"userName":"s1@sort.test","title":"b","emails":[{"value":"aaa@x.test","type":"home"},"#
                + #"{"value":"zzz@x.test","type":"work","primary":true}]}"#,
            #"{"userName":"s2@sort.test","emails":[{"value":"mmm@x.test","type":"work"}]}"#,
            #"{"userName":"s3@sort.test","title":"a"}"#,
        ]
        for body in bodies { #expect(harness.send("POST", "/scim/v2/Users", body: body).status == 201) }
        func order(_ query: String) -> [String] {
            harness.send("GET", "/scim/v2/Users?\(query)").json?["Resources"]?.arrayValue?
                .compactMap { $0["userName"]?.stringValue } ?? []
        }
        #expect(order("sortBy=emails.value") == ["s2@sort.test", "s1@sort.test", "s3@sort.test"])
        #expect(order("sortBy=emails.value&sortOrder=descending") == ["s3@sort.test", "s1@sort.test", "s2@sort.test"])
        #expect(order("sortBy=title&sortOrder=descending") == ["s2@sort.test", "s1@sort.test", "s3@sort.test"])
        #expect(order("sortBy=title") == ["s3@sort.test", "s1@sort.test", "s2@sort.test"])
        let refused = harness.send("GET", "/scim/v2/Users?sortBy=meta.version")
        #expect(refused.status == 400)
        #expect(refused.json?["scimType"] == "invalidValue")
    }

    @Test("a meta.lastModified read from a resource compares equal to itself in a filter, at the precision shown")
    func lastModifiedFilterPrecision() throws {
        let harness = try GatewayHarness()
        let created = harness.send("POST", "/scim/v2/Users", body: #"{"userName":"when@example.com"}"#)
        let id = try #require(created.json?["id"]?.stringValue)
        let shown = try #require(created.json?["meta"]?["lastModified"]?.stringValue)
        func matches(_ op: String) -> Bool {
            let filter = "userName eq \"when@example.com\" and meta.lastModified \(op) \"\(shown)\""
            let encoded = filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let page = harness.send("GET", "/scim/v2/Users?filter=\(encoded)")
            return page.json?["Resources"]?.arrayValue?.contains { $0["id"]?.stringValue == id } ?? false
        }
        #expect(matches("eq"))
        #expect(!matches("ne"))
        #expect(!matches("gt"))
        #expect(matches("ge"))
        #expect(!matches("lt"))
        #expect(matches("le"))
    }

    @Test("a PATCH that renames a group and removes a member ends the removed member's team and moves the others'")
    func renameWithRemoval() throws {
        let harness = try GatewayHarness()
        let ids = try ["leaves@example.com", "stays@example.com"].map { name in
            try #require(
                harness.send("POST", "/scim/v2/Users", body: #"{"userName":"\#(name)"}"#).json?["id"]?.stringValue)
        }
        let members = ids.map { #"{"value":"\#($0)"}"# }.joined(separator: ",")
        let group = harness.send("POST", "/scim/v2/Groups", body: #"{"displayName":"Old","members":[\#(members)]}"#)
        let groupID = try #require(group.json?["id"]?.stringValue)
        let patch = #"""
            {"Operations":[{"op":"replace","path":"displayName","value":"New"},
                {"op":"remove","path":"members[value eq \"\#(ids[0])\"]"}]}
            """#
        #expect(harness.send("PATCH", "/scim/v2/Groups/\(groupID)", body: patch).status == 200)
        let teams = try TenantDatabase(pool: harness.pool, tenantID: harness.tenant.id).transaction { tenant in
            try ids.map {
                try tenant.governance.memberships(.team, of: try #require(UUID(uuidString: $0)), source: .scim)
            }
        }
        #expect(teams == [[], ["New"]])
    }

    @Test(
        "client mistakes get SCIM errors, never a 500",
        arguments: [
            ("POST", "/scim/v2/Users", "{not json", 400),
            ("POST", "/scim/v2/Users", #"{"displayName":"no user name"}"#, 400),
            ("POST", "/scim/v2/Users", #"{"userName":{"first":"x"}}"#, 400),
            ("POST", "/scim/v2/Users", #"{"userName":" \t "}"#, 400),
            ("POST", "/scim/v2/Users", #"{"userName":"dave@example.com "}"#, 400),
            ("POST", "/scim/v2/Users", #"{"userName":"\u00a0dave@example.com"}"#, 400),
            ("POST", "/scim/v2/Groups", #"{"displayName":"  "}"#, 400),
            ("POST", "/scim/v2/Groups", #"{"displayName":"Platform\n"}"#, 400),
            ("PATCH", "/scim/v2/Users/00000000-0000-0000-0000-000000000000", #"{"Operations":[]}"#, 400),
            ("GET", "/scim/v2/Users?filter=userName%20eq", "", 400),
            ("GET", "/scim/v2/Users?filter=nosuch%20eq%20%22x%22", "", 400),
            ("GET", "/scim/v2/Users?startIndex=abc", "", 400),
            ("GET", "/scim/v2/Users?filter=groups.display%20eq%20%22Team%22", "", 400),
            ("GET", "/scim/v2/Users?filter=groups.type%20eq%20%22direct%22", "", 400),
            ("GET", "/scim/v2/Users?sortBy=meta.version", "", 400),
            ("GET", "/scim/v2/Users/not-a-uuid", "", 404),
            ("GET", "/scim/v2/Groups/00000000-0000-0000-0000-000000000000", "", 404),
            (
                "PATCH", "/scim/v2/Users/00000000-0000-0000-0000-000000000000",
                #"{"Operations":[{"op":"replace","path":"displayName","value":"x"}]}"#, 404
            ),
            ("PUT", "/scim/v2/Users", #"{"userName":"x"}"#, 405),
            ("GET", "/scim/v2/Nothing", "", 404),
            ("POST", "/scim/v2/Bulk", "{}", 400),
            ("POST", "/scim/v2/Bulk", #"{"failOnErrors":"x","Operations":[]}"#, 400),
            ("POST", "/scim/v2/Bulk", #"{"failOnErrors":-1,"Operations":[]}"#, 400),
            ("GET", "/scim/v2/Me", "", 501),
        ])
    func clientMistakes(method: String, target: String, body: String, status: Int) throws {
        let harness = try GatewayHarness()
        let response = harness.send(method, target, body: body.isEmpty ? nil : body)
        #expect(response.status == status)
        #expect(response.json?["status"] == .string(String(status)))
        if status == 405 { #expect(response.headers["Allow"] != nil) }
    }

    @Test(
        "a method a SCIM path does not take gets 405 with the methods it does take",
        arguments: [
            ("DELETE", "/scim/v2/Users", "GET, HEAD, POST"),
            ("POST", "/scim/v2/Groups/00000000-0000-0000-0000-000000000001", "GET, HEAD, PUT, PATCH, DELETE"),
            ("POST", "/scim/v2/ServiceProviderConfig", "GET, HEAD"),
            ("GET", "/scim/v2/Bulk", "POST"),
            ("GET", "/scim/v2/Users/.search", "POST"),
        ])
    func methodNotAllowed(method: String, target: String, allowed: String) throws {
        let harness = try GatewayHarness()
        let response = harness.send(method, target)
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == allowed)
        #expect(response.json?["status"] == .string("405"))
    }

    @Test("cursor pagination (RFC 9865) returns nextCursor until the last page; a bad cursor is invalidCursor")
    func cursorPagination() throws {
        let harness = try GatewayHarness()
        for index in 0..<3 {
            _ = harness.send("POST", "/scim/v2/Users", body: "{\"userName\":\"c\(index)@example.com\"}")
        }
        var target = "/scim/v2/Users?cursor&count=2"
        var names: [String] = []
        for _ in 0..<3 {
            let page = harness.send("GET", target)
            #expect(page.status == 200)
            #expect(page.json?["totalResults"] == .integer(3))
            names += page.json?["Resources"]?.arrayValue?.compactMap { $0["userName"]?.stringValue } ?? []
            guard let next = page.json?["nextCursor"]?.stringValue else { break }
            target = "/scim/v2/Users?count=2&cursor=\(next)"
        }
        #expect(names == ["c0@example.com", "c1@example.com", "c2@example.com"])
        let bad = harness.send("GET", "/scim/v2/Users?cursor=garbage")
        #expect(bad.status == 400)
        #expect(bad.json?["scimType"] == .string("invalidCursor"))
        let config = harness.send("GET", "/scim/v2/ServiceProviderConfig")
        #expect(config.json?["pagination"]?["cursor"] == .bool(true))
    }

    @Test("health answers without credentials")
    func health() throws {
        let harness = try GatewayHarness()
        let response = harness.handler.handle(HTTPRequest(method: "GET", target: "/healthz"))
        #expect(response.status == 200)
        let ready = harness.handler.handle(HTTPRequest(method: "GET", target: "/readyz"))
        #expect(ready.status == 200)
    }
}
