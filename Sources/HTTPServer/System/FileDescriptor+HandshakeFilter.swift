import Glibc

extension FileDescriptor {
    /// One classic BPF instruction laid out as the kernel's `struct sock_filter` (linux/filter.h, which Glibc's
    /// Swift module does not import): a 16-bit opcode, two 8-bit jump offsets, a 32-bit operand.
    private struct FilterInstruction: Sendable {
        var code: UInt16
        var jumpIfTrue: UInt8
        var jumpIfFalse: UInt8
        var operand: UInt32
    }

    /// `struct sock_fprog`: the instruction count, then a pointer to the instructions.
    private struct FilterProgram {
        var count: UInt16
        var instructions: UnsafePointer<FilterInstruction>?
    }

    /// Drops TCP segments with SYN set and ACK clear, keeps everything else. A socket filter on a TCP socket sees
    /// the TCP header at offset 0; byte 13 holds the flags (RFC 9293 §3.1: ACK 0x10, SYN 0x02).
    private static let dropPlainSYN: [FilterInstruction] = [
        FilterInstruction(code: 0x30, jumpIfTrue: 0, jumpIfFalse: 0, operand: 13),  // ldb [13]
        FilterInstruction(code: 0x54, jumpIfTrue: 0, jumpIfFalse: 0, operand: 0x12),  // and #(SYN|ACK)
        FilterInstruction(code: 0x15, jumpIfTrue: 0, jumpIfFalse: 1, operand: 0x02),  // jeq #SYN
        FilterInstruction(code: 0x06, jumpIfTrue: 0, jumpIfFalse: 0, operand: 0),  // ret #0: drop
        FilterInstruction(code: 0x06, jumpIfTrue: 0, jumpIfFalse: 0, operand: UInt32.max),  // ret: keep all
    ]

    /// Makes a listening socket stop completing new TCP handshakes while connections already completed, or whose
    /// SYN was already answered, still reach the accept queue. Linux only (`SO_ATTACH_FILTER`); throws elsewhere.
    ///
    /// A new client's SYN is dropped, so it retransmits after its initial timeout (1 s, RFC 6298 §2.1) and, once
    /// the listener is closed, is refused: it never gets a connection that closing the listener would reset.
    /// Connections cloned from the listener after this inherit the filter; it cannot hurt them, since an
    /// established connection never needs a segment with SYN and no ACK (a stray one would only draw a challenge
    /// ACK, RFC 5961 §4).
    func ignoreNewHandshakes() throws(HTTPServerError) {
        let outcome = Self.dropPlainSYN.withUnsafeBufferPointer { instructions in
            Result { () throws(HTTPServerError) in
                var program = FilterProgram(count: UInt16(instructions.count), instructions: instructions.baseAddress)
                try SystemCall.run("setsockopt(SO_ATTACH_FILTER)") {
                    setsockopt(
                        rawValue, SOL_SOCKET, SO_ATTACH_FILTER, &program, socklen_t(MemoryLayout<FilterProgram>.size))
                }
            }
        }
        try outcome.get()
    }
}
