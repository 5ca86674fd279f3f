import SCIM
import Testing

@testable import Gateway

/// Regression for issue 8: `userName`, `displayName` and `externalId` are copied into B-tree indexes, which hold about
/// 2,700 bytes an entry; a longer value that does not compress failed the write with SQLSTATE 54000 and a 500. Found
/// by the hostile-input tests. Each is now at most 1,024 bytes, refused with 400 `invalidValue` before the database.
@Suite("Indexed SCIM attributes too long for an index entry", .serialized)
struct SCIMIndexedTextLimitTests {
    /// Letters from a linear congruential generator: text that does not compress, as a hostile client would send.
    static func incompressible(_ count: Int) -> String {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var scalars = String.UnicodeScalarView()
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            scalars.append(Unicode.Scalar(UInt8(0x61 + (state >> 33) % 26)))
        }
        return String(scalars)
    }

    @Test(
        "a value past the limit is 400 invalidValue naming the attribute, at any length up to the body limit",
        arguments: [
            ("/scim/v2/Users", "userName", #"{"userName":"%@"}"#),
            ("/scim/v2/Users", "externalId", #"{"userName":"ext-long","externalId":"%@"}"#),
            ("/scim/v2/Users", "displayName", #"{"userName":"display-long","displayName":"%@"}"#),
            ("/scim/v2/Groups", "displayName", #"{"displayName":"%@"}"#),
            ("/scim/v2/Groups", "externalId", #"{"displayName":"group-ext-long","externalId":"%@"}"#),
        ])
    func refused(target: String, attribute: String, template: String) throws {
        let harness = try GatewayHarness()
        for length in [1025, 3000, 500_000] {
            let body = template.replacingOccurrences(of: "%@", with: Self.incompressible(length))
            let response = harness.send("POST", target, body: body)
            #expect(response.status == 400, "\(attribute) of \(length) bytes")
            #expect(response.json?["scimType"] == "invalidValue")
            #expect(response.json?["detail"]?.stringValue?.contains("'\(attribute)'") == true)
        }
    }

    @Test("a value at the limit is stored, and a PATCH past it leaves the user as it was")
    func boundary() throws {
        let harness = try GatewayHarness()
        let name = Self.incompressible(1024)
        let created = harness.send("POST", "/scim/v2/Users", body: #"{"userName":"\#(name)"}"#)
        #expect(created.status == 201)
        let id = try #require(created.json?["id"]?.stringValue)
        let patched = harness.send(
            "PATCH", "/scim/v2/Users/\(id)",
            body: #"{"Operations":[{"op":"replace","path":"userName","value":"\#(name)x"}]}"#)
        #expect(patched.status == 400)
        #expect(harness.send("GET", "/scim/v2/Users/\(id)").json?["userName"]?.stringValue == name)
    }
}
