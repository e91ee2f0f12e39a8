#!/usr/bin/env python3
"""Generates Distributions/ZigguratTables.swift: the 256-layer ziggurat tables of the
standard normal and standard exponential samplers (Marsaglia & Tsang, 2000).

Each table follows from its density f, the tail start r and the common layer area v:
    x[0] = r,  x[i] = f^-1(f(x[i-1]) + v / x[i-1])   (i = 1 … 254),  x[255] = 0,
then reversed so that x rises with the layer index. For a layer i ≥ 1:
    k[i] = round(x[i-1] / x[i] · 2^bits)   (the share of the layer under the curve),
    w[i] = x[i] / 2^bits,  f_tab[i] = f(x[i]),
and for the base layer (rectangle plus tail):
    k[0] = round(r · f(r) / v · 2^bits),  w[0] = v / f(r) / 2^bits.
bits is the width of the uniform integer the sampler multiplies by w: 52 (normal, after an
index byte and a sign bit) or 53 (exponential) for float64, 23 for both float32 samplers.
Everything is computed in binary64 with the C library's exp and log.

NumPy's tables come from this same recursion, but their last bits differ from what it gives
here: the recursion amplifies last-bit differences of exp and log (the C library NumPy's
tables were made with is not this one) toward the top layers, up to 76 ulp (w[1]) for the normal
and 138 ulp for the exponential. A width w[i] shows in every value of its layer (value =
integer · w[i]), so after the formulas the script observes, layer by layer, which double
reproduces NumPy's float64 outputs for seeds 0-3 (each output pins w[i] to one or two
doubles) and uses that edge; k and f are recomputed from the observed edges (their last
bits change a value with probability ~2^-52 per draw). The float32 widths are rounded from
the same edges and checked the same way against NumPy's float32 outputs. The report lists
every width that differs from the plain recursion; the written tables are then run against
NumPy's outputs for two other seeds and must agree exactly. Needs NumPy (2.x).

Run: python3 Sources/TesseraCore/Random/generate_ziggurat.py (about a minute)
"""
import math
import os
import struct
import sys

C = 256
NORMAL_R = 3.6541528853610087963519472518
NORMAL_V = 0.0049286732339746519
EXPONENTIAL_R = 7.6971174701310497140446280481
EXPONENTIAL_V = 0.0039496598225815571993


def normal_pdf(x):
    return math.exp(-0.5 * x * x)


def normal_inverse(p):
    return math.sqrt(-2.0 * math.log(p))


def exponential_pdf(x):
    return math.exp(-x)


def exponential_inverse(p):
    return -math.log(p)


def edges(pdf, inverse, r, v):
    """The layer edges x[0] = 0 < x[1] < … < x[255] = r."""
    x = [0.0] * C
    x[0] = r
    for i in range(1, C - 1):
        x[i] = inverse(pdf(x[i - 1]) + v / x[i - 1])
    x.reverse()
    return x


def from_edges(x, pdf, r, v, bits):
    scale = float(2 ** bits)
    k = [0] * C
    for i in range(1, C):
        k[i] = round(x[i - 1] / x[i] * scale)
    k[0] = round(r * pdf(r) / v * scale)
    w = [xi / scale for xi in x]
    w[0] = v / pdf(r) / scale
    f = [pdf(xi) for xi in x]
    return k, w, f


def tables(pdf, inverse, r, v, bits):
    return from_edges(edges(pdf, inverse, r, v), pdf, r, v, bits)


def f32(value):
    return struct.unpack('<f', struct.pack('<f', value))[0]


def all_tables():
    """Float64 and float32 tables from the layer edges NumPy's float64 outputs confirm."""
    result = {}
    report = []
    for name, pdf, inverse, r, v, bits, float_bits, sampler, method in (
            ('normal', normal_pdf, normal_inverse, NORMAL_R, NORMAL_V, 52, 23, sample_normal, 'standard_normal'),
            ('exponential', exponential_pdf, exponential_inverse, EXPONENTIAL_R, EXPONENTIAL_V, 53, 23,
             sample_exponential, 'standard_exponential')):
        table, x, changed, base = calibrated(pdf, inverse, r, v, bits, sampler, method)
        result[name] = table
        k, w, f = from_edges(x, pdf, r, v, float_bits)
        w[0] = base / float(2 ** float_bits)
        w = [f32(value) for value in w]
        f = [f32(value) for value in f]
        # NumPy's float32 widths were rounded from its own binary64 values; where its float32
        # outputs show another float, take that one (k and f stay: a last-bit difference in
        # them changes a value with probability below 2^-23 per draw, never seen here).
        float_sampler = sample_normal_float if name == 'normal' else sample_exponential_float
        seen = observed_widths(float_sampler, method, (k, w, f), (0, 1, 2, 3), 300000, 'float32')
        float_changed = []
        for idx, options in seen.items():
            if options and w[idx] not in options:
                best = min(options, key=lambda c: abs(c - w[idx]))
                float_changed.append(idx)
                w[idx] = best
        report.append('%s float32: %d widths differ from float32(binary64 width): %s' % (name, len(float_changed), float_changed))
        result[name + 'Float'] = (k, w, f)
        report.append('%s: %d of 256 widths differ from the binary64 recursion here: %s' % (
            name, len(changed), ', '.join('w[%d] %+d ulp' % c for c in changed)))
    return result, report


def swift_doubles(name, values):
    bits = ['0x%016X' % struct.unpack('<Q', struct.pack('<d', v))[0] for v in values]
    rows = [', '.join(bits[i:i + 4]) for i in range(0, C, 4)]
    return '    /// Bit patterns (IEEE binary64).\n    static let %s: [UInt64] = [\n        %s,\n    ]\n' % (name, ',\n        '.join(rows))


def swift_floats(name, values):
    bits = ['0x%08X' % struct.unpack('<I', struct.pack('<f', v))[0] for v in values]
    rows = [', '.join(bits[i:i + 8]) for i in range(0, C, 8)]
    return '    /// Bit patterns (IEEE binary32).\n    static let %s: [UInt32] = [\n        %s,\n    ]\n' % (name, ',\n        '.join(rows))


def swift_ints(name, values, width):
    digits = width // 4
    text = ['0x%0*X' % (digits, v) for v in values]
    per_row = 4 if width == 64 else 8
    rows = [', '.join(text[i:i + per_row]) for i in range(0, C, per_row)]
    return '    static let %s: [UInt%d] = [\n        %s,\n    ]\n' % (name, width, ',\n        '.join(rows))


def generate():
    t, report = all_tables()
    for line in report:
        print(line)
    mismatches = check_tables(t)
    print('float64 samplers on the written tables vs NumPy (other seeds):', mismatches, 'differences')
    if mismatches:
        raise SystemExit('tables do not reproduce NumPy')
    out = ['// Generated by generate_ziggurat.py from the ziggurat formulas; do not edit.\n',
           '// swift-format-ignore-file\n\n',
           '/// The 256-layer ziggurat tables of the standard normal and exponential samplers.\n',
           'enum ZigguratTables {\n']
    for key, width in (('normal', 64), ('exponential', 64)):
        k, w, f = t[key]
        out.append(swift_ints(key + 'K', k, 64))
        out.append(swift_doubles(key + 'WBits', w))
        out.append(swift_doubles(key + 'FBits', f))
    for key in ('normalFloat', 'exponentialFloat'):
        k, w, f = t[key]
        out.append(swift_ints(key + 'K', k, 32))
        out.append(swift_floats(key + 'WBits', w))
        out.append(swift_floats(key + 'FBits', f))
    out.append('}\n')
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'Distributions', 'ZigguratTables.swift')
    with open(path, 'w') as handle:
        handle.write(''.join(out))
    print('wrote', path)


def sample_normal(draws, k, w, f):
    """One standard normal the way NumPy draws it; returns (value, layer, integer) when the
    value is ±integer · w[layer], else (value, None, None) (the tail)."""
    while True:
        r = next(draws)
        idx = r & 0xFF
        r >>= 8
        sign = r & 1
        rabs = (r >> 1) & 0x000FFFFFFFFFFFFF
        x = rabs * w[idx]
        if sign:
            x = -x
        if rabs < k[idx]:
            return x, idx, rabs
        if idx == 0:
            while True:
                xx = -(1.0 / NORMAL_R) * math.log1p(-uniform(draws))
                yy = -math.log1p(-uniform(draws))
                if yy + yy > xx * xx:
                    return (-(NORMAL_R + xx) if (rabs >> 8) & 1 else NORMAL_R + xx), None, None
        elif (f[idx - 1] - f[idx]) * uniform(draws) + f[idx] < math.exp(-0.5 * x * x):
            return x, idx, rabs


def sample_exponential(draws, k, w, f):
    while True:
        ri = next(draws) >> 3
        idx = ri & 0xFF
        ri >>= 8
        x = ri * w[idx]
        if ri < k[idx]:
            return x, idx, ri
        if idx == 0:
            return EXPONENTIAL_R - math.log1p(-uniform(draws)), None, None
        if (f[idx - 1] - f[idx]) * uniform(draws) + f[idx] < math.exp(-x):
            return x, idx, ri


def uniform(draws):
    return (next(draws) >> 11) * (1.0 / 9007199254740992.0)


def halves(raw):
    """PCG64's 32-bit draws from its 64-bit ones: low half, then high half."""
    for value in raw:
        yield value & 0xFFFFFFFF
        yield value >> 32


def uniform_float(draws):
    return f32((next(draws) >> 8) * (1.0 / 16777216.0))


def sample_normal_float(draws, k, w, f):
    """NumPy's random_standard_normal_f on 32-bit draws; as sample_normal."""
    import numpy as np
    while True:
        r = next(draws)
        idx = r & 0xFF
        sign = (r >> 8) & 1
        rabs = (r >> 9) & 0x7FFFFF
        x = f32(rabs * w[idx])
        if sign:
            x = -x
        if rabs < k[idx]:
            return x, idx, rabs
        if idx == 0:
            while True:
                xx = f32(-f32(1.0 / NORMAL_R) * float(np.log1p(np.float32(-uniform_float(draws)))))
                yy = f32(-float(np.log1p(np.float32(-uniform_float(draws)))))
                if f32(yy + yy) > f32(xx * xx):
                    return (-f32(NORMAL_R + xx) if (rabs >> 8) & 1 else f32(NORMAL_R + xx)), None, None
        elif f32(f32((f[idx - 1] - f[idx]) * uniform_float(draws)) + f[idx]) < math.exp(-0.5 * x * x):
            return x, idx, rabs


def sample_exponential_float(draws, k, w, f):
    import numpy as np
    while True:
        ri = next(draws) >> 1
        idx = ri & 0xFF
        ri >>= 8
        x = f32(ri * w[idx])
        if ri < k[idx]:
            return x, idx, ri
        if idx == 0:
            return f32(f32(EXPONENTIAL_R) - float(np.log1p(np.float32(-uniform_float(draws))))), None, None
        if f32(f32((f[idx - 1] - f[idx]) * uniform_float(draws)) + f[idx]) < float(np.exp(np.float32(-x))):
            return x, idx, ri


def observed_widths(sampler, method, table, seeds, count, dtype='float64'):
    """For every layer, the set of doubles w that reproduce NumPy's outputs: an output
    e = n · w (rounded) made from the integer n confines w to a few neighbouring doubles."""
    import numpy as np
    k, w, f = table
    allowed = {}
    for seed in seeds:
        raw = np.random.PCG64(seed).random_raw(count * 3).tolist()
        draws = iter(raw) if dtype == 'float64' else halves(raw)
        expected = getattr(np.random.default_rng(seed), method)(count, dtype=dtype).tolist()
        ulp = math.ulp if dtype == 'float64' else (lambda v: math.ulp(f32(v)) * 2 ** 29)
        for e in expected:
            _, idx, n = sampler(draws, k, w, f)
            if idx is None or n == 0:
                continue
            target = abs(e)
            guess = target / n if dtype == 'float64' else f32(target / n)
            candidates = set()
            for step in range(-4, 5):
                c = guess + step * ulp(guess)
                if (n * c if dtype == 'float64' else f32(n * c)) == target:
                    candidates.add(c)
            allowed[idx] = candidates if idx not in allowed else allowed[idx] & candidates
    return allowed


def calibrated(pdf, inverse, r, v, bits, sampler, method):
    """The formula's tables with each layer edge x[i] replaced by the one NumPy's outputs
    show. NumPy's tables come from the same recursion in binary64, but through another C
    library's exp and log, whose last-bit differences the recursion amplifies toward the
    top layers (up to ~20 ulps at x[4]); k and f are recomputed from the observed edges."""
    k, w, f = tables(pdf, inverse, r, v, bits)
    scale = float(2 ** bits)
    allowed = observed_widths(sampler, method, (k, w, f), (0, 1, 2, 3), 400000)
    x = [wi * scale for wi in w]
    x[0] = 0.0
    changed = []
    for idx in range(1, C):
        options = allowed.get(idx)
        if not options:
            raise SystemExit('layer %d: no NumPy output observed; draw more' % idx)
        if w[idx] in options:
            continue
        best = min(options, key=lambda c: abs(c - w[idx]))
        changed.append((idx, round((best - w[idx]) / math.ulp(w[idx]))))
        x[idx] = best * scale
    for i in range(1, C):
        k[i] = round(x[i - 1] / x[i] * scale)
        w[i] = x[i] / scale
        f[i] = pdf(x[i])
    # The base layer's width v / f(r) (rectangle plus tail) is observed the same way.
    base = allowed.get(0)
    if base and w[0] not in base:
        best = min(base, key=lambda c: abs(c - w[0]))
        changed.append((0, round((best - w[0]) / math.ulp(w[0]))))
        w[0] = best
    return (k, w, f), x, changed, w[0] * scale


def check_tables(t, seeds=(42, 7), count=200000):
    """Runs both float64 samplers on the tables and counts differences from NumPy."""
    import numpy as np
    mismatches = 0
    for seed in seeds:
        for sampler, method, table in ((sample_normal, 'standard_normal', t['normal']),
                                       (sample_exponential, 'standard_exponential', t['exponential'])):
            draws = iter(np.random.PCG64(seed).random_raw(count * 3).tolist())
            expected = getattr(np.random.default_rng(seed), method)(count).tolist()
            mismatches += sum(sampler(draws, *table)[0] != e for e in expected)
    return mismatches


if __name__ == '__main__':
    generate()
