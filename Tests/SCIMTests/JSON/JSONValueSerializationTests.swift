import Testing

@testable import SCIM

@Suite("JSON serialisation")
struct JSONValueSerializationTests {
    @Test(
        "values serialise compactly with sorted keys",
        arguments: [
            (JSONValue.null, "null"),
            (.bool(false), "false"),
            (.integer(-12), "-12"),
            (.double(1.5), "1.5"),
            (.double(100), "100.0"),
            (.double(.infinity), "null"),
            (.string("a\"b\\c\n\u{01}é"), #""a\"b\\c\n\u0001é""#),
            (["b": 1, "a": [true, .null], "B": "x"], #"{"B":"x","a":[true,null],"b":1}"#),
            ([[:], []], "[{},[]]"),
        ] as [(JSONValue, String)])
    func serialises(value: JSONValue, expected: String) {
        #expect(value.serializedString == expected)
    }

    @Test(
        "serialising then parsing returns the same value",
        arguments: [
            #"{"userName":"Zoë 😀","emails":[{"value":"a@b","primary":true}],"n":-3,"d":0.125,"z":null}"#,
            #"["\u0000\u001f\u007f","\\","\/"]"#,
            #"{"nested":{"deeper":{"deepest":[1,2,3,{"k":"v"}]}}}"#,
        ])
    func roundTrips(text: String) throws {
        let value = try JSONValue.parse(text)
        #expect(try JSONValue.parse(value.serialized()) == value)
    }

    @Test("equal objects serialise to identical bytes whatever their construction order")
    func deterministic() throws {
        let first = try json(#"{"z":1,"a":{"y":2,"b":3},"m":[1,2]}"#)
        var members: [String: JSONValue] = [:]
        members["m"] = [1, 2]
        members["a"] = ["b": 3, "y": 2]
        members["z"] = 1
        #expect(first.serialized() == JSONValue.object(members).serialized())
    }
}
