/** Python semantics for equality, truthiness, ordering and arithmetic on internal values. */
import { PyError, typeError, zeroDivision } from './errors.js';
import { isTuple, LazySeq, PyGenerator, PySet, typeName } from './types.js';

/** Python `bool(x)`. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false;
  if (v === true) return true;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (v instanceof PySet) return v.items.length > 0;
  return true; // generators, lazy sequences, other objects
}

/** Numeric view of int/float/bool for Python mixed comparisons, or undefined. */
function numeric(v: unknown): bigint | number | undefined {
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return undefined;
}

function numEq(a: bigint | number, b: bigint | number): boolean {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a === b;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  const f = typeof a === 'number' ? a : (b as number);
  const i = typeof a === 'bigint' ? a : (b as bigint);
  return Number.isInteger(f) && BigInt(f) === i;
}

/** Python `a == b`. */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return numEq(na, nb);
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (isTuple(a) !== isTuple(b) || a.length !== b.length) return false;
    return a.every((x, i) => pyEquals(x, b[i]));
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) {
      if (!dictHas(b, k) || !pyEquals(v, dictGet(b, k))) return false;
    }
    return true;
  }
  if (a instanceof PySet && b instanceof PySet) {
    return a.items.length === b.items.length && a.items.every((x) => b.items.some((y) => pyEquals(x, y)));
  }
  return false;
}

/** Normalises a dict key so that Python-equal hashables share one Map key. */
export function dictKey(k: unknown): unknown {
  if (typeof k === 'number' && Number.isInteger(k)) return BigInt(k);
  if (typeof k === 'boolean') return k ? 1n : 0n;
  return k;
}

export function dictHas(d: Map<unknown, unknown>, k: unknown): boolean {
  if (d.has(k)) return true;
  const nk = dictKey(k);
  if (nk !== k && d.has(nk)) return true;
  return typeof k === 'bigint' || typeof k === 'number' ? findNumericKey(d, k) !== undefined : false;
}

function findNumericKey(d: Map<unknown, unknown>, k: bigint | number): { key: unknown } | undefined {
  for (const key of d.keys()) {
    const nk = numeric(key);
    if (nk !== undefined && numEq(nk, k)) return { key };
  }
  return undefined;
}

export function dictGet(d: Map<unknown, unknown>, k: unknown): unknown {
  if (d.has(k)) return d.get(k);
  if (typeof k === 'bigint' || typeof k === 'number' || typeof k === 'boolean') {
    const found = findNumericKey(d, numeric(k) as bigint | number);
    return found ? d.get(found.key) : undefined;
  }
  return undefined;
}

/** Sets a key keeping the position of an existing Python-equal key. */
export function dictSet(d: Map<unknown, unknown>, k: unknown, v: unknown): void {
  if (!d.has(k) && (typeof k === 'bigint' || typeof k === 'number' || typeof k === 'boolean')) {
    const found = findNumericKey(d, numeric(k) as bigint | number);
    if (found) {
      d.set(found.key, v);
      return;
    }
  }
  d.set(k, v);
}

function cmpNum(a: bigint | number, b: bigint | number): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Code-point order comparison of strings (JS `<` compares UTF-16 units). */
export function cmpStr(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/**
 * Python 3 ordering (`<`): numbers (bools count as ints when `boolAsInt`),
 * strings, and sequences lexicographically. Anything else is a TypeError.
 */
export function pyCompare(a: unknown, b: unknown, boolAsInt = true): number {
  const na = boolAsInt ? numeric(a) : typeof a === 'boolean' ? undefined : numeric(a);
  const nb = boolAsInt ? numeric(b) : typeof b === 'boolean' ? undefined : numeric(b);
  if (na !== undefined && nb !== undefined) return cmpNum(na, nb);
  if (typeof a === 'string' && typeof b === 'string') return cmpStr(a, b);
  if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (!pyEquals(a[i], b[i])) return pyCompare(a[i], b[i], boolAsInt);
    }
    return a.length - b.length;
  }
  throw typeError(`'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

// ---------------------------------------------------------------- arithmetic

type Num = bigint | number;

function asNum(v: unknown, boolAsInt: boolean): Num | undefined {
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  if (boolAsInt && typeof v === 'boolean') return v ? 1n : 0n;
  return undefined;
}

function unsupported(op: string, a: unknown, b: unknown): PyError {
  return typeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

export function numArith(op: string, a: unknown, b: unknown, boolAsInt: boolean): Num {
  const x = asNum(a, boolAsInt);
  const y = asNum(b, boolAsInt);
  if (x === undefined || y === undefined) throw unsupported(op, a, b);
  if (typeof x === 'bigint' && typeof y === 'bigint') {
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '//':
        return floorDivInt(x, y);
      case '%':
        return modInt(x, y);
      case '/':
        if (y === 0n) throw zeroDivision();
        return Number(x) / Number(y);
      case '**':
        if (y < 0n) return Number(x) ** Number(y);
        checkPowSize(x, y);
        return x ** y;
    }
  }
  const fx = Number(x);
  const fy = Number(y);
  switch (op) {
    case '+':
      return fx + fy;
    case '-':
      return fx - fy;
    case '*':
      return fx * fy;
    case '/':
      if (fy === 0) throw zeroDivision('float division by zero');
      return fx / fy;
    case '//':
      if (fy === 0) throw zeroDivision('float floor division by zero');
      return Math.floor(fx / fy);
    case '%':
      if (fy === 0) throw zeroDivision('float modulo');
      return floatMod(fx, fy);
    case '**':
      return fx ** fy;
  }
  throw unsupported(op, a, b);
}

/** Largest int result (in bits) a power may produce; Python has no limit, we need one. */
const MAX_POW_BITS = 4_000_000;

function checkPowSize(x: bigint, y: bigint): void {
  const ax = x < 0n ? -x : x;
  if (ax <= 1n) return;
  const bits = ax.toString(2).length;
  if (BigInt(bits) * y > BigInt(MAX_POW_BITS)) {
    throw new PyError('LimitExceeded', `integer power result would exceed ${MAX_POW_BITS} bits`);
  }
}

export function floorDivInt(x: bigint, y: bigint): bigint {
  if (y === 0n) throw zeroDivision('integer division or modulo by zero');
  const q = x / y;
  return x % y !== 0n && x < 0n !== y < 0n ? q - 1n : q;
}

export function modInt(x: bigint, y: bigint): bigint {
  if (y === 0n) throw zeroDivision('integer division or modulo by zero');
  const r = x % y;
  return r !== 0n && r < 0n !== y < 0n ? r + y : r;
}

function floatMod(x: number, y: number): number {
  const r = x % y;
  return r !== 0 && r < 0 !== y < 0 ? r + y : r;
}

/** Python's round() with banker's rounding; `ndigits` undefined returns an int. */
export function pyRound(v: Num, ndigits?: bigint): Num {
  if (typeof v === 'bigint') {
    if (ndigits === undefined || ndigits >= 0n) return v;
    const p = 10n ** -ndigits;
    const q = floorDivInt(v, p);
    const r = v - q * p;
    const twice = r * 2n;
    const up = twice > p || (twice === p && q % 2n !== 0n);
    return (up ? q + 1n : q) * p;
  }
  if (ndigits === undefined) return BigInt(roundHalfEven(v));
  const d = Number(ndigits);
  if (!Number.isFinite(v)) return v;
  // Python rounds the exact decimal value; toFixed-based rounding works on it too.
  if (d >= 0) {
    const r = roundHalfEvenExact(Math.abs(v), d);
    return v < 0 ? -r : r;
  }
  const m = 10 ** -d;
  return roundHalfEven(v / m) * m;
}

function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** Rounds a non-negative float to `d` decimals, ties to even on the exact binary value. */
function roundHalfEvenExact(x: number, d: number): number {
  // Use exact decimal expansion of the double to decide ties, as CPython does.
  const exact = x.toFixed(Math.min(100, d + 30));
  const [ip, fp = ''] = exact.split('.');
  const keep = fp.slice(0, d);
  const rest = fp.slice(d);
  let digits = BigInt((ip ?? '0') + keep);
  const half = rest.length > 0 ? rest[0] : '0';
  const tail = rest.slice(1);
  const roundUp =
    half !== undefined && (half > '5' || (half === '5' && (/[1-9]/.test(tail) || digits % 2n === 1n)));
  if (roundUp) digits += 1n;
  const s = digits.toString().padStart(d + 1, '0');
  return Number(d > 0 ? `${s.slice(0, s.length - d)}.${s.slice(s.length - d)}` : s);
}

/** Materialises any iterable value into an array (for generators and lazy sequences). */
export function iterItems(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof PySet) return v.items;
  if (v instanceof PyGenerator) return v.items;
  if (v instanceof LazySeq) return [...v];
  return undefined;
}
