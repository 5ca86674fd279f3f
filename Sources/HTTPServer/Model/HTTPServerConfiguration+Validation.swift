extension HTTPServerConfiguration {
    /// Throws `invalidConfiguration` naming the first field out of range.
    func validate() throws(HTTPServerError) {
        let checks: [(field: String, valid: Bool)] = [
            ("port", (0...65_535).contains(port)),
            ("workerCount", workerCount >= 1),
            ("maxRequestLineBytes", maxRequestLineBytes >= 16),
            ("maxHeaderBytes", maxHeaderBytes >= 16),
            ("maxBodyBytes", maxBodyBytes >= 0),
            ("headerReadTimeout", headerReadTimeout > 0),
            ("bodyReadTimeout", bodyReadTimeout > 0),
            ("keepAliveIdleTimeout", keepAliveIdleTimeout > 0),
            ("writeTimeout", writeTimeout > 0),
            ("maxConnections", maxConnections >= 1),
            ("closeLingerTimeout", closeLingerTimeout > 0),
        ]
        if let invalid = checks.first(where: { !$0.valid }) {
            throw HTTPServerError(code: .invalidConfiguration, call: invalid.field)
        }
    }
}
