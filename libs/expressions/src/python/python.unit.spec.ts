import { describe, expect, it } from 'vitest';
import { floatRepr, pyRepr, pyStr, strRepr } from './format.js';
import { jsonDumps, jsonLoads } from './json.js';
import { numArith, pyCompare, pyEquals, pyRound, truthy } from './ops.js';
import { percentFormat, pyFormat } from './pyformat.js';
import { pyRSplit, pySplit, pyStrip } from './strings.js';
import { PyGenerator, tuple } from './types.js';
import { yamlDump, yamlLoad } from './yaml.js';

describe('Python formatting', () => {
  it('prints floats like repr()', () => {
    expect(floatRepr(4)).toBe('4.0');
    expect(floatRepr(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(floatRepr(1e16)).toBe('1e+16');
    expect(floatRepr(1e15)).toBe('1000000000000000.0');
    expect(floatRepr(1e-5)).toBe('1e-05');
    expect(floatRepr(0.0001)).toBe('0.0001');
    expect(floatRepr(-1.5e-7)).toBe('-1.5e-07');
    expect(floatRepr(1.2345e100)).toBe('1.2345e+100');
    expect(floatRepr(Infinity)).toBe('inf');
  });
  it('quotes strings like repr()', () => {
    expect(strRepr('a')).toBe("'a'");
    expect(strRepr("it's")).toBe('"it\'s"');
    expect(strRepr(`it's "q"`)).toBe(`'it\\'s "q"'`);
    expect(strRepr('a\nb\t\x01é')).toBe("'a\\nb\\t\\x01é'");
  });
  it('formats containers, tuples and None/True', () => {
    expect(pyRepr(tuple([1n]))).toBe('(1,)');
    expect(pyRepr(tuple([1n, 2n]), { tuplesAsLists: true })).toBe('[1, 2]');
    expect(pyStr(new Map<unknown, unknown>([['k', [null, true, 2.5]]]))).toBe("{'k': [None, True, 2.5]}");
  });
});

describe('Python operators', () => {
  it('compares across int, float and bool like Python', () => {
    expect(pyEquals(1n, 1.0)).toBe(true);
    expect(pyEquals(true, 1n)).toBe(true);
    expect(pyEquals('1', 1n)).toBe(false);
    expect(pyEquals(tuple([1n]), [1n])).toBe(false);
    expect(
      pyEquals(
        new Map([
          ['a', 1n],
          ['b', 2n],
        ]),
        new Map([
          ['b', 2n],
          ['a', 1n],
        ]),
      ),
    ).toBe(true);
    expect(pyCompare('B', 'a')).toBeLessThan(0);
    expect(pyCompare('\u{1F600}', '\uFFFF')).toBeGreaterThan(0);
    expect(() => pyCompare(1n, 'a')).toThrow(/not supported/);
  });
  it('does int/float arithmetic with floor semantics', () => {
    expect(numArith('//', -7n, 2n, false)).toBe(-4n);
    expect(numArith('%', -17n, 5n, false)).toBe(3n);
    expect(numArith('%', 17n, -5n, false)).toBe(-3n);
    expect(numArith('/', 7n, 2n, false)).toBe(3.5);
    expect(numArith('*', 10n ** 12n, 10n ** 12n, false)).toBe(10n ** 24n);
    expect(() => numArith('/', 1n, 0n, false)).toThrow(/division by zero/);
    expect(() => numArith('+', true, 1n, false)).toThrow(/unsupported/);
    expect(numArith('+', true, 1n, true)).toBe(2n);
  });
  it('rounds half to even', () => {
    expect(pyRound(2.5, 0n)).toBe(2);
    expect(pyRound(-2.5, 0n)).toBe(-2);
    expect(pyRound(2.675, 2n)).toBe(2.67);
    expect(pyRound(2.5)).toBe(2n);
    expect(pyRound(1250n, -2n)).toBe(1200n);
  });
  it('uses Python truthiness', () => {
    expect(truthy(new PyGenerator([]))).toBe(true);
    expect(truthy(0.0)).toBe(false);
    expect(truthy(new Map())).toBe(false);
  });
});

describe('Python strings and formatting', () => {
  it('splits and strips like str methods', () => {
    expect(pySplit('  a  b ', null)).toEqual(['a', 'b']);
    expect(pySplit('a-b-c', '-', 1)).toEqual(['a', 'b-c']);
    expect(pySplit('', ',')).toEqual(['']);
    expect(pyRSplit('a-b-c', '-', 1)).toEqual(['a-b', 'c']);
    expect(pyStrip('xxhixx', 'x', true, true)).toBe('hi');
  });
  it('implements str.format and % formatting', () => {
    expect(pyFormat('{0}-{0} {x}', [1n], new Map([['x', 'y']]))).toBe('1-1 y');
    expect(pyFormat('{:>5}|{:.2f}|{:,}', ['x', 3.14159, 1234567n], new Map())).toBe('    x|3.14|1,234,567');
    expect(percentFormat('%s=%d', tuple(['k', 5n]))).toBe('k=5');
    expect(percentFormat('%s', [1n, 2n])).toBe('[1, 2]');
    expect(percentFormat('%05.1f', 3.14159)).toBe('003.1');
  });
});

describe('JSON and YAML', () => {
  it('dumps JSON like json.dumps(indent=4)', () => {
    const v = new Map<unknown, unknown>([
      ['b', 1n],
      ['a', [1n, 2.5, 'é']],
    ]);
    expect(jsonDumps(v, { indent: 4 })).toBe(
      '{\n    "b": 1,\n    "a": [\n        1,\n        2.5,\n        "\\u00e9"\n    ]\n}',
    );
    expect(jsonDumps(1.0)).toBe('1.0');
  });
  it('parses JSON keeping order, ints and floats', () => {
    const v = jsonLoads('{"2": 1, "a": 2.0, "big": 12345678901234567890}') as Map<unknown, unknown>;
    expect([...v.keys()]).toEqual(['2', 'a', 'big']);
    expect(v.get('a')).toBe(2);
    expect(v.get('big')).toBe(12345678901234567890n);
    expect(() => jsonLoads('{bad')).toThrow(/Expecting/);
  });
  it('dumps YAML like PyYAML safe_dump', () => {
    expect(yamlDump('plain')).toBe('plain\n...\n');
    expect(yamlDump('yes')).toBe("'yes'\n");
    expect(
      yamlDump(
        new Map<unknown, unknown>([
          ['zz', 1n],
          ['aa', [true, null]],
        ]),
      ),
    ).toBe('aa:\n- true\n- null\nzz: 1\n');
    expect(yamlDump('héllo')).toBe('"h\\xE9llo"\n');
    expect(yamlDump('a\nb')).toBe("'a\n\n  b'\n");
  });
  it('loads YAML 1.1 like PyYAML safe_load', () => {
    expect(yamlLoad('yes')).toBe(true);
    expect(yamlLoad('y')).toBe('y');
    expect(yamlLoad('1e3')).toBe('1e3');
    expect(yamlLoad('n: 1.5')).toEqual(new Map([['n', 1.5]]));
    expect(yamlLoad('x: 3')).toEqual(new Map([['x', 3n]]));
  });
});
