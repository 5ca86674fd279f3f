/// One accepted connection as the event loop keeps it: the socket, the peer and the state machine.
/// Confined to the event loop thread.
final class ServedConnection {
    let socket: FileDescriptor
    let remoteAddress: String
    var machine: ConnectionStateMachine

    init(socket: FileDescriptor, remoteAddress: String, machine: ConnectionStateMachine) {
        self.socket = socket
        self.remoteAddress = remoteAddress
        self.machine = machine
    }
}
