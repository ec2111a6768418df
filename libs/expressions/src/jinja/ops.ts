/** Python operators as Jinja evaluates them (bools are ints, `/` is true division). */
import type { Budget } from '../limits.js';
import { typeError } from '../python/errors.js';
import { pyStr } from '../python/format.js';
import { dictHas, numArith, pyCompare, pyEquals, iterItems } from '../python/ops.js';
import { percentFormat } from '../python/pyformat.js';
import { isTuple, tuple, typeName } from '../python/types.js';
import { JUndefined } from './values.js';

function isNumLike(v: unknown): boolean {
  return typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';
}

function unsupported(op: string, a: unknown, b: unknown): Error {
  return typeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

export function jinjaBinary(op: string, a: unknown, b: unknown, budget: Budget): unknown {
  if (a instanceof JUndefined) throw a.fail();
  if (b instanceof JUndefined) throw b.fail();
  switch (op) {
    case '+':
      if (isNumLike(a) && isNumLike(b)) return numArith('+', a, b, true);
      if (typeof a === 'string' && typeof b === 'string') {
        budget.plan(a.length + b.length, 'string');
        return a + b;
      }
      if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) {
        budget.plan(a.length + b.length, 'items');
        const r = [...a, ...b];
        return isTuple(a) ? tuple(r) : r;
      }
      if (typeof a === 'string' || typeof b === 'string') {
        throw typeError(
          typeof a === 'string'
            ? `can only concatenate str (not "${typeName(b)}") to str`
            : `unsupported operand type(s) for +: '${typeName(a)}' and 'str'`,
        );
      }
      throw unsupported(op, a, b);
    case '-':
    case '//':
    case '**':
      if (isNumLike(a) && isNumLike(b)) {
        if (op === '**' && typeof b !== 'number' && typeof a !== 'number') {
          const e = typeof b === 'boolean' ? (b ? 1n : 0n) : (b as bigint);
          if (e > 100000n) throw typeError('exponent too large');
        }
        return numArith(op, a, b, true);
      }
      throw unsupported(op, a, b);
    case '/':
      if (isNumLike(a) && isNumLike(b)) return numArith('/', a, b, true);
      throw unsupported(op, a, b);
    case '%':
      if (typeof a === 'string') return percentFormat(a, b);
      if (isNumLike(a) && isNumLike(b)) return numArith('%', a, b, true);
      throw unsupported(op, a, b);
    case '*': {
      if (isNumLike(a) && isNumLike(b)) return numArith('*', a, b, true);
      const [seq, n] = typeof a === 'bigint' || typeof a === 'boolean' ? [b, a] : [a, b];
      if (
        (typeof n === 'bigint' || typeof n === 'boolean') &&
        (typeof seq === 'string' || Array.isArray(seq))
      ) {
        const k = Math.max(0, Number(n));
        budget.plan(seq.length * k, typeof seq === 'string' ? 'string' : 'items');
        if (typeof seq === 'string') return seq.repeat(k);
        const out: unknown[] = [];
        for (let i = 0; i < k; i++) out.push(...seq);
        return isTuple(seq) ? tuple(out) : out;
      }
      throw unsupported(op, a, b);
    }
    case '~': {
      const s = jinjaStr(a) + jinjaStr(b);
      budget.plan(s.length, 'string');
      return s;
    }
  }
  throw typeError(`unknown operator ${op}`);
}

/** Python `str()` for rendering; undefined values raise. */
export function jinjaStr(v: unknown): string {
  if (v instanceof JUndefined) {
    if (v.lenient) return '';
    throw v.fail();
  }
  return pyStr(v);
}

export function jinjaCompare(op: string, a: unknown, b: unknown): boolean {
  if (a instanceof JUndefined) throw a.fail();
  if (b instanceof JUndefined) throw b.fail();
  switch (op) {
    case '==':
      return pyEquals(a, b);
    case '!=':
      return !pyEquals(a, b);
    case '<':
      return pyCompare(a, b) < 0;
    case '>':
      return pyCompare(a, b) > 0;
    case '<=':
      return pyEquals(a, b) || pyCompare(a, b) <= 0;
    case '>=':
      return pyEquals(a, b) || pyCompare(a, b) >= 0;
    case 'in':
      return jinjaIn(a, b);
    case 'notin':
      return !jinjaIn(a, b);
  }
  throw typeError(`unknown comparison ${op}`);
}

export function jinjaIn(a: unknown, b: unknown): boolean {
  if (typeof b === 'string') {
    if (typeof a !== 'string')
      throw typeError(`'in <string>' requires string as left operand, not ${typeName(a)}`);
    return b.includes(a);
  }
  if (b instanceof Map) return dictHas(b, a);
  const items = iterItems(b);
  if (items) return items.some((x) => pyEquals(a, x));
  throw typeError(`argument of type '${typeName(b)}' is not iterable`);
}
