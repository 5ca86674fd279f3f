import Foundation

/// The parameters of a list or search request (RFC 7644 §3.4.2), validated and resolved.
public struct SCIMListQuery: Sendable {
    public var filter: SCIMFilter?
    /// 1-based; values below 1 are read as 1 (RFC 7644 §3.4.2.4).
    public var startIndex: Int
    /// Nil asks for the server's default page size; 0 asks for totals only; never above `maxResults`.
    public var count: Int?
    public var sortBy: SCIMAttributePath?
    public var sortOrder: SCIMSortOrder
    public var attributes: [String]
    public var excludedAttributes: [String]
    /// RFC 9865 cursor: "" asks for the first page of a cursor walk; nil means index pagination.
    public var cursor: String?

    public init(
        filter: SCIMFilter? = nil, startIndex: Int = 1, count: Int? = nil, sortBy: SCIMAttributePath? = nil,
        sortOrder: SCIMSortOrder = .ascending, attributes: [String] = [], excludedAttributes: [String] = [],
        cursor: String? = nil
    ) {
        self.filter = filter
        self.startIndex = max(1, startIndex)
        self.count = count
        self.sortBy = sortBy
        self.sortOrder = sortOrder
        self.attributes = attributes
        self.excludedAttributes = excludedAttributes
        self.cursor = cursor
    }

    /// Reads URL query parameters. Names are matched ignoring case; unknown parameters are ignored
    /// (RFC 7644 §3.4.2; Entra's `aadOptscim062020` may land here); a repeated parameter's last value wins.
    /// A malformed number, sort order or sort attribute is 400 `invalidValue`; a bad filter `invalidFilter`.
    public init(queryItems: [(name: String, value: String)], resourceType: SCIMResourceType, maxResults: Int) throws {
        var parameters: [String: String] = [:]
        for item in queryItems { parameters[item.name.lowercased()] = item.value }
        try self.init(parameters: parameters, resourceType: resourceType, maxResults: maxResults)
    }

    /// Reads a `POST /.search` body (RFC 7644 §3.4.3). Member names are matched ignoring case;
    /// `attributes` may be an array or a comma-separated string; numbers may be JSON numbers or strings.
    public init(searchBody: JSONValue, resourceType: SCIMResourceType, maxResults: Int) throws {
        guard case .object(let fields) = searchBody else {
            throw SCIMError.invalidSyntax("A search request body must be a JSON object")
        }
        var parameters: [String: String] = [:]
        for (key, value) in fields {
            switch value {
            case .null: continue
            case .string(let text): parameters[key.lowercased()] = text
            case .integer(let number): parameters[key.lowercased()] = String(number)
            case .array(let elements):
                let names = elements.compactMap(\.stringValue)
                guard names.count == elements.count else {
                    throw SCIMError.invalidValue("'\(key)' must be a list of attribute names")
                }
                parameters[key.lowercased()] = names.joined(separator: ",")
            case .double, .bool, .object:
                if key.lowercased() == "schemas" { continue }
                throw SCIMError.invalidValue("'\(key)' has a value of the wrong type")
            }
        }
        try self.init(parameters: parameters, resourceType: resourceType, maxResults: maxResults)
    }

    private init(parameters: [String: String], resourceType: SCIMResourceType, maxResults: Int) throws {
        self.init()
        if let text = parameters["filter"], !text.trimmingCharacters(in: .whitespaces).isEmpty {
            filter = try SCIMFilter.parse(text, resourceType: resourceType)
        }
        if let text = parameters["startindex"] {
            startIndex = max(1, try Self.integer(text, named: "startIndex"))
        }
        if let text = parameters["count"] {
            count = min(max(0, try Self.integer(text, named: "count")), max(0, maxResults))
        }
        if let text = parameters["sortby"], !text.isEmpty {
            guard let path = SCIMAttributePath.resolve(text, resourceType: resourceType) else {
                throw SCIMError.invalidValue("sortBy names an unknown attribute: \(text)")
            }
            sortBy = path
        }
        if let text = parameters["sortorder"], !text.isEmpty {
            guard let order = SCIMSortOrder(rawValue: text.lowercased()) else {
                throw SCIMError.invalidValue("sortOrder must be \"ascending\" or \"descending\", not \"\(text)\"")
            }
            sortOrder = order
        }
        attributes = Self.names(parameters["attributes"])
        excludedAttributes = Self.names(parameters["excludedattributes"])
        cursor = parameters["cursor"]
    }

    /// The projection these parameters ask for.
    public func projection(for resourceType: SCIMResourceType) -> SCIMProjection {
        SCIMProjection(attributes: attributes, excludedAttributes: excludedAttributes, resourceType: resourceType)
    }

    private static func integer(_ text: String, named name: String) throws -> Int {
        guard let number = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw SCIMError.invalidValue("\(name) must be an integer, not \"\(text)\"")
        }
        return number
    }

    private static func names(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
