/** Python `json.dumps` / `json.loads` equivalents over internal values. */
import { PyError, typeError } from './errors.js';
import { floatRepr } from './format.js';
import { LazySeq, PyFloat, PyGenerator, PySet } from './types.js';

export interface DumpOptions {
  /** `indent=N`; undefined gives the compact one-line form with `, ` and `: `. */
  readonly indent?: number;
  readonly sortKeys?: boolean;
  readonly ensureAscii?: boolean;
  /** Jinja `tojson`: also escape `<`, `>`, `&`, `'` as \u sequences. */
  readonly htmlSafe?: boolean;
}

function escapeString(s: string, o: DumpOptions): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const code = s.charCodeAt(i);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || (o.ensureAscii !== false && code > 0x7e) || (o.htmlSafe && "<>&'".includes(ch))) {
      out += '\\u' + code.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

function keyString(k: unknown): string {
  if (typeof k === 'string') return k;
  if (k === null) return 'null';
  if (k === true) return 'true';
  if (k === false) return 'false';
  if (typeof k === 'bigint') return k.toString();
  if (typeof k === 'number') return floatRepr(k);
  throw typeError(`keys must be str, int, float, bool or None, not ${Array.isArray(k) ? 'tuple' : 'object'}`);
}

export function jsonDumps(v: unknown, o: DumpOptions = {}, level = 0): string {
  if (level > 500) throw new PyError('RecursionError', 'maximum recursion depth exceeded');
  if (v === null || v === undefined) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
    return floatRepr(v);
  }
  if (typeof v === 'string') return escapeString(v, o);
  const nl = o.indent !== undefined ? '\n' + ' '.repeat(o.indent * (level + 1)) : '';
  const end = o.indent !== undefined ? '\n' + ' '.repeat(o.indent * level) : '';
  const sep = o.indent !== undefined ? ',' : ', ';
  if (Array.isArray(v) || v instanceof PyGenerator || v instanceof LazySeq) {
    const items = Array.isArray(v) ? v : v instanceof PyGenerator ? v.items : [...v];
    if (items.length === 0) return '[]';
    return '[' + nl + items.map((x) => jsonDumps(x, o, level + 1)).join(sep + nl) + end + ']';
  }
  if (v instanceof Map) {
    if (v.size === 0) return '{}';
    let entries = [...v.entries()].map(([k, x]) => [keyString(k), x] as const);
    if (o.sortKeys) entries = entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return (
      '{' +
      nl +
      entries.map(([k, x]) => escapeString(k, o) + ': ' + jsonDumps(x, o, level + 1)).join(sep + nl) +
      end +
      '}'
    );
  }
  if (v instanceof PySet) throw typeError('Object of type set is not JSON serializable');
  throw typeError('Object is not JSON serializable');
}

/** Strict JSON parsing into internal values (ints -> bigint, numbers with . or e -> float, objects -> Map). */
export function jsonLoads(text: string, opts: { wrapFloats?: boolean } = {}): unknown {
  let i = 0;
  const fail = (msg: string): never => {
    throw new PyError('JSONDecodeError', `${msg}: line 1 column ${i + 1} (char ${i})`);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const value = (depth: number): unknown => {
    if (depth > 500) fail('Too deeply nested');
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      const d = new Map<unknown, unknown>();
      ws();
      if (text[i] === '}') {
        i++;
        return d;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('Expecting property name enclosed in double quotes');
        const k = str();
        ws();
        if (text[i] !== ':') fail("Expecting ':' delimiter");
        i++;
        d.set(k, value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return d;
        }
        fail("Expecting ',' delimiter");
      }
    }
    if (ch === '[') {
      i++;
      const l: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return l;
      }
      for (;;) {
        l.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return l;
        }
        fail("Expecting ',' delimiter");
      }
    }
    if (ch === '"') return str();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    if (text.startsWith('NaN', i)) {
      i += 3;
      return NaN;
    }
    if (text.startsWith('Infinity', i)) {
      i += 8;
      return Infinity;
    }
    if (text.startsWith('-Infinity', i)) {
      i += 9;
      return -Infinity;
    }
    const m = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    m.lastIndex = i;
    const r = m.exec(text);
    if (!r) return fail('Expecting value');
    i += r[0].length;
    if (r[1] === undefined && r[2] === undefined) return BigInt(r[0]);
    return opts.wrapFloats ? new PyFloat(Number(r[0])) : Number(r[0]);
  };
  const str = (): string => {
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) fail('Unterminated string starting at');
      const ch = text[i] as string;
      if (ch === '"') {
        i++;
        return out;
      }
      if (ch === '\\') {
        const e = text[i + 1];
        const map: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid \\uXXXX escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          continue;
        }
        const rep = e !== undefined ? map[e] : undefined;
        if (rep === undefined) fail('Invalid \\escape');
        out += rep;
        i += 2;
        continue;
      }
      if (ch < ' ') fail('Invalid control character at');
      out += ch;
      i++;
    }
  };
  const v = value(0);
  ws();
  if (i < text.length) fail('Extra data');
  return v;
}

/** JSON input for the public API: floats are wrapped in PyFloat so `4.0` stays a float. */
export function parseJsonOrdered(text: string): unknown {
  return jsonLoads(text, { wrapFloats: true });
}
