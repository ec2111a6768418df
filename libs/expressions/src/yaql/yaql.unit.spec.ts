import { describe, expect, it } from 'vitest';
import { tuple } from '../python/types.js';
import { YaqlSyntaxError } from './errors.js';
import { evaluateYaql } from './evaluate.js';
import { tokenize } from './lexer.js';
import { parseYaql } from './parser.js';

const data = new Map<unknown, unknown>([
  ['l', tuple([1n, 2n, 3n])],
  ['d', new Map<unknown, unknown>([['x', 1n]])],
  [
    'users',
    tuple([
      new Map<unknown, unknown>([
        ['name', 'ann'],
        ['age', 31n],
      ]),
      new Map<unknown, unknown>([
        ['name', 'bob'],
        ['age', 17n],
      ]),
    ]),
  ],
  ['threshold', 18n],
]);
const ev = (text: string): unknown => evaluateYaql(text, data, undefined);

describe('YAQL lexer', () => {
  it('tokenizes like yaql', () => {
    expect(tokenize('$.a.len() mod 2').map((t) => `${t.type}:${t.value}`)).toEqual([
      'DOLLAR:',
      'OP:.',
      'KEYWORD:a',
      'OP:.',
      'FUNC:len',
      'OP:)',
      'OP:mod',
      'NUMBER:2',
      'EOF:',
    ]);
    expect(tokenize('`a\\b` "x\\ny"').map((t) => t.value)).toEqual(['a\\b', 'x\ny', '']);
    expect(tokenize('007')[0]?.value).toBe('007');
  });
  it('rejects what yaql rejects', () => {
    for (const bad of ['1e3', "'open", '__x', '$.l[0:2]'])
      expect(() => tokenize(bad), bad).toThrow(YaqlSyntaxError);
  });
});

describe('YAQL parser', () => {
  // Parenthesis nodes are dropped so that shapes compare by structure only.
  const shape = (text: string): string =>
    JSON.stringify(parseYaql(text), (_k, v: unknown) => {
      if (typeof v === 'bigint') return Number(v);
      if (v && typeof v === 'object' && (v as { t?: string }).t === 'paren') return (v as { x: unknown }).x;
      return v;
    });
  it('applies yaql precedence', () => {
    expect(shape('not $.a = 2')).toBe(shape('not ($.a = 2)'));
    expect(shape('1 < 2 = true')).toBe(shape('(1 < 2) = true'));
    expect(shape('2 * 3 mod 4')).toBe(shape('(2 * 3) mod 4'));
    expect(shape('-$.a.b')).toBe(shape('-($.a.b)'));
    expect(shape('a -> b -> c')).toBe(shape('a -> (b -> c)'));
    expect(shape('true or false and false')).toBe(shape('true or (false and false)'));
  });
  it('reports grammar errors', () => {
    for (const bad of ['', '.5', '1 +', 'f(a => 1, 2)', '(1', '[1,', '$.a b'])
      expect(() => parseYaql(bad), bad).toThrow(YaqlSyntaxError);
  });
});

describe('YAQL interpreter', () => {
  it('evaluates queries with lambdas and let', () => {
    expect([...(ev('$.users.where($.age > 18).select($.name).toList()') as unknown[])]).toEqual(['ann']);
    expect(ev('let(t => $.threshold) -> $.users.where($.age >= $t).len()')).toBe(1n);
    expect(ev('$.l.aggregate($1 + $2)')).toBe(6n);
    expect([...(ev('$.l.select($ * 2).toList()') as unknown[])]).toEqual([2n, 4n, 6n]);
  });
  it('follows Python semantics without coercion', () => {
    expect(ev('7 / 2')).toBe(3n);
    expect(ev('7.0 / 2')).toBe(3.5);
    expect(ev('true = 1')).toBe(true);
    expect(() => ev("'n=' + 1")).toThrow(/NoMatching|No function/);
    expect(() => ev('1 < 2 < 3')).toThrow();
  });
  it('keeps unknown variables null and bare names as strings', () => {
    expect(ev('$nothing')).toBeNull();
    expect(ev('ACTIVE')).toBe('ACTIVE');
    expect(ev('$ = $1')).toBe(true);
  });
  it('raises for missing keys, bad indexes and method/function misuse', () => {
    expect(() => ev('$.missing')).toThrow(/KeyError|missing/);
    expect(() => ev('$.l[5]')).toThrow(/index/);
    expect(() => ev('select($.l, $)')).toThrow();
    expect(() => ev('$.l.isList()')).toThrow();
    expect(() => ev('$.l.select($)[0]')).toThrow();
  });
});
