import Foundation
import Gateway

exit(GatewayCommandLine.run(Array(CommandLine.arguments.dropFirst())))
