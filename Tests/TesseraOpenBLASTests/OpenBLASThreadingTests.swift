import Testing
@testable import TesseraCore
@testable import TesseraOpenBLAS
import TesseraScalar

#if canImport(Glibc)
import Glibc
#endif

/// OpenBLAS's thread count comes from ``Threading``, the setting the OpenMP backend uses,
/// unless `OPENBLAS_NUM_THREADS` is set.
@Suite(.serialized) struct OpenBLASThreadingTests {
    @Test func openBLASVariableWinsOverTesseraSetting() throws {
        #expect(try OpenBLASBackend.threadCountToApply(openBLASVariable: "3") == nil)
        #expect(try OpenBLASBackend.threadCountToApply(openBLASVariable: "1") == nil)
        #expect(try OpenBLASBackend.threadCountToApply(openBLASVariable: nil) == Threading.threadCount())
    }

    @Test func installationAndSetThreadCountReachOpenBLAS() throws {
        let registry = LoopRegistry()
        try ScalarBackend().install(into: registry)
        try OpenBLASBackend().install(into: registry)
        let live = try #require(OpenBLASBackend.threadCount, "OpenBLAS is not loaded")
        guard getenv("OPENBLAS_NUM_THREADS") == nil else {
            // The user's OPENBLAS_NUM_THREADS stays in force through a change made in code.
            let before = live
            try Threading.setThreadCount(before == 1 ? 2 : 1)
            defer { try? Threading.setThreadCount(nil) }
            #expect(OpenBLASBackend.threadCount == before)
            return
        }
        #expect(live == (try Threading.threadCount()))
        // A count set in code reaches OpenBLAS at once, and so does going back to the default.
        defer { try? Threading.setThreadCount(nil) }
        try Threading.setThreadCount(1)
        #expect(OpenBLASBackend.threadCount == 1)
        try Threading.setThreadCount(nil)
        #expect(OpenBLASBackend.threadCount == (try Threading.threadCount()))
    }
}
