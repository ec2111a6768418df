/** YAQL query (collection) functions: select/where/orderBy/groupBy/... (NOTES §6). */
import { PyError, typeError, valueError } from '../../python/errors.js';
import { dictSet, pyEquals, truthy } from '../../python/ops.js';
import { isTuple as isTupleArr, LazySeq, PyGenerator, PySet, tuple } from '../../python/types.js';
import { define, NoMatch, type Call, type Registry } from '../call.js';
import { yaqlBinary, yaqlOrder } from '../operators.js';
import { uniqueSet } from './common.js';
import { gen, intArg, isCollection, lazyOr, listArg, optInt, seqArg } from './helpers.js';

/** Sorted-list marker so thenBy can refine the previous ordering. */
const ORDER_KEYS = new WeakMap<
  object,
  { keys: ((x: unknown) => unknown)[]; desc: boolean[]; source: unknown[] }
>();

function orderCompare(a: unknown, b: unknown): number {
  if (pyEquals(a, b)) return 0;
  if (yaqlOrder('<', a, b)) return -1;
  if (yaqlOrder('>', a, b)) return 1;
  return 0;
}

function sortBy(source: unknown[], keys: ((x: unknown) => unknown)[], desc: boolean[]): PyGenerator {
  const decorated = source.map((x, i) => ({ x, i, k: keys.map((f) => f(x)) }));
  decorated.sort((p, q) => {
    for (let j = 0; j < keys.length; j++) {
      const r = orderCompare(p.k[j], q.k[j]);
      if (r !== 0) return desc[j] ? -r : r;
    }
    return p.i - q.i;
  });
  const out = gen(decorated.map((d) => d.x));
  ORDER_KEYS.set(out, { keys, desc, source });
  return out;
}

function firstOf(c: Call, it: Iterable<unknown>): { found: boolean; value: unknown } {
  for (const x of it) return { found: true, value: x };
  return { found: false, value: undefined };
}

function stop(): PyError {
  return new PyError('StopIteration', '');
}

export function registerQueries(reg: Registry): void {
  define(reg, 'method', ['select', 'map'], (c) => {
    c.arity(2);
    const f = c.lambda(1);
    return lazyOr(c, seqArg(c, 0), function* (src) {
      for (const x of src) yield f(x);
    });
  });
  define(reg, 'method', ['where', 'filter'], (c) => {
    c.arity(2);
    const f = c.lambda(1);
    return lazyOr(c, seqArg(c, 0), function* (src) {
      for (const x of src) if (truthy(f(x))) yield x;
    });
  });
  define(reg, 'method', 'selectMany', (c) => {
    c.arity(2);
    const f = c.lambda(1);
    return lazyOr(c, seqArg(c, 0), function* (src) {
      for (const x of src) {
        const r = f(x);
        if (isCollection(r)) yield* r as Iterable<unknown>;
        else yield r;
      }
    });
  });
  define(reg, 'method', ['skip'], (c) => {
    c.arity(2);
    const n = Number(intArg(c, 1));
    if (n < 0) throw valueError('Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.');
    return lazyOr(c, seqArg(c, 0), function* (src) {
      let i = 0;
      for (const x of src) if (i++ >= n) yield x;
    });
  });
  define(reg, 'method', ['take', 'limit'], (c) => {
    c.arity(2);
    const n = Number(intArg(c, 1));
    if (n < 0)
      throw valueError('Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.');
    const out: unknown[] = [];
    if (n <= 0) return gen(out);
    for (const x of seqArg(c, 0)) {
      c.interp.budget.step();
      out.push(x);
      if (out.length >= n) break;
    }
    return gen(out);
  });
  define(reg, 'method', 'takeWhile', (c) => {
    c.arity(2);
    const f = c.lambda(1);
    const out: unknown[] = [];
    for (const x of seqArg(c, 0)) {
      c.interp.budget.step();
      if (!truthy(f(x))) break;
      out.push(x);
    }
    return gen(out);
  });
  define(reg, 'method', 'skipWhile', (c) => {
    c.arity(2);
    const f = c.lambda(1);
    return lazyOr(c, seqArg(c, 0), function* (src) {
      let skipping = true;
      for (const x of src) {
        if (skipping && truthy(f(x))) continue;
        skipping = false;
        yield x;
      }
    });
  });
  define(reg, 'both', 'append', (c) => {
    const items = [...listArg(c, 0)];
    for (let i = 1; i < c.count; i++) items.push(c.val(i));
    return gen(items);
  });
  define(reg, 'both', 'distinct', (c) => {
    c.arity(1, 2);
    const key = c.has(1) ? c.lambda(1) : (x: unknown) => x;
    const out: unknown[] = [];
    const seen: unknown[] = [];
    for (const x of listArg(c, 0)) {
      c.interp.budget.step(out.length + 1);
      const k = key(x);
      if (!seen.some((s) => pyEquals(s, k))) {
        seen.push(k);
        out.push(x);
      }
    }
    return gen(out);
  });
  define(reg, 'both', 'enumerate', (c) => {
    c.arity(1, 2);
    let i = optInt(c, 1, 0n);
    return lazyOr(c, seqArg(c, 0), function* (src) {
      for (const x of src) yield tuple([i++, x]);
    });
  });
  define(reg, 'both', 'any', (c) => {
    c.arity(1, 2);
    const f = c.has(1) ? c.lambda(1) : (x: unknown) => x;
    for (const x of seqArg(c, 0)) {
      c.interp.budget.step();
      if (truthy(f(x))) return true;
    }
    return false;
  });
  define(reg, 'both', 'all', (c) => {
    c.arity(1, 2);
    const f = c.has(1) ? c.lambda(1) : (x: unknown) => x;
    for (const x of seqArg(c, 0)) {
      c.interp.budget.step();
      if (!truthy(f(x))) return false;
    }
    return true;
  });
  define(reg, 'method', 'sum', (c) => {
    c.arity(1, 2);
    const items = listArg(c, 0);
    let acc: unknown;
    let started = false;
    if (c.has(1)) {
      acc = c.val(1);
      started = true;
    }
    for (const x of items) {
      c.interp.budget.step();
      if (!started) {
        acc = x;
        started = true;
      } else acc = yaqlBinary('+', acc, x, c.interp.budget);
    }
    if (!started) throw typeError('reduce() of empty iterable with no initial value');
    return acc;
  });
  define(reg, 'method', ['max', 'min'], (c) => {
    c.arity(1, 2);
    const items = listArg(c, 0);
    let acc: unknown;
    let started = false;
    if (c.has(1)) {
      acc = c.val(1);
      started = true;
    }
    const op = c.name === 'max' ? '>' : '<';
    for (const x of items) {
      c.interp.budget.step();
      if (!started) {
        acc = x;
        started = true;
      } else if (yaqlOrder(op, x, acc)) acc = x;
    }
    if (!started) throw typeError(`${c.name}() arg is an empty sequence`);
    return acc;
  });
  define(reg, 'method', 'first', (c) => {
    c.arity(1, 2);
    const r = firstOf(c, seqArg(c, 0));
    if (r.found) return r.value;
    if (c.has(1)) return c.val(1);
    throw stop();
  });
  define(reg, 'method', 'last', (c) => {
    c.arity(1, 2);
    const items = listArg(c, 0);
    if (items.length) return items[items.length - 1];
    if (c.has(1)) return c.val(1);
    throw stop();
  });
  define(reg, 'method', 'single', (c) => {
    c.arity(1);
    const items = listArg(c, 0);
    if (items.length !== 1) throw stop();
    return items[0];
  });
  define(reg, 'function', 'range', (c) => {
    c.arity(1, 3);
    const start = c.count === 1 ? 0n : intArg(c, 0);
    const stopV = c.count === 1 ? intArg(c, 0) : intArg(c, 1);
    const step = c.count === 3 ? intArg(c, 2) : 1n;
    if (step === 0n) throw valueError('range() arg 3 must not be zero');
    const n =
      step > 0n
        ? stopV > start
          ? (stopV - start + step - 1n) / step
          : 0n
        : start > stopV
          ? (start - stopV - step - 1n) / -step
          : 0n;
    c.interp.budget.plan(Number(n), 'items');
    const out: unknown[] = [];
    for (let i = 0n; i < n; i++) out.push(start + i * step);
    return gen(out);
  });
  define(reg, 'function', 'sequence', (c) => {
    c.arity(0, 2);
    const start = optInt(c, 0, 0n);
    const step = optInt(c, 1, 1n);
    const budget = c.interp.budget;
    return new LazySeq(function* () {
      for (let i = start; ; i += step) {
        budget.step();
        yield i;
      }
    });
  });
  define(reg, 'method', 'cycle', (c) => {
    c.arity(1);
    const items = listArg(c, 0);
    const budget = c.interp.budget;
    return new LazySeq(function* () {
      if (items.length === 0) return;
      for (;;) {
        for (const x of items) {
          budget.step();
          yield x;
        }
      }
    });
  });
  define(reg, 'method', 'repeat', (c) => {
    c.arity(1, 2);
    const v = c.val(0);
    const times = optInt(c, 1, -1n);
    const budget = c.interp.budget;
    if (times < 0n) {
      return new LazySeq(function* () {
        for (;;) {
          budget.step();
          yield v;
        }
      });
    }
    budget.plan(Number(times), 'items');
    return gen(Array.from({ length: Number(times) }, () => v));
  });
  const order = (name: string, desc: boolean): void =>
    define(reg, 'method', name, (c) => {
      c.arity(2);
      return sortBy([...listArg(c, 0)], [c.lambda(1)], [desc]);
    });
  order('orderBy', false);
  order('orderByDescending', true);
  const thenOrder = (name: string, desc: boolean): void =>
    define(reg, 'method', name, (c) => {
      c.arity(2);
      const prev = ORDER_KEYS.get(c.val(0) as object);
      if (!prev) throw c.noMatch();
      return sortBy([...prev.source], [...prev.keys, c.lambda(1)], [...prev.desc, desc]);
    });
  thenOrder('thenBy', false);
  thenOrder('thenByDescending', true);
  define(reg, 'method', 'groupBy', (c) => {
    c.arity(2, 4, ['keySelector', 'valueSelector', 'aggregator']);
    const items = listArg(c, 0);
    const keyF = c.lambda(1);
    const valF = c.has(2) ? c.lambda(2) : (c.namedLambda('valueSelector') ?? ((x: unknown) => x));
    const agg = c.has(3) ? c.lambda(3) : c.namedLambda('aggregator');
    const groups: { key: unknown; values: unknown[] }[] = [];
    for (const x of items) {
      c.interp.budget.step(groups.length + 1);
      const k = keyF(x);
      let g = groups.find((gr) => pyEquals(gr.key, k));
      if (!g) {
        g = { key: k, values: [] };
        groups.push(g);
      }
      g.values.push(valF(x));
    }
    return gen(
      groups.map((g) => {
        if (!agg) return [g.key, g.values];
        try {
          return [g.key, agg(g.values)];
        } catch (e) {
          // Backward compatibility: retry the aggregator on the [key, values] pair.
          if (e instanceof NoMatch || (e instanceof PyError && /^(NoMatching|IndexError)/.test(e.pyType))) {
            const r = agg([g.key, g.values]);
            if (!Array.isArray(r) || r.length !== 2) throw valueError('aggregator must return a pair');
            return r;
          }
          throw e;
        }
      }),
    );
  });
  define(reg, 'method', ['zip', 'zipLongest'], (c) => {
    const fill = c.namedVal('default', null);
    const lists: unknown[][] = [];
    for (let i = 0; i < c.count; i++) lists.push(listArg(c, i));
    const n =
      c.name === 'zip' ? Math.min(...lists.map((l) => l.length)) : Math.max(...lists.map((l) => l.length));
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(tuple(lists.map((l) => (i < l.length ? l[i] : fill))));
    return gen(out);
  });
  define(reg, 'method', 'join', (c) => {
    // collection1.join(collection2, predicate, selector) — the query join.
    c.arity(4);
    const a = listArg(c, 0);
    const b = listArg(c, 1);
    const pred = c.lambda(2);
    const sel = c.lambda(3);
    const out: unknown[] = [];
    for (const x of a)
      for (const y of b) {
        c.interp.budget.step();
        if (truthy(pred(x, y))) out.push(sel(x, y));
      }
    return out;
  });
  define(reg, 'method', 'indexWhere', (c) => {
    c.arity(2);
    const f = c.lambda(1);
    let i = 0n;
    for (const x of seqArg(c, 0)) {
      c.interp.budget.step();
      if (truthy(f(x))) return i;
      i++;
    }
    return -1n;
  });
  define(reg, 'method', 'lastIndexWhere', (c) => {
    c.arity(2);
    const f = c.lambda(1);
    const items = listArg(c, 0);
    for (let i = items.length - 1; i >= 0; i--) if (truthy(f(items[i]))) return BigInt(i);
    return -1n;
  });
  define(reg, 'method', 'slice', (c) => {
    c.arity(2);
    const items = listArg(c, 0);
    const n = Number(intArg(c, 1));
    if (n <= 0) return gen([]);
    const out: unknown[] = [];
    for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
    return gen(out);
  });
  define(reg, 'method', 'splitWhere', (c) => {
    c.arity(2);
    const f = c.lambda(1);
    const items = listArg(c, 0);
    const out: unknown[][] = [];
    let start = 0;
    items.forEach((x, i) => {
      if (truthy(f(x))) {
        out.push(items.slice(start, i));
        start = i + 1;
      }
    });
    if (start !== items.length) out.push(items.slice(start));
    return gen(out);
  });
  define(reg, 'method', 'sliceWhere', (c) => {
    c.arity(2);
    const f = c.lambda(1);
    const out: unknown[][] = [];
    let cur: unknown[] = [];
    let prev: unknown = undefined;
    let first = true;
    for (const x of listArg(c, 0)) {
      const k = truthy(f(x));
      if (!first && k !== prev) {
        out.push(cur);
        cur = [];
      }
      cur.push(x);
      prev = k;
      first = false;
    }
    if (cur.length) out.push(cur);
    return gen(out);
  });
  define(reg, 'method', 'splitAt', (c) => {
    c.arity(2);
    const items = listArg(c, 0);
    const i = Number(intArg(c, 1));
    return gen([items.slice(0, i), items.slice(i)]);
  });
  define(reg, 'method', 'aggregate', (c) => {
    c.arity(2, 3);
    const f = c.lambda(1);
    const items = listArg(c, 0);
    let acc: unknown;
    let started = false;
    if (c.has(2)) {
      acc = c.val(2);
      started = true;
    }
    for (const x of items) {
      c.interp.budget.step();
      if (!started) {
        acc = x;
        started = true;
      } else acc = f(acc, x);
    }
    if (!started) throw typeError('reduce() of empty iterable with no initial value');
    return acc;
  });
  define(reg, 'method', 'accumulate', (c) => {
    c.arity(2, 3);
    const f = c.lambda(1);
    const items = listArg(c, 0);
    const out: unknown[] = [];
    let acc: unknown;
    let started = false;
    if (c.has(2)) {
      acc = c.val(2);
      started = true;
      out.push(acc);
    }
    for (const x of items) {
      c.interp.budget.step();
      if (!started) {
        acc = x;
        started = true;
      } else acc = f(acc, x);
      out.push(acc);
    }
    return gen(out);
  });
  define(reg, 'method', 'reverse', (c) => {
    c.arity(1);
    return gen([...listArg(c, 0)].reverse());
  });
  define(reg, 'method', 'flatten', (c) => {
    c.arity(1);
    const out: unknown[] = [];
    const walk = (v: unknown, depth: number): void => {
      c.interp.budget.step();
      if (depth > c.interp.budget.limits.maxDepth)
        throw new PyError('LimitExceeded', 'flatten nesting too deep');
      const items = Array.isArray(v)
        ? v
        : v instanceof PySet || v instanceof PyGenerator
          ? v.items
          : undefined;
      if (items) for (const x of items) walk(x, depth + 1);
      else out.push(v);
    };
    for (const x of listArg(c, 0)) walk(x, 0);
    return gen(out);
  });
  define(reg, 'method', 'toList', (c) => {
    c.arity(1);
    // yaql's toList builds a tuple (so it equals list literals and context lists).
    const v = c.val(0);
    return Array.isArray(v) && isTupleArr(v) ? v : tuple([...listArg(c, 0)]);
  });
  define(reg, 'method', 'toSet', (c) => {
    c.arity(1);
    return uniqueSet(listArg(c, 0));
  });
  define(reg, 'method', 'memorize', (c) => {
    c.arity(1);
    return listArg(c, 0);
  });
  define(reg, 'method', 'defaultIfEmpty', (c) => {
    c.arity(2);
    const items = listArg(c, 0);
    return items.length ? items : c.val(1);
  });
  define(reg, 'method', 'contains', (c) => {
    c.arity(2);
    const x = c.val(1);
    for (const y of seqArg(c, 0)) {
      c.interp.budget.step();
      if (pyEquals(x, y)) return true;
    }
    return false;
  });
  define(reg, 'method', 'toDict', (c) => {
    c.arity(2, 3);
    const keyF = c.lambda(1);
    const valF = c.has(2) ? c.lambda(2) : (x: unknown) => x;
    const d = new Map<unknown, unknown>();
    for (const x of listArg(c, 0)) {
      c.interp.budget.step();
      dictSet(d, keyF(x), valF(x));
    }
    return d;
  });
  define(reg, 'method', 'delete', (c) => {
    const v = c.val(0);
    if (v instanceof Map) {
      const d = new Map(v);
      for (let i = 1; i < c.count; i++) {
        const k = c.val(i);
        for (const key of [...d.keys()]) if (pyEquals(key, k)) d.delete(key);
      }
      return d;
    }
    c.arity(2, 3);
    const items = listArg(c, 0);
    const pos = Number(intArg(c, 1));
    const count = Number(optInt(c, 2, 1n));
    return gen(items.filter((_, i) => i < pos || (count >= 0 && i >= pos + count)));
  });
  define(reg, 'method', 'insert', (c) => {
    c.arity(3);
    // Python list.insert semantics: negative positions count from the end.
    const items = [...listArg(c, 0)];
    let pos = Number(intArg(c, 1));
    if (pos < 0) pos = Math.max(0, pos + items.length);
    items.splice(pos, 0, c.val(2));
    return items;
  });
  define(reg, 'method', ['replace', 'replaceMany'], (c) => {
    c.arity(3, 4);
    const items = listArg(c, 0);
    const pos = Number(intArg(c, 1));
    const count = Number(optInt(c, 3, 1n));
    const values = c.name === 'replaceMany' ? listArg(c, 2) : [c.val(2)];
    const out: unknown[] = [];
    let yielded = false;
    items.forEach((x, i) => {
      if ((count >= 0 && pos <= i && i < pos + count) || (count < 0 && i >= pos)) {
        if (!yielded) out.push(...values);
        yielded = true;
      } else out.push(x);
    });
    return gen(out);
  });
  define(reg, 'method', 'insertMany', (c) => {
    c.arity(3);
    const items = [...listArg(c, 0)];
    const pos = Number(intArg(c, 1));
    items.splice(pos < 0 ? items.length : pos, 0, ...listArg(c, 2));
    return items;
  });
  define(reg, 'method', ['union', 'intersect', 'difference', 'symmetricDifference'], (c) => {
    c.arity(2);
    const a = c.val(0);
    const b = c.val(1);
    if (!(a instanceof PySet) || !(b instanceof PySet)) throw c.noMatch();
    const inB = (x: unknown): boolean => b.items.some((y) => pyEquals(x, y));
    const inA = (x: unknown): boolean => a.items.some((y) => pyEquals(x, y));
    switch (c.name) {
      case 'union':
        return uniqueSet([...a.items, ...b.items]);
      case 'intersect':
        return new PySet(a.items.filter(inB));
      case 'difference':
        return new PySet(a.items.filter((x) => !inB(x)));
      default:
        return new PySet([...a.items.filter((x) => !inB(x)), ...b.items.filter((x) => !inA(x))]);
    }
  });
  define(reg, 'method', ['add', 'remove'], (c) => {
    const s = c.val(0);
    if (!(s instanceof PySet)) throw c.noMatch();
    const vals: unknown[] = [];
    for (let i = 1; i < c.count; i++) vals.push(c.val(i));
    if (c.name === 'add') return uniqueSet([...s.items, ...vals]);
    return new PySet(s.items.filter((x) => !vals.some((v) => pyEquals(x, v))));
  });
}
