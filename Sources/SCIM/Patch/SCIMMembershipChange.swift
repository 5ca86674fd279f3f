/// The membership effect of a group PATCH, so storage touches only the rows that change and never loads
/// the whole group (FusionAuth #2784 lost members past the 100th by rewriting a truncated list).
///
/// Storage applies it in this order: when `replaceAll` is set, the membership becomes exactly that list
/// (then `add` and `remove` are empty); otherwise when `removeAll` is set every row is deleted; then the
/// ids in `remove` are deleted and the members in `add` inserted (an existing row is kept, its display
/// refreshed). Operations are composed in request order, so an id never appears in both `add` and `remove`.
public struct SCIMMembershipChange: Sendable, Equatable {
    public var replaceAll: [SCIMMember]?
    public var add: [SCIMMember]
    public var remove: [String]
    public var removeAll: Bool

    public init(replaceAll: [SCIMMember]? = nil, add: [SCIMMember] = [], remove: [String] = [], removeAll: Bool = false)
    {
        self.replaceAll = replaceAll
        self.add = add
        self.remove = remove
        self.removeAll = removeAll
    }

    /// Whether the change leaves the membership as it was.
    public var isEmpty: Bool {
        replaceAll == nil && add.isEmpty && remove.isEmpty && !removeAll
    }

    /// `add` members: appended (an id already listed is updated in place).
    public mutating func add(_ members: [SCIMMember]) {
        if replaceAll != nil {
            replaceAll = Self.merging(replaceAll!, members)
            return
        }
        let ids = Set(members.map(\.value))
        remove.removeAll { ids.contains($0) }
        add = Self.merging(add, members)
    }

    /// `remove` of the listed member ids.
    public mutating func remove(_ ids: [String]) {
        let removed = Set(ids)
        if replaceAll != nil {
            replaceAll!.removeAll { removed.contains($0.value) }
            return
        }
        add.removeAll { removed.contains($0.value) }
        guard !removeAll else { return }
        var listed = Set(remove)
        for id in ids where listed.insert(id).inserted { remove.append(id) }
    }

    /// `remove` of `members` with neither filter nor value: the group is emptied.
    public mutating func removeEverything() {
        if replaceAll != nil {
            replaceAll = []
        } else {
            removeAll = true
        }
        add = []
        remove = []
    }

    /// `replace` of `members` (or PUT): the membership becomes exactly `members`.
    public mutating func replace(with members: [SCIMMember]) {
        replaceAll = Self.merging([], members)
        add = []
        remove = []
        removeAll = false
    }

    /// The membership after the change, for a group whose current members are `members`. Storage should
    /// apply the change row by row instead; this is for tests and in-memory stores.
    public func applied(to members: [SCIMMember]) -> [SCIMMember] {
        if let replaceAll { return replaceAll }
        var result = removeAll ? [] : members
        let removed = Set(remove)
        result.removeAll { removed.contains($0.value) }
        return Self.merging(result, add)
    }

    /// `existing` followed by the new members, an id already present updated in place. Linear, because a
    /// full push can carry thousands of members (scim-for-keycloak #134 timed out on 211).
    private static func merging(_ existing: [SCIMMember], _ new: [SCIMMember]) -> [SCIMMember] {
        var result = existing
        var positions: [String: Int] = [:]
        for (index, member) in result.enumerated() where positions[member.value] == nil {
            positions[member.value] = index
        }
        for member in new {
            if let index = positions[member.value] {
                result[index] = member
            } else {
                positions[member.value] = result.count
                result.append(member)
            }
        }
        return result
    }
}
