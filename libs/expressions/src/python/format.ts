/** Python `str()` / `repr()` formatting of internal values. */
import { isTuple, LazySeq, PyGenerator, PySet } from './types.js';

/** Python's float repr: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function floatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const exp = n.toExponential(); // shortest digits, e.g. "1.2345e+3"
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exp);
  if (!m) return String(n);
  const sign = m[1] ?? '';
  const digits = (m[2] ?? '') + (m[3] ?? '');
  const e = Number(m[4]);
  if (e < -4 || e >= 16) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const es = Math.abs(e) < 10 ? `0${Math.abs(e)}` : String(Math.abs(e));
    return `${sign}${mant}e${e < 0 ? '-' : '+'}${es}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  if (digits.length <= e + 1) return `${sign}${digits}${'0'.repeat(e + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
}

// Python escapes the categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs (except the space).
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function isPrintable(ch: string): boolean {
  return ch === ' ' || !NON_PRINTABLE.test(ch);
}

/** Python `repr()` of a str. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (!isPrintable(ch)) {
      if (cp < 0x100) out += '\\x' + cp.toString(16).padStart(2, '0');
      else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
      else out += '\\U' + cp.toString(16).padStart(8, '0');
    } else out += ch;
  }
  return out + quote;
}

export interface ReprOptions {
  /** Print tuples as lists (Mistral converts YAQL output before `str()`). */
  readonly tuplesAsLists?: boolean;
}

/** Python `repr()`. */
export function pyRepr(v: unknown, opts: ReprOptions = {}): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return floatRepr(v);
  if (typeof v === 'string') return strRepr(v);
  if (Array.isArray(v)) {
    const inner = v.map((x) => pyRepr(x, opts));
    if (isTuple(v) && !opts.tuplesAsLists) {
      return inner.length === 1 ? `(${inner[0]},)` : `(${inner.join(', ')})`;
    }
    return `[${inner.join(', ')}]`;
  }
  if (v instanceof Map) {
    const parts: string[] = [];
    for (const [k, x] of v) parts.push(`${pyRepr(k, opts)}: ${pyRepr(x, opts)}`);
    return `{${parts.join(', ')}}`;
  }
  if (v instanceof PySet) {
    const inner = v.items.map((x) => pyRepr(x, opts)).join(', ');
    if (!v.frozen) return v.items.length === 0 ? 'set()' : `{${inner}}`;
    return v.items.length === 0 ? 'frozenset()' : `frozenset({${inner}})`;
  }
  if (v instanceof PyGenerator || v instanceof LazySeq) return '<generator object>';
  return '<object>';
}

/** Python `str()`. */
export function pyStr(v: unknown, opts: ReprOptions = {}): string {
  return typeof v === 'string' ? v : pyRepr(v, opts);
}
