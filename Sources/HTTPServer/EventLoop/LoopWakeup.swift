import Glibc

/// A self-pipe that workers and `shutdown` write to so that the loop leaves `epoll_wait`.
/// (eventfd would do the same with one descriptor, but Glibc's Swift module does not declare it.)
struct LoopWakeup: Sendable {
    let readEnd: FileDescriptor
    private let writeEnd: FileDescriptor

    init() throws(HTTPServerError) {
        var ends: [Int32] = [-1, -1]
        try ends.withUnsafeMutableBufferPointer { buffer throws(HTTPServerError) in
            _ = try SystemCall.run("pipe") { pipe(buffer.baseAddress) }
        }
        readEnd = FileDescriptor(ends[0])
        writeEnd = FileDescriptor(ends[1])
        for end in ends {
            try SystemCall.run("fcntl(F_SETFL)") { fcntl(end, F_SETFL, O_NONBLOCK) }
            try SystemCall.run("fcntl(F_SETFD)") { fcntl(end, F_SETFD, FD_CLOEXEC) }
        }
    }

    /// Safe from any thread. A full pipe (EAGAIN) already means the loop will wake.
    func signal() {
        var byte: UInt8 = 1
        _ = try? SystemCall.run("write(wakeup)") { write(writeEnd.rawValue, &byte, 1) }
    }

    /// Empties the pipe; called by the loop after it woke.
    func drain() {
        var bytes = [UInt8](repeating: 0, count: 256)
        while true {
            let count = try? bytes.withUnsafeMutableBytes { buffer in
                try SystemCall.run("read(wakeup)") { read(readEnd.rawValue, buffer.baseAddress, buffer.count) }
            }
            guard let count, count == bytes.count else { return }
        }
    }
}
