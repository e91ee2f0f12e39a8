#!/usr/bin/env python3
"""Generates the scalar backend's loop tables (Backends/Scalar/Loops/*.swift).

Like NumPy's `loops.c.src` templating: one element expression per ufunc and type
category, expanded for every signature NumPy registers. The signature lists are
NumPy's own (`numpy.<ufunc>.types`, restricted to Tessera's dtypes), captured in
SIGNATURES below so that generation does not need NumPy installed.

Run:  python3 Backends/Scalar/generate_loops.py   (rewrites the generated files)
"""
import os

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
  ('negative', 1, 1, ALL[1:], {'int': '0 &- a', 'float': '-a', 'complex': 'Complex(-a.real, -a.imaginary)'}, 0.3),
  ('positive', 1, 1, ALL[1:], {'int': 'a', 'float': 'a', 'complex': 'a'}, 0.3),
  ('absolute', 1, 1, ALL, {'bool': 'a', 'int': 'integerAbsolute(a)', 'float': 'Swift.abs(a)', 'complex': '.hypot(a.real, a.imaginary)'}, 0.3),
  ('sign', 1, 1, ALL[1:], {'int': 'integerSign(a)', 'float': 'floatSign(a)', 'complex': 'complexSign(a)'}, 0.5),
  ('square', 1, 1, ALL[1:], {'int': 'a &* a', 'float': 'a * a', 'complex': 'complexMultiply(a, a)'}, 0.3),
  ('reciprocal', 1, 1, ALL[1:], {'int': 'integerReciprocal(a)', 'float': '1 / a', 'complex': 'complexReciprocal(a)'}, 1.0),
 ],
 'MinMax': [
  ('maximum', 2, 1, ALL, {'bool': 'a || b', 'int': 'Swift.max(a, b)', 'float': 'floatMaximum(a, b)', 'complex': 'complexMaximum(a, b)'}, 0.3),
  ('minimum', 2, 1, ALL, {'bool': 'a && b', 'int': 'Swift.min(a, b)', 'float': 'floatMinimum(a, b)', 'complex': 'complexMinimum(a, b)'}, 0.3),
  ('fmax', 2, 1, ALL, {'bool': 'a || b', 'int': 'Swift.max(a, b)', 'float': 'floatFmax(a, b)', 'complex': 'complexFmax(a, b)'}, 0.3),
  ('fmin', 2, 1, ALL, {'bool': 'a && b', 'int': 'Swift.min(a, b)', 'float': 'floatFmin(a, b)', 'complex': 'complexFmin(a, b)'}, 0.3),
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

LOGICAL = {'and': '{a} && {b}', 'or': '{a} || {b}', 'xor': '{a} != {b}', 'not': '!{a}'}

# `add` on floats: loops that also sum pairwise when called as a reduction.
PAIRWISE_ADD = {'e': 'halfAddLoop(args, count, steps)', 'f': 'floatAddLoop(args, count, steps, Float.self)',
                'd': 'floatAddLoop(args, count, steps, Double.self)', 'F': 'complexAddLoop(args, count, steps, Float.self)',
                'D': 'complexAddLoop(args, count, steps, Double.self)'}

def entry(name, nin, out, t, exprs, cost):
    cat = category(t)
    if name == 'add' and t in PAIRWISE_ADD:
        return (f'        ScalarLoopEntry(.add, "{t}{t}->{t}", cost: {cost}) {{ args, count, steps, _ in\n'
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
    if name == 'absolute' and t in 'FD':
        body = {'F': 'Float', 'D': 'Double'}[t] + e
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
        path = os.path.join(root, 'Loops', f'Loops+{family}.swift')
        with open(path, 'w') as f:
            f.write('\n'.join(lines))
        print('wrote', path)

if __name__ == '__main__':
    generate(os.path.dirname(os.path.abspath(__file__)))
