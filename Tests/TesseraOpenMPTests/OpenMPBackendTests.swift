import Dispatch
import Foundation
import Testing
import Tessera
import _TesseraTestSupport

@Suite("OpenMP backend")
struct OpenMPBackendTests {
    @Test("probe names the library and the package when unavailable")
    func probe() {
        switch OpenMPBackend().probe() {
        case .available:
            #expect(OpenMPBackend().runtimeInfo().contains { $0.key == "library" && $0.value.contains("libomp") })
        case .unavailable(let reason):
            #expect(reason.contains("libomp.so.5") && reason.contains("libomp5"))
        }
        #expect(OpenMPBackend().isWrapper)
        #expect(Backends.known.contains { $0.name == "openmp" })
        // CI installs libomp5: an unavailable backend there is a failure, not a skip.
        #expect(OpenMPBackend().probe().isAvailable, "libomp.so.5 must be installed (bash ci/setup.sh)")
    }

    @Test("installing wraps every loop once; loops shows the wrapper and the wrapped")
    func wrapsOnce() throws {
        let registry = OpenMPRegistries.make(sleef: false, threads: 2)
        try OpenMPBackend(threadCount: 2).install(into: registry)
        for name in registry.ufuncNames where (try? UFunc.named(name))?.name == name {
            for loop in registry.loops(for: try UFunc.named(name)) {
                #expect(loop.backend == "openmp", "\(name) \(loop.signature)")
                #expect(loop.wrapped?.backend == "scalar", "\(name) \(loop.signature) wraps \(String(describing: loop.wrapped))")
            }
        }
        let add = registry.loop(for: .add, signature: try LoopSignature("dd->d"))!
        #expect(add.description.contains("openmp") && add.description.contains("wrapping") && add.description.contains("scalar"))
        #expect(registry.executor?.threadCount == 2)
    }

    @Test("TESSERA_BACKEND=scalar,openmp and sleef,openmp install the wrapper last")
    func selection() throws {
        let dd = try LoopSignature("dd->d"), d = try LoopSignature("d->d")
        try Backends.withBackends("scalar,openmp") {
            #expect(Backends.active.installedBackends == ["scalar", "openmp"])
            #expect(Backends.active.loop(for: .add, signature: dd)?.wrapped?.backend == "scalar")
        }
        #expect(OpenMPRegistries.sleefAvailable, "SLEEF must be available (bash ci/setup.sh installs libsleef3)")
        do {
            try Backends.withBackends("openmp,sleef") {
                let exp = Backends.active.loop(for: .exp, signature: d)
                #expect(exp?.backend == "openmp" && exp?.wrapped?.backend == "sleef")
            }
        }
    }

    @Test("small calls never fork; large ones do")
    func thresholds() throws {
        let registry = OpenMPRegistries.byThreads[2]!
        let small = NDArray((0..<1000).map(Double.init))
        let loop = registry.loop(for: .add, signature: try LoopSignature("dd->d"))!.wrapped!
        let threshold = OpenMPBackend.splitThreshold(for: loop)
        #expect(threshold >= OpenMPBackend.minimumSplitCount)
        let below = NDArray((0..<(threshold - 1)).map(Double.init))
        let large = NDArray((0..<(2 * threshold)).map(Double.init))
        try Backends.withRegistry(registry) {
            let before = OpenMPBackend.regionsForkedOnThisThread
            _ = try UFunc.add(small, small)
            _ = try UFunc.add(below, below)
            _ = small.sum()
            _ = small.argmax()
            #expect(OpenMPBackend.regionsForkedOnThisThread == before)
            _ = try UFunc.add(large, large)
            #expect(OpenMPBackend.regionsForkedOnThisThread == before + 1)
        }
    }

    @Test("nested parallel work runs on its own thread")
    func nesting() throws {
        let executor = try #require(OpenMPRegistries.byThreads[2]!.executor)
        let flags = UnsafeMutableBufferPointer<Bool>.allocate(capacity: 4)
        let forks = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 4)
        defer { flags.deallocate(); forks.deallocate() }
        let large = NDArray((0..<200_000).map(Double.init))
        let expected = Backends.withRegistry(OpenMPRegistries.scalar) { try! UFunc.add(large, large) }
        executor.parallelFor(4) { i in
            flags[i] = OpenMPBackend.isInParallelPart
            let before = OpenMPBackend.regionsForkedOnThisThread
            let sum = Backends.withRegistry(OpenMPRegistries.byThreads[2]!) { try! UFunc.add(large, large) }
            forks[i] = OpenMPBackend.regionsForkedOnThisThread - before
            if firstDifference(sum, expected) != nil { flags[i] = false }
        }
        #expect(flags.allSatisfy { $0 })
        #expect(forks.allSatisfy { $0 == 0 })
        #expect(!OpenMPBackend.isInParallelPart)
    }

    @Test("concurrent calls from several Swift threads")
    func concurrentCalls() throws {
        let registry = OpenMPRegistries.byThreads[2]!
        let a = OpenMPReductionTests.data(.float64, count: 300_000, seed: 1)
        let b = OpenMPReductionTests.data(.float64, count: 300_000, seed: 2)
        let (expectedAdd, expectedSum, expectedArg) = Backends.withRegistry(OpenMPRegistries.scalar) {
            (try! UFunc.add(a, b), a.sum(), try! UFunc.exp(a).argmax())
        }
        let failures = Locked<[Int]>([Int](repeating: 0, count: 6))
        DispatchQueue.concurrentPerform(iterations: 6) { i in
            Backends.withRegistry(registry) {
                for _ in 0..<5 {
                    var failed = 0
                    if firstDifference(try! UFunc.add(a, b), expectedAdd) != nil { failed += 1 }
                    if firstDifference(a.sum(), expectedSum) != nil { failed += 1 }
                    if firstDifference(try! UFunc.exp(a).argmax(), expectedArg) != nil { failed += 1 }
                    failures.withLock { $0[i] += failed }
                }
            }
        }
        #expect(failures.withLock { $0 } == [0, 0, 0, 0, 0, 0])
    }

    @Test("registries built and dropped free their wrapper contexts and teams")
    func registriesDoNotLeak() throws {
        func buildAndDrop(_ count: Int) throws {
            for index in 0..<count {
                if index % 2 == 0 {
                    _ = try Backends.makeRegistry("all")
                } else {
                    _ = OpenMPRegistries.make(sleef: false, threads: 3)
                }
            }
        }
        // One registry wraps hundreds of loops, each with a context of its own.
        let beforeOne = OpenMPBackend.liveWrapperContexts
        let registry = OpenMPRegistries.make(sleef: false, threads: 3)
        let wrapped = registry.ufuncNames.reduce(0) { total, name in
            total + ((try? UFunc.named(name)).map { registry.loops(for: $0).filter { $0.backend == "openmp" }.count } ?? 0)
        }
        #expect(wrapped > 300 && OpenMPBackend.liveWrapperContexts - beforeOne >= wrapped / 2)
        try buildAndDrop(200)
        let before = OpenMPBackend.liveWrapperContexts
        let clock = ContinuousClock.now
        try buildAndDrop(2000)
        let after = OpenMPBackend.liveWrapperContexts
        print("OpenMPBackendTests.registriesDoNotLeak: \(wrapped) contexts per registry; live contexts \(before) before and \(after) after 2000 more registries (\(ContinuousClock.now - clock))")
        // Other suites build registries concurrently: allow a few alive at either moment;
        // a leak would leave 2000 × \(wrapped) behind.
        #expect(after - before < 20 * wrapped, "\(after - before) contexts more after 2000 registries")
    }

    @Test("TESSERA_NUM_THREADS: valid values and a clear error")
    func threadCountParsing() throws {
        #expect(try Threading.parseThreadCount("3") == 3)
        #expect(try Threading.parseThreadCount(" 1 ") == 1)
        for bad in ["0", "-2", "many", "", "2.5"] {
            do {
                _ = try Threading.parseThreadCount(bad)
                Issue.record("\(bad) accepted")
            } catch {
                let message = "\(error)"
                #expect(message.contains("TESSERA_NUM_THREADS") && message.contains("\"\(bad)\"") && message.contains("1 to 4096"))
            }
        }
        #expect(Threading.coreCount >= 1)
        #expect(throws: TesseraError.self) { try Threading.setThreadCount(0) }
    }
}
