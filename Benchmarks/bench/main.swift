import Tessera

// Placeholder until the harness issue: prints the runtime report.
print(Backends.runtimeReport())
