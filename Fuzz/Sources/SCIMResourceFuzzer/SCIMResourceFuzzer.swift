import SCIM

/// Fuzzes the bodies of `POST` and `PUT` on `/Users` and `/Groups`: strict JSON parsing with the nesting limit, then
/// `normalizeUser` and `normalizeGroup`.
///
/// Any document that parses must serialise to text that parses back equal, and normalising must be stable: the
/// attributes it returns, normalised again, are the same attributes (a GET followed by a PUT changes nothing).
enum SCIMResourceFuzzer {
    static func run(_ input: [UInt8]) {
        guard let document = try? JSONValue.parse(input) else { return }
        checkRoundTrip(document)
        if let attributes = try? SCIMResourceNormalizer.normalizeUser(document) {
            checkRoundTrip(attributes)
            checkStable(attributes, SCIMResourceNormalizer.normalizeUser)
        }
        if let group = try? SCIMResourceNormalizer.normalizeGroup(document) {
            checkRoundTrip(group.attributes)
            checkStable(group.attributes) { try SCIMResourceNormalizer.normalizeGroup($0).attributes }
        }
        _ = try? SCIMListQuery(searchBody: document, resourceType: .user, maxResults: 200)
    }

    static func checkRoundTrip(_ value: JSONValue) {
        let text = value.serialized()
        guard (try? JSONValue.parse(text, maxDepth: .max)) == value else {
            fatalError("a JSON value does not survive serialisation: \(String(decoding: text, as: UTF8.self))")
        }
    }

    static func checkStable(_ attributes: JSONValue, _ normalize: (JSONValue) throws -> JSONValue) {
        do {
            let again = try normalize(attributes)
            guard again == attributes else { fatalError("normalising twice changes \(attributes) into \(again)") }
        } catch {
            fatalError("normalised attributes are refused when sent again: \(attributes) (\(error))")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSCIMResource(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    SCIMResourceFuzzer.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
