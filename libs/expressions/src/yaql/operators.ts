/** YAQL operator semantics: Python arithmetic without implicit coercion (NOTES §5). */
import type { Budget } from '../limits.js';
import { PyError } from '../python/errors.js';
import { cmpStr, dictSet, numArith, pyCompare, pyEquals } from '../python/ops.js';
import { isNumber, isTuple, LazySeq, PyGenerator, PySet, tuple } from '../python/types.js';
import { NoMatch } from './call.js';
import { regexSearch, toRegex } from './stdlib/regex.js';

function noOp(op: string): NoMatch {
  return new NoMatch(`#operator_${op}`);
}

function collectionItems(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof PySet) return v.items;
  if (v instanceof PyGenerator) return v.items;
  return undefined;
}

/** yaql ordering: numbers, strings, sets; null is smaller than anything. */
export function yaqlOrder(op: string, a: unknown, b: unknown): boolean {
  let c: number;
  if (a === null || b === null) {
    c = a === null && b === null ? 0 : a === null ? -1 : 1;
  } else if (isNumber(a) && isNumber(b)) {
    c = pyCompare(a, b);
  } else if (typeof a === 'string' && typeof b === 'string') {
    c = cmpStr(a, b);
  } else if (a instanceof PySet && b instanceof PySet) {
    const sub = a.items.every((x) => b.items.some((y) => pyEquals(x, y)));
    const sup = b.items.every((x) => a.items.some((y) => pyEquals(x, y)));
    switch (op) {
      case '<':
        return sub && !sup;
      case '<=':
        return sub;
      case '>':
        return sup && !sub;
      default:
        return sup;
    }
  } else throw noOp(op);
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

export function yaqlIn(a: unknown, b: unknown): boolean {
  if (typeof b === 'string') {
    if (typeof a !== 'string') throw noOp('in');
    return b.includes(a);
  }
  const items = collectionItems(b);
  if (items) return items.some((x) => pyEquals(a, x));
  if (b instanceof LazySeq) {
    for (const x of b) if (pyEquals(a, x)) return true;
    return false;
  }
  throw noOp('in');
}

export function yaqlBinary(op: string, a: unknown, b: unknown, budget: Budget): unknown {
  switch (op) {
    case '=':
      return pyEquals(a, b);
    case '!=':
      return !pyEquals(a, b);
    case '<':
    case '>':
    case '<=':
    case '>=':
      return yaqlOrder(op, a, b);
    case 'in':
      return yaqlIn(a, b);
    case '+':
      if (isNumber(a) && isNumber(b)) return numArith('+', a, b, false);
      if (typeof a === 'string' && typeof b === 'string') {
        budget.plan(a.length + b.length, 'string');
        return a + b;
      }
      if (Array.isArray(a) && Array.isArray(b)) {
        budget.plan(a.length + b.length, 'items');
        const r = [...a, ...b];
        return isTuple(a) && isTuple(b) ? tuple(r) : r;
      }
      if ((Array.isArray(a) || a instanceof PyGenerator) && (Array.isArray(b) || b instanceof PyGenerator)) {
        const x = Array.isArray(a) ? a : a.items;
        const y = Array.isArray(b) ? b : b.items;
        budget.plan(x.length + y.length, 'items');
        return [...x, ...y];
      }
      if (a instanceof Map && b instanceof Map) {
        const r = new Map(a);
        for (const [k, v] of b) dictSet(r, k, v);
        return r;
      }
      throw noOp(op);
    case '-':
      if (isNumber(a) && isNumber(b)) return numArith('-', a, b, false);
      throw noOp(op);
    case '*':
      if (isNumber(a) && isNumber(b)) return numArith('*', a, b, false);
      if (typeof a === 'string' && typeof b === 'bigint') return repeatStr(a, b, budget);
      if (typeof a === 'bigint' && typeof b === 'string') return repeatStr(b, a, budget);
      if (Array.isArray(a) && typeof b === 'bigint') return repeatList(a, b, budget);
      if (typeof a === 'bigint' && Array.isArray(b)) return repeatList(b, a, budget);
      throw noOp(op);
    case '/':
      if (typeof a === 'bigint' && typeof b === 'bigint') return numArith('//', a, b, false);
      if (isNumber(a) && isNumber(b)) return numArith('/', a, b, false);
      throw noOp(op);
    case 'mod':
      if (isNumber(a) && isNumber(b)) return numArith('%', a, b, false);
      throw noOp(op);
    case '=~':
    case '!~': {
      if (typeof a !== 'string') throw noOp(op);
      const found = regexSearch(toRegex(b), a) !== null;
      return op === '=~' ? found : !found;
    }
  }
  throw new PyError('YaqlGrammarException', `unknown operator ${op}`);
}

function repeatStr(s: string, n: bigint, budget: Budget): string {
  const k = n > 0n ? Number(n) : 0;
  budget.plan(s.length * k, 'string');
  return s.repeat(k);
}

function repeatList(l: unknown[], n: bigint, budget: Budget): unknown[] {
  const k = n > 0n ? Number(n) : 0;
  budget.plan(l.length * k, 'items');
  const out: unknown[] = [];
  for (let i = 0; i < k; i++) out.push(...l);
  return isTuple(l) ? tuple(out) : out;
}

export function yaqlUnary(op: string, a: unknown): unknown {
  if (op === '-') {
    if (typeof a === 'bigint') return -a;
    if (typeof a === 'number') return -a;
    throw noOp('unary_-');
  }
  if (op === '+') {
    if (isNumber(a)) return a;
    throw noOp('unary_+');
  }
  throw noOp(op);
}
