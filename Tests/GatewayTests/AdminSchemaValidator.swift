import Foundation
import SCIM

@testable import Gateway

/// Checks admin answers against the OpenAPI document: the status must be documented for the operation, and a JSON
/// body must conform to the documented schema. Covers the JSON Schema the document uses: `$ref`, `type` (one or
/// several), `enum`, `properties`, `required`, `additionalProperties: false`, `items`, `anyOf`, `format: uuid`,
/// `format: date-time`, `minimum`.
enum AdminSchemaValidator {
    static func check(method: String, target: String, answer: AdminHarness.Answer) -> [String] {
        let path = String(target.prefix { $0 != "?" })
        let segments = path.split(separator: "/").map(String.init)
        guard segments.count >= 2, segments[0] == "api", segments[1] == "v1" else { return [] }
        guard let (routes, _) = AdminRouter.resolve(Array(segments.dropFirst(2))) else {
            return answer.status == 404 ? shapeOfError(answer) : ["no route matched"]
        }
        guard let route = routes.first(where: { $0.method == method }) else {
            return answer.status == 405 ? shapeOfError(answer) : ["no \(method) route"]
        }
        let document = AdminOpenAPI.document
        guard let responses = document["paths"]?[route.path]?[method.lowercased()]?["responses"],
            var response = responses[String(answer.status)]
        else { return ["status \(answer.status) is not documented for \(route.operationID)"] }
        if let reference = response["$ref"]?.stringValue { response = resolve(reference, document) ?? .null }
        guard let schema = response["content"]?["application/json"]?["schema"] else {
            return answer.json == nil ? [] : ["a body was sent where none is documented"]
        }
        guard let body = answer.json else { return ["no JSON body"] }
        guard answer.headers["Content-Type"]?.hasPrefix("application/json") == true,
            answer.headers["Cache-Control"] == "no-store"
        else { return ["Content-Type or Cache-Control missing"] }
        return validate(body, schema, document, at: "$")
    }

    static func validate(_ value: JSONValue, _ schema: JSONValue, _ document: JSONValue, at path: String) -> [String] {
        if let reference = schema["$ref"]?.stringValue {
            guard let target = resolve(reference, document) else { return ["\(path): unresolved \(reference)"] }
            return validate(value, target, document, at: path)
        }
        if let options = schema["anyOf"]?.arrayValue {
            let fits = options.contains { validate(value, $0, document, at: path).isEmpty }
            return fits ? [] : ["\(path): matches none of anyOf"]
        }
        var problems: [String] = []
        if let types = schema["type"].map({ $0.arrayValue ?? [$0] })?.compactMap(\.stringValue),
            !types.contains(where: { matches(value, $0) })
        {
            return ["\(path): \(value.serializedString.prefix(60)) is not \(types)"]
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            problems.append("\(path): \(value.serializedString) is not one of the enum")
        }
        if let format = schema["format"]?.stringValue, let text = value.stringValue {
            if format == "uuid", UUID(uuidString: text) == nil { problems.append("\(path): not a uuid") }
            if format == "date-time", SCIMDateTime.parse(text) == nil { problems.append("\(path): not a date-time") }
        }
        if case .object(let members) = value {
            let properties = schema["properties"]?.objectValue ?? [:]
            for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            where members[required] == nil {
                problems.append("\(path).\(required): missing")
            }
            for (key, member) in members {
                if let property = properties[key] {
                    problems += validate(member, property, document, at: "\(path).\(key)")
                } else if schema["additionalProperties"] == .bool(false) {
                    problems.append("\(path).\(key): not documented")
                }
            }
        }
        if case .array(let elements) = value, let items = schema["items"] {
            for (index, element) in elements.enumerated() {
                problems += validate(element, items, document, at: "\(path)[\(index)]")
            }
        }
        return problems
    }

    private static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
            ("integer", .integer), ("number", .integer), ("number", .double):
            return true
        default:
            return false
        }
    }

    /// `#/components/schemas/Name` and the like, within the document.
    static func resolve(_ reference: String, _ document: JSONValue) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: JSONValue? = document
        for part in reference.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    private static func shapeOfError(_ answer: AdminHarness.Answer) -> [String] {
        guard let error = answer.json?["error"], error["code"]?.stringValue != nil, error["message"]?.stringValue != nil
        else { return ["not an error body"] }
        return []
    }
}
