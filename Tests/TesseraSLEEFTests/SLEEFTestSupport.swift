import Foundation
import Tessera
import _TesseraTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Registries with the scalar backend and SLEEF at one instruction set, built once.
enum SLEEFRegistries {
    static let supported: [SLEEFBackend.InstructionSet] = SLEEFBackend.InstructionSet.allCases.filter(\.isSupported)

    static let byInstructionSet: [SLEEFBackend.InstructionSet: LoopRegistry] = {
        var result: [SLEEFBackend.InstructionSet: LoopRegistry] = [:]
        for isa in supported {
            let registry = LoopRegistry()
            do {
                try ScalarBackend().install(into: registry)
                try SLEEFBackend(instructionSet: isa).install(into: registry)
            } catch {
                preconditionFailure("installing sleef at \(isa): \(error)")
            }
            result[isa] = registry
        }
        return result
    }()

    /// The scalar-only registry, or why installing the scalar backend failed. Built once;
    /// the failure is kept so that every test asking for the registry fails with it,
    /// rather than comparing against an empty registry.
    private static let scalarOnlyResult: Result<LoopRegistry, any Error> = Result {
        let registry = LoopRegistry()
        try ScalarBackend().install(into: registry)
        return registry
    }

    /// A registry with the scalar backend alone: the reference the SLEEF loops replace.
    /// - Throws: when the scalar backend cannot be installed, with its error.
    static func scalarOnly() throws -> LoopRegistry {
        do {
            return try scalarOnlyResult.get()
        } catch {
            throw TesseraError(.backendUnavailable, "installing the scalar backend into a scalar-only registry failed: \(error)")
        }
    }
}


/// Test inputs spread over each function's domain, plus special values.
enum SLEEFInputs {
    /// Where a function's interesting values lie, per dtype.
    struct Domain {
        var core: ClosedRange<Double>
        /// Also draw random finite bit patterns (every magnitude, subnormals included).
        var allMagnitudes: Bool = true
        /// Keep only values satisfying this (applied to bit-pattern draws).
        var keep: @Sendable (Double) -> Bool = { _ in true }
        /// The second argument's core range (binary functions).
        var second: ClosedRange<Double> = -10...10
    }

    static func domain(_ name: String, single: Bool) -> Domain {
        switch name {
        case "exp": single ? Domain(core: -110...95) : Domain(core: -750...720)
        case "exp2": single ? Domain(core: -155...130) : Domain(core: -1080...1030)
        case "expm1": single ? Domain(core: -20...90) : Domain(core: -40...712)
        case "log", "log2", "log10": Domain(core: 0.25...4, keep: { $0 >= 0 })
        case "log1p": Domain(core: -1...4, keep: { $0 >= -1 })
        case "sqrt": Domain(core: 0...100, keep: { $0 >= 0 })
        case "sin", "cos", "tan": Domain(core: -20...20)
        case "arcsin", "arccos", "arctanh": Domain(core: -1...1, keep: { abs($0) <= 1 })
        case "arccosh": Domain(core: 1...20, keep: { $0 >= 1 })
        case "sinh", "cosh": single ? Domain(core: -90...90) : Domain(core: -712...712)
        case "tanh": Domain(core: -20...20)
        case "power": Domain(core: 0...10, keep: { $0 >= 0 }, second: -30...30)
        case "arctan2": Domain(core: -10...10, second: -10...10)
        case "hypot": Domain(core: -10...10, second: -10...10)
        default: Domain(core: -10...10)
        }
    }

    static func specials(_ name: String, single: Bool) -> [Double] {
        var values: [Double] = [0, -0.0, .infinity, -.infinity, .nan, 1, -1, 0.5, -0.5, 2, -2, 3, 10, -10, 1e-300, -1e-300]
        if single {
            values += [Double(Float.leastNonzeroMagnitude), -Double(Float.leastNonzeroMagnitude), Double(Float.leastNormalMagnitude),
                       Double(Float.leastNormalMagnitude.nextDown), Double(Float.greatestFiniteMagnitude), -Double(Float.greatestFiniteMagnitude),
                       88.72, 88.73, -103.97, -103.98, 1e38, 1e20, 3.4e38, 88.7228393, 89.4159851, -89.4159851, 0x1.fffffep63]
        } else {
            values += [.leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, Double.leastNormalMagnitude.nextDown,
                       .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 709.78, 709.79, -745.13, -745.14, 1e300, 1e22, 0x1p1023,
                       // Just below overflow, where SLEEF's exp, sinh, cosh and pow give inf too
                       // early: exp(709.78271289338397) and pow(0x1.fffffffffffffp511, 2) are finite.
                       709.78271289338397, 709.7827128933839, 709.78271200, 710.47586007394386, -710.47586007394386,
                       0x1.fffffffffffffp511, -0x1.fffffffffffffp511]
        }
        values += [Double.pi / 2, -Double.pi / 2, Double.pi, 1e6, 1e15, 0.99999, 1.00001]
        return values
    }

    /// `count` random inputs (plus the specials; every special pair for binary functions).
    static func make(_ name: String, single: Bool, arity: Int, count: Int, seed: UInt64) -> (x: [Double], y: [Double]) {
        var random = SeededGenerator(seed: seed)
        let domain = domain(name, single: single)
        func bitPattern() -> Double {
            while true {
                let value: Double
                if single {
                    let bits = UInt32(truncatingIfNeeded: random.next())
                    value = Double(Float(bitPattern: bits))
                } else {
                    value = Double(bitPattern: random.next())
                }
                if value.isFinite && domain.keep(value) { return value }
            }
        }
        func draw(_ range: ClosedRange<Double>, _ wide: Bool) -> Double {
            let choice = Int.random(in: 0..<10, using: &random)
            if wide && choice < 4 { return bitPattern() }
            if choice < 5 {
                // Near zero and near the ends, where relative error is hardest.
                let magnitude = Double(sign: .plus, exponent: -Int.random(in: 1...(single ? 40 : 80), using: &random), significand: Double.random(in: 1..<2, using: &random))
                let value = Bool.random(using: &random) ? range.lowerBound + magnitude * (range.upperBound - range.lowerBound) : (Bool.random(using: &random) ? magnitude : -magnitude)
                return domain.keep(value) && range.contains(value) ? value : Double.random(in: range, using: &random)
            }
            return Double.random(in: range, using: &random)
        }
        var x: [Double] = [], y: [Double] = []
        x.reserveCapacity(count + 2000)
        y.reserveCapacity(count + 2000)
        for _ in 0..<count {
            x.append(draw(domain.core, domain.allMagnitudes))
            if arity == 2 {
                if name == "power", Int.random(in: 0..<8, using: &random) == 0 {
                    // Negative bases with integer exponents.
                    x[x.count - 1] = -x[x.count - 1]
                    y.append(Double(Int.random(in: -40...40, using: &random)))
                } else {
                    y.append(draw(domain.second, true))
                }
            }
        }
        let specials = specials(name, single: single)
        if arity == 1 {
            x += specials
        } else {
            for a in specials { for b in specials { x.append(a); y.append(b) } }
        }
        if single {
            x = x.map { Double(Float($0)) }
            y = y.map { Double(Float($0)) }
        }
        return (x, y)
    }
}

/// Calls an inner loop directly with the given byte strides (what the ufunc machinery
/// does for an `anyStride` loop), on raw buffers.
func callLoop(_ loop: InnerLoop, _ pointers: [UnsafeMutableRawPointer], count: Int, steps: [Int]) {
    var args: [UnsafeMutableRawPointer?] = pointers
    var steps = steps
    args.withUnsafeMutableBufferPointer { a in
        steps.withUnsafeMutableBufferPointer { s in
            loop.function(UnsafePointer(a.baseAddress!), count, UnsafePointer(s.baseAddress!), loop.data)
        }
    }
}
