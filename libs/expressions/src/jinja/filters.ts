/** Jinja2 built-in filters with Python/Jinja semantics (returning generators where Jinja does). */
import { PyError, typeError } from '../python/errors.js';
import { pyRepr, pyStr } from '../python/format.js';
import { jsonDumps } from '../python/json.js';
import { numArith, pyCompare, pyEquals, pyRound } from '../python/ops.js';
import { percentFormat } from '../python/pyformat.js';
import { pyCapitalize, pyReplace, pyStrip, pyTitle, pySplit } from '../python/strings.js';
import { namedTuple, PyGenerator, PySet, tuple, typeName } from '../python/types.js';
import { getAttribute, getItem } from './attrs.js';
import type { FilterFn, JinjaInterpreter } from './interpreter.js';
import { jinjaStr } from './ops.js';
import { JCallable, JUndefined } from './values.js';

type Kw = ReadonlyMap<string, unknown>;

function opt(args: readonly unknown[], kwargs: Kw, i: number, name: string, dflt: unknown): unknown {
  if (i < args.length) return args[i];
  if (kwargs.has(name)) return kwargs.get(name);
  return dflt;
}

function toNum(v: unknown): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw typeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** Jinja's make_attrgetter: dotted path, integer parts index. */
function attrGetter(attribute: unknown, dflt?: unknown): (x: unknown) => unknown {
  if (attribute === null || attribute === undefined) return (x) => x;
  const parts = typeof attribute === 'string' ? attribute.split('.') : [attribute];
  return (x) => {
    let v = x;
    for (const p of parts) {
      const key = typeof p === 'string' && /^\d+$/.test(p) ? BigInt(p) : p;
      v = getItem(v, key);
    }
    if (v instanceof JUndefined && dflt !== undefined) return dflt;
    return v;
  };
}

function ignoreCase(v: unknown): unknown {
  return typeof v === 'string' ? v.toLowerCase() : v;
}

function pyLen(v: unknown): bigint {
  if (typeof v === 'string') return BigInt(Array.from(v).length);
  if (Array.isArray(v)) return BigInt(v.length);
  if (v instanceof Map) return BigInt(v.size);
  if (v instanceof PySet) return BigInt(v.items.length);
  throw typeError(`object of type '${v instanceof JCallable ? v.pyType : typeName(v)}' has no len()`);
}

function sortList(items: unknown[], key: (x: unknown) => unknown, reverse: boolean): unknown[] {
  const dec = items.map((x, i) => ({ x, i, k: key(x) }));
  dec.sort((a, b) => {
    const c = pyEquals(a.k, b.k) ? 0 : pyCompare(a.k, b.k);
    if (c !== 0) return reverse ? -c : c;
    return a.i - b.i;
  });
  return dec.map((d) => d.x);
}

function testFn(ip: JinjaInterpreter, args: readonly unknown[], offset: number): (x: unknown) => boolean {
  if (args.length <= offset) return (x) => ip.truthy(x);
  const name = args[offset];
  if (typeof name !== 'string') throw typeError('test name must be a string');
  const t = ip.tests.get(name);
  if (!t) throw new PyError('TemplateRuntimeError', `No test named '${name}'.`);
  const rest = args.slice(offset + 1);
  return (x) => t(ip, x, rest);
}

function htmlEscape(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&#34;')
    .replaceAll("'", '&#39;');
}

function gen(items: unknown[]): PyGenerator {
  return new PyGenerator(items);
}

function minMax(
  ip: JinjaInterpreter,
  value: unknown,
  args: readonly unknown[],
  kwargs: Kw,
  wantMax: boolean,
): unknown {
  const items = ip.iterate(value);
  const cs = opt(args, kwargs, 0, 'case_sensitive', false) === true;
  const get = attrGetter(opt(args, kwargs, 1, 'attribute', null));
  if (items.length === 0) return new JUndefined(`No aggregated item, sequence was empty.`);
  let best = items[0];
  let bk = cs ? get(best) : ignoreCase(get(best));
  for (const x of items.slice(1)) {
    const k = cs ? get(x) : ignoreCase(get(x));
    const c = pyCompare(k, bk);
    if (wantMax ? c > 0 : c < 0) {
      best = x;
      bk = k;
    }
  }
  return best;
}

export function buildFilters(): Map<string, FilterFn> {
  const f = new Map<string, FilterFn>();
  const def = (names: string | string[], fn: FilterFn): void => {
    for (const n of Array.isArray(names) ? names : [names]) f.set(n, fn);
  };

  def(['default', 'd'], (_ip, v, args, kw) => {
    const dflt = opt(args, kw, 0, 'default_value', '');
    const bool = opt(args, kw, 1, 'boolean', false) === true;
    if (v instanceof JUndefined || (bool && !_ip.truthy(v))) return dflt;
    return v;
  });
  def(['length', 'count'], (_ip, v) => pyLen(v));
  def('list', (ip, v) => [...ip.iterate(v)]);
  def('string', (_ip, v) => jinjaStr(v));
  def('upper', (_ip, v) => jinjaStr(v).toUpperCase());
  def('lower', (_ip, v) => jinjaStr(v).toLowerCase());
  def('capitalize', (_ip, v) => pyCapitalize(jinjaStr(v)));
  def('title', (_ip, v) => pyTitle(jinjaStr(v)));
  def('trim', (_ip, v, args, kw) => {
    const chars = opt(args, kw, 0, 'chars', null);
    return pyStrip(jinjaStr(v), typeof chars === 'string' ? chars : null, true, true);
  });
  def('replace', (_ip, v, args, kw) => {
    const count = opt(args, kw, 2, 'count', null);
    return pyReplace(jinjaStr(v), jinjaStr(args[0]), jinjaStr(args[1]), count === null ? -1 : toNum(count));
  });
  def('wordcount', (_ip, v) => BigInt((jinjaStr(v).match(/[\p{L}\p{N}_]+/gu) ?? []).length));
  def('center', (_ip, v, args, kw) => {
    const s = jinjaStr(v);
    const width = toNum(opt(args, kw, 0, 'width', 80n));
    const len = Array.from(s).length;
    if (width <= len) return s;
    const pad = width - len;
    const left = Math.floor(pad / 2) + (pad & width & 1);
    return ' '.repeat(left) + s + ' '.repeat(pad - left);
  });
  def('truncate', (_ip, v, args, kw) => {
    const s = jinjaStr(v);
    const length = toNum(opt(args, kw, 0, 'length', 255n));
    const killwords = opt(args, kw, 1, 'killwords', false) === true;
    const end = jinjaStr(opt(args, kw, 2, 'end', '...'));
    const leewayV = opt(args, kw, 3, 'leeway', null);
    const leeway = leewayV === null ? 5 : toNum(leewayV);
    const cps = Array.from(s);
    const endLen = Array.from(end).length;
    if (length < endLen) throw new PyError('AssertionError', 'expected length >= len(end)');
    if (cps.length <= length + leeway) return s;
    if (killwords) return cps.slice(0, length - endLen).join('') + end;
    const head = cps.slice(0, length - endLen).join('');
    const i = head.lastIndexOf(' ');
    return (i >= 0 ? head.slice(0, i) : head) + end;
  });
  def('format', (_ip, v, args, kw) => {
    if (args.length && kw.size)
      throw new PyError(
        'FilterArgumentError',
        "can't handle positional and keyword arguments at the same time",
      );
    return percentFormat(jinjaStr(v), kw.size ? new Map<unknown, unknown>(kw) : tuple([...args]));
  });
  def('join', (ip, v, args, kw) => {
    const sep = jinjaStr(opt(args, kw, 0, 'd', ''));
    const get = attrGetter(opt(args, kw, 1, 'attribute', null));
    return ip
      .iterate(v)
      .map((x) => jinjaStr(get(x)))
      .join(sep);
  });
  def('first', (ip, v) => {
    const items = ip.iterate(v);
    return items.length ? items[0] : new JUndefined('No first item, sequence was empty.');
  });
  def('last', (ip, v) => {
    const items = ip.iterate(v);
    return items.length ? items[items.length - 1] : new JUndefined('No last item, sequence was empty.');
  });
  def('min', (ip, v, a, kw) => minMax(ip, v, a, kw, false));
  def('max', (ip, v, a, kw) => minMax(ip, v, a, kw, true));
  def('sum', (ip, v, args, kw) => {
    const get = attrGetter(opt(args, kw, 0, 'attribute', null));
    let acc = opt(args, kw, 1, 'start', 0n);
    for (const x of ip.iterate(v)) acc = numArith('+', acc, ip.defined(get(x)), true);
    return acc;
  });
  def('round', (_ip, v, args, kw) => {
    const precision = toNum(opt(args, kw, 0, 'precision', 0n));
    const method = opt(args, kw, 1, 'method', 'common');
    if (typeof v !== 'bigint' && typeof v !== 'number' && typeof v !== 'boolean')
      throw typeError(`type ${typeName(v)} doesn't define __round__ method`);
    const n = typeof v === 'boolean' ? (v ? 1n : 0n) : v;
    if (method === 'common') return pyRound(n, BigInt(precision));
    if (method !== 'floor' && method !== 'ceil')
      throw new PyError('FilterArgumentError', 'method must be common, ceil or floor');
    const m = 10 ** precision;
    const f = method === 'floor' ? Math.floor : Math.ceil;
    return f(Number(n) * m) / m;
  });
  def('int', (_ip, v, args, kw) => {
    const dflt = opt(args, kw, 0, 'default', 0n);
    const base = toNum(opt(args, kw, 1, 'base', 10n));
    if (typeof v === 'bigint') return v;
    if (typeof v === 'boolean') return v ? 1n : 0n;
    if (typeof v === 'number') return Number.isFinite(v) ? BigInt(Math.trunc(v)) : dflt;
    if (typeof v === 'string') {
      const t = v.trim().replaceAll('_', '');
      if (base === 10 && /^[+-]?\d+$/.test(t)) return BigInt(t);
      if (base !== 10) {
        const p = parseInt(t.replace(/^0[xob]/i, ''), base);
        if (!Number.isNaN(p)) return BigInt(p);
      }
      if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return BigInt(Math.trunc(Number(t)));
    }
    return dflt;
  });
  def('float', (_ip, v, args, kw) => {
    const dflt = opt(args, kw, 0, 'default', 0);
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'string') {
      const t = v.trim().replaceAll('_', '');
      if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number(t);
      if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
      if (/^[+-]?nan$/i.test(t)) return NaN;
    }
    return dflt;
  });
  def('abs', (_ip, v) => {
    if (typeof v === 'bigint') return v < 0n ? -v : v;
    if (typeof v === 'number') return Math.abs(v);
    if (typeof v === 'boolean') return v ? 1n : 0n;
    throw typeError(`bad operand type for abs(): '${typeName(v)}'`);
  });
  def('reverse', (ip, v) => {
    if (typeof v === 'string') return Array.from(v).reverse().join('');
    return gen([...ip.iterate(v)].reverse());
  });
  def('sort', (ip, v, args, kw) => {
    const reverse = opt(args, kw, 0, 'reverse', false) === true;
    const cs = opt(args, kw, 1, 'case_sensitive', false) === true;
    const get = attrGetter(opt(args, kw, 2, 'attribute', null));
    return sortList([...ip.iterate(v)], (x) => (cs ? get(x) : ignoreCase(get(x))), reverse);
  });
  def('unique', (ip, v, args, kw) => {
    const cs = opt(args, kw, 0, 'case_sensitive', false) === true;
    const get = attrGetter(opt(args, kw, 1, 'attribute', null));
    const seen: unknown[] = [];
    const out: unknown[] = [];
    for (const x of ip.iterate(v)) {
      const k = cs ? get(x) : ignoreCase(get(x));
      if (!seen.some((s) => pyEquals(s, k))) {
        seen.push(k);
        out.push(x);
      }
    }
    return gen(out);
  });
  def('dictsort', (_ip, v, args, kw) => {
    if (!(v instanceof Map))
      throw new PyError('FilterArgumentError', 'You can only sort by either "key" or "value"');
    const cs = opt(args, kw, 0, 'case_sensitive', false) === true;
    const by = opt(args, kw, 1, 'by', 'key');
    const reverse = opt(args, kw, 2, 'reverse', false) === true;
    const pos = by === 'key' ? 0 : by === 'value' ? 1 : -1;
    if (pos < 0) throw new PyError('FilterArgumentError', 'You can only sort by either "key" or "value"');
    const pairs = [...v.entries()].map(([k, x]) => tuple([k, x]));
    return sortList(pairs, (p) => (cs ? (p as unknown[])[pos] : ignoreCase((p as unknown[])[pos])), reverse);
  });
  def('items', (_ip, v) => {
    if (!(v instanceof Map)) throw typeError(`Can only get item pairs from a mapping.`);
    return gen([...v.entries()].map(([k, x]) => tuple([k, x])));
  });
  def('groupby', (ip, v, args, kw) => {
    const get = attrGetter(opt(args, kw, 0, 'attribute', null), opt(args, kw, 1, 'default', undefined));
    const cs = opt(args, kw, 2, 'case_sensitive', false) === true;
    const key = (x: unknown): unknown => (cs ? get(x) : ignoreCase(get(x)));
    const sorted = sortList([...ip.iterate(v)], key, false);
    const groups: { k: unknown; first: unknown; list: unknown[] }[] = [];
    for (const x of sorted) {
      const k = key(x);
      const last = groups[groups.length - 1];
      if (last && pyEquals(last.k, k)) last.list.push(x);
      else groups.push({ k, first: get(x), list: [x] });
    }
    return groups.map((g) => namedTuple([g.first, g.list], ['grouper', 'list']));
  });
  def('map', (ip, v, args, kw) => {
    const items = ip.iterate(v);
    if (args.length === 0 && kw.has('attribute')) {
      const get = attrGetter(kw.get('attribute'), kw.has('default') ? kw.get('default') : undefined);
      return gen(items.map(get));
    }
    const name = args[0];
    if (typeof name !== 'string') throw new PyError('FilterArgumentError', 'map requires a filter argument');
    const fn = ip.filters.get(name);
    if (!fn) throw new PyError('TemplateRuntimeError', `No filter named '${name}'.`);
    const rest = args.slice(1);
    return gen(items.map((x) => fn(ip, x, rest, kw)));
  });
  const selectLike = (name: string, want: boolean, byAttr: boolean): void =>
    def(name, (ip, v, args) => {
      const items = ip.iterate(v);
      const get = byAttr ? attrGetter(args[0]) : (x: unknown) => x;
      const test = testFn(ip, args, byAttr ? 1 : 0);
      return gen(items.filter((x) => test(get(x)) === want));
    });
  selectLike('select', true, false);
  selectLike('reject', false, false);
  selectLike('selectattr', true, true);
  selectLike('rejectattr', false, true);
  def('batch', (ip, v, args, kw) => {
    const n = toNum(opt(args, kw, 0, 'linecount', 1n));
    const fill = opt(args, kw, 1, 'fill_with', undefined);
    const items = ip.iterate(v);
    const out: unknown[] = [];
    for (let i = 0; i < items.length; i += n) {
      const chunk = items.slice(i, i + n);
      if (fill !== undefined) while (chunk.length < n) chunk.push(fill);
      out.push(chunk);
    }
    return gen(out);
  });
  def('slice', (ip, v, args, kw) => {
    const slices = toNum(opt(args, kw, 0, 'slices', 1n));
    const fill = opt(args, kw, 1, 'fill_with', undefined);
    const seq = ip.iterate(v);
    const per = Math.floor(seq.length / slices);
    const extra = seq.length % slices;
    let offset = 0;
    const out: unknown[] = [];
    for (let i = 0; i < slices; i++) {
      const start = offset + i * per;
      if (i < extra) offset++;
      const end = offset + (i + 1) * per;
      const tmp = seq.slice(start, end);
      if (fill !== undefined && i >= extra) tmp.push(fill);
      out.push(tmp);
    }
    return gen(out);
  });
  def('tojson', (_ip, v, args, kw) => {
    const indent = opt(args, kw, 0, 'indent', null);
    return jsonDumps(v, {
      sortKeys: true,
      htmlSafe: true,
      ensureAscii: true,
      ...(indent !== null ? { indent: toNum(indent) } : {}),
    });
  });
  def('attr', (_ip, v, args) => getAttribute(v, jinjaStr(args[0])));
  def(['e', 'escape', 'forceescape'], (_ip, v) => htmlEscape(jinjaStr(v)));
  def('safe', (_ip, v) => v);
  def('random', (ip, v) => {
    const items = ip.iterate(v);
    if (items.length === 0) return new JUndefined('No random item, sequence was empty.');
    if (!ip.random)
      throw new PyError(
        'RuntimeError',
        "the 'random' filter needs a random source (ExpressionFunctions.random)",
      );
    return items[Math.min(items.length - 1, Math.floor(ip.random() * items.length))];
  });
  def('striptags', (_ip, v) =>
    jinjaStr(v)
      .replace(/<!--[\s\S]*?-->|<[^>]*>/g, '')
      .split(/\s+/)
      .filter(Boolean)
      .join(' '),
  );
  def('pprint', (_ip, v) => pyRepr(v));
  def('indent', (_ip, v, args, kw) => {
    const w = opt(args, kw, 0, 'width', 4n);
    const first = opt(args, kw, 1, 'first', false) === true;
    const blank = opt(args, kw, 2, 'blank', false) === true;
    const pad = typeof w === 'string' ? w : ' '.repeat(toNum(w));
    const lines = jinjaStr(v).split('\n');
    const out = lines.map((l, i) => ((i === 0 && !first) || (!blank && l.trim() === '') ? l : pad + l));
    return out.join('\n');
  });
  def('wordwrap', (_ip, v, args, kw) => {
    const width = toNum(opt(args, kw, 0, 'width', 79n));
    const words = pySplit(jinjaStr(v), null);
    const lines: string[] = [];
    let cur = '';
    for (const w of words) {
      if (cur && cur.length + 1 + w.length > width) {
        lines.push(cur);
        cur = w;
      } else cur = cur ? cur + ' ' + w : w;
    }
    if (cur) lines.push(cur);
    return lines.join('\n');
  });
  def('urlencode', (_ip, v) => {
    if (v instanceof Map)
      return [...v.entries()]
        .map(([k, x]) => `${encodeURIComponent(pyStr(k))}=${encodeURIComponent(pyStr(x))}`)
        .join('&');
    return encodeURIComponent(jinjaStr(v)).replace(/%2F/g, '/');
  });
  def('filesizeformat', (_ip, v, args, kw) => {
    const binary = opt(args, kw, 0, 'binary', false) === true;
    const bytes = toNum(v);
    const base = binary ? 1024 : 1000;
    const prefixes = binary
      ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB']
      : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
    if (bytes === 1) return '1 Byte';
    if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
    let unit = base;
    let prefix = prefixes[0] as string;
    for (let i = 0; i < prefixes.length; i++) {
      unit = base ** (i + 2);
      prefix = prefixes[i] as string;
      if (bytes < unit) break;
    }
    return `${((base * bytes) / unit).toFixed(1)} ${prefix}`;
  });
  return f;
}
