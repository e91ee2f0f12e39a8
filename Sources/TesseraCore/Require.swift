/// Stops the program with `message` when `condition` is false — in every build mode.
///
/// Swift's `precondition` drops its message in optimised builds; Tessera's programmer-error
/// checks (operators, free functions, non-throwing methods) promise a message that names
/// the operation, the shapes and the axis, so they use this instead.
@inline(__always)
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    if !condition() {
        fatalError(message(), file: file, line: line)
    }
}
