/**
 * Attribute and item lookup with Python semantics for Jinja: `x.name` tries the
 * Python attribute (methods) first and then the item; `x['name']` the reverse.
 * Only the methods listed here exist, so no JS property (constructor, __proto__,
 * prototype) is ever reachable. `_`-prefixed attributes are a SecurityError, as in
 * Jinja's sandbox.
 */
import { PyError, typeError, valueError } from '../python/errors.js';
import { pyRepr, pyStr } from '../python/format.js';
import { dictGet, dictHas, dictSet, iterItems, pyEquals } from '../python/ops.js';
import { pyFormat } from '../python/pyformat.js';
import {
  cpIndexOf,
  cpLastIndexOf,
  isPyWhitespace,
  pyCapitalize,
  pyReplace,
  pyRSplit,
  pySplit,
  pyStrip,
  pyTitle,
} from '../python/strings.js';
import { isTuple, tuple, tupleField, typeName } from '../python/types.js';
import { JCallable, JLoop, JNamespace, JUndefined, type CallArgs } from './values.js';

function arg(a: CallArgs, i: number, name: string, dflt?: unknown): unknown {
  if (i < a.args.length) return a.args[i];
  if (a.kwargs.has(name)) return a.kwargs.get(name);
  if (dflt === undefined) throw typeError(`missing required argument '${name}'`);
  return dflt;
}

function strA(v: unknown, what = 'argument'): string {
  if (typeof v !== 'string') throw typeError(`${what} must be str, not ${typeName(v)}`);
  return v;
}

function intA(v: unknown): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw typeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
}

function optStrA(v: unknown): string | null {
  return v === null ? null : strA(v);
}

function prefixes(v: unknown): string[] {
  if (Array.isArray(v) && isTuple(v)) return v.map((x) => strA(x));
  return [strA(v)];
}

function justify(s: string, width: number, fill: string, mode: 'l' | 'r' | 'c'): string {
  const len = Array.from(s).length;
  if (width <= len) return s;
  const pad = width - len;
  if (mode === 'l') return s + fill.repeat(pad);
  if (mode === 'r') return fill.repeat(pad) + s;
  // Python's center puts the extra char on the right when the string length is even... odd rule:
  const left = Math.floor(pad / 2) + (pad & width & 1);
  return fill.repeat(left) + s + fill.repeat(pad - left);
}

const STR_METHODS: Record<string, (s: string, a: CallArgs) => unknown> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  casefold: (s) => s.toLowerCase(),
  swapcase: (s) =>
    Array.from(s)
      .map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()))
      .join(''),
  title: (s) => pyTitle(s),
  capitalize: (s) => pyCapitalize(s),
  strip: (s, a) => pyStrip(s, optStrA(arg(a, 0, 'chars', null)), true, true),
  lstrip: (s, a) => pyStrip(s, optStrA(arg(a, 0, 'chars', null)), true, false),
  rstrip: (s, a) => pyStrip(s, optStrA(arg(a, 0, 'chars', null)), false, true),
  split: (s, a) => pySplit(s, optStrA(arg(a, 0, 'sep', null)), intA(arg(a, 1, 'maxsplit', -1n))),
  rsplit: (s, a) => pyRSplit(s, optStrA(arg(a, 0, 'sep', null)), intA(arg(a, 1, 'maxsplit', -1n))),
  splitlines: (s, a) => {
    const keep = arg(a, 0, 'keepends', false) === true;
    const out: string[] = [];
    // eslint-disable-next-line no-control-regex -- these are Python's splitlines() boundaries
    const re = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/g;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      out.push(s.slice(last, keep ? m.index + m[0].length : m.index));
      last = m.index + m[0].length;
    }
    if (last < s.length) out.push(s.slice(last));
    return out;
  },
  replace: (s, a) =>
    pyReplace(s, strA(arg(a, 0, 'old')), strA(arg(a, 1, 'new')), intA(arg(a, 2, 'count', -1n))),
  startswith: (s, a) => prefixes(arg(a, 0, 'prefix')).some((p) => s.startsWith(p)),
  endswith: (s, a) => prefixes(arg(a, 0, 'suffix')).some((p) => s.endsWith(p)),
  find: (s, a) => BigInt(cpIndexOf(s, strA(arg(a, 0, 'sub')), intA(arg(a, 1, 'start', 0n)))),
  rfind: (s, a) => BigInt(cpLastIndexOf(s, strA(arg(a, 0, 'sub')), intA(arg(a, 1, 'start', 0n)))),
  index: (s, a) => {
    const r = cpIndexOf(s, strA(arg(a, 0, 'sub')), intA(arg(a, 1, 'start', 0n)));
    if (r < 0) throw valueError('substring not found');
    return BigInt(r);
  },
  rindex: (s, a) => {
    const r = cpLastIndexOf(s, strA(arg(a, 0, 'sub')), intA(arg(a, 1, 'start', 0n)));
    if (r < 0) throw valueError('substring not found');
    return BigInt(r);
  },
  count: (s, a) => {
    const sub = strA(arg(a, 0, 'sub'));
    if (sub === '') return BigInt(Array.from(s).length + 1);
    return BigInt(s.split(sub).length - 1);
  },
  join: (s, a) => {
    const items = iterItems(arg(a, 0, 'iterable'));
    if (!items) throw typeError('can only join an iterable');
    return items.map((x) => strA(x, 'sequence item')).join(s);
  },
  format: (s, a) => pyFormat(s, a.args, new Map(a.kwargs)),
  zfill: (s, a) => {
    const w = intA(arg(a, 0, 'width'));
    const sign = /^[+-]/.test(s) ? (s[0] as string) : '';
    const body = s.slice(sign.length);
    return sign + body.padStart(Math.max(0, w - sign.length), '0');
  },
  center: (s, a) => justify(s, intA(arg(a, 0, 'width')), strA(arg(a, 1, 'fillchar', ' ')), 'c'),
  ljust: (s, a) => justify(s, intA(arg(a, 0, 'width')), strA(arg(a, 1, 'fillchar', ' ')), 'l'),
  rjust: (s, a) => justify(s, intA(arg(a, 0, 'width')), strA(arg(a, 1, 'fillchar', ' ')), 'r'),
  isdigit: (s) => s.length > 0 && /^\p{Nd}+$/u.test(s),
  isdecimal: (s) => s.length > 0 && /^\p{Nd}+$/u.test(s),
  isnumeric: (s) => s.length > 0 && /^\p{N}+$/u.test(s),
  isalpha: (s) => s.length > 0 && /^\p{L}+$/u.test(s),
  isalnum: (s) => s.length > 0 && /^[\p{L}\p{N}]+$/u.test(s),
  isspace: (s) => s.length > 0 && Array.from(s).every(isPyWhitespace),
  islower: (s) => /\p{Ll}/u.test(s) && !/\p{Lu}|\p{Lt}/u.test(s),
  isupper: (s) => /\p{Lu}/u.test(s) && !/\p{Ll}|\p{Lt}/u.test(s),
  istitle: (s) => s.length > 0 && pyTitle(s) === s && /\p{L}/u.test(s),
  partition: (s, a) => {
    const sep = strA(arg(a, 0, 'sep'));
    const i = s.indexOf(sep);
    return tuple(i < 0 ? [s, '', ''] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  rpartition: (s, a) => {
    const sep = strA(arg(a, 0, 'sep'));
    const i = s.lastIndexOf(sep);
    return tuple(i < 0 ? ['', '', s] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
};

const DICT_METHODS: Record<string, (d: Map<unknown, unknown>, a: CallArgs) => unknown> = {
  items: (d) => [...d.entries()].map(([k, v]) => tuple([k, v])),
  keys: (d) => [...d.keys()],
  values: (d) => [...d.values()],
  get: (d, a) => {
    const k = arg(a, 0, 'key');
    return dictHas(d, k) ? dictGet(d, k) : arg(a, 1, 'default', null);
  },
  copy: (d) => new Map(d),
  update: (d, a) => {
    const other = a.args[0];
    if (other instanceof Map) for (const [k, v] of other) dictSet(d, k, v);
    for (const [k, v] of a.kwargs) dictSet(d, k, v);
    return null;
  },
  pop: (d, a) => {
    const k = arg(a, 0, 'key');
    if (dictHas(d, k)) {
      const v = dictGet(d, k);
      for (const key of d.keys()) if (pyEquals(key, k)) d.delete(key);
      return v;
    }
    if (a.args.length > 1) return a.args[1];
    throw new PyError('KeyError', pyRepr(k));
  },
  setdefault: (d, a) => {
    const k = arg(a, 0, 'key');
    if (!dictHas(d, k)) dictSet(d, k, arg(a, 1, 'default', null));
    return dictGet(d, k);
  },
};

const LIST_METHODS: Record<string, (l: unknown[], a: CallArgs) => unknown> = {
  index: (l, a) => {
    const x = arg(a, 0, 'value');
    const i = l.findIndex((y) => pyEquals(x, y));
    if (i < 0) throw valueError(`${pyRepr(x)} is not in list`);
    return BigInt(i);
  },
  count: (l, a) => {
    const x = arg(a, 0, 'value');
    return BigInt(l.filter((y) => pyEquals(x, y)).length);
  },
};

const MUTABLE_LIST_METHODS: Record<string, (l: unknown[], a: CallArgs) => unknown> = {
  append: (l, a) => {
    l.push(arg(a, 0, 'object'));
    return null;
  },
  extend: (l, a) => {
    const items = iterItems(arg(a, 0, 'iterable'));
    if (!items) throw typeError('object is not iterable');
    l.push(...items);
    return null;
  },
  pop: (l, a) => {
    if (l.length === 0) throw new PyError('IndexError', 'pop from empty list');
    let i = intA(arg(a, 0, 'index', -1n));
    if (i < 0) i += l.length;
    if (i < 0 || i >= l.length) throw new PyError('IndexError', 'pop index out of range');
    return l.splice(i, 1)[0];
  },
  insert: (l, a) => {
    let i = intA(arg(a, 0, 'index'));
    if (i < 0) i = Math.max(0, i + l.length);
    l.splice(i, 0, arg(a, 1, 'object'));
    return null;
  },
};

function bound(name: string, f: (a: CallArgs) => unknown): JCallable {
  return new JCallable(name, f);
}

/** Python attribute lookup; returns JUndefined when there is no such attribute. */
export function getAttribute(obj: unknown, name: string): unknown {
  if (obj instanceof JUndefined) throw obj.fail();
  // Jinja's sandbox refuses `_`-prefixed names only when they are real Python
  // attributes (dunders); `_.__env` still falls back to the dict item.
  if (/^__\w+__$/.test(name)) {
    return new JUndefined(
      `access to attribute '${name}' of '${typeName(obj)}' object is unsafe.`,
      'SecurityError',
    );
  }
  if (typeof obj === 'string') {
    const m = STR_METHODS[name];
    if (m && Object.hasOwn(STR_METHODS, name)) return bound(name, (a) => m(obj, a));
  } else if (obj instanceof Map) {
    const m = DICT_METHODS[name];
    if (m && Object.hasOwn(DICT_METHODS, name)) return bound(name, (a) => m(obj, a));
  } else if (Array.isArray(obj)) {
    const field = tupleField(obj, name);
    if (field) return field.value;
    const m = LIST_METHODS[name] ?? (!isTuple(obj) ? MUTABLE_LIST_METHODS[name] : undefined);
    if (m && (Object.hasOwn(LIST_METHODS, name) || Object.hasOwn(MUTABLE_LIST_METHODS, name)))
      return bound(name, (a) => m(obj, a));
  } else if (typeof obj === 'bigint') {
    if (name === 'real' || name === 'numerator') return obj;
    if (name === 'imag') return 0n;
    if (name === 'denominator') return 1n;
    if (name === 'bit_length')
      return bound(name, () => BigInt((obj < 0n ? -obj : obj).toString(2).length - (obj === 0n ? 1 : 0)));
  } else if (typeof obj === 'number') {
    if (name === 'real') return obj;
    if (name === 'imag') return 0;
    if (name === 'is_integer') return bound(name, () => Number.isInteger(obj));
  } else if (obj instanceof JNamespace) {
    if (obj.attrs.has(name)) return obj.attrs.get(name);
  } else if (obj instanceof JLoop) {
    const r = loopAttr(obj, name);
    if (r !== undefined) return r;
  }
  const item = lookupItem(obj, name);
  if (item !== NOT_FOUND) return item;
  return new JUndefined(`${pyRepr(pyObjName(obj))} has no attribute ${pyRepr(name)}`);
}

function pyObjName(obj: unknown): string {
  return `${typeName(obj)} object`;
}

function loopAttr(l: JLoop, name: string): unknown {
  switch (name) {
    case 'index':
      return BigInt(l.index0 + 1);
    case 'index0':
      return BigInt(l.index0);
    case 'revindex':
      return BigInt(l.length - l.index0);
    case 'revindex0':
      return BigInt(l.length - l.index0 - 1);
    case 'first':
      return l.index0 === 0;
    case 'last':
      return l.index0 === l.length - 1;
    case 'length':
      return BigInt(l.length);
    case 'depth':
      return 1n;
    case 'depth0':
      return 0n;
    case 'previtem':
      return l.index0 > 0 ? l.items[l.index0 - 1] : new JUndefined('there is no previous item');
    case 'nextitem':
      return l.index0 < l.length - 1 ? l.items[l.index0 + 1] : new JUndefined('there is no next item');
    case 'cycle':
      return bound('cycle', (a) => {
        if (a.args.length === 0) throw typeError('no items for cycling given');
        return a.args[l.index0 % a.args.length];
      });
  }
  return undefined;
}

const NOT_FOUND = Symbol('not found');

function normIndex(i: unknown, len: number): number | undefined {
  let n: number;
  if (typeof i === 'bigint') n = Number(i);
  else if (typeof i === 'boolean') n = i ? 1 : 0;
  else return undefined;
  if (n < 0) n += len;
  return n >= 0 && n < len ? n : -1;
}

function lookupItem(obj: unknown, key: unknown): unknown {
  if (obj instanceof Map) return dictHas(obj, key) ? dictGet(obj, key) : NOT_FOUND;
  if (Array.isArray(obj) || typeof obj === 'string') {
    const items = typeof obj === 'string' ? Array.from(obj) : obj;
    const i = normIndex(key, items.length);
    if (i === undefined || i < 0) return NOT_FOUND;
    return items[i];
  }
  if (obj instanceof JNamespace && typeof key === 'string')
    return obj.attrs.has(key) ? obj.attrs.get(key) : NOT_FOUND;
  return NOT_FOUND;
}

/** Python slice of a list/tuple/string. */
export function sliceValue(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  const isStr = typeof obj === 'string';
  const items = isStr ? Array.from(obj) : Array.isArray(obj) ? obj : undefined;
  if (!items) throw typeError(`'${typeName(obj)}' object is not subscriptable`);
  const len = items.length;
  const st = step === null || step === undefined ? 1 : intA(step);
  if (st === 0) throw valueError('slice step cannot be zero');
  const norm = (v: unknown, dflt: number, lo: number, hi: number): number => {
    if (v === null || v === undefined) return dflt;
    let n = intA(v);
    if (n < 0) n += len;
    return Math.min(Math.max(n, lo), hi);
  };
  const out: unknown[] = [];
  if (st > 0) {
    const a = norm(start, 0, 0, len);
    const b = norm(stop, len, 0, len);
    for (let i = a; i < b; i += st) out.push(items[i]);
  } else {
    const a = norm(start, len - 1, -1, len - 1);
    const b = norm(stop, -1, -1, len - 1);
    for (let i = a; i > b; i += st) out.push(items[i]);
  }
  if (isStr) return out.join('');
  return Array.isArray(obj) && isTuple(obj) ? tuple(out) : out;
}

/** `obj[key]`: item first, then attribute (for string keys); undefined when missing. */
export function getItem(obj: unknown, key: unknown): unknown {
  if (obj instanceof JUndefined) throw obj.fail();
  if (key instanceof JUndefined) throw key.fail();
  const r = lookupItem(obj, key);
  if (r !== NOT_FOUND) return r;
  if (typeof key === 'string') {
    const a = getAttribute(obj, key);
    return a;
  }
  return new JUndefined(`${pyRepr(pyObjName(obj))} has no attribute ${pyStr(pyRepr(key))}`);
}
