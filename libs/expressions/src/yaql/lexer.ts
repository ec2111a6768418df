/** YAQL tokenizer, following yaql's PLY lexer rules (first matching rule wins). */
import { YaqlSyntaxError } from './errors.js';

export type TokenType =
  'DOLLAR' | 'NUMBER' | 'FUNC' | 'KEYWORD' | 'STRING' | 'OP' | 'TRUE' | 'FALSE' | 'NULL' | 'EOF';

export interface Token {
  readonly type: TokenType;
  /** Decoded value: variable name, number text, string contents, operator text. */
  readonly value: string;
  readonly pos: number;
  /** NUMBER only: written with a decimal point. */
  readonly isFloat?: boolean;
}

const WORD = '[\\p{L}\\p{N}\\p{M}\\p{Pc}]';
const WORD_START = '[\\p{L}\\p{M}\\p{Pc}]'; // [^\W\d]
const RE_DOLLAR = new RegExp(`\\$${WORD}*`, 'uy');
const RE_NUMBER = new RegExp(`\\d+(?:\\.?\\d+)?(?!${WORD})`, 'uy');
const RE_FUNC = new RegExp(`${WORD_START}${WORD}*\\(`, 'uy');
const RE_KEYWORD = new RegExp(`(?!__)${WORD_START}${WORD}*(?!${WORD})`, 'uy');
const RE_SQ = /'((?:[^'\\]|\\[\s\S])*)'/y;
const RE_DQ = /"((?:[^"\\]|\\[\s\S])*)"/y;
const RE_BQ = /`((?:[^`\\]|\\[\s\S])*)`/y;
const RE_WORD_CHAR = new RegExp(WORD, 'u');

// Longest operators first, like PLY orders string rules.
const OPERATORS = [
  '=>',
  '?.',
  '=~',
  '!~',
  '>=',
  '<=',
  '!=',
  '->',
  '.',
  '+',
  '-',
  '*',
  '/',
  '>',
  '<',
  '=',
  '[',
  '{',
  '(',
  ')',
  ']',
  ',',
  '}',
];
const WORD_OPERATORS = new Set(['mod', 'in', 'not', 'and', 'or']);

const ESCAPE_RE = /\\(U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}|N\{[^}]+\}|[\\'"abfnrtv])/g;
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Python unicode-escape decoding of the escapes yaql recognises; others stay verbatim. */
export function decodeEscapes(s: string): string {
  return s.replace(ESCAPE_RE, (whole, body: string) => {
    const c = body[0] ?? '';
    if (c === 'U' || c === 'u' || c === 'x') {
      const cp = parseInt(body.slice(1), 16);
      if (cp > 0x10ffff) throw new YaqlSyntaxError(`invalid escape ${whole}`, 0, 'YaqlLexicalException');
      return String.fromCodePoint(cp);
    }
    if (c === 'N') throw new YaqlSyntaxError(`unsupported escape ${whole}`, 0, 'YaqlLexicalException');
    if (c >= '0' && c <= '7') return String.fromCodePoint(parseInt(body, 8));
    return SIMPLE_ESCAPES[c] ?? whole;
  });
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && RE_WORD_CHAR.test(ch);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const tryRe = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = pos;
    return re.exec(text);
  };
  while (pos < text.length) {
    const ch = text[pos] ?? '';
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      pos++;
      continue;
    }
    // `\b` before numbers/identifiers: the previous char must not be a word char.
    const atBoundary = !isWordChar(text[pos - 1]);
    let m: RegExpExecArray | null;
    if ((m = tryRe(RE_DOLLAR))) {
      tokens.push({ type: 'DOLLAR', value: m[0].slice(1), pos });
      pos += m[0].length;
      continue;
    }
    if (atBoundary && (m = tryRe(RE_NUMBER))) {
      tokens.push({ type: 'NUMBER', value: m[0], pos, isFloat: m[0].includes('.') });
      pos += m[0].length;
      continue;
    }
    if (atBoundary && (m = tryRe(RE_FUNC))) {
      tokens.push({ type: 'FUNC', value: m[0].slice(0, -1), pos });
      pos += m[0].length;
      continue;
    }
    if (atBoundary && (m = tryRe(RE_KEYWORD))) {
      const word = m[0];
      const type: TokenType = WORD_OPERATORS.has(word)
        ? 'OP'
        : word === 'true'
          ? 'TRUE'
          : word === 'false'
            ? 'FALSE'
            : word === 'null'
              ? 'NULL'
              : 'KEYWORD';
      tokens.push({ type, value: word, pos });
      pos += word.length;
      continue;
    }
    if ((m = tryRe(RE_SQ)) || (m = tryRe(RE_DQ))) {
      tokens.push({ type: 'STRING', value: decodeEscapes(m[1] ?? ''), pos });
      pos += m[0].length;
      continue;
    }
    if ((m = tryRe(RE_BQ))) {
      tokens.push({ type: 'STRING', value: (m[1] ?? '').replaceAll('\\`', '`'), pos });
      pos += m[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, pos));
    if (op) {
      tokens.push({ type: 'OP', value: op, pos });
      pos += op.length;
      continue;
    }
    throw new YaqlSyntaxError(
      `Lexical error: illegal character '${ch}' at position ${pos}`,
      pos,
      'YaqlLexicalException',
    );
  }
  tokens.push({ type: 'EOF', value: '', pos });
  return tokens;
}
