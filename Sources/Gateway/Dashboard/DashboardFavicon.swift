import Crypto

/// The tab icon, the brand's shield as SVG, so browsers do not ask for `/favicon.ico`.
enum DashboardFavicon {
    static let source = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" \
        fill="#1d4ed8"/><path d="M16 26s7-3.5 7-8.75V11l-7-2.6L9 11v6.25C9 22.5 16 26 16 26Z" fill="none" \
        stroke="#fff" stroke-width="2.2" stroke-linejoin="round"/></svg>

        """

    static let bytes = Array(source.utf8)

    /// A strong validator of the file's bytes (RFC 9110 §8.8.3).
    static let etag = "\"" + Encoding.hex(Array(Digest.sha256(bytes).prefix(12))) + "\""
}
