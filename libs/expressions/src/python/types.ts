/**
 * Internal value model shared by the YAQL and Jinja interpreters.
 *
 * Python distinctions that JSON/JS lose are kept explicitly:
 * - int   -> `bigint` (arbitrary precision, like Python ints)
 * - float -> `number` (so `4.0` stays a float and prints as `4.0`)
 * - dict  -> `Map` (insertion order is kept even for integer-like keys,
 *            which plain JS objects would hoist)
 * - tuple -> an array carrying a symbol marker (YAQL's converted input and list
 *            literals are tuples; `str()` and equality distinguish them)
 * Values are converted from/to plain JS values at the public boundary
 * (see ../convert.ts).
 */

/** Tuple marker: a symbol-keyed own property (invisible to JSON, Object.keys and array methods). */
const TUPLE: unique symbol = Symbol('python.tuple');

interface Tagged {
  [TUPLE]?: true;
}

export type PyDict = Map<unknown, unknown>;

/** Marks an array as a Python tuple and returns it. */
export function tuple<T extends unknown[]>(items: T): T {
  (items as Tagged)[TUPLE] = true;
  return items;
}

const FIELDS: unique symbol = Symbol('python.namedtuple');

/** A named tuple (Jinja's groupby items: `.grouper`, `.list`); prints like a tuple. */
export function namedTuple<T extends unknown[]>(items: T, fields: readonly string[]): T {
  tuple(items);
  (items as { [FIELDS]?: readonly string[] })[FIELDS] = fields;
  return items;
}

export function tupleField(v: unknown[], name: string): { value: unknown } | undefined {
  const fields = (v as { [FIELDS]?: readonly string[] })[FIELDS];
  const i = fields ? fields.indexOf(name) : -1;
  return i >= 0 ? { value: v[i] } : undefined;
}

export function isTuple(v: unknown): boolean {
  return Array.isArray(v) && (v as Tagged)[TUPLE] === true;
}

export function isInt(v: unknown): v is bigint {
  return typeof v === 'bigint';
}

export function isFloat(v: unknown): v is number {
  return typeof v === 'number';
}

/** int or float, but not bool (YAQL treats bools as non-numbers). */
export function isNumber(v: unknown): v is bigint | number {
  return typeof v === 'bigint' || typeof v === 'number';
}

export function isDict(v: unknown): v is PyDict {
  return v instanceof Map;
}

export function isList(v: unknown): v is unknown[] {
  return Array.isArray(v);
}

/** A Python set; items are kept unique by Python equality, in insertion order. */
export class PySet {
  constructor(
    readonly items: unknown[],
    /** yaql builds frozensets; its output conversion turns them into plain sets. */
    readonly frozen = true,
  ) {}
}

/**
 * A generator-like value (Jinja `select`, `map`, ... filters). Python generators
 * are truthy even when empty; Mistral persists them as lists.
 */
export class PyGenerator {
  constructor(readonly items: unknown[]) {}
}

/** A lazily produced sequence (YAQL `sequence()`, `cycle()`), possibly infinite. */
export class LazySeq {
  constructor(readonly make: () => Iterator<unknown>) {}
  [Symbol.iterator](): Iterator<unknown> {
    return this.make();
  }
}

/**
 * Marks a number that must be treated as a Python float even when integral.
 * Callers can wrap input numbers in it (the corpus tool does so for `4.0`).
 */
export class PyFloat {
  constructor(readonly value: number) {}
}

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return isTuple(v) ? 'tuple' : 'list';
  if (v instanceof Map) return 'dict';
  if (v instanceof PySet) return 'set';
  if (v instanceof PyGenerator || v instanceof LazySeq) return 'generator';
  return 'object';
}
