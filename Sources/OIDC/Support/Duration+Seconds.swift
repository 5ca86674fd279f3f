extension Duration {
    /// The duration in seconds as a floating-point number, for arithmetic with `Date` and NumericDate values.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
