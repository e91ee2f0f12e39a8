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
        /// Whether the entries are array-method loops (their `ufunc` field names an
        /// ``ArrayMethod``: `cast`, `argmax`, `argmin`) rather than ufunc loops.
        var isMethod = false
    }

    /// Every C table, installed in this order (a later table's loop for the same signature
    /// replaces an earlier one's).
    static let all: [Table] = [
        Table(family: "arithmetic", entries: tessera_simd_arithmetic_loops),
        Table(family: "unary arithmetic", entries: tessera_simd_unary_arithmetic_loops),
        Table(family: "comparison", entries: tessera_simd_comparison_loops),
        Table(family: "bitwise", entries: tessera_simd_bitwise_loops),
        Table(family: "extremum", entries: tessera_simd_extremum_loops),
        Table(family: "float class", entries: tessera_simd_float_class_loops),
        Table(family: "integer division", entries: tessera_simd_integer_division_loops),
        Table(family: "integer true division", entries: tessera_simd_integer_true_divide_loops),
        Table(family: "argmax/argmin", entries: tessera_simd_arg_extremum_loops, isMethod: true),
        Table(family: "cast", entries: tessera_simd_cast_loops, isMethod: true),
    ]

    /// Registrations done in Swift, after the tables, at the backend's resolved level.
    static let installers: [@Sendable (LoopRegistry, InstructionSetLevel) throws -> Void] = [
        { registry, level in try ElementaryLoops.install(into: registry, at: level) },
        { registry, level in try SIMDSortLoops.install(into: registry, at: level) },
    ]
}
