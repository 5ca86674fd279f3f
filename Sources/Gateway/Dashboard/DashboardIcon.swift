/// The few icons the dashboard draws, as inline SVG hidden from assistive technology: the control that holds one
/// always carries its own text or `aria-label`.
enum DashboardIcon {
    static let settings = icon(
        """
        <path d="M12 15.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Z"/>\
        <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 \
        1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 \
        .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 \
        2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 \
        1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 \
        0 0 0-1.5 1Z"/>
        """)
    static let copy = icon(
        "<rect x=\"9\" y=\"9\" width=\"12\" height=\"12\" rx=\"2\"/><path d=\"M5 15V5a2 2 0 0 1 2-2h10\"/>")
    static let close = icon("<path d=\"M18 6 6 18\"/><path d=\"m6 6 12 12\"/>")
    static let check = icon("<path d=\"M20 6 9 17l-5-5\"/>")
    static let warning = icon(
        "<path d=\"M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z\"/>"
            + "<path d=\"M12 9v4\"/><path d=\"M12 17h.01\"/>")
    static let key = icon(
        "<circle cx=\"7.5\" cy=\"15.5\" r=\"4.5\"/><path d=\"m10.7 12.3 9.8-9.8\"/><path d=\"m17 6 3 3\"/>"
            + "<path d=\"m14 9 2 2\"/>")
    static let log = icon(
        "<path d=\"M4 6h16\"/><path d=\"M4 12h16\"/><path d=\"M4 18h10\"/>")
    static let rotate = icon(
        "<path d=\"M21 12a9 9 0 1 1-2.6-6.4L21 8\"/><path d=\"M21 3v5h-5\"/>")
    static let signIn = icon(
        "<path d=\"M15 3h4a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-4\"/><path d=\"m10 17 5-5-5-5\"/><path d=\"M15 12H3\"/>")
    static let edit = icon(
        "<path d=\"M12 20h9\"/><path d=\"M16.5 3.5a2.1 2.1 0 1 1 3 3L7 19l-4 1 1-4Z\"/>")
    static let plug = icon(
        "<path d=\"M9 2v6\"/><path d=\"M15 2v6\"/><path d=\"M6 8h12v3a6 6 0 0 1-12 0Z\"/><path d=\"M12 17v5\"/>")
    static let users = icon(
        "<circle cx=\"9\" cy=\"8\" r=\"4\"/><path d=\"M2 21a7 7 0 0 1 14 0\"/><path d=\"M16 4a4 4 0 0 1 0 8\"/>"
            + "<path d=\"M22 21a7 7 0 0 0-4-6.3\"/>")
    static let team = icon(
        "<rect x=\"3\" y=\"4\" width=\"18\" height=\"16\" rx=\"2\"/><path d=\"M7 9h10\"/><path d=\"M7 13h6\"/>")
    static let unit = icon(
        "<path d=\"M3 21h18\"/><path d=\"M5 21V7l7-4 7 4v14\"/><path d=\"M9 9h1\"/><path d=\"M14 9h1\"/>"
            + "<path d=\"M9 13h1\"/><path d=\"M14 13h1\"/><path d=\"M10 21v-4h4v4\"/>")
    static let shield = icon("<path d=\"M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10Z\"/>")

    private static func icon(_ paths: String) -> HTMLFragment {
        HTMLFragment(
            trusted: "<svg class=\"icon\" viewBox=\"0 0 24 24\" width=\"18\" height=\"18\" fill=\"none\" "
                + "stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\" "
                + "aria-hidden=\"true\" focusable=\"false\">\(paths)</svg>")
    }
}
