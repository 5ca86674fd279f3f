import SCIM
import Storage

extension SCIMListQuery {
    /// The storage page this query asks for: by `startIndex`, or after an RFC 9865 cursor.
    func pageRequest(defaultCount: Int) throws -> PageRequest {
        let limit = count ?? defaultCount
        guard let cursor else {
            return PageRequest(
                filter: filter, sortBy: sortBy, descending: sortOrder == .descending, offset: startIndex - 1,
                limit: limit)
        }
        guard sortBy == nil else {
            throw SCIMError.invalidValue("Cursor pagination uses the service's stable order; drop sortBy or cursor.")
        }
        if cursor.isEmpty { return PageRequest(filter: filter, limit: limit, usesCursor: true) }
        guard let position = ResourceCursor(token: cursor) else {
            // RFC 9865 §2.3: an unusable cursor is 400 with scimType invalidCursor.
            throw SCIMError(
                status: 400, scimType: SCIMErrorType(rawValue: "invalidCursor"), detail: "The cursor is not valid.")
        }
        return PageRequest(filter: filter, limit: limit, after: position)
    }

    /// The list response for a page, with `nextCursor` when cursor pagination was asked for.
    func response(total: Int, resources: [JSONValue], next: ResourceCursor?) -> SCIMListResponse {
        var response = SCIMListResponse(
            totalResults: total, startIndex: cursor == nil ? startIndex : 1, resources: resources)
        response.nextCursor = next?.token
        return response
    }
}
