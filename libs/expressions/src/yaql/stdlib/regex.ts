/** YAQL regex functions (Python `re` semantics via ../../python/regex.ts). */
import { PyError } from '../../python/errors.js';
import { truthy } from '../../python/ops.js';
import { compileRegex, escapeRegex, PyRegex } from '../../python/regex.js';
import { define, type Call, type Registry } from '../call.js';
import { intArg, strArg } from './helpers.js';

export function toRegex(v: unknown): PyRegex {
  if (v instanceof PyRegex) return v;
  if (typeof v === 'string') return compileRegex(v);
  throw new PyError('NoMatchingFunctionException', 'regular expression expected');
}

export function regexSearch(r: PyRegex, s: string): RegExpExecArray | null {
  return r.re.exec(s);
}

function cpOffset(s: string, utf16: number): bigint {
  return BigInt(Array.from(s.slice(0, utf16)).length);
}

/** Selector arguments of `search(..., selector)`: `$1` is the match, `$2`... the groups. */
function groupValues(m: RegExpExecArray): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < m.length; i++) {
    const span = m.indices?.[i];
    out.push(
      new Map<unknown, unknown>([
        ['value', m[i] ?? null],
        ['start', span ? cpOffset(m.input, span[0]) : -1n],
        ['end', span ? cpOffset(m.input, span[1]) : -1n],
      ]),
    );
  }
  return out;
}

function applySelector(c: Call, m: RegExpExecArray, selIndex: number): unknown {
  if (!c.has(selIndex)) return m[0];
  const f = c.lambda(selIndex);
  return f(...groupValues(m));
}

/** Python `re.split` with maxsplit (0 = unlimited); capture groups are included. */
function reSplit(r: PyRegex, s: string, max: bigint): string[] {
  const g = r.global();
  const out: string[] = [];
  let last = 0;
  let n = 0;
  let m: RegExpExecArray | null;
  while ((m = g.exec(s)) !== null) {
    if (max > 0n && BigInt(n) >= max) break;
    if (m[0] === '') {
      g.lastIndex++;
      if (m.index >= s.length) break;
    }
    out.push(s.slice(last, m.index));
    for (let i = 1; i < m.length; i++) out.push(m[i] ?? (null as unknown as string));
    last = m.index + m[0].length;
    n++;
  }
  out.push(s.slice(last));
  return out;
}

/** Python `re.sub` replacement template: `\1`, `\g<name>`, `\n`... */
function expandTemplate(tpl: string, m: RegExpExecArray): string {
  return tpl.replace(/\\(g<(\w+)>|\d{1,2}|[ntr\\])/g, (_w, body: string, name?: string) => {
    if (name !== undefined) {
      const idx = /^\d+$/.test(name) ? m[Number(name)] : m.groups?.[name];
      return idx ?? '';
    }
    if (/^\d/.test(body)) return m[Number(body)] ?? '';
    return body === 'n' ? '\n' : body === 't' ? '\t' : body === 'r' ? '\r' : '\\';
  });
}

function reSub(r: PyRegex, s: string, repl: (m: RegExpExecArray) => string, count: bigint): string {
  const g = r.global();
  let out = '';
  let last = 0;
  let n = 0n;
  let m: RegExpExecArray | null;
  while ((m = g.exec(s)) !== null) {
    if (count > 0n && n >= count) break;
    out += s.slice(last, m.index) + repl(m);
    last = m.index + m[0].length;
    n++;
    if (m[0] === '') {
      if (m.index >= s.length) break;
      out += s[m.index] ?? '';
      last = m.index + 1;
      g.lastIndex = m.index + 1;
    }
  }
  return out + s.slice(last);
}

export function registerRegex(reg: Registry): void {
  define(reg, 'function', 'regex', (c) => {
    c.arity(1, 4, ['ignoreCase', 'multiLine', 'dotAll']);
    return compileRegex(
      strArg(c, 0),
      truthy(c.namedVal('ignoreCase', c.opt(1, false))),
      truthy(c.namedVal('multiLine', c.opt(2, false))),
      truthy(c.namedVal('dotAll', c.opt(3, false))),
    );
  });
  define(reg, 'method', 'matches', (c) => {
    c.arity(2);
    const a = c.val(0);
    if (a instanceof PyRegex) return regexSearch(a, strArg(c, 1)) !== null;
    if (typeof a === 'string') return regexSearch(toRegex(c.val(1)), a) !== null;
    throw c.noMatch();
  });
  define(reg, 'method', 'search', (c) => {
    c.arity(2, 3);
    const r = c.val(0);
    if (!(r instanceof PyRegex)) throw c.noMatch();
    const m = regexSearch(r, strArg(c, 1));
    return m === null ? null : applySelector(c, m, 2);
  });
  define(reg, 'method', 'searchAll', (c) => {
    c.arity(2, 3);
    const r = c.val(0);
    if (!(r instanceof PyRegex)) throw c.noMatch();
    const s = strArg(c, 1);
    const g = r.global();
    const out: unknown[] = [];
    let m: RegExpExecArray | null;
    while ((m = g.exec(s)) !== null) {
      c.interp.budget.step();
      out.push(applySelector(c, m, 2));
      if (m[0] === '') g.lastIndex++;
    }
    return out;
  });
  define(reg, 'function', 'escapeRegex', (c) => {
    c.arity(1);
    return escapeRegex(strArg(c, 0));
  });
  define(reg, 'function', 'isRegex', (c) => {
    c.arity(1);
    return c.val(0) instanceof PyRegex;
  });
}

/** Regex overloads of `split` and `replace` (string overloads live in strings.ts). */
export function regexSplit(c: Call): unknown {
  const a = c.val(0);
  if (a instanceof PyRegex) return reSplit(a, strArg(c, 1), c.has(2) ? intArg(c, 2) : 0n);
  if (typeof a === 'string' && c.count > 1 && c.val(1) instanceof PyRegex) {
    return reSplit(c.val(1) as PyRegex, a, c.has(2) ? intArg(c, 2) : 0n);
  }
  return undefined;
}

export function regexReplace(c: Call): unknown {
  const a = c.val(0);
  const b = c.count > 1 ? c.val(1) : undefined;
  let r: PyRegex;
  let s: string;
  if (a instanceof PyRegex) {
    r = a;
    s = strArg(c, 1);
  } else if (typeof a === 'string' && b instanceof PyRegex) {
    r = b;
    s = a;
  } else return undefined;
  const repl = strArg(c, 2);
  const count = c.has(3) ? intArg(c, 3) : 0n;
  return reSub(r, s, (m) => expandTemplate(repl, m), count);
}

export function regexReplaceBy(c: Call): string {
  const a = c.val(0);
  const b = c.val(1);
  let r: PyRegex;
  let s: string;
  if (a instanceof PyRegex && typeof b === 'string') {
    r = a;
    s = b;
  } else if (typeof a === 'string' && (b instanceof PyRegex || typeof b === 'string')) {
    r = toRegex(b);
    s = a;
  } else throw c.noMatch();
  const f = c.lambda(2);
  const count = c.has(3) ? intArg(c, 3) : 0n;
  return reSub(
    r,
    s,
    (m) => {
      const v = f(...groupValues(m));
      if (typeof v !== 'string') throw c.noMatch();
      return v;
    },
    count,
  );
}
