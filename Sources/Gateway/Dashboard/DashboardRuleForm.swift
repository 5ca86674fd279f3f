import Identity

/// The values of the "add mapping rule" form, kept to fill the form again when the rule is refused.
struct DashboardRuleForm: Sendable, Equatable {
    var kind: MappingKind? = .role
    var attribute = ""
    var value = ""
    var target = ""
    var problems: [String] = []

    init() {}

    /// The posted values; lengths follow the `mapping_rules` columns (migration 0002).
    init(form: DashboardForm) {
        kind = form["kind"].flatMap(MappingKind.init(rawValue:))
        attribute = form.text("attribute") ?? ""
        value = form.text("value") ?? ""
        target = form.text("target") ?? ""
        if kind == nil { problems.append("Choose whether the rule gives a role, a team or a business unit.") }
        if attribute.isEmpty || value.isEmpty || target.isEmpty {
            problems.append("Fill in the attribute, the value to match and the target.")
        }
        if attribute.count > 300 || value.count > 300 || target.count > 200 {
            problems.append("Attributes and values are at most 300 characters, targets at most 200.")
        }
    }
}
