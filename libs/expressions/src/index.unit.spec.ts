import { describe, expect, it } from 'vitest';
import {
  checkSyntax,
  evaluate,
  evaluateOrdered,
  evaluateRecursively,
  ExpressionError,
  GeneratorArray,
  hasExpression,
  isTruthy,
  prepareData,
  PyFloat,
  pythonStr,
  toJson,
  type ExpressionContext,
} from './index.js';

const data = {
  a: 1,
  b: 2,
  s: 'hello',
  l: [1, 2, 3],
  d: { x: 1, y: 2 },
  n: null,
  f: 1.5,
  users: [{ name: 'ann' }, { name: 'bob' }],
};

const ctx: ExpressionContext = {
  data,
  functions: {
    task: (name?: string) => ({
      id: 't1',
      name: name ?? 'current',
      state: 'SUCCESS',
      result: { out: [1, 2] },
      published: {},
    }),
    execution: () => ({ id: 'e1', name: 'wf', input: { who: 'world' }, params: {} }),
    env: () => ({ region: 'r1' }),
    tasks: () => [{ name: 't1' }, { name: 't2' }],
    global: (name: string) => `global:${name}`,
  },
};

function errorOf(f: () => unknown): ExpressionError {
  try {
    f();
  } catch (e) {
    if (e instanceof ExpressionError) return e;
    throw e;
  }
  throw new Error('expected an ExpressionError');
}

describe('evaluate: YAQL foundation', () => {
  it('reads the data context', () => {
    expect(evaluate('<% $.a %>', ctx)).toBe(1);
    expect(evaluate('<% $.d.x %>', ctx)).toBe(1);
    expect(evaluate('<% $.l[0] %>', ctx)).toBe(1);
    expect(evaluate("<% $['s'] %>", ctx)).toBe('hello');
    expect(evaluate('<% $.users.name %>', ctx)).toEqual(['ann', 'bob']);
  });
  it('evaluates literals, arithmetic, comparisons and logic', () => {
    expect(evaluate('<% 1 + 2 * 3 %>', ctx)).toBe(7);
    expect(evaluate('<% 7 / 2 %>', ctx)).toBe(3);
    expect(evaluate('<% 7.0 / 2 %>', ctx)).toBe(3.5);
    expect(evaluate('<% $.a < $.b and not false %>', ctx)).toBe(true);
    expect(evaluate("<% $.n or 'x' %>", ctx)).toBe('x');
    expect(evaluate('<% [1, null, true] %>', ctx)).toEqual([1, null, true]);
  });
  it('calls the engine functions', () => {
    expect(evaluate("<% task('t1').result.out %>", ctx)).toEqual([1, 2]);
    expect(evaluate('<% task().name %>', ctx)).toBe('current');
    expect(evaluate('<% execution().input.who %>', ctx)).toBe('world');
    expect(evaluate('<% env().region %>', ctx)).toBe('r1');
    expect(evaluate('<% tasks().name %>', ctx)).toEqual(['t1', 't2']);
    expect(evaluate("<% global('g') %>", ctx)).toBe('global:g');
  });
  it('prefers __env from the data for env()', () => {
    expect(
      evaluate('<% env().region %>', { data: { __env: { region: 'data' } }, functions: ctx.functions }),
    ).toBe('data');
    expect(evaluate('<% env() %>', { data: { a: 1 } })).toBeNull();
  });
  it('interpolates with Python str()', () => {
    expect(evaluate('a=<% $.a %> f=<% 4.0 %> t=<% true %> n=<% $.n %> l=<% $.l %>', ctx)).toBe(
      'a=1 f=4.0 t=True n=None l=[1, 2, 3]',
    );
    expect(evaluate(' <% $.s %>', ctx)).toBe(' hello');
  });
  it('leaves strings without expressions alone', () => {
    expect(evaluate('plain 50% <%', ctx)).toBe('plain 50% <%');
  });
  it('raises YaqlEvaluationException for missing keys and bad syntax', () => {
    expect(errorOf(() => evaluate('<% $.missing %>', ctx)).kind).toBe('YaqlEvaluationException');
    const e = errorOf(() => evaluate('<% 1 + %>', ctx));
    expect(e.kind).toBe('YaqlEvaluationException');
    expect(e.causeType).toBe('YaqlGrammarException');
  });
});

describe('evaluate: Jinja foundation', () => {
  it('reads `_` and keeps native types for whole values', () => {
    expect(evaluate('{{ _.a }}', ctx)).toBe(1);
    expect(evaluate('{{ _.l }}', ctx)).toEqual([1, 2, 3]);
    expect(evaluate('{{ _.d.x + 1 }}', ctx)).toBe(2);
    expect(evaluate('x={{ _.a }}', ctx)).toBe('x=1');
  });
  it('calls the engine functions', () => {
    expect(evaluate("{{ task('t1').result.out }}", ctx)).toEqual([1, 2]);
    expect(evaluate('{{ execution().input.who }}', ctx)).toBe('world');
  });
  it('raises JinjaEvaluationException for undefined values', () => {
    expect(errorOf(() => evaluate('{{ _.missing }}', ctx)).kind).toBe('JinjaEvaluationException');
  });
});

describe('evaluateRecursively', () => {
  it('evaluates dict values and list items, never keys', () => {
    const r = evaluateRecursively(
      { '<% $.s %>': '<% $.s %>', list: ['<% $.a %>', 'x {{ _.b }}', 7, null, true] },
      ctx,
    );
    expect(r).toEqual({ '<% $.s %>': 'hello', list: [1, 'x 2', 7, null, true] });
  });
  it('returns data untouched for an empty context', () => {
    expect(evaluateRecursively({ k: '<% 1 + 1 %>' }, { data: {} })).toEqual({ k: '<% 1 + 1 %>' });
  });
  it('fails the whole structure when one value fails', () => {
    expect(() => evaluateRecursively({ ok: '<% $.a %>', bad: '<% $.missing %>' }, ctx)).toThrow(
      ExpressionError,
    );
  });
  it('keeps Python dict order in the ordered variant', () => {
    const r = evaluateOrdered('<% dict(b => 1, 10 => 2, a => 3) %>', ctx) as Map<unknown, unknown>;
    expect([...r.keys()]).toEqual(['b', 10n, 'a']);
    expect(toJson(evaluateOrdered("<% {'2' => 1, a => 2.0, b => 10000000000000000000} %>", ctx))).toBe(
      '{"2": 1, "a": 2.0, "b": 10000000000000000000}',
    );
  });
});

describe('isTruthy', () => {
  it('follows Python bool()', () => {
    for (const v of [null, undefined, false, 0, '', [], {}, new Map()]) expect(isTruthy(v)).toBe(false);
    for (const v of [true, 1, -1, 'false', ' ', [0], { a: 1 }, 0.5]) expect(isTruthy(v)).toBe(true);
  });
  it('treats Jinja generators as truthy even when empty', () => {
    const r = evaluate('{{ _.l | select("gt", 10) }}', ctx);
    expect(r).toBeInstanceOf(GeneratorArray);
    expect(r).toEqual([]);
    expect(isTruthy(r)).toBe(true);
  });
});

describe('hasExpression', () => {
  it('uses Mistral regexes', () => {
    expect(hasExpression('<% $.a %>')).toBe(true);
    expect(hasExpression('x {{ y }}')).toBe(true);
    expect(hasExpression('{% if x %}')).toBe(true);
    expect(hasExpression('<% $.a\n %>')).toBe(false);
    expect(hasExpression('{# comment #}')).toBe(false);
  });
});

describe('checkSyntax', () => {
  it('accepts valid expressions', () => {
    expect(checkSyntax('<% $.a + 1 %> and <% $.b %>')).toBeUndefined();
    expect(checkSyntax('{{ _.a | upper }}')).toBeUndefined();
    expect(checkSyntax('no expression')).toBeUndefined();
  });
  it('reports what is wrong', () => {
    expect(checkSyntax('<% $.a + %>')).toMatch(/^YaqlGrammarException/);
    expect(checkSyntax('<% 1e3 %>')).toMatch(/^YaqlGrammarException: Lexical error/);
    expect(checkSyntax('{% if x %}{{ x }}')).toMatch(/^JinjaGrammarException/);
    expect(checkSyntax('{{ 1 + * }}')).toMatch(/^JinjaGrammarException/);
    expect(checkSyntax('<% $.a %> {{ _.a }}')).toMatch(/^ExpressionGrammarException/);
  });
});

describe('pythonStr', () => {
  it('formats like Python str()', () => {
    expect(pythonStr(true)).toBe('True');
    expect(pythonStr(null)).toBe('None');
    expect(pythonStr(new PyFloat(4))).toBe('4.0');
    expect(pythonStr(4)).toBe('4');
    expect(pythonStr(['a', 'b'])).toBe("['a', 'b']");
    expect(pythonStr({ k: 1 })).toBe("{'k': 1}");
    expect(pythonStr(new PyFloat(1e16))).toBe('1e+16');
    expect(pythonStr(0.00001)).toBe('1e-05');
    expect(pythonStr("it's")).toBe("it's");
  });
});

describe('injected randomness', () => {
  it('uses ExpressionFunctions.uuid and random, and fails clearly without them', () => {
    const fns = { uuid: () => '00000000-0000-4000-8000-000000000000', random: () => 0.5 };
    expect(evaluate('<% uuid() %>', { data: { a: 1 }, functions: fns })).toBe(
      '00000000-0000-4000-8000-000000000000',
    );
    expect(evaluate('{{ uuid() }}', { data: { a: 1 }, functions: fns })).toBe(
      '00000000-0000-4000-8000-000000000000',
    );
    expect(evaluate('<% random(1, 3) %>', { data: { a: 1 }, functions: fns })).toBe(2);
    expect(evaluate('{{ [1, 2, 3] | random }}', { data: { a: 1 }, functions: fns })).toBe(2);
    expect(() => evaluate('<% uuid() %>', { data: { a: 1 } })).toThrow(/id source/);
  });
});

describe('prepareData', () => {
  it('reuses one conversion of the data for many evaluations', () => {
    const prepared = prepareData({ a: 1, l: [1, 2], __env: { r: 'x' } });
    const pctx: ExpressionContext = { data: prepared };
    expect(evaluate('<% $.a + 1 %>', pctx)).toBe(2);
    expect(evaluate('<% $.l = [1, 2] %>', pctx)).toBe(true);
    expect(evaluate('{{ _.l | length }}', pctx)).toBe(2);
    expect(evaluate('<% env().r %>', pctx)).toBe('x');
    expect(evaluateRecursively({ k: '<% $.a %>' }, pctx)).toEqual({ k: 1 });
    expect(evaluateRecursively({ k: '<% $.a %>' }, { data: prepareData({}) })).toEqual({ k: '<% $.a %>' });
  });
});
