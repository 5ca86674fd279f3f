import SCIM

/// The attributes copied out of a user's SCIM JSON into indexed columns.
struct UserColumns {
    let userName: String
    let externalID: String?
    let displayName: String?
    let active: Bool

    init(attributes: JSONValue) throws {
        guard let userName = attributes["userName"]?.stringValue, !userName.isEmpty else {
            throw SCIMError.invalidValue("userName is required.")
        }
        self.userName = userName
        externalID = attributes["externalId"]?.stringValue
        displayName = attributes["displayName"]?.stringValue
        // RFC 7643 §4.1.1: a user without `active` is active.
        active = attributes["active"]?.boolValue ?? true
    }
}
