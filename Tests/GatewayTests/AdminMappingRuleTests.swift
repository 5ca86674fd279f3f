import Foundation
import SCIM
import Testing

@testable import Gateway

@Suite("Admin API: mapping rules", .serialized)
struct AdminMappingRuleTests {
    @Test(
        "rules that could never match are 400 with the rule's own code",
        arguments: [
            (["kind": "team", "attribute": "name..givenName", "value": "*", "target": "*"], "invalid_attribute"),
            (["kind": "team", "attribute": "claims", "value": "*", "target": "*"], "invalid_attribute"),
            (["kind": "team", "attribute": "title", "value": "${*}-${*}", "target": "x"], "repeated_placeholder"),
            (["kind": "role", "attribute": "title", "value": "Boss", "target": "Overlord"], "unknown_role"),
            (["kind": "group", "attribute": "title", "value": "*", "target": "*"], "invalid_field"),
            (["kind": "team", "attribute": "title", "value": "*"], "invalid_field"),
            (["kind": "team", "attribute": "title", "value": "*", "target": "*", "position": -1], "invalid_field"),
            (["kind": "team", "attribute": "", "value": "*", "target": "*"], "invalid_field"),
        ] as [(JSONValue, String)])
    func invalidRules(body: JSONValue, code: String) throws {
        let harness = try AdminHarness()
        let answer = harness.admin("POST", harness.providerPath + "/mapping-rules", body)
        #expect(answer.status == 400)
        #expect(answer.code == code)
        #expect(harness.admin("GET", harness.providerPath + "/mapping-rules")["items"] == [])
    }

    @Test("rules are listed in order, moved, reordered as a whole and deleted")
    func ordering() throws {
        let harness = try AdminHarness()
        let rules = harness.providerPath + "/mapping-rules"
        var ids: [String] = []
        for (kind, target) in [("team", "*"), ("business_unit", "*"), ("role", "Developer")] {
            let created = harness.admin(
                "POST", rules, ["kind": .string(kind), "attribute": "title", "value": "*", "target": .string(target)])
            #expect(created.status == 201)
            ids.append(try #require(created.id))
        }
        func order() -> [String] {
            harness.admin("GET", rules)["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        }
        #expect(order() == ids)

        // A position is an index in the evaluation order: past the end is last, 0 is first even among older rules.
        #expect(harness.admin("PATCH", "\(rules)/\(ids[0])", ["position": 10])["position"] == 2)
        #expect(order() == [ids[1], ids[2], ids[0]])
        #expect(harness.admin("PATCH", "\(rules)/\(ids[2])", ["position": 0])["position"] == 0)
        #expect(order() == [ids[2], ids[1], ids[0]])
        let inserted = harness.admin(
            "POST", rules, ["kind": "team", "attribute": "department", "value": "*", "target": "*", "position": 1])
        #expect(inserted["position"] == 1)
        #expect(order() == [ids[2], try #require(inserted.id), ids[1], ids[0]])
        #expect(harness.admin("GET", rules)["items"]?.arrayValue?.map { $0["position"] } == [0, 1, 2, 3])
        #expect(harness.admin("DELETE", "\(rules)/\(try #require(inserted.id))").status == 204)
        #expect(harness.admin("PATCH", "\(rules)/\(ids[1])", ["position": 0])["position"] == 0)
        #expect(order() == [ids[1], ids[2], ids[0]])

        let reordered = harness.admin(
            "PUT", "\(rules)/order", ["rule_ids": [.string(ids[2]), .string(ids[0]), .string(ids[1])]])
        #expect(reordered.status == 200)
        #expect(order() == [ids[2], ids[0], ids[1]])
        #expect(harness.admin("GET", rules)["items"]?.arrayValue?.map { $0["position"] } == [0, 1, 2])

        let incomplete = harness.admin("PUT", "\(rules)/order", ["rule_ids": [.string(ids[0])]])
        #expect(incomplete.code == "invalid_order")
        let repeated = harness.admin(
            "PUT", "\(rules)/order", ["rule_ids": [.string(ids[0]), .string(ids[0]), .string(ids[1])]])
        #expect(repeated.code == "invalid_order")

        #expect(harness.admin("DELETE", "\(rules)/\(ids[1])").status == 204)
        #expect(harness.admin("DELETE", "\(rules)/\(ids[1])").status == 404)
        #expect(order() == [ids[2], ids[0]])
    }

    @Test("a rule made through the API maps the next SCIM write into teams, units and a role")
    func rulesApplyOnSync() throws {
        let harness = try AdminHarness()
        let rules = harness.providerPath + "/mapping-rules"
        harness.admin(
            "POST", rules, ["kind": "business_unit", "attribute": "enterprise.department", "value": "*", "target": "*"])
        harness.admin(
            "POST", rules, ["kind": "team", "attribute": "title", "value": "Eng: ${*}", "target": "${*} Team"])
        harness.admin(
            "POST", rules, ["kind": "role", "attribute": "title", "value": "Eng: ${*}", "target": "developer"])
        let id = try harness.scimUser(
            "mapped@example.com",
            [
                "title": "Eng: Alpha",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": ["department": "Research"],
            ])
        let user = harness.admin("GET", harness.tenantPath + "/users/\(id)")
        #expect(user["teams"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Alpha Team"])
        let unit = user["business_units"]?.arrayValue?.first
        #expect(unit?["name"] == "Research")
        #expect(unit?["grants"]?.arrayValue?.first?["source"] == "scim")
        #expect(user["role"]?["name"] == "Developer")
        #expect(user["role"]?["source"] == "scim")
    }
}
