internal import _TesseraSIMDShim
import TesseraCore

/// The families of the SIMD backend. A family written in C adds its table function to
/// ``all``; one that registers loops another way (in Swift) adds an installer to
/// ``installers``. Nothing else in the backend needs to change.
enum SIMDLoopTables {
    /// One C table of ufunc loops.
    struct Table: @unchecked Sendable {
        let family: String
        let entries: tessera_simd_table_fn
    }

    /// Every C table, installed in this order (a later table's loop for the same signature
    /// replaces an earlier one's).
    static let all: [Table] = [
        Table(family: "arithmetic", entries: tessera_simd_arithmetic_loops),
    ]

    /// Registrations done in Swift, after the tables, at the backend's resolved level.
    static let installers: [@Sendable (LoopRegistry, InstructionSetLevel) throws -> Void] = [
        { registry, level in try ElementaryLoops.install(into: registry, at: level) },
    ]
}
