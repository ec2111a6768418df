/** Python string operations that JS lacks or does differently. */
import { valueError } from './errors.js';

const PY_WHITESPACE =
  ' \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

export function isPyWhitespace(ch: string): boolean {
  return PY_WHITESPACE.includes(ch);
}

/** Python `str.strip/lstrip/rstrip(chars)`. */
export function pyStrip(s: string, chars: string | null, left: boolean, right: boolean): string {
  const cps = Array.from(s);
  const set = chars === null ? null : new Set(Array.from(chars));
  const strip = (ch: string): boolean => (set ? set.has(ch) : isPyWhitespace(ch));
  let a = 0;
  let b = cps.length;
  if (left) while (a < b && strip(cps[a] as string)) a++;
  if (right) while (b > a && strip(cps[b - 1] as string)) b--;
  return cps.slice(a, b).join('');
}

/** Python `str.split(sep, maxsplit)`. */
export function pySplit(s: string, sep: string | null, maxsplit = -1): string[] {
  if (sep === null) {
    const out: string[] = [];
    let i = 0;
    const cps = Array.from(s);
    let splits = 0;
    while (i < cps.length) {
      while (i < cps.length && isPyWhitespace(cps[i] as string)) i++;
      if (i >= cps.length) break;
      if (maxsplit >= 0 && splits >= maxsplit) {
        let rest = cps.slice(i).join('');
        rest = pyStrip(rest, null, false, true);
        out.push(rest);
        return out;
      }
      let j = i;
      while (j < cps.length && !isPyWhitespace(cps[j] as string)) j++;
      out.push(cps.slice(i, j).join(''));
      splits++;
      i = j;
    }
    return out;
  }
  if (sep === '') throw valueError('empty separator');
  const parts = s.split(sep);
  if (maxsplit < 0 || parts.length - 1 <= maxsplit) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

/** Python `str.rsplit(sep, maxsplit)`. */
export function pyRSplit(s: string, sep: string | null, maxsplit = -1): string[] {
  if (maxsplit < 0) return pySplit(s, sep, -1);
  if (sep === null) {
    const rev = pySplit(Array.from(s).reverse().join(''), null, maxsplit);
    return rev.map((p) => Array.from(p).reverse().join('')).reverse();
  }
  if (sep === '') throw valueError('empty separator');
  const parts = s.split(sep);
  if (parts.length - 1 <= maxsplit) return parts;
  const cut = parts.length - maxsplit;
  return [parts.slice(0, cut).join(sep), ...parts.slice(cut)];
}

/** Python `str.replace(old, new, count)`. */
export function pyReplace(s: string, old: string, rep: string, count = -1): string {
  if (count < 0) {
    if (old === '') {
      return rep + Array.from(s).join(rep) + (s.length ? rep : '');
    }
    return s.split(old).join(rep);
  }
  let out = '';
  let rest = s;
  let n = 0;
  if (old === '') {
    const cps = Array.from(s);
    let r = '';
    for (let i = 0; i <= cps.length; i++) {
      if (n < count) {
        r += rep;
        n++;
      }
      r += cps[i] ?? '';
    }
    return r;
  }
  while (n < count) {
    const i = rest.indexOf(old);
    if (i < 0) break;
    out += rest.slice(0, i) + rep;
    rest = rest.slice(i + old.length);
    n++;
  }
  return out + rest;
}

/** Full Unicode case mapping (JS toUpperCase already maps ß to SS). */
export function pyUpper(s: string): string {
  return s.toUpperCase();
}

export function pyLower(s: string): string {
  return s.toLowerCase();
}

/** Python `str.capitalize()`. */
export function pyCapitalize(s: string): string {
  const cps = Array.from(s);
  if (cps.length === 0) return s;
  return (cps[0] as string).toUpperCase() + cps.slice(1).join('').toLowerCase();
}

/** Python `str.title()`. */
export function pyTitle(s: string): string {
  let out = '';
  let prevCased = false;
  for (const ch of s) {
    const isCased = ch.toLowerCase() !== ch.toUpperCase();
    out += isCased ? (prevCased ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    prevCased = isCased;
  }
  return out;
}

/** Index in code points of the first occurrence, or -1. */
export function cpIndexOf(s: string, sub: string, from = 0): number {
  const cps = Array.from(s);
  const subCps = Array.from(sub);
  for (let i = Math.max(0, from); i + subCps.length <= cps.length; i++) {
    let ok = true;
    for (let j = 0; j < subCps.length; j++) {
      if (cps[i + j] !== subCps[j]) {
        ok = false;
        break;
      }
    }
    if (ok) return i;
  }
  return -1;
}

export function cpLastIndexOf(s: string, sub: string, from = 0): number {
  const cps = Array.from(s);
  const subCps = Array.from(sub);
  for (let i = cps.length - subCps.length; i >= Math.max(0, from); i--) {
    let ok = true;
    for (let j = 0; j < subCps.length; j++) {
      if (cps[i + j] !== subCps[j]) {
        ok = false;
        break;
      }
    }
    if (ok) return i;
  }
  return -1;
}
