/// NumPy's `numpy.random` (the `Generator` API of NEP 19): bit generators, seeding and
/// distributions that give **the same numbers as NumPy** for the same seed.
///
/// `Random.Generator(seed: 42)` is `np.random.default_rng(42)`: a ``SeedSequence`` hashes
/// the seed into the state of a ``PCG64``, and every method draws from it with NumPy's
/// algorithm, in NumPy's order, so a Swift port of a NumPy program reproduces its numbers
/// bit for bit (including the bit generator's state after each call).
public enum Random {}
