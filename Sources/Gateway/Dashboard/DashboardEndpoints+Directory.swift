import Foundation
import HTTPServer
import Storage

extension DashboardEndpoints {
    /// Longest search text; a prefix of a userName or displayName is never longer than the column allows.
    static let maxSearchLength = 200

    /// `GET /dashboard/users?search=&after=`: Governance → Users, in userName order, keyset pages over the index of
    /// migration 0003, so the thousandth page costs what the first does at 100,000 people.
    func users(_ context: DashboardContext) throws -> HTTPResponse {
        let search = context.query("search").map {
            String($0.trimmingCharacters(in: .whitespaces).prefix(Self.maxSearchLength))
        }
        .flatMap { $0.isEmpty ? nil : $0 }
        let request = try page(context)
        let people = try tenant(context).transaction { try $0.adminUsers.list(search: search, request) }
        return DashboardResponse.page(
            DashboardPeopleView.list(
                people, search: search, isFirstPage: request.after == nil, principal: try context.administrator))
    }

    /// `GET /dashboard/users/{id}`: one person, with how each team and business unit was granted.
    func user(_ context: DashboardContext) throws -> HTTPResponse {
        let id = try context.id("userId", "person")
        let (person, providers) = try tenant(context).transaction { tenant in
            (try tenant.adminUsers.detail(id: id), try tenant.adminProviders.list())
        }
        guard let person else { throw DashboardError(.notFound, "There is no such person in your organisation.") }
        return DashboardResponse.page(
            DashboardPeopleView.detail(person, providers: providers, principal: try context.administrator))
    }

    /// `GET /dashboard/teams` or `/dashboard/business-units`: in name order, with member counts by source.
    func groupings(_ kind: MembershipKind, _ context: DashboardContext) throws -> HTTPResponse {
        let request = try page(context)
        let records = try tenant(context).transaction { try $0.adminGroupings(kind).list(request) }
        return DashboardResponse.page(
            DashboardGroupingsView.list(
                kind, records, isFirstPage: request.after == nil, principal: try context.administrator))
    }

    /// `GET /dashboard/teams/{id}` or `/dashboard/business-units/{id}`: its members and how each was granted.
    func grouping(_ kind: MembershipKind, _ context: DashboardContext) throws -> HTTPResponse {
        let id = try context.id("groupingId", kind == .team ? "team" : "business unit")
        let request = try page(context)
        let found = try tenant(context).transaction {
            tenant -> (AdminGroupingRecord, AdminPage<AdminGroupingMember>, [AdminProviderRecord])? in
            guard let record = try tenant.adminGroupings(kind).find(id: id) else { return nil }
            return (record, try tenant.adminGroupings(kind).members(of: id, request), try tenant.adminProviders.list())
        }
        guard let (record, members, providers) = found else {
            throw DashboardError(.notFound, "There is no such \(kind == .team ? "team" : "business unit").")
        }
        return DashboardResponse.page(
            DashboardGroupingsView.detail(
                kind, record, members: members, providers: providers, isFirstPage: request.after == nil,
                principal: try context.administrator))
    }
}
