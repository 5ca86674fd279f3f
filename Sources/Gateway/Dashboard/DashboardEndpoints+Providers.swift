import Crypto
import Foundation
import HTTPServer
import Identity
import Storage

extension DashboardEndpoints {
    /// `GET /dashboard/providers`: Governance → User Provisioning, the tenant's OIDC providers.
    func providers(_ context: DashboardContext) throws -> HTTPResponse {
        let providers = try tenant(context).transaction { try $0.adminProviders.list() }
        return DashboardResponse.page(
            DashboardProvidersView.list(providers, principal: try context.administrator, notice: context.notice))
    }

    /// `GET /dashboard/providers/new`.
    func newProvider(_ context: DashboardContext) throws -> HTTPResponse {
        DashboardResponse.page(
            DashboardProvidersView.new(
                DashboardProviderForm(), principal: try context.administrator, baseURL: context.baseURL))
    }

    /// `POST /dashboard/providers`: creates the provider, then stores its sign-in settings.
    func createProvider(_ context: DashboardContext) throws -> HTTPResponse {
        var values = DashboardProviderForm(form: try context.posted, complete: false)
        let sealing = sealingProblem(values)
        if let sealing { values.problems.append(sealing) }
        guard values.problems.isEmpty else {
            return DashboardResponse.page(
                DashboardProvidersView.new(values, principal: try context.administrator, baseURL: context.baseURL),
                status: 400)
        }
        let record = try tenant(context).transaction { tenant in
            try tenant.adminProviders.create(
                AdminProviderChanges(
                    name: values.name, issuer: .some(values.issuer.isEmpty ? nil : values.issuer),
                    clientID: .some(values.clientID.isEmpty ? nil : values.clientID), provisioningMode: values.mode))
        }
        if !values.clientSecret.isEmpty { try storeSettings(values, providerID: record.id, context) }
        return DashboardResponse.redirect(
            to: "/dashboard/providers/\(record.id.lowercasedString)?notice=\(DashboardNotice.providerCreated.rawValue)")
    }

    /// `GET /dashboard/providers/{id}`: the provider's dashboard: connection details, attribute mappings, quick
    /// actions and recent provisioning.
    func provider(_ context: DashboardContext) throws -> HTTPResponse {
        try providerPage(context, rule: DashboardRuleForm(), error: nil, status: 200)
    }

    /// `GET /dashboard/providers/{id}/connection`.
    func connectionForm(_ context: DashboardContext) throws -> HTTPResponse {
        let (record, settings) = try load(context)
        return DashboardResponse.page(
            DashboardProviderView.connection(
                record, values: DashboardProviderForm(record: record, settings: settings),
                secretStored: settings.clientSecretSealed != nil, principal: try context.administrator,
                baseURL: context.baseURL))
    }

    /// `POST /dashboard/providers/{id}/connection`: name, role strategy and group teams, then sign-in settings.
    func saveConnection(_ context: DashboardContext) throws -> HTTPResponse {
        let (record, settings) = try load(context)
        var values = DashboardProviderForm(form: try context.posted, complete: true)
        if let sealing = sealingProblem(values) { values.problems.append(sealing) }
        guard values.problems.isEmpty else {
            return DashboardResponse.page(
                DashboardProviderView.connection(
                    record, values: values, secretStored: settings.clientSecretSealed != nil,
                    principal: try context.administrator, baseURL: context.baseURL),
                status: 400)
        }
        _ = try tenant(context).transaction { tenant in
            try tenant.adminProviders.update(
                id: record.id,
                AdminProviderChanges(
                    name: values.name, roleStrategy: values.roleStrategy, groupsBecomeTeams: values.groupsBecomeTeams))
        }
        try storeSettings(values, providerID: record.id, context)
        return DashboardResponse.redirect(
            to: "/dashboard/providers/\(record.id.lowercasedString)?notice=\(DashboardNotice.connectionSaved.rawValue)")
    }

    /// `POST /dashboard/providers/{id}/mappings`: adds a mapping rule at the end of the list.
    func addRule(_ context: DashboardContext) throws -> HTTPResponse {
        let id = try context.id("providerId", "provider")
        let rule = DashboardRuleForm(form: try context.posted)
        guard rule.problems.isEmpty, let kind = rule.kind else {
            return try providerPage(context, rule: rule, error: rule.problems.joined(separator: " "), status: 400)
        }
        do {
            _ = try tenant(context).transaction { tenant in
                try tenant.adminMappingRules.create(
                    providerID: id, kind: kind, attribute: rule.attribute, value: rule.value, target: rule.target,
                    position: nil)
            }
        } catch let error as MappingRuleError {
            return try providerPage(context, rule: rule, error: error.description + ".", status: 400)
        }
        return DashboardResponse.redirect(
            to: "/dashboard/providers/\(id.lowercasedString)?notice=\(DashboardNotice.ruleAdded.rawValue)#mappings")
    }

    /// `POST /dashboard/providers/{id}/mappings/{ruleId}/delete`.
    func deleteRule(_ context: DashboardContext) throws -> HTTPResponse {
        let id = try context.id("providerId", "provider")
        let ruleID = try context.id("ruleId", "mapping rule")
        try tenant(context).transaction { try $0.adminMappingRules.delete(providerID: id, ruleID: ruleID) }
        return DashboardResponse.redirect(
            to: "/dashboard/providers/\(id.lowercasedString)?notice=\(DashboardNotice.ruleDeleted.rawValue)#mappings")
    }

    /// `GET /dashboard/providers/{id}/log`: the provider's provisioning log, newest first, in keyset pages.
    func provisioningLog(_ context: DashboardContext) throws -> HTTPResponse {
        let id = try context.id("providerId", "provider")
        let request = try page(context)
        let (record, entries) = try tenant(context).transaction { tenant in
            guard let record = try tenant.adminProviders.find(id: id) else { throw Self.providerNotFound }
            return (record, try tenant.adminProvisioningLog.list(providerID: id, request))
        }
        return DashboardResponse.page(
            DashboardProvisioningLogView.render(
                record, entries: entries, isFirstPage: request.after == nil, principal: try context.administrator))
    }

    /// The provider page, with the rule form's values and an error when a rule could not be added.
    func providerPage(
        _ context: DashboardContext, rule: DashboardRuleForm, error: String?, status: Int
    ) throws -> HTTPResponse {
        let (record, settings) = try load(context)
        let (rules, recent) = try tenant(context).transaction { tenant in
            (
                try tenant.adminMappingRules.list(providerID: record.id),
                try tenant.adminProvisioningLog.list(providerID: record.id, AdminPageRequest(limit: 5)).items
            )
        }
        return DashboardResponse.page(
            DashboardProviderView.render(
                DashboardProviderView.Model(
                    record: record, settings: settings, rules: rules, recent: recent, baseURL: context.baseURL,
                    rule: rule),
                principal: try context.administrator, notice: context.notice, error: error),
            status: status)
    }

    /// The provider of the route in the administrator's tenant, with its sign-in settings.
    func load(_ context: DashboardContext) throws -> (AdminProviderRecord, SignInSettings) {
        let id = try context.id("providerId", "provider")
        guard let record = try tenant(context).transaction({ try $0.adminProviders.find(id: id) }) else {
            throw Self.providerNotFound
        }
        // Found in the administrator's tenant first, so the cross-tenant settings lookup cannot reach another's.
        guard let settings = try SignInSettingsRepository(pool: pool).settings(providerID: id),
            settings.tenantID == record.tenantID
        else { throw Self.providerNotFound }
        return (record, settings)
    }

    static let providerNotFound = DashboardError(.notFound, "There is no such provider in your organisation.")

    /// Why a client secret cannot be stored, if it cannot: it is sealed with `SECRET_KEY`.
    private func sealingProblem(_ values: DashboardProviderForm) -> String? {
        guard !values.clientSecret.isEmpty, configuration.secretKey == nil else { return nil }
        return "The server has no SECRET_KEY, so it cannot store a client secret. Ask the operator to set one, or "
            + "leave the secret empty for a public client."
    }

    /// Stores the sign-in settings; a new client secret is sealed to the provider, an empty one keeps the stored one.
    private func storeSettings(_ values: DashboardProviderForm, providerID: UUID, _ context: DashboardContext) throws {
        let repository = SignInSettingsRepository(pool: pool)
        guard let current = try repository.settings(providerID: providerID),
            current.tenantID == (try context.administrator.tenantID)
        else { throw Self.providerNotFound }
        var sealed: [UInt8]?
        if !values.clientSecret.isEmpty, let key = configuration.secretKey {
            sealed = try AESGCM(key: key).seal(Array(values.clientSecret.utf8), associatedData: current.secretBinding)
        }
        try repository.configure(values.settings(over: current, sealedSecret: sealed))
    }
}
