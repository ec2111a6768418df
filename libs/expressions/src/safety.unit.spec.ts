/** Sandboxing and resource bounds: no JS object model is reachable, runaway work fails cleanly. */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateRecursively, ExpressionError, type ExpressionContext } from './index.js';

const ctx: ExpressionContext = { data: { a: 1, s: 'x', l: [1, 2], d: { k: 1 } } };

function fails(text: string, causePattern?: RegExp): ExpressionError {
  let err: unknown;
  try {
    evaluate(text, ctx);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ExpressionError);
  const e = err as ExpressionError;
  if (causePattern) expect(`${e.causeType}: ${e.message}`).toMatch(causePattern);
  return e;
}

describe('no access to the JS object model', () => {
  it('treats __proto__/constructor/prototype as plain YAQL keys', () => {
    fails('<% $.constructor %>', /KeyError/);
    fails("<% $['__proto__'] %>", /KeyError/);
    fails('<% $.s.constructor %>', /NoFunctionRegistered/);
    fails("<% 'x'.constructor() %>", /NoFunctionRegistered/);
    fails('<% constructor() %>', /NoFunctionRegistered/);
    fails('<% toString() %>', /NoFunctionRegistered/);
    fails('<% $.l.hasOwnProperty(a) %>', /NoFunctionRegistered/);
    expect(evaluate('<% constructor %>', ctx)).toBe('constructor');
    const data = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": "c", "prototype": 2}') as unknown;
    expect(evaluate("<% $['__proto__'].polluted %>", { data })).toBe(1);
    fails('<% $.__proto__ %>', /YaqlLexicalException/);
    expect(evaluate('<% $.constructor %>', { data })).toBe('c');
    expect(evaluate('<% $.prototype %>', { data })).toBe(2);
  });
  it('returns __proto__ keys as own data properties, not prototypes', () => {
    const data = JSON.parse('{"__proto__": {"polluted": 1}}') as unknown;
    const r = evaluate('<% $ %>', { data }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(Object.hasOwn(r, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
  it('blocks Jinja constructor tricks and dunder attributes', () => {
    fails("{{ ''.constructor.constructor('return process')() }}", /UndefinedError/);
    fails('{{ _.constructor }}', /UndefinedError/);
    fails('{{ _.l.constructor }}', /UndefinedError/);
    fails("{{ _['constructor'] }}", /UndefinedError/);
    fails('{{ _.__proto__ }}', /SecurityError/);
    fails('{{ _.s.__class__.__mro__ }}', /SecurityError/);
    fails('{{ range.constructor }}', /UndefinedError/);
    fails('{{ _.s.upper.constructor }}', /UndefinedError/);
    fails("{{ ''.toString() }}", /UndefinedError/);
    fails('{{ process }}', /UndefinedError/);
    fails('{{ globalThis }}', /UndefinedError/);
    fails('{{ _ | attr("constructor") }}', /UndefinedError/);
  });
});

describe('bounded cost', () => {
  it('stops infinite sequences', () => {
    fails('<% sequence().len() %>', /LimitExceeded/);
    fails('<% sequence().where($ < 0).first() %>', /LimitExceeded/);
    fails('<% [1].cycle().toList() %>', /LimitExceeded/);
  });
  it('stops runaway recursion', () => {
    // A def() body cannot see its own name (as in yaql), so recursion is not possible.
    fails('<% def(f, f($)) -> f(1) %>', /NoFunctionRegistered/);
  });
  it('bounds output size', () => {
    fails("<% 'x' * 100000000 %>", /LimitExceeded/);
    fails('<% range(100000000) %>', /LimitExceeded/);
    fails("{{ 'x' * 100000000 }}", /LimitExceeded/);
    fails('{{ [1] * 100000000 }}', /LimitExceeded/);
    fails('<% pow(10, 100000000) %>', /LimitExceeded/);
    fails('{{ 9999999 ** 9999999 }}', /LimitExceeded|TypeError/);
    fails('<% pow(99999, 999999) %>', /LimitExceeded/);
  });
  it('bounds steps of nested loops', () => {
    fails('<% range(100000).select(range(100000).len()).sum() %>', /LimitExceeded/);
    fails(
      '{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}{{ 1 }}',
      /LimitExceeded/,
    );
  });
  it('honours custom limits', () => {
    expect(() =>
      evaluateRecursively('<% range(100).sum() %>', ctx, {
        limits: { maxSteps: 50, maxDepth: 100, maxStringLength: 1000, maxItems: 1000 },
      }),
    ).toThrow(/step limit/);
  });
  it('rejects deeply nested expressions at parse time', () => {
    fails(`<% ${'('.repeat(500)}1${')'.repeat(500)} %>`, /nested too deeply|LimitExceeded/);
    fails(`{{ ${'('.repeat(500)}1${')'.repeat(500)} }}`, /nested too deeply|LimitExceeded/);
  });
});
