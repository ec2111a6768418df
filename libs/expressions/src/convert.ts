/**
 * Conversion between plain JS values (public API) and internal values (python/types.ts).
 *
 * Input: JS numbers that are integers become ints (bigint), others floats; wrap a
 * number in `PyFloat` to force a float (`4.0`). Plain objects become Maps in
 * `Object.keys` order — JS has already hoisted integer-like keys ('2' before 'a')
 * in such objects, so callers that care about Python order pass `Map`s.
 * Output: ints become JS numbers when safe (else stay `bigint`), Maps become plain
 * objects (integer-like keys then come first, a JS limitation; use the `*Ordered`
 * API functions to keep Maps), tuples/generators become arrays.
 */
import { typeError } from './python/errors.js';
import { floatRepr, pyRepr } from './python/format.js';
import { dictSet } from './python/ops.js';
import { LazySeq, PyFloat, PyGenerator, PySet, tuple } from './python/types.js';

/**
 * Public -> internal. `intNumbers`: integral JS numbers are ints (plain input);
 * false keeps every number a float (values already in the ordered form, where ints
 * are bigint).
 */
export function toInternal(v: unknown, tuples = false, depth = 0, intNumbers = true): unknown {
  if (depth > 1000) throw typeError('input data is nested too deeply');
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'boolean':
    case 'string':
    case 'bigint':
      return v;
    case 'number':
      return intNumbers && Number.isInteger(v) ? BigInt(v) : v;
    case 'function':
    case 'symbol':
    case 'undefined':
      return null;
    case 'object':
      break;
  }
  if (v instanceof PyFloat) return v.value;
  if (v instanceof GeneratorArray) return new PyGenerator(v.map((x) => toInternal(x, tuples, depth + 1)));
  if (Array.isArray(v)) {
    const out = v.map((x) => toInternal(x, tuples, depth + 1, intNumbers));
    return tuples ? tuple(out) : out;
  }
  if (v instanceof Map) {
    const m = new Map<unknown, unknown>();
    for (const [k, x] of v) {
      dictSet(m, toInternal(k, tuples, depth + 1, intNumbers), toInternal(x, tuples, depth + 1, intNumbers));
    }
    return m;
  }
  if (v instanceof PySet || v instanceof PyGenerator || v instanceof LazySeq) return v;
  if (v instanceof Date) return v.toISOString();
  const m = new Map<unknown, unknown>();
  for (const k of Object.keys(v))
    m.set(k, toInternal((v as Record<string, unknown>)[k], tuples, depth + 1, intNumbers));
  return m;
}

function plainKey(k: unknown): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'number') return floatRepr(k);
  if (k === null) return 'null';
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (typeof k === 'bigint') return k.toString();
  return pyRepr(k);
}

/**
 * A list produced from a Python generator (Jinja `select`, `map`, ...). Mistral
 * returns the generator itself, which is truthy even when empty; `isTruthy`
 * honours that for this array type. It serialises like any array.
 */
export class GeneratorArray<T = unknown> extends Array<T> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
}

function generatorArray(items: readonly unknown[], map: (x: unknown) => unknown): GeneratorArray {
  const out = new GeneratorArray();
  for (const x of items) out.push(map(x));
  return out;
}

/**
 * Internal -> "ordered" public form: dicts stay Maps, ints stay bigint, floats
 * number; tuples become arrays, generators GeneratorArray, sets arrays.
 */
export function toOrdered(v: unknown, depth = 0): unknown {
  if (depth > 1000) throw typeError('result is nested too deeply');
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => toOrdered(x, depth + 1));
  if (v instanceof Map) {
    const m = new Map<unknown, unknown>();
    for (const [k, x] of v) m.set(toOrdered(k, depth + 1), toOrdered(x, depth + 1));
    return m;
  }
  if (v instanceof PyGenerator) return generatorArray(v.items, (x) => toOrdered(x, depth + 1));
  if (v instanceof PySet) return v.items.map((x) => toOrdered(x, depth + 1));
  if (v instanceof LazySeq) return [...v].map((x) => toOrdered(x, depth + 1));
  return pyRepr(v);
}

/** Internal -> plain JS. Keys like `__proto__` become own data properties, never prototypes. */
export function toPlain(v: unknown, depth = 0): unknown {
  if (depth > 1000) throw typeError('result is nested too deeply');
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint')
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (typeof v !== 'object') return v;
  if (v instanceof GeneratorArray) return generatorArray(v, (x) => toPlain(x, depth + 1));
  if (Array.isArray(v)) return v.map((x) => toPlain(x, depth + 1));
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) {
      Object.defineProperty(o, plainKey(k), {
        value: toPlain(x, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return o;
  }
  if (v instanceof PyGenerator) return generatorArray(v.items, (x) => toPlain(x, depth + 1));
  if (v instanceof PySet) return v.items.map((x) => toPlain(x, depth + 1));
  if (v instanceof LazySeq) return [...v].map((x) => toPlain(x, depth + 1));
  return pyRepr(v);
}

/** YAQL input conversion of internal values: lists become tuples (deep copy), nothing else changes. */
export function tuplify(v: unknown, depth = 0): unknown {
  if (depth > 1000) throw typeError('input data is nested too deeply');
  if (Array.isArray(v)) return tuple(v.map((x) => tuplify(x, depth + 1)));
  if (v instanceof Map) {
    const m = new Map<unknown, unknown>();
    for (const [k, x] of v) m.set(k, tuplify(x, depth + 1));
    return m;
  }
  return v;
}

/**
 * A data context converted once and reused across many evaluations (see
 * `prepareData`). Treat it as a snapshot: later changes to the source object are
 * not seen.
 */
export class PreparedData {
  private yaqlView: unknown;
  /** The internal (list-view) value. */
  readonly value: unknown;
  constructor(data: unknown) {
    this.value = data instanceof PreparedData ? data.value : toInternal(data);
  }
  /** YAQL's view (lists as tuples), built on first use. */
  yaql(): unknown {
    this.yaqlView ??= tuplify(this.value);
    return this.yaqlView;
  }
}
