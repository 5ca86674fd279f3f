import Foundation
import Testing

@testable import SCIM

@Suite("Rendering resources for clients")
struct SCIMResourceRendererTests {
    let meta = SCIMResourceMeta(
        created: Date(timeIntervalSince1970: 1_767_225_600), lastModified: Date(timeIntervalSince1970: 1_767_229_200),
        version: #"W/"2""#)
    let base = "https://gw.example.com/scim/v2"

    @Test("a user gets id and meta with resourceType, times, location and version")
    func user() throws {
        let attributes = try SCIMResourceNormalizer.normalizeUser(json(#"{"userName":"a","id":"spoofed"}"#))
        let resource = SCIMResourceRenderer.user(attributes: attributes, id: "u-1", meta: meta, baseURL: base)
        #expect(
            resource == [
                "schemas": [.string(SCIMSchemas.userURN)], "userName": "a", "id": "u-1",
                "meta": [
                    "resourceType": "User", "created": "2026-01-01T00:00:00Z", "lastModified": "2026-01-01T01:00:00Z",
                    "location": "https://gw.example.com/scim/v2/Users/u-1", "version": #"W/"2""#,
                ],
            ])
    }

    @Test("stored id, meta and password never leak through, and missing schemas are filled in")
    func defensive() {
        let resource = SCIMResourceRenderer.user(
            attributes: ["userName": "a", "ID": "x", "Meta": [:], "password": "p"], id: "u-1",
            meta: SCIMResourceMeta(created: meta.created, lastModified: meta.lastModified), baseURL: base)
        #expect(resource["ID"] == nil && resource["Meta"] == nil && resource["password"] == nil)
        #expect(resource["id"] == "u-1")
        #expect(resource["schemas"] == [.string(SCIMSchemas.userURN)])
        #expect(resource["meta"]?["version"] == nil)
    }

    @Test("a group renders members with $ref, an empty list as [], and nil as absent")
    func group() {
        let attributes: JSONValue = ["schemas": [.string(SCIMSchemas.groupURN)], "displayName": "Eng"]
        let withMembers = SCIMResourceRenderer.group(
            attributes: attributes, id: "g-1", members: [SCIMMember(value: "u-1", display: "A")], meta: meta,
            baseURL: base)
        #expect(
            withMembers["members"] == [
                ["value": "u-1", "type": "User", "display": "A", "$ref": "https://gw.example.com/scim/v2/Users/u-1"]
            ])
        #expect(withMembers["meta"]?["location"] == "https://gw.example.com/scim/v2/Groups/g-1")
        let empty = SCIMResourceRenderer.group(
            attributes: attributes, id: "g-1", members: [], meta: meta, baseURL: base)
        #expect(empty["members"] == [])
        let excluded = SCIMResourceRenderer.group(
            attributes: attributes, id: "g-1", members: nil, meta: meta, baseURL: base)
        #expect(excluded["members"] == nil)
    }
}
