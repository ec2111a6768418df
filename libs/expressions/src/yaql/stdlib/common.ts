/** YAQL core functions: collection literals, let/with/unpack/def, branching, conversions, type tests. */
import { PyError, typeError, valueError } from '../../python/errors.js';
import { floatRepr, pyRepr } from '../../python/format.js';
import { dictSet, pyEquals as pyEqualsLocal, truthy } from '../../python/ops.js';
import { isTuple, LazySeq, PyGenerator, PySet, tuple } from '../../python/types.js';
import { define, type Call, type Registry } from '../call.js';
import { ScopeValue } from '../scope.js';
import { codePoints, listArg, seqArg } from './helpers.js';

/** yaql `str()`: null/true/false are lowercase; everything else is Python str(). */
export function yaqlStr(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return floatRepr(v);
  return pyRepr(v);
}

/** Builds a dict from `k => v` arguments (yaql `dict()` / `{...}`). */
function mappingDict(c: Call): Map<unknown, unknown> {
  if (c.positional.length > 0) throw c.noMatch();
  const d = new Map<unknown, unknown>();
  for (const m of c.mappings) {
    const k = m.key.t === 'kw' ? m.key.name : c.interp.eval(m.key, c.scope);
    dictSet(d, k, c.interp.eval(m.value, c.scope));
  }
  return d;
}

/** Python `int(str)`: surrounding whitespace and underscores between digits allowed. */
export function parsePyInt(s: string): bigint {
  const t = s.trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(t)) throw valueError(`invalid literal for int() with base 10: ${pyRepr(s)}`);
  return BigInt(t.replaceAll('_', ''));
}

export function parsePyFloat(s: string): number {
  const t = s.trim().replaceAll('_', '');
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t))
    throw valueError(`could not convert string to float: ${pyRepr(s)}`);
  return Number(t);
}

export function registerCommon(reg: Registry): void {
  define(reg, 'function', '#list', (c) => {
    if (c.mappings.length) throw c.noMatch();
    return tuple(c.positional.map((_, i) => c.val(i)));
  });
  define(reg, 'function', '#map', mappingDict);
  define(reg, 'function', 'dict', (c) => {
    if (c.mappings.length || c.count === 0) return mappingDict(c);
    c.arity(1);
    const d = new Map<unknown, unknown>();
    for (const item of listArg(c, 0)) {
      const pair = Array.isArray(item) ? item : undefined;
      if (!pair || pair.length !== 2) throw valueError('dictionary update sequence element has wrong length');
      dictSet(d, pair[0], pair[1]);
    }
    return d;
  });
  define(reg, 'function', 'list', (c) => {
    if (c.mappings.length) throw c.noMatch();
    // Only iterators (query results) are unpacked; lists and tuples stay items.
    const out: unknown[] = [];
    for (let i = 0; i < c.count; i++) {
      const v = c.val(i);
      if (v instanceof PyGenerator || v instanceof LazySeq) out.push(...listArg(c, i));
      else out.push(v);
    }
    return tuple(out);
  });
  define(reg, 'function', 'set', (c) => {
    if (c.mappings.length) throw c.noMatch();
    const items: unknown[] = [];
    for (let i = 0; i < c.count; i++) items.push(c.val(i));
    return uniqueSet(items);
  });

  // -------------------------------------------------------------- contexts
  define(reg, 'function', 'let', (c) => {
    const s = c.scope.child();
    c.positional.forEach((_, i) => s.set(String(i + 1), c.val(i)));
    for (const m of c.mappings) {
      if (m.key.t !== 'kw') throw c.noMatch();
      s.set(m.key.name, c.interp.eval(m.value, c.scope));
    }
    return new ScopeValue(s);
  });
  define(reg, 'function', 'with', (c) => {
    c.arity(0, Infinity);
    const s = c.scope.child();
    c.positional.forEach((_, i) => s.set(String(i + 1), c.val(i)));
    return new ScopeValue(s);
  });
  define(reg, 'method', 'unpack', (c) => {
    const items = listArg(c, 0);
    const s = c.scope.child();
    if (c.count === 1) items.forEach((x, i) => s.set(String(i + 1), x));
    else {
      if (items.length !== c.count - 1) throw valueError('Sequence length mismatch');
      for (let i = 1; i < c.count; i++) {
        const n = c.node(i);
        const name = n.t === 'kw' ? n.name : c.val(i);
        if (typeof name !== 'string') throw c.noMatch();
        s.set(name, items[i - 1]);
      }
    }
    return new ScopeValue(s);
  });
  define(reg, 'function', 'def', (c) => {
    c.arity(2);
    const n = c.node(0);
    const name = n.t === 'kw' ? n.name : c.val(0);
    if (typeof name !== 'string') throw c.noMatch();
    const s = c.scope.child();
    s.defineFunction(name, { body: c.node(1), scope: c.scope });
    return new ScopeValue(s);
  });

  // -------------------------------------------------------------- branching
  define(reg, 'function', 'switch', (c) => {
    if (c.positional.length) throw c.noMatch();
    for (const m of c.mappings) {
      if (truthy(c.interp.eval(m.key, c.scope))) return c.interp.eval(m.value, c.scope);
    }
    return null;
  });
  define(reg, 'function', 'selectCase', (c) => {
    for (let i = 0; i < c.count; i++) if (truthy(c.val(i))) return BigInt(i);
    return BigInt(c.count);
  });
  define(reg, 'function', 'selectAllCases', (c) => {
    const out: unknown[] = [];
    for (let i = 0; i < c.count; i++) if (truthy(c.val(i))) out.push(BigInt(i));
    return out;
  });
  define(reg, 'function', 'examine', (c) => {
    const out: unknown[] = [];
    for (let i = 0; i < c.count; i++) out.push(truthy(c.val(i)));
    return out;
  });
  define(reg, 'method', 'switchCase', (c) => {
    const k = c.val(0);
    if (typeof k !== 'bigint' || c.count < 2) throw c.noMatch();
    const n = c.count - 1;
    const idx = k < 0n || k >= BigInt(n) ? n : Number(k) + 1;
    return c.val(idx);
  });
  define(reg, 'function', 'coalesce', (c) => {
    for (let i = 0; i < c.count; i++) {
      const v = c.val(i);
      if (v !== null) return v;
    }
    return null;
  });

  // -------------------------------------------------------------- conversions
  define(reg, 'function', 'str', (c) => {
    c.arity(1);
    return yaqlStr(c.val(0));
  });
  define(reg, 'function', 'int', (c) => {
    c.arity(1);
    const v = c.val(0);
    if (v === null) return 0n;
    if (typeof v === 'boolean') return v ? 1n : 0n;
    if (typeof v === 'bigint') return v;
    if (typeof v === 'number') {
      if (!Number.isFinite(v))
        throw new PyError(
          Number.isNaN(v) ? 'ValueError' : 'OverflowError',
          'cannot convert float to integer',
        );
      return BigInt(Math.trunc(v));
    }
    if (typeof v === 'string') return parsePyInt(v);
    throw typeError(`int() argument must be a string or a number, not '${isTuple(v) ? 'tuple' : 'object'}'`);
  });
  define(reg, 'function', 'float', (c) => {
    c.arity(1);
    const v = c.val(0);
    if (v === null) return 0;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'bigint' || typeof v === 'number') return Number(v);
    if (typeof v === 'string') return parsePyFloat(v);
    throw typeError('float() argument must be a string or a number');
  });
  define(reg, 'function', 'bool', (c) => {
    c.arity(1);
    return truthy(c.val(0));
  });
  const typeTest = (name: string, test: (v: unknown) => boolean): void =>
    define(reg, 'function', name, (c) => {
      c.arity(1);
      return test(c.val(0));
    });
  typeTest('isString', (v) => typeof v === 'string');
  typeTest('isInteger', (v) => typeof v === 'bigint');
  typeTest('isNumber', (v) => typeof v === 'bigint' || typeof v === 'number');
  typeTest('isBoolean', (v) => typeof v === 'boolean');
  typeTest('isList', (v) => Array.isArray(v));
  typeTest('isDict', (v) => v instanceof Map);
  typeTest('isSet', (v) => v instanceof PySet);
  typeTest(
    'isIterable',
    (v) => Array.isArray(v) || v instanceof PySet || v instanceof PyGenerator || v instanceof LazySeq,
  );

  define(reg, 'both', ['len', 'count'], (c) => {
    c.arity(1);
    const v = c.val(0);
    if (typeof v === 'string') {
      if (c.name === 'count') throw c.noMatch();
      return BigInt(codePoints(v).length);
    }
    if (v instanceof Map) return BigInt(v.size);
    let n = 0n;
    for (const _ of seqArg(c, 0)) {
      c.interp.budget.step();
      n++;
    }
    return n;
  });
  define(reg, 'method', 'assert', (c) => {
    c.arity(2, 3);
    const v = c.val(0);
    const ok = c.lambda(1)(v);
    if (!truthy(ok)) throw new PyError('AssertionError', String(c.opt(2, 'Assertion failed')));
    return v;
  });
}

export function uniqueSet(items: readonly unknown[]): PySet {
  const out: unknown[] = [];
  for (const x of items) if (!out.some((y) => pyEqualsLocal(x, y))) out.push(x);
  return new PySet(out);
}
