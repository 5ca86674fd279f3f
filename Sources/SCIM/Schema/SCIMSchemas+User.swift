/// The core User schema, RFC 7643 §4.1 and §8.7.1.
extension SCIMSchemas {
    public static let user = SCIMSchema(
        id: userURN, name: "User", description: "User Account",
        attributes: [
            SCIMAttribute(
                name: "userName", required: true, uniqueness: .server,
                description: "The unique identifier a user signs in with; unique within the tenant, case-insensitive."),
            SCIMAttribute(
                name: "name", type: .complex,
                subAttributes: [
                    SCIMAttribute(name: "formatted", description: "The full name, formatted for display."),
                    SCIMAttribute(name: "familyName", description: "The family (last) name."),
                    SCIMAttribute(name: "givenName", description: "The given (first) name."),
                    SCIMAttribute(name: "middleName", description: "The middle name or names."),
                    SCIMAttribute(name: "honorificPrefix", description: "A title or salutation before the name."),
                    SCIMAttribute(name: "honorificSuffix", description: "A suffix after the name."),
                ],
                description: "The components of the user's real name."),
            SCIMAttribute(name: "displayName", description: "The name shown to end users."),
            SCIMAttribute(name: "nickName", description: "The casual name of the user."),
            SCIMAttribute(
                name: "profileUrl", type: .reference, referenceTypes: ["external"],
                description: "A URI of the user's online profile."),
            SCIMAttribute(name: "title", description: "The user's title, such as \"Vice President\"."),
            SCIMAttribute(name: "userType", description: "The relationship to the organisation, such as Employee."),
            SCIMAttribute(name: "preferredLanguage", description: "The preferred written or spoken language."),
            SCIMAttribute(name: "locale", description: "The default location for localising values."),
            SCIMAttribute(name: "timezone", description: "The time zone in IANA format, such as Europe/Paris."),
            SCIMAttribute(name: "active", type: .boolean, description: "Whether the user may use the service."),
            SCIMAttribute(
                name: "password", mutability: .writeOnly, returned: .never,
                description: "The clear-text password; accepted and never stored or returned by this service."),
            SCIMAttribute(
                name: "emails", type: .complex, multiValued: true,
                subAttributes: plural("email address", types: ["work", "home", "other"]),
                description: "Email addresses of the user."),
            SCIMAttribute(
                name: "phoneNumbers", type: .complex, multiValued: true,
                subAttributes: plural(
                    "phone number", types: ["work", "home", "mobile", "fax", "pager", "other"]),
                description: "Phone numbers of the user."),
            SCIMAttribute(
                name: "ims", type: .complex, multiValued: true,
                subAttributes: plural(
                    "instant messaging address",
                    types: ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]),
                description: "Instant messaging addresses of the user."),
            SCIMAttribute(
                name: "photos", type: .complex, multiValued: true,
                subAttributes: plural(
                    "photo URL", types: ["photo", "thumbnail"], valueType: .reference,
                    valueReferenceTypes: ["external"]),
                description: "URLs of images of the user."),
            SCIMAttribute(
                name: "addresses", type: .complex, multiValued: true,
                subAttributes: [
                    SCIMAttribute(name: "formatted", description: "The full mailing address, formatted for display."),
                    SCIMAttribute(name: "streetAddress", description: "The street address."),
                    SCIMAttribute(name: "locality", description: "The city or locality."),
                    SCIMAttribute(name: "region", description: "The state or region."),
                    SCIMAttribute(name: "postalCode", description: "The zip or postal code."),
                    SCIMAttribute(name: "country", description: "The country, as an ISO 3166-1 alpha-2 code."),
                    SCIMAttribute(
                        name: "type", canonicalValues: ["work", "home", "other"],
                        description: "A label for the function of the address."),
                    SCIMAttribute(
                        name: "primary", type: .boolean,
                        description: "Whether this is the preferred mailing address."),
                ],
                description: "Physical mailing addresses of the user."),
            SCIMAttribute(
                name: "groups", type: .complex, multiValued: true, mutability: .readOnly,
                subAttributes: [
                    SCIMAttribute(
                        name: "value", caseExact: true, mutability: .readOnly,
                        description: "The id of the group."),
                    SCIMAttribute(
                        name: "$ref", type: .reference, mutability: .readOnly, referenceTypes: ["User", "Group"],
                        description: "The URI of the group."),
                    SCIMAttribute(name: "display", mutability: .readOnly, description: "The group's display name."),
                    SCIMAttribute(
                        name: "type", mutability: .readOnly, canonicalValues: ["direct", "indirect"],
                        description: "Whether the membership is direct or through another group."),
                ],
                description: "The groups the user belongs to; maintained through the Group endpoint."),
            SCIMAttribute(
                name: "entitlements", type: .complex, multiValued: true,
                subAttributes: plural("entitlement", types: []),
                description: "Entitlements of the user."),
            SCIMAttribute(
                name: "roles", type: .complex, multiValued: true,
                subAttributes: plural("role", types: []),
                description: "Roles of the user."),
            SCIMAttribute(
                name: "x509Certificates", type: .complex, multiValued: true,
                subAttributes: plural("certificate", types: [], valueType: .binary),
                description: "DER-encoded X.509 certificates of the user, base64 encoded."),
        ])
}
