#!/usr/bin/env python3
"""Generates Distributions/ZigguratTables.swift: the 256-layer ziggurat tables of the
standard normal and standard exponential samplers (Marsaglia & Tsang, 2000), from their
defining formulas only. No sampler output is read: the tables are checked against NumPy's
outputs by the tests (RandomStreamTests), not fitted to them.

Each table follows from its density f, its inverse, the tail start r and the common layer
area v:
    x[0] = r,  x[i] = f^-1(f(x[i-1]) + v / x[i-1])   (i = 1 ... 254),  x[255] = 0,
then reversed so that x rises with the layer index. For a layer i >= 1 the table holds the
share of the layer under the curve k[i] (from x[i-1] / x[i] scaled by 2^bits), the width
w[i] = x[i] / 2^bits and f_tab[i] = f(x[i]); for the base layer (rectangle plus tail)
k[0] from r f(r) / v and w[0] = v / f(r) / 2^bits. bits is the width of the uniform
integer a value is made from: 52 for the float64 normal (after an index byte and a sign
bit), 53 for the float64 exponential, 23 for both float32 samplers.

The two tables were made in two ways, and each is rebuilt here the way it was made:

- Exponential: exact. v is the area of the base layer, r e^-r (rectangle) + e^-r (tail),
  from r = 7.6971174701310497140446280481; the recursion, f and the ratios are evaluated
  at 80 significant digits and each entry rounded once: w and f to nearest binary64, the
  float64 k to 2 * floor(2^52 * ratio), the float32 k to nearest of 2^23 * ratio; the
  float32 w and f are the binary64 ones as the table stored them, 9 significant decimal
  digits, rounded to binary32. This reproduces NumPy's exponential tables exactly.

- Normal: the recursion in binary64, each operation rounded to nearest, with v =
  0.0049286732339746519 as a given constant, k[i] = round(x[i-1] / x[i] * 2^bits) of
  binary64 values, w and f binary64 values (the float32 ones rounded from them). exp and
  log are correctly rounded (evaluated at 40 digits, then rounded once), so the tables do
  not depend on the C library of the machine that runs this script. NumPy's normal table
  is this recursion through a C library whose exp rounded one hard case the other way: at
  step 218, exp(-0x1.8edbf8bb15d43p-2), whose exact value lies 0.0017 ulp from a rounding
  midpoint. Every other step agrees, but the difference carries into the 37 layers above
  it, whose widths differ from NumPy's by up to a few tens of ulps, so values drawn in those
  layers differ from NumPy's in their last bits (the tests bound the difference); every
  other value, and every draw count, is NumPy's. (The same recursion at high precision,
  with v from its formula r f(r) + sqrt(pi/2) erfc(r / sqrt 2), differs from NumPy's
  table at most steps: that table was made in binary64.)

Run: python3 Sources/TesseraCore/Random/generate_ziggurat.py
"""
import decimal
import fractions
import math
import os
import struct

C = 256
NORMAL_R = 3.6541528853610087963519472518
NORMAL_V = 0.0049286732339746519
EXPONENTIAL_R = '7.6971174701310497140446280481'

decimal.getcontext().prec = 40
# The working precision of the exact (exponential) tables.
EXACT = decimal.Context(prec=80)


def exp(x):
    """exp(x) correctly rounded to binary64."""
    return float(decimal.Decimal(x).exp())


def log(x):
    """log(x) correctly rounded to binary64."""
    return float(decimal.Decimal(x).ln())


def normal_pdf(x):
    return exp(-0.5 * x * x)


def normal_inverse(p):
    return math.sqrt(-2.0 * log(p))


def exponential_pdf(x):
    return exp(-x)


def exponential_inverse(p):
    return -log(p)


def edges(pdf, inverse, r, v):
    """The layer edges x[0] = 0 < x[1] < ... < x[255] = r."""
    x = [0.0] * C
    x[0] = r
    for i in range(1, C - 1):
        x[i] = inverse(pdf(x[i - 1]) + v / x[i - 1])
    x.reverse()
    return x


def tables(pdf, inverse, r, v, bits):
    x = edges(pdf, inverse, r, v)
    scale = float(2 ** bits)
    k = [0] * C
    for i in range(1, C):
        k[i] = round(x[i - 1] / x[i] * scale)
    k[0] = round(r * pdf(r) / v * scale)
    w = [xi / scale for xi in x]
    w[0] = v / pdf(r) / scale
    f = [pdf(xi) for xi in x]
    return k, w, f


def exact_exponential_tables():
    """The exponential tables at 80 digits: (k64, w64, f64, k32, w32, f32), each entry
    rounded once from its exact value."""
    c = EXACT
    r = c.create_decimal(EXPONENTIAL_R)
    f_r = c.exp(c.minus(r))
    v = c.multiply(f_r, c.add(r, 1))
    x = [r]
    for _ in range(1, C - 1):
        p = x[-1]
        x.append(c.minus(c.ln(c.add(c.exp(c.minus(p)), c.divide(v, p)))))
    x.append(c.create_decimal(0))
    x.reverse()
    ratios = [c.divide(c.multiply(r, f_r), v)] + [c.divide(x[i - 1], x[i]) for i in range(1, C)]
    widths = [c.divide(v, f_r)] + x[1:]
    heights = [c.exp(c.minus(xi)) for xi in x]

    def floor_scaled(value, bits):
        return int(c.multiply(value, c.power(2, bits)).to_integral_value(rounding=decimal.ROUND_FLOOR))

    def nearest_scaled(value, bits):
        return int(c.multiply(value, c.power(2, bits)).to_integral_value(rounding=decimal.ROUND_HALF_EVEN))

    k64 = [2 * floor_scaled(t, 52) for t in ratios]
    w64 = [binary(t / c.power(2, 53), 53) for t in widths]
    f64 = [binary(t, 53) for t in heights]
    k32 = [nearest_scaled(t, 23) for t in ratios]
    # The float32 widths and heights were stored as 9-digit decimals of the binary64
    # values: round to 9 significant digits, then once to binary32.
    w32 = [binary(decimal.Decimal('%.8e' % (w * 2.0 ** 30)), 24) for w in w64]
    f32_ = [binary(decimal.Decimal('%.8e' % f), 24) for f in f64]
    return k64, w64, f64, k32, w32, f32_


def binary(value, digits):
    """A non-negative Decimal rounded once to the nearest binary float with `digits`
    significant bits (53: binary64, 24: binary32; no subnormals occur here)."""
    exact = fractions.Fraction(value)
    if exact == 0:
        return 0.0
    exponent = exact.numerator.bit_length() - exact.denominator.bit_length()
    if fractions.Fraction(2) ** exponent > exact:
        exponent -= 1
    scale = fractions.Fraction(2) ** (digits - 1 - exponent)
    return float(fractions.Fraction(round(exact * scale)) / scale)


def f32(value):
    return struct.unpack('<f', struct.pack('<f', value))[0]


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
    out = ['// Generated by generate_ziggurat.py from the ziggurat formulas; do not edit.\n',
           '// swift-format-ignore-file\n\n',
           '/// The 256-layer ziggurat tables of the standard normal and exponential samplers.\n',
           'enum ZigguratTables {\n']
    k, w, f = tables(normal_pdf, normal_inverse, NORMAL_R, NORMAL_V, 52)
    out.append(swift_ints('normalK', k, 64))
    out.append(swift_doubles('normalWBits', w))
    out.append(swift_doubles('normalFBits', f))
    k64, w64, f64, k32, w32, f32_ = exact_exponential_tables()
    out.append(swift_ints('exponentialK', k64, 64))
    out.append(swift_doubles('exponentialWBits', w64))
    out.append(swift_doubles('exponentialFBits', f64))
    k, w, f = tables(normal_pdf, normal_inverse, NORMAL_R, NORMAL_V, 23)
    out.append(swift_ints('normalFloatK', k, 32))
    out.append(swift_floats('normalFloatWBits', [f32(value) for value in w]))
    out.append(swift_floats('normalFloatFBits', [f32(value) for value in f]))
    out.append(swift_ints('exponentialFloatK', k32, 32))
    out.append(swift_floats('exponentialFloatWBits', w32))
    out.append(swift_floats('exponentialFloatFBits', f32_))
    out.append('}\n')
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'Distributions', 'ZigguratTables.swift')
    with open(path, 'w') as handle:
        handle.write(''.join(out))
    print('wrote', path)


if __name__ == '__main__':
    generate()
