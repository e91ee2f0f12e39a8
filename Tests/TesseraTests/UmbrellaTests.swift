import Testing
import Tessera

@Suite struct UmbrellaTests {
    @Test func importTesseraInstallsBackendsOnFirstUse() throws {
        let a = NDArray([1.0, 2.0, 3.0, 4.0], shape: [2, 2])
        let b = a + 1
        #expect(b.dtype == .float64)
        #expect(b.toArray(Double.self) == [2, 3, 4, 5])
        #expect(Backends.active.installedBackends.first == "scalar")
        let c = a * NDArray([10, 20] as [Int32], shape: [2])
        #expect(c.toArray(Double.self) == [10, 40, 30, 80])
        let add = try UFunc.named("add")
        #expect(try add(a, a).toArray(Double.self) == [2, 4, 6, 8])
        // With `all`, OpenMP wraps the scalar loop or the SIMD loop that replaced it;
        // `loops` shows both.
        #expect(add.loops.contains { $0.signature.description == "dd->d" && ["scalar", "simd"].contains($0.wrapped?.backend ?? $0.backend) })
    }
}
