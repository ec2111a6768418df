/** YAQL dict functions (NOTES §6 "Dict helpers"). */
import { dictGet, dictHas, dictSet, pyEquals } from '../../python/ops.js';
import { PyGenerator, PySet, tuple as tupleOf } from '../../python/types.js';
import { define, type Registry } from '../call.js';
import { dictArg, listArg } from './helpers.js';

/** Recursive merge used by mergeWith: nested dicts merge, lists concatenate without duplicates. */
function merge(a: unknown, b: unknown, depth: number): unknown {
  if (a instanceof Map && b instanceof Map) {
    const out = new Map(a);
    for (const [k, v] of b) {
      dictSet(out, k, dictHas(out, k) ? merge(dictGet(out, k), v, depth + 1) : v);
    }
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const out = [...a];
    for (const x of b) if (!out.some((y) => pyEquals(x, y))) out.push(x);
    return out;
  }
  if (a instanceof PySet && b instanceof PySet) {
    const out = [...a.items];
    for (const x of b.items) if (!out.some((y) => pyEquals(x, y))) out.push(x);
    return new PySet(out);
  }
  return b;
}

export function registerDicts(reg: Registry): void {
  define(reg, 'method', 'get', (c) => {
    c.arity(2, 3);
    const d = dictArg(c, 0);
    const k = c.val(1);
    return dictHas(d, k) ? dictGet(d, k) : c.opt(2, null);
  });
  define(reg, 'method', 'set', (c) => {
    const d = new Map(dictArg(c, 0));
    if (c.mappings.length) {
      if (c.count !== 1) throw c.noMatch();
      for (const m of c.mappings) {
        const k = m.key.t === 'kw' ? m.key.name : c.interp.eval(m.key, c.scope);
        dictSet(d, k, c.interp.eval(m.value, c.scope));
      }
      return d;
    }
    if (c.count === 2) {
      const r = c.val(1);
      if (!(r instanceof Map)) throw c.noMatch();
      for (const [k, v] of r) dictSet(d, k, v);
      return d;
    }
    c.arity(3);
    dictSet(d, c.val(1), c.val(2));
    return d;
  });
  define(reg, 'method', 'keys', (c) => {
    c.arity(1);
    return new PySet([...dictArg(c, 0).keys()]);
  });
  define(reg, 'method', 'values', (c) => {
    c.arity(1);
    return new PyGenerator([...dictArg(c, 0).values()]);
  });
  define(reg, 'method', 'items', (c) => {
    c.arity(1);
    // A set-like view in Python; ordered here so queries over it keep insertion order.
    return new PySet([...dictArg(c, 0).entries()].map(([k, v]) => itemPair(k, v)));
  });
  define(reg, 'method', 'containsKey', (c) => {
    c.arity(2);
    return dictHas(dictArg(c, 0), c.val(1));
  });
  define(reg, 'method', 'containsValue', (c) => {
    c.arity(2);
    const x = c.val(1);
    for (const v of dictArg(c, 0).values()) if (pyEquals(v, x)) return true;
    return false;
  });
  define(reg, 'method', 'deleteAll', (c) => {
    c.arity(2);
    const d = new Map(dictArg(c, 0));
    for (const k of listArg(c, 1)) for (const key of [...d.keys()]) if (pyEquals(key, k)) d.delete(key);
    return d;
  });
  define(reg, 'method', 'mergeWith', (c) => {
    c.arity(2, 4);
    const a = dictArg(c, 0);
    const b = dictArg(c, 1);
    return merge(a, b, 0);
  });
}

/** Dict items are (key, value) tuples. */
function itemPair(k: unknown, v: unknown): unknown[] {
  const t = [k, v];
  return tupleOf(t);
}
