/**
 * Jinja2 template lexer: splits text into data / variable / block / comment parts
 * (with trim_blocks, lstrip_blocks and `-` whitespace control) and tokenizes the
 * expressions inside tags. Like Jinja, a tag ends at `}}`/`%}` only outside of
 * brackets, so `{{ {'a': {'b': 1}} }}` works.
 */
import { JinjaSyntaxError } from './errors.js';

export type JTokType = 'name' | 'string' | 'int' | 'float' | 'op' | 'end' | 'eof';

export interface JToken {
  readonly type: JTokType;
  readonly value: string;
  readonly pos: number;
}

export type Part =
  | { readonly kind: 'data'; readonly text: string }
  | { readonly kind: 'var'; readonly tokens: JToken[]; readonly pos: number }
  | { readonly kind: 'block'; readonly tokens: JToken[]; readonly pos: number; readonly raw?: string };

const OPS = [
  '**',
  '//',
  '==',
  '!=',
  '<=',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '~',
  '<',
  '>',
  '=',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  ':',
  '|',
  ';',
];
const NAME_RE = /[\p{L}_][\p{L}\p{N}\p{M}_]*/uy;
const NUM_RE =
  /(?:\d(?:_?\d)*)?\.\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\./y;
const STR_RE = /'((?:[^'\\]|\\[\s\S])*)'|"((?:[^"\\]|\\[\s\S])*)"/y;

const STR_ESC: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

function unescape(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S])/g, (w, e: string) => {
    if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (e === '\n') return '';
    return STR_ESC[e] ?? w;
  });
}

/** Tokenizes from `pos` until the closing delimiter `close` at bracket depth 0. */
function tokenizeTag(
  src: string,
  pos: number,
  close: '}}' | '%}',
): { tokens: JToken[]; end: number; trimAfter: boolean } {
  const tokens: JToken[] = [];
  const stack: string[] = [];
  let i = pos;
  for (;;) {
    while (i < src.length && /\s/.test(src[i] as string)) i++;
    if (i >= src.length) throw new JinjaSyntaxError(`unexpected end of template, expected '${close}'`, i);
    if (stack.length === 0) {
      if (src[i] === '-' && src.startsWith(close, i + 1)) {
        tokens.push({ type: 'eof', value: '', pos: i });
        return { tokens, end: i + 1 + close.length, trimAfter: true };
      }
      if (close === '%}' && src[i] === '+' && src.startsWith(close, i + 1)) {
        tokens.push({ type: 'eof', value: '', pos: i });
        return { tokens, end: i + 3, trimAfter: false };
      }
      if (src.startsWith(close, i)) {
        tokens.push({ type: 'eof', value: '', pos: i });
        return { tokens, end: i + close.length, trimAfter: false };
      }
    }
    let m: RegExpExecArray | null;
    STR_RE.lastIndex = i;
    if ((m = STR_RE.exec(src))) {
      tokens.push({ type: 'string', value: unescape(m[1] ?? m[2] ?? ''), pos: i });
      i += m[0].length;
      continue;
    }
    NUM_RE.lastIndex = i;
    if (/\d/.test(src[i] as string) && (m = NUM_RE.exec(src))) {
      const t = m[0];
      tokens.push({ type: /[.eE]/.test(t) ? 'float' : 'int', value: t.replaceAll('_', ''), pos: i });
      i += t.length;
      continue;
    }
    NAME_RE.lastIndex = i;
    if ((m = NAME_RE.exec(src))) {
      tokens.push({ type: 'name', value: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new JinjaSyntaxError(`unexpected char '${src[i]}' at ${i}`, i);
    if (op === '(' || op === '[' || op === '{') stack.push(op);
    else if (op === ')' || op === ']' || op === '}') {
      const open = stack.pop();
      const want = op === ')' ? '(' : op === ']' ? '[' : '{';
      if (open !== want) throw new JinjaSyntaxError(`unexpected '${op}'`, i);
    }
    tokens.push({ type: 'op', value: op, pos: i });
    i += op.length;
  }
}

/** Splits a template into parts; whitespace control is applied to the data parts. */
export function lexTemplate(src: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  let data = '';
  let trimNextData = false; // `-%}` / `-}}`
  let trimBlockNewline = false; // trim_blocks after `%}`
  const pushData = (text: string): void => {
    let t = text;
    if (trimNextData) t = t.replace(/^\s+/, '');
    else if (trimBlockNewline) t = t.replace(/^\r?\n/, '');
    trimNextData = false;
    trimBlockNewline = false;
    data += t;
  };
  const flush = (): void => {
    if (data) parts.push({ kind: 'data', text: data });
    data = '';
  };
  while (i < src.length) {
    const j = src.slice(i).search(/\{[{%#]/);
    if (j < 0) {
      pushData(src.slice(i));
      break;
    }
    const start = i + j;
    const kind = src[start + 1];
    const minus = src[start + 2] === '-';
    const plus = src[start + 2] === '+';
    let before = src.slice(i, start);
    // Leading-whitespace control of the following tag.
    if (minus) before = before.replace(/\s+$/, '');
    else if ((kind === '%' || kind === '#') && !plus) {
      // lstrip_blocks: drop spaces/tabs between the line start and the tag.
      const lineStart = src.lastIndexOf('\n', start - 1) + 1;
      if (lineStart >= i && /^[ \t]*$/.test(src.slice(lineStart, start)))
        before = before.slice(0, lineStart - i);
    }
    pushData(before);
    const bodyStart = start + 2 + (minus || plus ? 1 : 0);
    if (kind === '#') {
      const end = src.indexOf('#}', bodyStart);
      if (end < 0) throw new JinjaSyntaxError('missing end of comment tag', start);
      trimNextData = src[end - 1] === '-';
      trimBlockNewline = !trimNextData;
      i = end + 2;
      continue;
    }
    flush();
    const close = kind === '{' ? '}}' : '%}';
    const r = tokenizeTag(src, bodyStart, close);
    if (kind === '{') {
      parts.push({ kind: 'var', tokens: r.tokens, pos: start });
      trimNextData = r.trimAfter;
      i = r.end;
      continue;
    }
    const first = r.tokens[0];
    if (first?.type === 'name' && first.value === 'raw') {
      // Raw block: everything up to {% endraw %} is literal text.
      const endRe = /\{%(-?)\s*endraw\s*(-?)%\}/g;
      endRe.lastIndex = r.end;
      const em = endRe.exec(src);
      if (!em) throw new JinjaSyntaxError('missing endraw', start);
      let rawText = src.slice(r.end, em.index);
      if (r.trimAfter) rawText = rawText.replace(/^\s+/, '');
      else rawText = rawText.replace(/^\r?\n/, '');
      if (em[1] === '-') rawText = rawText.replace(/\s+$/, '');
      else rawText = rawText.replace(/(^|\n)[ \t]*$/, '$1');
      parts.push({ kind: 'data', text: rawText });
      trimNextData = em[2] === '-';
      trimBlockNewline = !trimNextData;
      i = em.index + em[0].length;
      continue;
    }
    parts.push({ kind: 'block', tokens: r.tokens, pos: start });
    trimNextData = r.trimAfter;
    trimBlockNewline = !r.trimAfter;
    i = r.end;
  }
  flush();
  return parts;
}

/** Tokenizes a bare expression (compile_expression). */
export function lexExpression(src: string): JToken[] {
  const r = tokenizeTag(src + ' }}', 0, '}}');
  if (r.end !== src.length + 3) throw new JinjaSyntaxError("unexpected '}}'", r.end);
  return r.tokens;
}
