/** PyYAML-compatible `safe_dump(default_flow_style=False)` and YAML 1.1 `safe_load`. */
import { parseDocument, type ScalarTag, type Tags } from 'yaml';
import { PyError, typeError } from './errors.js';
import { floatRepr } from './format.js';
import { cmpStr, pyCompare } from './ops.js';
import { LazySeq, PyGenerator, PySet } from './types.js';

const BOOL_NULL_RE =
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|)$/;
const INT_RE =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT_RE =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const TIMESTAMP_RE =
  /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;

function needsQuotes(s: string): boolean {
  if (BOOL_NULL_RE.test(s) || INT_RE.test(s) || FLOAT_RE.test(s) || TIMESTAMP_RE.test(s)) return true;
  if (s === '=' || s.startsWith('<<')) return true;
  if (/^[\s]|[\s]$/.test(s)) return true;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/^[-?:][^\s]/.test(s)) return true;
  if (/^[-?:](\s|$)/.test(s)) return true;
  if (/: |:$| #|[,[\]{}]/.test(s) && /: |:$| #/.test(s)) return true;
  if (/[\n\r]/.test(s)) return true;
  return false;
}

function needsDoubleQuotes(s: string): boolean {
  // Non-ASCII (allow_unicode=False) and non-printable characters need escapes.
  return /[^\x20-\x7e]/.test(s);
}

function doubleQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (cp === 0) out += '\\0';
    else if (cp === 0x85) out += '\\N';
    else if (cp === 0xa0) out += '\\_';
    else if (cp === 0x2028) out += '\\L';
    else if (cp === 0x2029) out += '\\P';
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0x100))
      out += '\\x' + cp.toString(16).toUpperCase().padStart(2, '0');
    else if (cp > 0x7e && cp < 0x10000) out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
    else if (cp >= 0x10000) out += '\\U' + cp.toString(16).toUpperCase().padStart(8, '0');
    else out += ch;
  }
  return out + '"';
}

interface Scalar {
  text: string;
  plain: boolean;
}

/**
 * PyYAML's line folding: a single space after a word becomes a line break (plus
 * the continuation indent) once the column passes 80.
 */
function fold(text: string, startCol: number, contIndent: number): string {
  let out = '';
  let col = startCol;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === ' ' && text[i + 1] !== ' ' && text[i - 1] !== ' ' && i + 1 < text.length && col > 80) {
      out += '\n' + ' '.repeat(contIndent);
      col = contIndent;
      i++;
      continue;
    }
    if (ch === '\n') {
      out += ch;
      col = 0;
    } else {
      out += ch;
      col++;
    }
    i++;
  }
  return out;
}

function singleQuoted(v: string, startCol: number, contIndent: number): string {
  const body = v
    .replaceAll("'", "''")
    .replace(/\n+/g, (m) => '\n'.repeat(m.length + 1) + ' '.repeat(contIndent));
  return fold(`'${body}'`, startCol, contIndent);
}

function scalar(v: unknown, startCol = 0, contIndent = 2): Scalar | undefined {
  if (v === null || v === undefined) return { text: 'null', plain: true };
  if (v === true) return { text: 'true', plain: true };
  if (v === false) return { text: 'false', plain: true };
  if (typeof v === 'bigint') return { text: v.toString(), plain: true };
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { text: '.nan', plain: true };
    if (!Number.isFinite(v)) return { text: v > 0 ? '.inf' : '-.inf', plain: true };
    let t = floatRepr(v).toLowerCase();
    if (!t.includes('.') && t.includes('e')) t = t.replace('e', '.0e');
    return { text: t, plain: true };
  }
  if (typeof v === 'string') {
    if (needsDoubleQuotes(v.replaceAll('\n', ''))) return { text: doubleQuote(v), plain: false };
    if (needsQuotes(v)) return { text: singleQuoted(v, startCol, contIndent), plain: false };
    return { text: fold(v, startCol, contIndent), plain: true };
  }
  return undefined;
}

function sortedEntries(m: Map<unknown, unknown>): [unknown, unknown][] {
  return [...m.entries()].sort((a, b) => {
    if (typeof a[0] === 'string' && typeof b[0] === 'string') return cmpStr(a[0], b[0]);
    return pyCompare(a[0], b[0]);
  });
}

function items(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof PyGenerator) return v.items;
  if (v instanceof LazySeq) return [...v];
  return undefined;
}

function emit(v: unknown, indent: number, out: string[], depth: number): void {
  if (depth > 500) throw new PyError('RecursionError', 'maximum recursion depth exceeded');
  const pad = ' '.repeat(indent);
  const list = items(v);
  if (v instanceof Map) {
    for (const [k, x] of sortedEntries(v)) {
      const ks = scalar(k);
      if (!ks) throw typeError('unhashable key');
      const xs = scalar(x, indent + ks.text.length + 2, indent + 2);
      const xl = items(x);
      if (xs) out.push(`${pad}${ks.text}: ${xs.text}`);
      else if (x instanceof Map && x.size === 0) out.push(`${pad}${ks.text}: {}`);
      else if (xl && xl.length === 0) out.push(`${pad}${ks.text}: []`);
      else if (x instanceof Map) {
        out.push(`${pad}${ks.text}:`);
        emit(x, indent + 2, out, depth + 1);
      } else if (xl) {
        out.push(`${pad}${ks.text}:`);
        emit(xl, indent, out, depth + 1);
      } else throw new PyError('RepresenterError', 'cannot represent an object');
    }
    return;
  }
  if (list) {
    for (const x of list) {
      const xs = scalar(x, indent + 2, indent + 2);
      const xl = items(x);
      if (xs) out.push(`${pad}- ${xs.text}`);
      else if (x instanceof Map && x.size === 0) out.push(`${pad}- {}`);
      else if (xl && xl.length === 0) out.push(`${pad}- []`);
      else {
        const sub: string[] = [];
        emit(x, indent + 2, sub, depth + 1);
        const first = sub[0] ?? '';
        out.push(`${pad}- ${first.slice(indent + 2)}`);
        out.push(...sub.slice(1));
      }
    }
    return;
  }
  if (v instanceof PySet) throw new PyError('RepresenterError', 'cannot represent a set');
  throw new PyError('RepresenterError', 'cannot represent an object');
}

/** `yaml.safe_dump(v, default_flow_style=False)`. */
export function yamlDump(v: unknown): string {
  const s = scalar(v);
  if (s) return s.plain ? `${s.text}\n...\n` : `${s.text}\n`;
  if (v instanceof Map && v.size === 0) return '{}\n';
  const l = items(v);
  if (l && l.length === 0) return '[]\n';
  const out: string[] = [];
  emit(v, 0, out, 0);
  return out.join('\n') + '\n';
}

/** Converts a `yaml` library value into internal values. */
function fromYaml(v: unknown, depth: number): unknown {
  if (depth > 500) throw new PyError('RecursionError', 'maximum recursion depth exceeded');
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return Number.isInteger(v) && !Object.is(v, -0) ? v : v;
  if (typeof v === 'bigint' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((x) => fromYaml(x, depth + 1));
  if (v instanceof Map) {
    const m = new Map<unknown, unknown>();
    for (const [k, x] of v) m.set(fromYaml(k, depth + 1), fromYaml(x, depth + 1));
    return m;
  }
  if (v instanceof Set) return new PySet([...v].map((x) => fromYaml(x, depth + 1)));
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('latin1');
  return String(v);
}

/** PyYAML's YAML 1.1 booleans do not include y/n (the yaml library's 1.1 schema does). */
const PY_BOOL_RE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON|no|No|NO|false|False|FALSE|off|Off|OFF)$/;

function pyyamlTags(tags: Tags): Tags {
  const rest = tags.filter(
    (t) =>
      typeof t === 'string' ||
      (t.tag !== 'tag:yaml.org,2002:bool' && !(t.tag === 'tag:yaml.org,2002:float' && t.format === 'EXP')),
  );
  // PyYAML floats with an exponent need a dot and a signed exponent (`1e3` is a string).
  const expTag: ScalarTag = {
    tag: 'tag:yaml.org,2002:float',
    default: true,
    test: /^[-+]?[0-9][0-9_]*\.[0-9_]*[eE][-+][0-9]+$/,
    resolve: (s: string) => Number(s.replaceAll('_', '')),
  };
  const boolTag: ScalarTag = {
    tag: 'tag:yaml.org,2002:bool',
    default: true,
    test: PY_BOOL_RE,
    resolve: (s: string) => /^(?:yes|true|on)$/i.test(s),
  };
  return [boolTag, expTag, ...rest];
}

/** `yaml.safe_load` (YAML 1.1: `yes` is true); ints become bigint, floats numbers. */
export function yamlLoad(text: string): unknown {
  const doc = parseDocument(text, {
    version: '1.1',
    intAsBigInt: true,
    uniqueKeys: false,
    customTags: pyyamlTags,
  });
  if (doc.errors.length > 0) throw new PyError('YAMLError', doc.errors[0]?.message ?? 'invalid YAML');
  return fromYaml(doc.toJS({ mapAsMap: true, maxAliasCount: 100 }), 0);
}
