/** YAQL string functions (NOTES §6 "Strings"). */
import { pyEquals as pyEqualsLocal } from '../../python/ops.js';
import { pyFormat } from '../../python/pyformat.js';
import {
  cpIndexOf,
  cpLastIndexOf,
  pyLower,
  pyReplace,
  pyRSplit,
  pySplit,
  pyStrip,
  pyUpper,
} from '../../python/strings.js';
import { define, type Registry } from '../call.js';
import { yaqlStr } from './common.js';
import { codePoints, intArg, listArg, optInt, optStr, strArg } from './helpers.js';
import { regexReplace, regexReplaceBy, regexSplit } from './regex.js';

/** Python `s[a:b]` on code points (negative bounds count from the end, then clamp). */
function pySliceStr(cps: string[], a: number, b: number): string {
  const n = cps.length;
  const norm = (x: number): number => Math.min(Math.max(x < 0 ? x + n : x, 0), n);
  return cps.slice(norm(a), norm(b)).join('');
}

export function registerStrings(reg: Registry): void {
  define(reg, 'function', 'concat', (c) => {
    let out = '';
    for (let i = 0; i < c.count; i++) {
      const v = c.val(i);
      if (typeof v !== 'string') throw c.noMatch();
      out += v;
      c.interp.budget.size(out);
    }
    return out;
  });
  define(reg, 'method', 'toUpper', (c) => {
    c.arity(1);
    return pyUpper(strArg(c, 0));
  });
  define(reg, 'method', 'toLower', (c) => {
    c.arity(1);
    return pyLower(strArg(c, 0));
  });
  define(reg, 'method', 'split', (c) => {
    c.arity(1, 3);
    const r = regexSplit(c);
    if (r !== undefined) return r;
    return pySplit(strArg(c, 0), optStr(c, 1, null), Number(optInt(c, 2, -1n)));
  });
  define(reg, 'method', 'rightSplit', (c) => {
    c.arity(1, 3);
    return pyRSplit(strArg(c, 0), optStr(c, 1, null), Number(optInt(c, 2, -1n)));
  });
  define(reg, 'method', 'join', (c) => {
    c.arity(2);
    const a = c.val(0);
    const b = c.val(1);
    // join(sequence, separator) and join(separator, sequence) both exist.
    const [seqIdx, sep] = typeof b === 'string' ? [0, b] : typeof a === 'string' ? [1, a] : [-1, ''];
    if (seqIdx < 0) throw c.noMatch();
    const items = listArg(c, seqIdx);
    const out = items.map(yaqlStr).join(sep);
    return c.interp.budget.size(out);
  });
  const trim = (name: string, left: boolean, right: boolean): void =>
    define(reg, 'method', name, (c) => {
      c.arity(1, 2);
      return pyStrip(strArg(c, 0), optStr(c, 1, null), left, right);
    });
  trim('trim', true, true);
  trim('trimLeft', true, false);
  trim('trimRight', false, true);
  define(reg, 'both', 'norm', (c) => {
    c.arity(1, 2);
    const v = c.val(0);
    if (v === null) return null;
    if (typeof v !== 'string') throw c.noMatch();
    const s = pyStrip(v, optStr(c, 1, null), true, true);
    return s === '' ? null : s;
  });
  define(reg, 'both', 'isEmpty', (c) => {
    c.arity(1, 3, ['trimSpaces', 'chars']);
    const v = c.val(0);
    if (v === null) return true;
    if (typeof v !== 'string') throw c.noMatch();
    const trimSpaces = c.namedVal('trimSpaces', c.opt(1, true));
    const chars = c.namedVal('chars', c.opt(2, null));
    if (!trimSpaces) return v === '';
    return pyStrip(v, typeof chars === 'string' ? chars : null, true, true) === '';
  });
  define(reg, 'method', 'replace', (c) => {
    const r = regexReplace(c);
    if (r !== undefined) return r;
    const s = strArg(c, 0);
    const b = c.val(1);
    if (b instanceof Map) {
      c.arity(2, 3);
      const count = Number(optInt(c, 2, -1n));
      let out = s;
      for (const [k, v] of b) {
        if (typeof k !== 'string') throw c.noMatch();
        out = pyReplace(out, k, yaqlStr(v), count);
      }
      return c.interp.budget.size(out);
    }
    c.arity(3, 4);
    return c.interp.budget.size(pyReplace(s, strArg(c, 1), strArg(c, 2), Number(optInt(c, 3, -1n))));
  });
  define(reg, 'method', 'replaceBy', regexReplaceBy);
  define(reg, 'both', 'format', (c) => {
    const fmt = strArg(c, 0);
    const args: unknown[] = [];
    for (let i = 1; i < c.count; i++) args.push(c.val(i));
    const kwargs = new Map<string, unknown>();
    for (const [k, n] of c.named) kwargs.set(k, c.interp.eval(n, c.scope));
    return c.interp.budget.size(pyFormat(fmt, args, kwargs));
  });
  define(reg, 'method', 'substring', (c) => {
    c.arity(2, 3);
    // Python: string[start:start + length] after one adjustment of a negative start.
    const cps = codePoints(strArg(c, 0));
    let start = Number(intArg(c, 1));
    let length = Number(optInt(c, 2, -1n));
    if (length < 0) length = cps.length;
    if (start < 0) start += cps.length;
    return pySliceStr(cps, start, start + length);
  });
  define(reg, 'method', 'indexOf', (c) => {
    const v = c.val(0);
    if (typeof v !== 'string') {
      c.arity(2);
      const items = listArg(c, 0);
      const x = c.val(1);
      return BigInt(items.findIndex((y) => pyEqualsLocal(x, y)));
    }
    c.arity(2, 4);
    const sub = strArg(c, 1);
    const start = Number(optInt(c, 2, 0n));
    if (c.has(3)) {
      const len = Number(intArg(c, 3));
      const cps = codePoints(v);
      const end = len < 0 ? cps.length : start + len;
      const r = cpIndexOf(cps.slice(0, end).join(''), sub, start);
      return BigInt(r);
    }
    return BigInt(cpIndexOf(v, sub, start));
  });
  define(reg, 'method', 'lastIndexOf', (c) => {
    const v = c.val(0);
    if (typeof v !== 'string') {
      c.arity(2);
      const items = listArg(c, 0);
      const x = c.val(1);
      for (let i = items.length - 1; i >= 0; i--) if (pyEqualsLocal(x, items[i])) return BigInt(i);
      return -1n;
    }
    c.arity(2, 4);
    const sub = strArg(c, 1);
    const start = Number(optInt(c, 2, 0n));
    if (c.has(3)) {
      const len = Number(intArg(c, 3));
      const cps = codePoints(v);
      const end = len < 0 ? cps.length : start + len;
      return BigInt(cpLastIndexOf(cps.slice(0, end).join(''), sub, start));
    }
    return BigInt(cpLastIndexOf(v, sub, start));
  });
  define(reg, 'method', 'toCharArray', (c) => {
    c.arity(1);
    return codePoints(strArg(c, 0));
  });
  define(reg, 'method', 'startsWith', (c) => {
    const s = strArg(c, 0);
    if (c.count < 2) throw c.noMatch();
    for (let i = 1; i < c.count; i++) if (s.startsWith(strArg(c, i))) return true;
    return false;
  });
  define(reg, 'method', 'endsWith', (c) => {
    const s = strArg(c, 0);
    if (c.count < 2) throw c.noMatch();
    for (let i = 1; i < c.count; i++) if (s.endsWith(strArg(c, i))) return true;
    return false;
  });
  define(reg, 'function', 'hex', (c) => {
    c.arity(1);
    const n = intArg(c, 0);
    return n < 0n ? '-0x' + (-n).toString(16) : '0x' + n.toString(16);
  });
  define(reg, 'function', 'characters', (c) => {
    const sets: Record<string, string> = {
      digits: '0123456789',
      hexdigits: '0123456789abcdefABCDEF',
      asciiLowercase: 'abcdefghijklmnopqrstuvwxyz',
      asciiUppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      asciiLetters: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
      letters: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
      octdigits: '01234567',
      punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
      printable:
        '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c',
      whitespace: ' \t\n\r\x0b\x0c',
    };
    let out = '';
    for (const [k, n] of c.named) {
      const chars = Object.hasOwn(sets, k) ? sets[k] : undefined;
      if (chars === undefined) throw c.noMatch();
      if (c.interp.eval(n, c.scope)) out += chars;
    }
    return new Set(Array.from(out)).size ? [...new Set(Array.from(out))] : [];
  });
}
