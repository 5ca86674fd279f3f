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
        self.userName = try IndexedText.checkedName(userName, attribute: "userName")
        externalID = try IndexedText.checked(attributes["externalId"]?.stringValue, attribute: "externalId")
        displayName = try IndexedText.checked(attributes["displayName"]?.stringValue, attribute: "displayName")
        // RFC 7643 §4.1.1: a user without `active` is active.
        active = attributes["active"]?.boolValue ?? true
    }
}
