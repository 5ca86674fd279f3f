import Testing

@testable import SCIM

@Suite("Group members")
struct SCIMMemberTests {
    @Test(
        "member shapes IdPs send are read",
        arguments: [
            (#"{"value":"u-1"}"#, SCIMMember(value: "u-1")),
            (#"{"value":"u-1","display":"A"}"#, SCIMMember(value: "u-1", display: "A")),
            (#"{"Value":"u-1","DisplayName":"A","$ref":null}"#, SCIMMember(value: "u-1", display: "A")),
            (#"{"value":"g-1","type":"GROUP"}"#, SCIMMember(value: "g-1", type: "Group")),
            (#"{"value":"u-1","type":"user","display":""}"#, SCIMMember(value: "u-1")),
            (#""u-1""#, SCIMMember(value: "u-1")),
            (#"{"value":42}"#, SCIMMember(value: "42")),
        ] as [(String, SCIMMember)])
    func reads(text: String, expected: SCIMMember) throws {
        #expect(try SCIMMember(json: json(text)) == expected)
    }

    @Test("a member renders with $ref when a base URL is given")
    func renders() {
        #expect(SCIMMember(value: "u-1", display: "A").json() == ["value": "u-1", "type": "User", "display": "A"])
        #expect(
            SCIMMember(value: "g-1", type: "Group").json(baseURL: "http://h/scim/v2")
                == ["value": "g-1", "type": "Group", "$ref": "http://h/scim/v2/Groups/g-1"])
    }
}
