#!/usr/bin/env python3
"""Generates the scalar backend's loop tables (Backends/Scalar/TesseraScalar/Loops/*.swift).

Like NumPy's `loops.c.src` templating: one element expression per ufunc and type
category, expanded for every signature NumPy registers. The signature lists are
NumPy's own (`numpy.<ufunc>.types`, restricted to Tessera's dtypes), written out in
the FAMILIES and MATH_FAMILIES tables below so that generation does not need NumPy
installed. The ULP bounds of the math loops come from the ufunc catalogue's one table
(Sources/TesseraCore/UFunc/Catalogue/catalogue.py).

Run:  python3 Backends/Scalar/generate_loops.py   (rewrites the generated files)
"""
import os
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ inside Swift targets
sys.path.insert(0, os.path.join(ROOT, '..', '..', 'Sources', 'TesseraCore', 'UFunc', 'Catalogue'))
import catalogue  # noqa: E402

# The scalar loops' ULP bounds, by Swift name, from the catalogue.
ULP = {u.swift: u.ulp for u in catalogue.MATH if isinstance(u, catalogue.UFunc)}
# The ufuncs whose float reductions are sums (the catalogue's `pairwiseSum` trait).
SUMS = {u.swift for u in catalogue.CORE if isinstance(u, catalogue.UFunc) and 'pairwiseSum' in u.traits}

SWIFT = {'?': 'Bool', 'b': 'Int8', 'B': 'UInt8', 'h': 'Int16', 'H': 'UInt16', 'i': 'Int32',
         'I': 'UInt32', 'l': 'Int64', 'L': 'UInt64', 'e': 'Float16', 'f': 'Float', 'd': 'Double',
         'F': 'Complex<Float>', 'D': 'Complex<Double>'}

def category(c):
    if c == '?': return 'bool'
    if c in 'bBhHiIlL': return 'int'
    if c in 'efd': return 'float'
    return 'complex'

ALL = '?bBhHiIlLefdFD'
INTS = 'bBhHiIlL'
def sig(inputs, outputs, types):
    return [inputs * t + '->' + outputs(t) for t in types]
def same(n):
    return lambda t: t * n

# (ufunc Swift name, NumPy name, arity, nout, signatures, {category: expression}, cost ns/element)
NZ = {'bool': '{x}', 'int': '{x} != 0', 'float': '{x} != 0', 'complex': 'complexIsNonZero({x})'}
def nz(cat, x):
    return NZ[cat].format(x=x)

FAMILIES = {
 'Arithmetic': [
  ('add', 2, 1, ALL, {'bool': 'a || b', 'int': 'a &+ b', 'float': 'a + b', 'complex': 'complexAdd(a, b)'}, 0.3),
  ('subtract', 2, 1, ALL[1:], {'int': 'a &- b', 'float': 'a - b', 'complex': 'complexSubtract(a, b)'}, 0.3),
  ('multiply', 2, 1, ALL, {'bool': 'a && b', 'int': 'a &* b', 'float': 'a * b', 'complex': 'complexMultiply(a, b)'}, 0.3),
  ('divide', 2, 1, 'efdFD', {'float': 'a / b', 'complex': 'complexDivide(a, b)'}, 1.0),
  ('floorDivide', 2, 1, INTS + 'efd', {'int': 'integerFloorDivide(a, b)', 'float': 'floatFloorDivide(a, b)'}, 3.0),
  ('remainder', 2, 1, INTS + 'efd', {'int': 'integerRemainder(a, b)', 'float': 'floatRemainder(a, b)'}, 3.0),
  ('fmod', 2, 1, INTS + 'efd', {'int': 'integerFmod(a, b)', 'float': 'a.truncatingRemainder(dividingBy: b)'}, 3.0),
  ('divmod', 2, 2, INTS + 'efd', {'int': 'integerDivmod(a, b)', 'float': 'floatDivmod(a, b)'}, 4.0),
  ('negative', 1, 1, ALL[1:], {'int': '0 &- a', 'float': '-a', 'complex': 'Complex(-a.rawStorage.x, -a.rawStorage.y)'}, 0.3),
  ('positive', 1, 1, ALL[1:], {'int': 'a', 'float': 'a', 'complex': 'a'}, 0.3),
  ('absolute', 1, 1, ALL, {'bool': 'a', 'int': 'integerAbsolute(a)', 'float': 'Swift.abs(a)', 'complex': 'complexAbsolute(a)'}, 0.3),
  ('sign', 1, 1, ALL[1:], {'int': 'integerSign(a)', 'float': 'floatSign(a)', 'complex': 'complexSign(a)'}, 0.5),
  ('square', 1, 1, ALL[1:], {'int': 'a &* a', 'float': 'a * a', 'complex': 'complexSquare(a)'}, 0.3),
  ('reciprocal', 1, 1, ALL[1:], {'int': 'integerReciprocal(a)', 'float': '1 / a', 'complex': 'complexReciprocal(a)'}, 1.0),
 ],
 'MinMax': [
  ('maximum', 2, 1, ALL, {'bool': 'a || b', 'int': 'Swift.max(a, b)', 'float': 'extremum', 'complex': 'complexMaximum(a, b)'}, 0.3),
  ('minimum', 2, 1, ALL, {'bool': 'a && b', 'int': 'Swift.min(a, b)', 'float': 'extremum', 'complex': 'complexMinimum(a, b)'}, 0.3),
  ('fmax', 2, 1, ALL, {'bool': 'a || b', 'int': 'Swift.max(a, b)', 'float': 'extremum', 'complex': 'complexFmax(a, b)'}, 0.3),
  ('fmin', 2, 1, ALL, {'bool': 'a && b', 'int': 'Swift.min(a, b)', 'float': 'extremum', 'complex': 'complexFmin(a, b)'}, 0.3),
 ],
 'Comparison': [
  ('equal', 2, '?', ALL, {'bool': 'a == b', 'int': 'a == b', 'float': 'a == b', 'complex': 'complexEqual(a, b)'}, 0.3),
  ('notEqual', 2, '?', ALL, {'bool': 'a != b', 'int': 'a != b', 'float': 'a != b', 'complex': '!complexEqual(a, b)'}, 0.3),
  ('less', 2, '?', ALL, {'bool': '!a && b', 'int': 'a < b', 'float': 'a < b', 'complex': 'complexLess(a, b)'}, 0.3),
  ('lessEqual', 2, '?', ALL, {'bool': '!a || b', 'int': 'a <= b', 'float': 'a <= b', 'complex': 'complexLessEqual(a, b)'}, 0.3),
  ('greater', 2, '?', ALL, {'bool': 'a && !b', 'int': 'a > b', 'float': 'a > b', 'complex': 'complexGreater(a, b)'}, 0.3),
  ('greaterEqual', 2, '?', ALL, {'bool': 'a || !b', 'int': 'a >= b', 'float': 'a >= b', 'complex': 'complexGreaterEqual(a, b)'}, 0.3),
 ],
 'Logical': [
  ('logicalAnd', 2, '?', ALL, 'and', 0.3),
  ('logicalOr', 2, '?', ALL, 'or', 0.3),
  ('logicalXor', 2, '?', ALL, 'xor', 0.3),
  ('logicalNot', 1, '?', ALL, 'not', 0.3),
 ],
 'Bitwise': [
  ('bitwiseAnd', 2, 1, '?' + INTS, {'bool': 'a && b', 'int': 'a & b'}, 0.3),
  ('bitwiseOr', 2, 1, '?' + INTS, {'bool': 'a || b', 'int': 'a | b'}, 0.3),
  ('bitwiseXor', 2, 1, '?' + INTS, {'bool': 'a != b', 'int': 'a ^ b'}, 0.3),
  ('invert', 1, 1, '?' + INTS, {'bool': '!a', 'int': '~a'}, 0.3),
  ('leftShift', 2, 1, INTS, {'int': 'integerLeftShift(a, b)'}, 0.3),
  ('rightShift', 2, 1, INTS, {'int': 'integerRightShift(a, b)'}, 0.3),
 ],
}

# Float extrema follow IEEE 754-2019 (maximum/minimum, maximumNumber/minimumNumber):
# -0.0 < +0.0, so the result never depends on operand order, call layout or CPU
# (ExtremumLoops.swift). float16 takes the same operations as float32/float64.
EXTREMUM_OPERATIONS = {'maximum': 'MaximumOperation', 'minimum': 'MinimumOperation', 'fmax': 'FmaxOperation', 'fmin': 'FminOperation'}

LOGICAL = {'and': '{a} && {b}', 'or': '{a} || {b}', 'xor': '{a} != {b}', 'not': '!{a}'}

# `add` on floats: loops that also sum pairwise when called as a reduction.
PAIRWISE_ADD = {'e': 'halfAddLoop(args, count, steps)', 'f': 'floatAddLoop(args, count, steps, Float.self)',
                'd': 'floatAddLoop(args, count, steps, Double.self)', 'F': 'complexAddLoop(args, count, steps, Float.self)',
                'D': 'complexAddLoop(args, count, steps, Double.self)'}

HALF_REDUCIBLE = {'subtract': '-', 'multiply': '*', 'divide': '/'}

def entry(name, nin, out, t, exprs, cost):
    cat = category(t)
    if t == 'e' and name in HALF_REDUCIBLE:
        op = HALF_REDUCIBLE[name]
        return (f'        ScalarLoopEntry(.{name}, "ee->e", cost: {cost}) {{ args, count, steps, _ in\n'
                f'            halfReducibleLoop(args, count, steps) {{ (a: Float, b: Float) -> Float in a {op} b }}\n'
                f'        }},')
    if name in EXTREMUM_OPERATIONS and t in 'efd':
        return (f'        ScalarLoopEntry(.{name}, "{t}{t}->{t}", cost: {cost}) {{ args, count, steps, _ in\n'
                f'            extremumLoop(args, count, steps, {EXTREMUM_OPERATIONS[name]}<{SWIFT[t]}>.self)\n'
                f'        }},')
    if name == 'add' and t in PAIRWISE_ADD:
        # float32/float64: the reduction call is `out + pairwiseSum(run)`, stated so that a
        # parallel sum may split it (InnerLoop.ReductionContract); float16 rounds each call
        # to float16 and complex sums interleave their parts, so neither states it.
        contract = ', reduction: .pairwiseSum' if name in SUMS and t in 'fd' else ''
        return (f'        ScalarLoopEntry(.add, "{t}{t}->{t}", cost: {cost}{contract}) {{ args, count, steps, _ in\n'
                f'            {PAIRWISE_ADD[t]}\n'
                f'        }},')
    if isinstance(out, str):        # fixed output type (comparisons, logical)
        outs = out
    elif name == 'absolute' and t in 'FD':
        outs = {'F': 'f', 'D': 'd'}[t]
    else:
        outs = t * out
    signature = t * nin + '->' + outs
    if isinstance(exprs, str):      # logical family
        e = LOGICAL[exprs].format(a='(' + nz(cat, 'a') + ')', b='(' + nz(cat, 'b') + ')')
    else:
        e = exprs[cat]
    half = t == 'e'
    T = 'Float' if half else SWIFT[t]
    rtypes = [SWIFT[c] for c in outs]
    params = ['a', 'b'][:nin]
    if half:
        # float16 computes in float32 and rounds once at the end, as NumPy does.
        conv = 'let ' + ', '.join(f'{p} = Float({p}0)' for p in params) + '; '
        plist = ', '.join(f'{p}0: Float16' for p in params)
        if len(rtypes) == 2:
            body = f'{conv}let r = {e}; return (Float16(r.0), Float16(r.1))'
        elif rtypes[0] == 'Float16':
            body = f'{conv}return Float16({e})'
        else:
            body = f'{conv}return {e}'
    else:
        plist = ', '.join(f'{p}: {T}' for p in params)
        body = e
    rt = rtypes[0] if len(rtypes) == 1 else '(' + ', '.join(rtypes) + ')'
    skeleton = {(1, 1): 'unaryLoop', (2, 1): 'binaryLoop', (2, 2): 'binaryLoop2', (1, 2): 'unaryLoop2'}[(nin, len(rtypes))]
    return (f'        ScalarLoopEntry(.{name}, "{signature}", cost: {cost}) {{ args, count, steps, _ in\n'
            f'            {skeleton}(args, count, steps) {{ ({plist}) -> {rt} in {body} }}\n'
            f'        }},')

def generate(root):
    for family, ufuncs in FAMILIES.items():
        lines = ['// Generated by Backends/Scalar/generate_loops.py — edit that file, not this one.',
                 'import ComplexModule', 'import RealModule', 'import TesseraCore', '',
                 'extension ScalarLoops {',
                 f'    /// The {family.lower()} family: every signature NumPy registers for these ufuncs.',
                 f'    static let {family[0].lower() + family[1:]}: [ScalarLoopEntry] = [']
        for (name, nin, out, types, exprs, cost) in ufuncs:
            for t in types:
                lines.append(entry(name, nin, out, t, exprs, cost))
        lines += ['    ]', '}', '']
        path = os.path.join(root, 'TesseraScalar', 'Loops', f'Loops+{family}.swift')
        with open(path, 'w') as f:
            f.write('\n'.join(lines))
        print('wrote', os.path.relpath(path))

# ---------------------------------------------------------------------------
# Math families (MATH_FAMILIES: Exponential, Trigonometric, Rounding, FloatBits,
# IntegerMath; one Loops+<Family>.swift each). Signatures are NumPy's own (`np.<ufunc>.types` restricted to
# Tessera's dtypes, duplicates removed), so mixed signatures (`dl->d`, `d->di`, `f->?`)
# are spelled out. Expressions are looked up by exact type char, then by category; a
# 'half' key is evaluated natively on Float16 (bit-level functions such as nextafter,
# which must not round through float32). Other float16 loops compute in float32 and
# round once at the end, as NumPy does.
#
# (Swift name, signatures, {key: expression}, cost ns/element); each loop's ULP bound is
# the catalogue's (ULP above).

def S(text):
    return text.split()

F = S('e->e f->f d->d')
FC = F + S('F->F D->D')
FF = S('ee->e ff->f dd->d')
INTSIG = [t + t + '->' + t for t in INTS]

def tf(name, c):                    # swift-numerics on reals; glibc's C99 function on complex
    return {'float': f'.{name}(a)', 'complex': f'libmComplex(TESSERA_C{c}, a)'}

MATH_FAMILIES = {
 'Exponential': [
  ('sqrt', FC, {'float': 'a.squareRoot()', 'complex': 'libmComplex(TESSERA_CSQRT, a)'}, 1.0),
  ('cbrt', F, {'float': '.cCbrt(a)'}, 5.0),
  ('exp', FC, {'float': '.exp(a)', 'complex': 'libmComplex(TESSERA_CEXP, a)'}, 4.0),
  ('exp2', FC, {'float': '.exp2(a)', 'complex': 'complexExp2(a)'}, 4.0),
  ('expm1', FC, {'float': '.expMinusOne(a)', 'complex': 'complexExpm1(a)'}, 5.0),
  ('log', FC, {'float': '.log(a)', 'complex': 'libmComplex(TESSERA_CLOG, a)'}, 4.0),
  ('log2', FC, {'float': '.log2(a)', 'complex': 'complexLog2(a)'}, 4.0),
  ('log10', FC, {'float': '.log10(a)', 'complex': 'complexLog10(a)'}, 4.0),
  ('log1p', FC, {'float': '.log(onePlus: a)', 'complex': 'complexLog1p(a)'}, 5.0),
  ('logaddexp', FF, {'float': 'floatLogaddexp(a, b)'}, 10.0),
  ('logaddexp2', FF, {'float': 'floatLogaddexp2(a, b)'}, 10.0),
  ('power', INTSIG + FF + S('FF->F DD->D'),
   {'int': 'integerPower(a, b)', 'float': '.cPow(a, b)', 'complex': 'complexPower(a, b)'}, 10.0),
  ('floatPower', S('dd->d DD->D'), {'float': '.cPow(a, b)', 'complex': 'complexPower(a, b)'}, 10.0),
 ],
 'Trigonometric': [
  ('sin', FC, tf('sin', 'SIN'), 5.0),
  ('cos', FC, tf('cos', 'COS'), 5.0),
  ('tan', FC, tf('tan', 'TAN'), 6.0),
  ('arcsin', FC, tf('asin', 'ASIN'), 6.0),
  ('arccos', FC, tf('acos', 'ACOS'), 6.0),
  ('arctan', FC, tf('atan', 'ATAN'), 6.0),
  ('arctan2', FF, {'float': '.atan2(y: a, x: b)'}, 8.0),
  ('hypot', FF, {'float': '.hypot(a, b)'}, 3.0),
  ('sinh', FC, tf('sinh', 'SINH'), 6.0),
  ('cosh', FC, tf('cosh', 'COSH'), 6.0),
  ('tanh', FC, tf('tanh', 'TANH'), 6.0),
  ('arcsinh', FC, tf('asinh', 'ASINH'), 8.0),
  ('arccosh', FC, tf('acosh', 'ACOSH'), 8.0),
  ('arctanh', FC, tf('atanh', 'ATANH'), 8.0),
  ('deg2rad', F, {'float': 'floatDeg2rad(a)'}, 0.3),
  ('rad2deg', F, {'float': 'floatRad2deg(a)'}, 0.3),
 ],
 'Rounding': [
  ('floor', sig(1, same(1), '?' + INTS) + F, {'bool': 'a', 'int': 'a', 'float': 'a.rounded(.down)'}, 0.5),
  ('ceil', sig(1, same(1), '?' + INTS) + F, {'bool': 'a', 'int': 'a', 'float': 'a.rounded(.up)'}, 0.5),
  ('trunc', sig(1, same(1), '?' + INTS) + F, {'bool': 'a', 'int': 'a', 'float': 'a.rounded(.towardZero)'}, 0.5),
  ('rint', FC, {'float': 'a.rounded(.toNearestOrEven)', 'complex': 'complexRint(a)'}, 0.5),
 ],
 'FloatBits': [
  ('isnan', [t + '->?' for t in ALL], {'bool': 'false', 'int': 'false', 'half': 'a.isNaN', 'float': 'a.isNaN', 'complex': 'complexIsNaNRaw(a)'}, 0.3),
  ('isinf', [t + '->?' for t in ALL], {'bool': 'false', 'int': 'false', 'half': 'a.isInfinite', 'float': 'a.isInfinite', 'complex': 'complexIsInfinite(a)'}, 0.3),
  ('isfinite', [t + '->?' for t in ALL], {'bool': 'true', 'int': 'true', 'half': 'a.isFinite', 'float': 'a.isFinite', 'complex': 'complexIsFinite(a)'}, 0.3),
  ('signbit', S('e->? f->? d->?'), {'half': 'a.sign == .minus', 'float': 'a.sign == .minus'}, 0.3),
  ('copysign', FF, {'half': 'Float16(signOf: b, magnitudeOf: a)', 'float': '.init(signOf: b, magnitudeOf: a)'}, 0.3),
  ('nextafter', FF, {'half': 'halfNextafter(a, b)', 'float': 'floatNextafter(a, b)'}, 0.5),
  ('spacing', F, {'half': 'halfSpacing(a)', 'float': 'floatSpacing(a)'}, 0.5),
  ('ldexp', S('ei->e fi->f el->e fl->f di->d dl->d'), {'float': 'floatLdexp(a, b)'}, 1.0),
  ('frexp', S('e->ei f->fi d->di'), {'float': '.cFrexp(a)'}, 1.0),
  ('modf', S('e->ee f->ff d->dd'), {'float': 'floatModf(a)'}, 1.0),
  ('heaviside', FF, {'float': 'floatHeaviside(a, b)'}, 0.3),
 ],
 'IntegerMath': [
  ('gcd', INTSIG, {'int': 'integerGcd(a, b)'}, 20.0),
  ('lcm', INTSIG, {'int': 'integerLcm(a, b)'}, 20.0),
  ('conjugate', sig(1, same(1), INTS + 'efdFD'), {'int': 'a', 'half': 'a', 'float': 'a', 'complex': 'complexConjugate(a)'}, 0.3),
 ],
}

def fmt_ulp(v):
    return '' if v is None else f', ulp: {float(v)}'

def math_entry(name, signature, exprs, cost):
    ulps = ULP[name]
    ins, outs = signature.split('->')
    t = ins[0]
    cat = category(t)
    native = t == 'e' and 'half' in exprs
    e = exprs.get('half') if native else exprs.get(t, exprs.get(cat))
    assert e is not None, (name, signature)
    through_float = 'e' in ins + outs and not native
    elem = 'Float' if through_float and t == 'e' else SWIFT[t]
    if e.startswith('.'):                  # a static function of the element type
        e = elem + e
    params = ['a', 'b'][:len(ins)]
    conv, plist = [], []
    for p, c in zip(params, ins):
        if c == 'e' and through_float:
            plist.append(f'{p}0: Float16')
            conv.append(f'{p} = Float({p}0)')
        else:
            plist.append(f'{p}: {SWIFT[c]}')
    rtypes = [SWIFT[c] for c in outs]
    rt = rtypes[0] if len(rtypes) == 1 else '(' + ', '.join(rtypes) + ')'
    if through_float:
        prefix = 'let ' + ', '.join(conv) + '; ' if conv else ''
        if len(outs) == 2:
            parts = [f'Float16(r.{i})' if c == 'e' else f'r.{i}' for i, c in enumerate(outs)]
            body = f'{prefix}let r = {e}; return ({", ".join(parts)})'
        elif outs == 'e':
            body = f'{prefix}return Float16({e})'
        else:
            body = f'{prefix}return {e}'
    else:
        body = e
    skeleton = {(1, 1): 'unaryLoop', (2, 1): 'binaryLoop', (2, 2): 'binaryLoop2', (1, 2): 'unaryLoop2'}[(len(ins), len(outs))]
    return (f'        ScalarLoopEntry(.{name}, "{signature}", cost: {cost}{fmt_ulp(ulps.get(t))}) {{ args, count, steps, _ in\n'
            f'            {skeleton}(args, count, steps) {{ ({", ".join(plist)}) -> {rt} in {body} }}\n'
            f'        }},')

def generate_math(root):
    for family, ufuncs in MATH_FAMILIES.items():
        lines = ['// Generated by Backends/Scalar/generate_loops.py — edit that file, not this one.',
                 'import ComplexModule', 'import RealModule', 'import TesseraCore', 'internal import _TesseraScalarShim', '',
                 'extension ScalarLoops {',
                 f'    /// The {family[0].lower() + family[1:]} math family: every signature NumPy registers for these ufuncs,',
                 '    /// each with its measured maximum error in ULP where the result is not exactly rounded.',
                 f'    static let {family[0].lower() + family[1:]}: [ScalarLoopEntry] = [']
        for (name, signatures, exprs, cost) in ufuncs:
            seen = []
            for s in signatures:
                if s not in seen:
                    seen.append(s)
                    lines.append(math_entry(name, s, exprs, cost))
        lines += ['    ]', '}', '']
        path = os.path.join(root, 'TesseraScalar', 'Loops', f'Loops+{family}.swift')
        with open(path, 'w') as f:
            f.write('\n'.join(lines))
        print('wrote', os.path.relpath(path))

if __name__ == '__main__':
    generate(ROOT)
    generate_math(ROOT)
