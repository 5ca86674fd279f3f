import Glibc

/// A level-triggered epoll set. Connections are registered one-shot, so a connection whose request
/// is with a worker cannot wake the loop until the loop re-arms it.
///
/// Glibc's Swift module map leaves out <sys/epoll.h> and this target may not depend on a C module,
/// so the three calls are looked up in the already-loaded libc with `dlsym` and called through
/// `@convention(c)` types, with `struct epoll_event` laid out by hand from the kernel ABI. A
/// system-library target whose header includes <sys/epoll.h> would let this file use the
/// declarations directly; nothing outside this file would change.
struct Epoll: Sendable {
    static let readable: UInt32 = 0x001  // EPOLLIN
    static let readableOnce: UInt32 = 0x001 | 1 << 30  // EPOLLIN | EPOLLONESHOT

    #if arch(x86_64)
        /// `struct epoll_event` is packed on x86-64: a 4-byte mask, then the 8-byte data union.
        static let eventSize = 12
        static let dataOffset = 4
    #else
        static let eventSize = 16
        static let dataOffset = 8
    #endif

    private static let addOperation: Int32 = 1  // EPOLL_CTL_ADD
    private static let removeOperation: Int32 = 2  // EPOLL_CTL_DEL
    private static let modifyOperation: Int32 = 3  // EPOLL_CTL_MOD

    private struct Functions: Sendable {
        let create: @convention(c) @Sendable (Int32) -> Int32
        let control: @convention(c) @Sendable (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
        let wait: @convention(c) @Sendable (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    }

    /// A reusable buffer for the events one `epoll_wait` returns.
    struct Events {
        fileprivate var bytes: [UInt8]

        init(capacity: Int) {
            bytes = [UInt8](repeating: 0, count: capacity * Epoll.eventSize)
        }

        var capacity: Int { bytes.count / Epoll.eventSize }
    }

    private let functions: Functions
    private let descriptor: FileDescriptor

    init() throws(HTTPServerError) {
        let functions = Functions(
            create: try Self.resolve("epoll_create1"),
            control: try Self.resolve("epoll_ctl"),
            wait: try Self.resolve("epoll_wait"))
        self.functions = functions
        descriptor = FileDescriptor(try SystemCall.run("epoll_create1") { functions.create(Int32(O_CLOEXEC)) })
    }

    func add(_ target: Int32, events: UInt32) throws(HTTPServerError) {
        try control(Self.addOperation, target, events: events, name: "epoll_ctl(ADD)")
    }

    func rearm(_ target: Int32, events: UInt32) throws(HTTPServerError) {
        try control(Self.modifyOperation, target, events: events, name: "epoll_ctl(MOD)")
    }

    /// Errors are ignored: the only cause is a descriptor that is no longer registered.
    func remove(_ target: Int32) {
        _ = try? control(Self.removeOperation, target, events: 0, name: "epoll_ctl(DEL)")
    }

    /// Waits up to `timeout` seconds and returns the descriptors that are ready.
    func wait(into events: inout Events, timeout: Double) throws(HTTPServerError) -> [Int32] {
        let milliseconds = Int32(max(0, min(timeout * 1000, 60_000)).rounded(.up))
        let capacity = Int32(events.capacity)
        let outcome = events.bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(HTTPServerError) in
                let count = try SystemCall.run("epoll_wait") {
                    functions.wait(descriptor.rawValue, buffer.baseAddress, capacity, milliseconds)
                }
                return (0..<Int(count)).map { index in
                    let offset = index * Self.eventSize + Self.dataOffset
                    return Int32(truncatingIfNeeded: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                }
            }
        }
        return try outcome.get()
    }

    private func control(_ operation: Int32, _ target: Int32, events: UInt32, name: StaticString)
        throws(HTTPServerError)
    {
        var event = [UInt8](repeating: 0, count: Self.eventSize)
        event.withUnsafeMutableBytes { buffer in
            buffer.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
            buffer.storeBytes(of: UInt64(UInt32(bitPattern: target)), toByteOffset: Self.dataOffset, as: UInt64.self)
        }
        let outcome = event.withUnsafeMutableBytes { buffer in
            Result { () throws(HTTPServerError) in
                try SystemCall.run(name) {
                    functions.control(descriptor.rawValue, operation, target, buffer.baseAddress)
                }
            }
        }
        _ = try outcome.get()
    }

    private static func resolve<Function>(_ symbol: String) throws(HTTPServerError) -> Function {
        guard let address = dlsym(dlopen(nil, RTLD_NOW), symbol) else {
            throw HTTPServerError(code: .systemCall, errno: ENOSYS, call: "dlsym(\(symbol))")
        }
        return unsafeBitCast(address, to: Function.self)
    }
}
