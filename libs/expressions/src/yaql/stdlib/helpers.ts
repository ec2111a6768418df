/** Shared argument coercions for the YAQL standard library. */
import { LazySeq, PyGenerator, PySet } from '../../python/types.js';
import type { Call } from '../call.js';

/** Iterable collection argument (lists, tuples, sets, generators; not strings or dicts). */
export function seqArg(c: Call, i: number): Iterable<unknown> {
  const v = c.val(i);
  if (Array.isArray(v)) return v;
  if (v instanceof PySet || v instanceof PyGenerator) return v.items;
  if (v instanceof LazySeq) return v;
  throw c.noMatch();
}

/** Materialised collection argument, counting steps so infinite inputs fail cleanly. */
export function listArg(c: Call, i: number): unknown[] {
  const s = seqArg(c, i);
  if (Array.isArray(s)) return s;
  const out: unknown[] = [];
  for (const x of s) {
    c.interp.budget.step();
    out.push(x);
  }
  return c.interp.budget.size(out);
}

export function isCollection(v: unknown): boolean {
  return Array.isArray(v) || v instanceof PySet || v instanceof PyGenerator || v instanceof LazySeq;
}

export function strArg(c: Call, i: number): string {
  const v = c.val(i);
  if (typeof v !== 'string') throw c.noMatch();
  return v;
}

export function optStr(c: Call, i: number, dflt: string | null): string | null {
  if (!c.has(i)) return dflt;
  const v = c.val(i);
  if (v === null) return null;
  if (typeof v !== 'string') throw c.noMatch();
  return v;
}

export function intArg(c: Call, i: number): bigint {
  const v = c.val(i);
  if (typeof v !== 'bigint') throw c.noMatch();
  return v;
}

export function optInt(c: Call, i: number, dflt: bigint): bigint {
  return c.has(i) ? intArg(c, i) : dflt;
}

export function dictArg(c: Call, i: number): Map<unknown, unknown> {
  const v = c.val(i);
  if (!(v instanceof Map)) throw c.noMatch();
  return v;
}

/** Lazily maps/filters a sequence: stays lazy for LazySeq inputs, else an array. */
export function lazyOr(
  c: Call,
  input: Iterable<unknown>,
  gen: (src: Iterable<unknown>) => Iterable<unknown>,
): unknown {
  const budget = c.interp.budget;
  if (input instanceof LazySeq) {
    return new LazySeq(() => gen(input)[Symbol.iterator]());
  }
  const out: unknown[] = [];
  for (const x of gen(input)) {
    budget.step();
    out.push(x);
  }
  return new PyGenerator(budget.size(out));
}

/** yaql query results are iterators: usable as collections, not indexable, never equal to lists. */
export function gen(items: unknown[]): PyGenerator {
  return new PyGenerator(items);
}

/** Code points of a string (lengths and indexes count code points, as in Python). */
export function codePoints(s: string): string[] {
  return Array.from(s);
}
